"""The shipped reference lists as rows: every group and organisation once, reviewed, with its
spellings as aliases, parents linked; syncing again writes nothing and never undoes a merge."""

from __future__ import annotations

import psycopg

from loader.resolve import (
    find_by_spellings,
    organisation_kind,
    reference_groups,
    reference_organisations,
    sync_reference_lists,
)


def test_the_reference_lists_parse_with_parents_first() -> None:
    groups = reference_groups()
    names = [g.name for g in groups]
    assert len(names) == len(set(names)) >= 12
    for position, group in enumerate(groups):
        if group.parent:
            assert names.index(group.parent) < position, group.name
    isk = next(g for g in groups if g.name == "Islamic State Khorasan")
    assert isk.parent == "Islamic State" and "ISKP" in isk.aliases
    kinds = {o.organisation_kind for o in reference_organisations()}
    assert {"media", "intergovernmental", "ministry"} <= kinds
    assert organisation_kind("igo") == "intergovernmental"
    assert organisation_kind("party") == "political_party"
    assert organisation_kind("something new") == "other"


def test_sync_creates_reviewed_rows_with_aliases_once(pg: psycopg.Connection, run_id: int) -> None:
    first = sync_reference_lists(pg, load_run_id=run_id, extractor_version="test")
    assert first.groups == len(reference_groups())
    assert first.organisations == len(reference_organisations())
    assert first.group_aliases > first.groups
    second = sync_reference_lists(pg, load_run_id=run_id, extractor_version="test")
    assert (second.groups, second.group_aliases, second.organisations, second.organisation_aliases) == (
        0,
        0,
        0,
        0,
    )

    spellings = ["IS-K", "ISKP", "Islamic State – Khorasan Province", "is k", "Daesh Khorasan", "ISIS-K"]
    found = find_by_spellings(pg, "groups", spellings)
    assert set(found) == set(spellings) and len(set(found.values())) == 1
    row = pg.execute(
        "SELECT g.name, g.reviewed, p.name FROM groups g JOIN groups p ON p.id = g.parent_id WHERE g.id = %s",
        (found["IS-K"],),
    ).fetchone()
    assert row == ("Islamic State Khorasan", True, "Islamic State")
    origins = pg.execute("SELECT DISTINCT origin FROM group_aliases").fetchall()
    assert origins == [("reference",)]
    state = find_by_spellings(pg, "organisations", ["U.S. State Department", "Department of State"])
    assert len(set(state.values())) == 1
    assert find_by_spellings(pg, "groups", ["Nobody's Liberation Front"]) == {}


def test_sync_does_not_recreate_a_group_merged_away(pg: psycopg.Connection, run_id: int) -> None:
    sync_reference_lists(pg, load_run_id=run_id, extractor_version="test")
    found = find_by_spellings(pg, "groups", ["Hizbul Ahrar", "Jamaat-ul-Ahrar"])
    merged, into = found["Hizbul Ahrar"], found["Jamaat-ul-Ahrar"]
    # What a merge correction leaves: the merged group's spellings name the other one, the row is gone.
    pg.execute("UPDATE group_aliases SET group_id = %s WHERE group_id = %s", (into, merged))
    pg.execute("UPDATE groups SET parent_id = NULL WHERE parent_id = %s", (merged,))
    pg.execute("DELETE FROM groups WHERE id = %s", (merged,))
    again = sync_reference_lists(pg, load_run_id=run_id, extractor_version="test")
    assert again.groups == 0
    assert find_by_spellings(pg, "groups", ["Hizbul Ahrar"]) == {"Hizbul Ahrar": into}
