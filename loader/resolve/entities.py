"""Entity resolution: names of groups, organisations and people -> their canonical rows.

A group or organisation name resolves through its alias table (`normalize_name()` folds case,
accents and punctuation, so 'IS-K', 'IS–K' and 'is k' are one alias and one row), then through the
canonical names. A name that resolves to nothing becomes a new row, marked unreviewed
(`reviewed = false`) unless the extractor found it in the shipped reference list, with the name as
its first alias (origin 'extracted'). People have no alias table and names are not unique: a name
resolves to the oldest person of that normalized name, else a new unreviewed row.

Concurrent loaders are safe: groups and organisations are created with INSERT ... ON CONFLICT on
their unique normalized names; people under a transaction-level advisory lock on the name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import psycopg

from loader.resolve.reference import find_by_spellings

ActorKind = Literal["groups", "organisations", "people"]
ActorKey = tuple[ActorKind, str]


@dataclass(frozen=True)
class ActorName:
    """A name to resolve, with what the extraction knows about it (used only if a row is created)."""

    kind: ActorKind
    name: str
    parent: str | None = None
    organisation_kind: str = "other"
    known: bool = False
    create: bool = True
    """False: only look the name up (a claimant the extraction did not list as an actor)."""

    @property
    def key(self) -> ActorKey:
        return (self.kind, self.name)


class EntityResolver:
    """Resolves names to row ids in the caller's transaction, creating rows for unknown names.

    Answers are cached for the resolver's life (one load run): a row found once is not looked up
    again. `forget()` empties the cache, e.g. after a transaction that created rows was rolled back
    or when a correction merged rows away meanwhile.
    """

    def __init__(self) -> None:
        self._cache: dict[ActorKey, int] = {}
        self.created: dict[ActorKind, int] = {"groups": 0, "organisations": 0, "people": 0}

    def forget(self) -> None:
        self._cache.clear()

    def resolve(
        self,
        conn: psycopg.Connection,
        names: Iterable[ActorName],
        *,
        load_run_id: int,
        extractor_version: str,
    ) -> dict[ActorKey, int]:
        """{(kind, name): id} for every name given (creating rows as needed)."""
        wanted: dict[ActorKey, ActorName] = {}
        for actor in names:
            if not actor.name.strip():
                continue
            earlier = wanted.get(actor.key)
            if earlier is None or (actor.create and not earlier.create):
                wanted[actor.key] = actor
        # A new group's parent must exist first: resolve parents as names too.
        parents = [
            ActorName("groups", actor.parent)
            for actor in wanted.values()
            if actor.kind == "groups" and actor.parent and ("groups", actor.parent) not in wanted
        ]
        if parents:
            self.resolve(conn, parents, load_run_id=load_run_id, extractor_version=extractor_version)
        missing = [actor for key, actor in wanted.items() if key not in self._cache]
        for kind in ("groups", "organisations", "people"):
            of_kind = sorted((a for a in missing if a.kind == kind), key=lambda a: a.name)
            if not of_kind:
                continue
            found = self._look_up(conn, kind, [a.name for a in of_kind])
            for actor in of_kind:
                row_id = found.get(actor.name)
                if row_id is None:
                    if not actor.create:
                        continue
                    row_id = self._create(conn, actor, load_run_id, extractor_version)
                    self.created[kind] += 1
                self._cache[actor.key] = row_id
        return {key: self._cache[key] for key in wanted if key in self._cache}

    def _look_up(self, conn: psycopg.Connection, kind: ActorKind, names: list[str]) -> dict[str, int]:
        if kind != "people":
            return find_by_spellings(conn, kind, names)
        rows = conn.execute(
            """
            SELECT DISTINCT ON (n.name) n.name, p.id
            FROM unnest(%s::text[]) AS n(name)
            JOIN people p ON p.name_normalized = normalize_name(n.name)
            ORDER BY n.name, p.reviewed DESC, p.id
            """,
            (names,),
        ).fetchall()
        return {name: row_id for name, row_id in rows}

    def _create(
        self, conn: psycopg.Connection, actor: ActorName, load_run_id: int, extractor_version: str
    ) -> int:
        if actor.kind == "people":
            return self._create_person(conn, actor, load_run_id, extractor_version)
        if actor.kind == "groups":
            parent_id = self._cache.get(("groups", actor.parent)) if actor.parent else None
            row = conn.execute(
                """
                INSERT INTO groups (name, parent_id, reviewed, load_run_id, extractor_version)
                VALUES (%s, %s, %s, %s, %s)
                ON CONFLICT (name_normalized) DO NOTHING RETURNING id
                """,
                (actor.name, parent_id, actor.known, load_run_id, extractor_version),
            ).fetchone()
            alias_table, id_column = "group_aliases", "group_id"
        else:
            row = conn.execute(
                """
                INSERT INTO organisations (name, kind, reviewed, load_run_id, extractor_version)
                VALUES (%s, %s, %s, %s, %s)
                ON CONFLICT (name_normalized) DO NOTHING RETURNING id
                """,
                (actor.name, actor.organisation_kind, actor.known, load_run_id, extractor_version),
            ).fetchone()
            alias_table, id_column = "organisation_aliases", "organisation_id"
        if row is None:  # another loader created it since our look-up
            row = conn.execute(
                f"SELECT id FROM {actor.kind} WHERE name_normalized = normalize_name(%s)", (actor.name,)
            ).fetchone()
            assert row is not None
            return int(row[0])
        conn.execute(
            f"""
            INSERT INTO {alias_table} ({id_column}, alias, origin, load_run_id, extractor_version)
            VALUES (%s, %s, 'extracted', %s, %s)
            ON CONFLICT (alias_normalized) DO NOTHING
            """,
            (row[0], actor.name, load_run_id, extractor_version),
        )
        return int(row[0])

    def _create_person(
        self, conn: psycopg.Connection, actor: ActorName, load_run_id: int, extractor_version: str
    ) -> int:
        # No unique constraint on people's names (two people may share one): take turns by name.
        conn.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended('eventsdb:person:' || normalize_name(%s), 0))",
            (actor.name,),
        )
        found = self._look_up(conn, "people", [actor.name])
        if actor.name in found:
            return found[actor.name]
        row = conn.execute(
            """
            INSERT INTO people (name, reviewed, load_run_id, extractor_version)
            VALUES (%s, false, %s, %s) RETURNING id
            """,
            (actor.name, load_run_id, extractor_version),
        ).fetchone()
        assert row is not None
        return int(row[0])
