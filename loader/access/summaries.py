"""The research summaries: materialized views (migration 2026_11_24_0004) that answer the example
queries reading every incident, and their refresh.

- research.incidents_per_group_year: incidents and tolls per group and year;
- research.incidents_several_sources_or_contested: the incidents more than one source reports or
  that rest on a contested claim.

They are as fresh as their last refresh. The loader calls `refresh` at the end of every load run
that changed something; `eventsdb db refresh` calls it after other writes (corrections, manual SQL).
A populated summary is refreshed CONCURRENTLY: researchers and BI tools keep reading the previous
contents meanwhile, and two loaders finishing together take turns (the refresh locks out other
refreshes of the same view, not readers).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Engine

from loader.access.views import RESEARCH_SCHEMA, raw_connection
from loader.db.errors import DatabaseError

SUMMARIES: tuple[str, ...] = ("incidents_per_group_year", "incidents_several_sources_or_contested")
"""The summaries, in the order they are refreshed."""


@dataclass(frozen=True)
class RefreshedSummary:
    name: str  # the materialized view, without its schema
    rows: int
    seconds: float
    concurrently: bool  # False when it was not populated yet (a plain REFRESH then)


def _existing(connection: psycopg.Connection[Any]) -> dict[str, bool]:
    """The summaries the database has, each with whether it is populated."""
    rows = connection.execute(
        "SELECT matviewname, ispopulated FROM pg_matviews WHERE schemaname = %s AND matviewname = ANY(%s)",
        (RESEARCH_SCHEMA, list(SUMMARIES)),
    ).fetchall()
    return {name: populated for name, populated in rows}


def refresh(connection: psycopg.Connection[Any]) -> list[RefreshedSummary]:
    """Refresh every research summary the database has, and return what was refreshed.

    On an autocommit connection each summary is refreshed in a transaction of its own (the loader's
    connection is one); inside a transaction, in that transaction. A database behind migration
    2026_11_24_0004 has no summaries: nothing is refreshed and the list is empty. The connection's
    role must own the views (the loader's role, which ran the migrations; readers cannot).
    """
    refreshed = []
    try:
        existing = _existing(connection)
        for name in SUMMARIES:
            if name not in existing:
                continue
            view = sql.Identifier(RESEARCH_SCHEMA, name)
            concurrently = existing[name]
            started = time.perf_counter()
            with connection.transaction():
                how = "CONCURRENTLY " if concurrently else ""
                connection.execute(sql.SQL("REFRESH MATERIALIZED VIEW " + how + "{}").format(view))
                # Fresh planner statistics: the summaries are small, and queries join them.
                connection.execute(sql.SQL("ANALYZE {}").format(view))
                counted = connection.execute(sql.SQL("SELECT count(*) FROM {}").format(view)).fetchone()
            rows = counted[0] if counted else 0
            refreshed.append(RefreshedSummary(name, rows, time.perf_counter() - started, concurrently))
    except psycopg.Error as error:
        message = (error.diag.message_primary or str(error)).strip()
        raise DatabaseError(
            f"refreshing the research summaries failed ({message}); the loaded data is kept: run "
            "`eventsdb db refresh` to try again"
        ) from error
    return refreshed


def refresh_database(engine: Engine) -> list[RefreshedSummary]:
    """`refresh` on a connection of its own to the database behind `engine`, committed."""
    with engine.connect() as connection:
        raw = raw_connection(connection)
        connection.commit()  # end SQLAlchemy's implicit transaction: each summary gets its own
        raw.autocommit = True
        try:
            return refresh(raw)
        finally:
            raw.autocommit = False
