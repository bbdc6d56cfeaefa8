"""The shipped reference lists (loader/data/groups.json, organisations.json) as database rows.

`sync_reference_lists` makes sure every reference group and organisation has a row (reviewed) and
every spelling an alias, without undoing what people changed: a reference entry is looked up by all
its spellings first, so a group merged into another by a correction (its names now aliases of the
other) is not created again, and existing rows are never updated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import psycopg

from schema.vocabulary import ORGANISATION_KINDS

ActorTable = Literal["groups", "organisations"]

# The organisation lists' subtype words that are spelled differently in the schema's vocabulary.
_ORGANISATION_KIND_SPELLINGS = {"igo": "intergovernmental", "party": "political_party"}

# One lock for the whole sync: concurrent loaders would otherwise race to create the same rows.
_SYNC_LOCK_KEY = "eventsdb:reference-lists"


@dataclass(frozen=True)
class ReferenceEntry:
    """One group or organisation of the shipped lists."""

    name: str
    aliases: tuple[str, ...]
    parent: str | None = None
    country: str | None = None
    organisation_kind: str | None = None

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def organisation_kind(subtype: str | None) -> str:
    """The schema's organisation kind for a reference-list subtype ('igo' -> 'intergovernmental')."""
    kind = _ORGANISATION_KIND_SPELLINGS.get(subtype or "", subtype or "other")
    return kind if kind in ORGANISATION_KINDS else "other"


def _load(filename: str, key: str) -> list[dict[str, object]]:
    text = (resources.files("loader") / "data" / filename).read_text(encoding="utf-8")
    entries: list[dict[str, object]] = json.loads(text)[key]
    return entries


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _optional(value: object) -> str | None:
    return str(value) if value else None


@cache
def reference_groups() -> tuple[ReferenceEntry, ...]:
    """The reference groups, parents before their branches."""
    entries = [
        ReferenceEntry(
            name=str(entry["name"]),
            aliases=_strings(entry.get("aliases")),
            parent=_optional(entry.get("parent")),
            country=_optional(entry.get("country")),
        )
        for entry in _load("groups.json", "groups")
    ]
    return tuple(_parents_first(entries))


@cache
def reference_organisations() -> tuple[ReferenceEntry, ...]:
    return tuple(
        ReferenceEntry(
            name=str(entry["name"]),
            aliases=_strings(entry.get("aliases")),
            country=_optional(entry.get("country")),
            organisation_kind=organisation_kind(_optional(entry.get("subtype"))),
        )
        for entry in _load("organisations.json", "organisations")
    )


def _parents_first(entries: list[ReferenceEntry]) -> list[ReferenceEntry]:
    by_name = {entry.name: entry for entry in entries}
    ordered: list[ReferenceEntry] = []
    placed: set[str] = set()

    def place(entry: ReferenceEntry, seen: frozenset[str]) -> None:
        if entry.name in placed:
            return
        parent = by_name.get(entry.parent or "")
        if parent is not None and parent.name not in seen:
            place(parent, seen | {entry.name})
        placed.add(entry.name)
        ordered.append(entry)

    for entry in entries:
        place(entry, frozenset())
    return ordered


@dataclass(frozen=True)
class SyncCounts:
    groups: int = 0
    group_aliases: int = 0
    organisations: int = 0
    organisation_aliases: int = 0


def _alias_table(table: ActorTable) -> tuple[str, str]:
    return ("group_aliases", "group_id") if table == "groups" else ("organisation_aliases", "organisation_id")


def find_by_spellings(conn: psycopg.Connection, table: ActorTable, spellings: list[str]) -> dict[str, int]:
    """{spelling: row id} for the spellings that name a row, through the alias table or, failing
    that, the canonical name (both compared by normalize_name())."""
    if not spellings:
        return {}
    alias_table, id_column = _alias_table(table)
    rows = conn.execute(
        f"""
        SELECT s.spelling, coalesce(a.{id_column}, t.id)
        FROM unnest(%s::text[]) AS s(spelling)
        LEFT JOIN {alias_table} a ON a.alias_normalized = normalize_name(s.spelling)
        LEFT JOIN {table} t ON a.{id_column} IS NULL AND t.name_normalized = normalize_name(s.spelling)
        WHERE coalesce(a.{id_column}, t.id) IS NOT NULL
        """,
        (spellings,),
    ).fetchall()
    return {spelling: row_id for spelling, row_id in rows}


def sync_reference_lists(conn: psycopg.Connection, *, load_run_id: int, extractor_version: str) -> SyncCounts:
    """Create the reference rows and aliases that are missing, in the caller's transaction. Cheap when
    nothing is missing (one look-up per table), and then it writes nothing."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (_SYNC_LOCK_KEY,))
    groups, group_aliases = _sync(conn, "groups", reference_groups(), load_run_id, extractor_version)
    organisations, organisation_aliases = _sync(
        conn, "organisations", reference_organisations(), load_run_id, extractor_version
    )
    return SyncCounts(groups, group_aliases, organisations, organisation_aliases)


def _sync(
    conn: psycopg.Connection,
    table: ActorTable,
    entries: tuple[ReferenceEntry, ...],
    load_run_id: int,
    extractor_version: str,
) -> tuple[int, int]:
    alias_table, id_column = _alias_table(table)
    spellings = sorted({spelling for entry in entries for spelling in entry.spellings})
    known = find_by_spellings(conn, table, spellings)
    if len(known) == len(spellings) and _aliases_complete(conn, alias_table, spellings):
        return 0, 0
    created_rows = 0
    ids: dict[str, int] = {}
    for entry in entries:
        row_id = next((known[s] for s in entry.spellings if s in known), None)
        if row_id is None:
            row_id = _create(conn, table, entry, ids, load_run_id, extractor_version)
            created_rows += 1
        ids[entry.name] = row_id
    alias_rows = [
        (ids[entry.name], spelling, load_run_id, extractor_version)
        for entry in entries
        for spelling in entry.spellings
    ]
    with conn.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {alias_table} ({id_column}, alias, origin, load_run_id, extractor_version)
            SELECT r.id, r.alias, 'reference', r.run, r.version
            FROM unnest(%s::bigint[], %s::text[], %s::bigint[], %s::text[]) AS r(id, alias, run, version)
            ON CONFLICT (alias_normalized) DO NOTHING
            """,
            tuple(list(column) for column in zip(*alias_rows, strict=True)),
        )
        return created_rows, cursor.rowcount


def _aliases_complete(conn: psycopg.Connection, alias_table: str, spellings: list[str]) -> bool:
    """True when every spelling is an alias (not only a canonical name)."""
    missing = conn.execute(
        f"""
        SELECT count(*) FROM unnest(%s::text[]) AS s(spelling)
        WHERE NOT EXISTS (SELECT 1 FROM {alias_table} a WHERE a.alias_normalized = normalize_name(s.spelling))
        """,
        (spellings,),
    ).fetchone()
    return missing is not None and missing[0] == 0


def _create(
    conn: psycopg.Connection,
    table: ActorTable,
    entry: ReferenceEntry,
    ids: dict[str, int],
    load_run_id: int,
    extractor_version: str,
) -> int:
    if table == "groups":
        columns = "name, parent_id, reviewed, load_run_id, extractor_version"
        values: tuple[object, ...] = (
            entry.name,
            ids.get(entry.parent or ""),
            True,
            load_run_id,
            extractor_version,
        )
    else:
        columns = "name, kind, country, reviewed, load_run_id, extractor_version"
        values = (
            entry.name,
            entry.organisation_kind or "other",
            entry.country,
            True,
            load_run_id,
            extractor_version,
        )
    placeholders = ", ".join(["%s"] * len(values))
    row = conn.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
        "ON CONFLICT (name_normalized) DO NOTHING RETURNING id",
        values,
    ).fetchone()
    if row is None:  # a loader created the row under this name meanwhile: adopt it
        row = conn.execute(
            f"SELECT id FROM {table} WHERE name_normalized = normalize_name(%s)", (entry.name,)
        ).fetchone()
    assert row is not None
    return int(row[0])
