"""Resolving extracted names to rows: one row however a group is spelled; unknown names become
unreviewed rows; look-up-only names are never created; people are found by name."""

from __future__ import annotations

import psycopg

from loader.resolve import ActorName, EntityResolver, sync_reference_lists


def resolve(
    pg: psycopg.Connection, run_id: int, *names: ActorName, resolver: EntityResolver | None = None
) -> dict:
    return (resolver or EntityResolver()).resolve(pg, names, load_run_id=run_id, extractor_version="test")


def test_spellings_of_a_known_group_are_one_row(pg: psycopg.Connection, run_id: int) -> None:
    sync_reference_lists(pg, load_run_id=run_id, extractor_version="test")
    ids = resolve(
        pg,
        run_id,
        ActorName("groups", "Islamic State Khorasan", known=True),
        ActorName("groups", "IS–K"),  # an en dash
        ActorName("groups", "isis k"),
        ActorName("groups", "Wilayat Khorasan"),
    )
    assert len(set(ids.values())) == 1
    assert pg.execute(
        "SELECT count(*) FROM groups WHERE load_run_id = %s AND NOT reviewed", (run_id,)
    ).fetchone() == (0,)


def test_an_unknown_name_becomes_an_unreviewed_row_found_again_by_any_spelling(
    pg: psycopg.Connection, run_id: int
) -> None:
    resolver = EntityResolver()
    first = resolve(
        pg, run_id, ActorName("groups", "Lashkar-e-Khorasan Front", parent=None), resolver=resolver
    )
    group_id = first[("groups", "Lashkar-e-Khorasan Front")]
    row = pg.execute("SELECT name, reviewed, load_run_id FROM groups WHERE id = %s", (group_id,)).fetchone()
    assert row == ("Lashkar-e-Khorasan Front", False, run_id)
    alias = pg.execute("SELECT alias, origin FROM group_aliases WHERE group_id = %s", (group_id,)).fetchall()
    assert alias == [("Lashkar-e-Khorasan Front", "extracted")]
    # Another resolver (another run): case and punctuation do not make another group.
    again = resolve(pg, run_id, ActorName("groups", "LASHKAR E KHORASAN FRONT"))
    assert list(again.values()) == [group_id]
    assert resolver.created["groups"] == 1


def test_a_new_group_gets_its_parent_and_organisations_their_kind(
    pg: psycopg.Connection, run_id: int
) -> None:
    ids = resolve(
        pg,
        run_id,
        ActorName("groups", "Northern Wing of the Front", parent="Southern Front"),
        ActorName("organisations", "Ministry of Examples", organisation_kind="ministry"),
    )
    row = pg.execute(
        "SELECT p.name, p.reviewed FROM groups g JOIN groups p ON p.id = g.parent_id WHERE g.id = %s",
        (ids[("groups", "Northern Wing of the Front")],),
    ).fetchone()
    assert row == ("Southern Front", False)
    kind = pg.execute(
        "SELECT kind FROM organisations WHERE id = %s", (ids[("organisations", "Ministry of Examples")],)
    ).fetchone()
    assert kind == ("ministry",)


def test_look_up_only_names_are_not_created(pg: psycopg.Connection, run_id: int) -> None:
    ids = resolve(pg, run_id, ActorName("organisations", "the report", create=False))
    assert ids == {}
    assert pg.execute("SELECT count(*) FROM organisations WHERE name = 'the report'").fetchone() == (0,)


def test_people_resolve_by_name_and_new_ones_are_unreviewed(pg: psycopg.Connection, run_id: int) -> None:
    first = resolve(pg, run_id, ActorName("people", "Zarina Baloch"))
    second = resolve(pg, run_id, ActorName("people", "zarina  baloch"))
    assert list(first.values()) == list(second.values())
    assert pg.execute(
        "SELECT count(*), bool_or(reviewed) FROM people WHERE name_normalized = 'zarina baloch'"
    ).fetchone() == (1, False)
