"""Human corrections at the library level: recorded with who and why, applied at once, re-applied
after reloads (found again by key when ids change), refused with a reason when they cannot be."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from loader.resolve import EntityResolver, find_by_spellings, sync_reference_lists
from loader.store import corrections
from loader.store.corrections import CorrectionError
from tests.store.helpers import new_run, one, report, rows, write

TEXT = (
    "BANNU: Militants attacked a police station in Bannu on Monday, killing four policemen, officials said. "
    "The Hafiz Gul Bahadur group claimed responsibility."
)
NEW_TEXT = (
    "BANNU: Militants stormed a police station in Bannu on Monday and killed five policemen, officials said. "
    "The Hafiz Gul Bahadur group claimed responsibility."
)
URL = "https://news.example.org/bannu"


def bannu(
    text: str = TEXT, quote: str = "Militants attacked a police station in Bannu on Monday", **fields: Any
):
    values: dict[str, Any] = {
        "quote": quote,
        "date_start": "2022-03-07",
        "date_end": "2022-03-07",
        "date_precision": "day",
        "country": "PK",
        "city": "Bannu",
        "attack_type": "armed_assault",
        "killed_low": 4,
        "killed_high": 4,
        "perpetrator": "Hafiz Gul Bahadur group",
        "attribution": "claimed",
        "claims": [0],
    }
    values.update(fields)
    claim = {
        "quote": "The Hafiz Gul Bahadur group claimed responsibility.",
        "claimant": "Hafiz Gul Bahadur group",
        "claimant_kind": "group",
        "kind": "responsibility",
    }
    return report(text, [values], [claim], url=URL, groups=["Hafiz Gul Bahadur group"])


def load(pg: psycopg.Connection, written: Any) -> int:
    _, counts = write(pg, new_run(pg), written, resolver=EntityResolver())
    assert counts is not None
    return counts.incident_ids[0]


def test_a_field_correction_is_recorded_applied_and_survives_a_reload(pg: psycopg.Connection) -> None:
    incident_id = load(pg, bannu())
    ids = corrections.correct_incident(
        pg,
        incident_id,
        {"target_type": "police", "killed_low": "6", "killed_high": "6"},
        author="R",
        reason="FIR",
    )
    assert one(
        pg, "SELECT target_type, killed_low, killed_high FROM incidents WHERE id = %s", incident_id
    ) == (
        "police",
        6,
        6,
    )
    log = rows(
        pg, "SELECT field, old_value, new_value, author, reason, last_outcome FROM corrections ORDER BY id"
    )
    assert log == [
        ("target_type", None, "police", "R", "FIR", "applied"),
        ("killed_low", 4, 6, "R", "FIR", "applied"),
        ("killed_high", 4, 6, "R", "FIR", "applied"),
    ]
    assert len(ids) == 3
    # The article is updated (5 killed): the reload rewrites the incident, the corrections come back.
    new = bannu(
        NEW_TEXT, "Militants stormed a police station in Bannu on Monday", killed_low=5, killed_high=5
    )
    assert load(pg, new) == incident_id
    assert one(
        pg, "SELECT target_type, killed_low, killed_high FROM incidents WHERE id = %s", incident_id
    ) == (
        "police",
        6,
        6,
    )


def test_corrections_find_an_incident_recreated_with_a_new_id(pg: psycopg.Connection) -> None:
    incident_id = load(pg, bannu())
    corrections.correct_incident(pg, incident_id, {"city": "Bannu Cantonment"}, author="R", reason="map")
    # Someone deleted the row by hand; a reload re-creates it under a new id, found again by key.
    pg.execute("DELETE FROM incidents WHERE id = %s", (incident_id,))
    pg.execute("DELETE FROM sources WHERE url = %s", (URL,))
    recreated = load(pg, bannu())
    assert recreated != incident_id
    assert one(pg, "SELECT city FROM incidents WHERE id = %s", recreated) == "Bannu Cantonment"


def test_a_deleted_incident_stays_deleted_after_a_reload(pg: psycopg.Connection) -> None:
    incident_id = load(pg, bannu())
    corrections.delete_incident(pg, incident_id, author="R", reason="a drill, not an attack")
    assert one(pg, "SELECT count(*) FROM incidents") == 0
    new = bannu(
        NEW_TEXT, "Militants stormed a police station in Bannu on Monday", killed_low=5, killed_high=5
    )
    load(pg, new)
    assert one(pg, "SELECT count(*) FROM incidents") == 0
    assert one(pg, "SELECT last_outcome FROM corrections") == "applied"


def test_impossible_corrections_are_refused_with_a_reason(pg: psycopg.Connection) -> None:
    incident_id = load(pg, bannu())
    with pytest.raises(CorrectionError, match="violates check constraint"), pg.transaction():
        corrections.correct_incident(pg, incident_id, {"killed_low": "9"}, author="R", reason="x")
    with pytest.raises(CorrectionError, match="incidents have no correctable field colour"):
        corrections.correct_incident(pg, incident_id, {"colour": "red"}, author="R", reason="x")
    with pytest.raises(CorrectionError, match="killed_low: 'many' is not a valid integer"):
        corrections.correct_incident(pg, incident_id, {"killed_low": "many"}, author="R", reason="x")
    with pytest.raises(CorrectionError, match=r"say why \(--why TEXT\)"):
        corrections.correct_incident(pg, incident_id, {"killed_low": "4"}, author="R", reason=" ")
    assert one(pg, "SELECT count(*) FROM corrections") == 0
    assert one(pg, "SELECT killed_low FROM incidents") == 4


def test_a_correction_whose_incident_is_gone_is_reported_as_target_missing(pg: psycopg.Connection) -> None:
    incident_id = load(pg, bannu())
    corrections.correct_incident(pg, incident_id, {"killed_low": "3"}, author="R", reason="x")
    other = report(
        "BANNU: An earlier report of an attack was wrong, officials said. A bomb killed two people in Kohat on Monday.",
        [{"quote": "A bomb killed two people in Kohat on Monday", "city": "Kohat", "country": "PK"}],
        url=URL,
    )
    load(pg, other)
    outcome = corrections.reapply_all(pg)
    assert [c.last_outcome for c in outcome.not_applicable] == ["target_missing"]


def test_merging_groups_moves_everything_and_later_loads_resolve_the_old_name(pg: psycopg.Connection) -> None:
    run_id = new_run(pg)
    sync_reference_lists(pg, load_run_id=run_id, extractor_version="test")
    load(pg, bannu())
    unknown = one(pg, "SELECT id FROM groups WHERE name = 'Hafiz Gul Bahadur group'")
    assert one(pg, "SELECT reviewed FROM groups WHERE id = %s", unknown) is False
    corrections.merge_actors(
        pg, "Hafiz Gul Bahadur group", "Tehrik-i-Taliban Pakistan", author="R", reason="a TTP faction"
    )
    ttp = find_by_spellings(pg, "groups", ["TTP"])["TTP"]
    assert one(pg, "SELECT count(*) FROM groups WHERE id = %s", unknown) == 0
    assert rows(pg, "SELECT DISTINCT group_id FROM incident_perpetrators") == [(ttp,)]
    assert rows(pg, "SELECT DISTINCT claimant_group_id FROM claims WHERE claimant_kind = 'group'") == [(ttp,)]
    assert find_by_spellings(pg, "groups", ["Hafiz Gul Bahadur group"]) == {"Hafiz Gul Bahadur group": ttp}
    # The same name in a new report resolves to the group that stays; no unreviewed row comes back.
    load(
        pg,
        bannu(NEW_TEXT, "Militants stormed a police station in Bannu on Monday", killed_low=5, killed_high=5),
    )
    assert one(pg, "SELECT count(*) FROM groups WHERE NOT reviewed") == 0
    assert corrections.reapply_all(pg).rows_changed == 0
    with pytest.raises(CorrectionError, match="already the same row"):
        corrections.merge_actors(pg, "TTP", "Tehrik-i-Taliban Pakistan", author="R", reason="x")


def test_aliases_and_group_fields(pg: psycopg.Connection) -> None:
    run_id = new_run(pg)
    sync_reference_lists(pg, load_run_id=run_id, extractor_version="test")
    corrections.add_alias(
        pg, "Lashkar-e-Jhangvi", "LeJ al-Alami", author="R", reason="its global wing's name"
    )
    found = find_by_spellings(pg, "groups", ["lej al alami", "Lashkar-e-Jhangvi"])
    assert len(set(found.values())) == 1
    with pytest.raises(CorrectionError, match="already names 'Islamic State Khorasan'"):
        corrections.add_alias(pg, "Lashkar-e-Jhangvi", "ISKP", author="R", reason="x")
    corrections.correct_group(
        pg,
        "LeJ al-Alami",
        {"parent": "al-Qaeda", "description": "sectarian group"},
        author="R",
        reason="sources",
    )
    row = one(
        pg,
        "SELECT p.name, g.description FROM groups g JOIN groups p ON p.id = g.parent_id WHERE g.name = 'Lashkar-e-Jhangvi'",
    )
    assert row == ("al-Qaeda", "sectarian group")
    with pytest.raises(CorrectionError, match="no group 'Nobody'"):
        corrections.add_alias(pg, "Nobody", "Nemo", author="R", reason="x")


def test_corrections_export_and_import_round_trip(pg: psycopg.Connection, tmp_path: Any) -> None:
    incident_id = load(pg, bannu())
    corrections.correct_incident(pg, incident_id, {"killed_low": "3"}, author="R", reason="x")
    path = tmp_path / "corrections.jsonl"
    assert corrections.export_corrections(pg, path) == 1
    assert corrections.import_corrections(pg, path) == (0, 1)  # already there
    pg.execute("DELETE FROM corrections")
    pg.execute("UPDATE incidents SET killed_low = 4")
    assert corrections.import_corrections(pg, path) == (1, 1)
    assert one(pg, "SELECT killed_low FROM incidents") == 3
    assert one(pg, "SELECT target_id FROM corrections") is None  # found by its key in another database
