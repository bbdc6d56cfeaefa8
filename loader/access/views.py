"""The research views: their names, sort keys and column types, and queries on them that cannot
write, whatever filter a user passes.

The views themselves are SQL in migration 2026_11_24_0003; the column types here let exported CSV
files be read back with their types without a database. tests/access/test_views.py checks that
they agree with the database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import psycopg
from psycopg import sql
from sqlalchemy import Connection, Engine

from loader.db.errors import DatabaseError, SchemaError

RESEARCH_SCHEMA = "research"

ColumnKind = Literal["integer", "float", "boolean", "date", "timestamp", "text"]

# Each view and the columns that sort it: exports are in a stable order.
VIEW_ORDER: dict[str, tuple[str, ...]] = {
    "incidents": ("incident_id",),
    "incident_perpetrators": ("incident_id", "attribution_rank", "group_id"),
    "incident_reports": ("incident_id", "report_id"),
    "incident_sources": ("incident_id", "claim_id"),
    "claims": ("claim_id",),
    "claim_responses": ("claim_id", "responds_to_claim_id"),
    "sources": ("source_id",),
    "groups": ("group_id",),
    "group_relations": ("relation_id",),
    "actor_mentions": ("source_id", "char_start", "mention_id"),
}
VIEWS: tuple[str, ...] = tuple(VIEW_ORDER)

_IDS = (
    "incident_id", "claim_id", "source_id", "group_id", "relation_id", "parent_group_id",
    "claimant_group_id", "claimant_organisation_id", "claimant_person_id", "about_group_id",
    "responds_to_claim_id", "subject_group_id", "object_group_id", "claim_source_id", "load_run_id",
    "report_id", "perpetrator_group_id", "mention_id", "actor_id", "organisation_id", "person_id",
)  # fmt: skip
_COUNTS = (
    "year", "month", "day", "killed_low", "killed_high", "wounded_low", "wounded_high", "source_count",
    "claim_count", "incident_count", "char_start", "char_end", "version", "text_length", "attribution_rank",
)  # fmt: skip

# The type of every column of the views that is not text. A column name means the same thing in
# every view (published_on is a date wherever it appears), so one map serves them all.
COLUMN_KINDS: dict[str, ColumnKind] = {
    **dict.fromkeys(_IDS, "integer"),
    **dict.fromkeys(_COUNTS, "integer"),
    "latitude": "float",
    "longitude": "float",
    "suicide": "boolean",
    "claimed": "boolean",
    "countered": "boolean",
    "reviewed": "boolean",
    "date_start": "date",
    "date_end": "date",
    "published_on": "date",
    "created_at": "timestamp",
    "retrieved_at": "timestamp",
}


# The pandas dtype of each kind: nullable integers and booleans, dates as datetime64 (midnight).
PANDAS_DTYPES: dict[ColumnKind, str] = {
    "integer": "Int64",
    "float": "float64",
    "boolean": "boolean",
    "date": "datetime64[s]",
    "timestamp": "datetime64[us, UTC]",
    "text": "string",
}

# PostgreSQL type OIDs of the columns' types, for result columns the map above does not know.
KINDS_BY_TYPE_OID: dict[int, ColumnKind] = {
    16: "boolean",
    20: "integer",
    21: "integer",
    23: "integer",
    26: "integer",
    700: "float",
    701: "float",
    1700: "float",
    1082: "date",
    1114: "timestamp",
    1184: "timestamp",
}


def column_kind(column: str) -> ColumnKind:
    return COLUMN_KINDS.get(column, "text")


def export_name(view: str) -> str:
    """How a view is named on the command line: incident_sources -> incident-sources."""
    return view.replace("_", "-")


def view_for(name: str) -> str:
    """The view behind a command-line name ('incident-sources' or 'incident_sources')."""
    view = name.strip().lower().replace("-", "_")
    if view not in VIEW_ORDER:
        known = ", ".join(export_name(known_view) for known_view in VIEWS)
        raise DatabaseError(f"there is no research view {name!r}; the views are {known}")
    return view


def select_query(view: str, where: str | None = None, limit: int | None = None) -> sql.Composed:
    """SELECT * FROM research.<view> [WHERE (<where>)] ORDER BY <key> LIMIT %(limit)s.

    `where` is SQL written by the user, put in as is: it is a filter on the view, not a value. The
    query always carries one bound parameter (the limit), so psycopg sends it with the extended
    protocol, which runs exactly one statement: `1=1); DELETE ...` is a syntax error, not a second
    statement. And it runs in a read-only transaction (`read_only_transaction`), so nothing a
    filter calls can write. '%' in the filter is escaped for psycopg's placeholders.
    """
    query = sql.SQL("SELECT * FROM {}").format(sql.Identifier(RESEARCH_SCHEMA, view))
    if where is not None and where.strip():
        query = sql.SQL("{} WHERE ({})").format(query, sql.SQL(where.replace("%", "%%")))
    order = sql.SQL(", ").join(sql.Identifier(column) for column in VIEW_ORDER[view])
    return sql.SQL("{} ORDER BY {} LIMIT %(limit)s").format(query, order)


def raw_connection(connection: Connection) -> psycopg.Connection[Any]:
    """The psycopg connection under a SQLAlchemy one."""
    driver_connection = connection.connection.driver_connection
    assert isinstance(driver_connection, psycopg.Connection)
    return driver_connection


@contextmanager
def read_only_transaction(bind: Engine | Connection) -> Iterator[psycopg.Connection[Any]]:
    """A psycopg connection in a READ ONLY transaction, rolled back at the end: queries run in it
    cannot insert, update, delete, create or call functions that write.

    On an Engine: a new connection and transaction. On a Connection (already in a transaction,
    e.g. a test's): a savepoint made read-only, rolled back afterwards, which makes the
    transaction writable again.
    """
    if isinstance(bind, Engine):
        with bind.connect() as connection:
            raw = raw_connection(connection)
            try:
                raw.execute("SET TRANSACTION READ ONLY")
                yield raw
            finally:
                connection.rollback()
        return
    savepoint = bind.begin_nested()
    try:
        raw = raw_connection(bind)
        raw.execute("SET TRANSACTION READ ONLY")
        yield raw
    finally:
        savepoint.rollback()


def check_views_exist(connection: psycopg.Connection[Any]) -> None:
    """Raise SchemaError when the research views are missing (a database behind the migrations)."""
    found = connection.execute("SELECT to_regclass('research.incidents') IS NOT NULL").fetchone()
    if not (found and found[0]):
        raise SchemaError(
            "the database has no research views yet: run `eventsdb db upgrade` (or `eventsdb load`) first"
        )


def column_names(description: Sequence[Any] | None) -> list[str]:
    return [column.name for column in description or ()]
