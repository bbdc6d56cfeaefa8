"""pandas DataFrames of the research views, and typed reading of exported files.

    from loader.access import frames
    incidents = frames.incidents(where="country = 'PK'")
    claims = frames.claims(where="about_group_id = research.group_id('IS-K')")

Every function takes an optional SQLAlchemy engine (default: the database eventsdb uses, i.e.
DATABASE_URL or the embedded server, started if needed) and an optional `where`, an SQL filter on
the view that runs in a read-only transaction. Columns have their types: integers are nullable
Int64, booleans nullable `boolean`, dates datetime64 (midnight: read date_precision before
trusting the day), text pandas `string`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine

from loader.access import gtd as gtd_columns
from loader.access.views import (
    KINDS_BY_TYPE_OID,
    PANDAS_DTYPES,
    ColumnKind,
    check_views_exist,
    column_kind,
    column_names,
    read_only_transaction,
    select_query,
    view_for,
)
from loader.db.engine import make_engine, resolve_target
from loader.db.errors import DatabaseError

Bind = Engine | Connection


@contextmanager
def default_engine(engine: Bind | None) -> Iterator[Bind]:
    """`engine` (an Engine or a Connection), or an engine on the database eventsdb uses, disposed of
    afterwards."""
    if engine is not None:
        yield engine
        return
    created = make_engine(resolve_target(start=True))
    try:
        yield created
    finally:
        created.dispose()


def result_kinds(description: Sequence[Any] | None) -> list[ColumnKind]:
    """The kind of each result column, from its SQL type."""
    return [KINDS_BY_TYPE_OID.get(column.type_code, "text") for column in description or ()]


def typed_column(values: Sequence[Any], kind: ColumnKind) -> pd.Series:
    """Database values (ints, dates, None, ...) as a pandas column of the kind's dtype."""
    if kind == "date":
        return pd.Series(pd.to_datetime(list(values)), dtype=PANDAS_DTYPES["date"])
    if kind == "timestamp":
        return pd.Series(pd.to_datetime(list(values), utc=True)).astype(PANDAS_DTYPES["timestamp"])
    if kind == "float":
        return pd.Series([None if value is None else float(value) for value in values], dtype="float64")
    if kind == "text":  # ranges (date_range) and other non-text values as their text form
        return pd.Series(
            [value if value is None or isinstance(value, str) else str(value) for value in values],
            dtype="string",
        )
    return pd.Series(list(values), dtype=PANDAS_DTYPES[kind])


def frame_from_rows(
    rows: Sequence[Sequence[Any]], columns: Sequence[str], kinds: Sequence[ColumnKind]
) -> pd.DataFrame:
    data = {
        name: typed_column([row[index] for row in rows], kind)
        for index, (name, kind) in enumerate(zip(columns, kinds, strict=True))
    }
    return pd.DataFrame(data, columns=list(columns))


def query_error(error: Exception, view: str, where: str | None) -> DatabaseError:
    """A one-line error for a query on a view, naming the filter when there was one."""
    message = " ".join(str(error).split()) or type(error).__name__
    if where:
        return DatabaseError(f"the filter {where!r} on research.{view} failed: {message}")
    return DatabaseError(f"reading research.{view} failed: {message}")


def view_frame(
    view: str, engine: Bind | None = None, where: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """A research view (e.g. 'incidents', 'incident-sources') as a DataFrame."""
    import psycopg

    view = view_for(view)
    with default_engine(engine) as usable, read_only_transaction(usable) as connection:
        check_views_exist(connection)
        with connection.cursor() as cursor:
            try:
                cursor.execute(select_query(view, where), {"limit": limit})
                rows = cursor.fetchall()
            except psycopg.Error as error:
                raise query_error(error, view, where) from None
            return frame_from_rows(rows, column_names(cursor.description), result_kinds(cursor.description))


def incidents(
    engine: Bind | None = None, where: str | None = None, gtd: bool = False, limit: int | None = None
) -> pd.DataFrame:
    """research.incidents: one row per incident; with `gtd`, in GTD's column names and codes."""
    frame = view_frame("incidents", engine, where, limit)
    return gtd_columns.to_gtd(frame) if gtd else frame


def claims(engine: Bind | None = None, where: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """research.claims: one row per claim, with claimant, kind, quote and source."""
    return view_frame("claims", engine, where, limit)


def incident_sources(
    engine: Bind | None = None, where: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """research.incident_sources: one row per claim supporting an incident."""
    return view_frame("incident_sources", engine, where, limit)


def incident_perpetrators(
    engine: Bind | None = None, where: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """research.incident_perpetrators: one row per incident and group behind it."""
    return view_frame("incident_perpetrators", engine, where, limit)


def sources(engine: Bind | None = None, where: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """research.sources: one row per source document (current version)."""
    return view_frame("sources", engine, where, limit)


def groups(engine: Bind | None = None, where: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """research.groups: one row per group, with aliases and parent."""
    return view_frame("groups", engine, where, limit)


def group_relations(
    engine: Bind | None = None, where: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """research.group_relations: relations between groups, each with its claim and source."""
    return view_frame("group_relations", engine, where, limit)


def actor_mentions(
    engine: Bind | None = None, where: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """research.actor_mentions: where sources name each group, organisation and person."""
    return view_frame("actor_mentions", engine, where, limit)


def known_kinds(columns: Sequence[str]) -> dict[str, ColumnKind]:
    """The kind of each column of an export, by name: GTD's kinds for a GTD export (where suicide
    and claimed are 1/0), the views' otherwise."""
    if "eventid" in columns and "iyear" in columns:
        return {column: gtd_columns.GTD_COLUMN_KINDS.get(column, "text") for column in columns}
    return {column: column_kind(column) for column in columns}


def read_export(path: str | Path) -> pd.DataFrame:
    """A file written by `eventsdb export` (.csv, .parquet or .json) as a DataFrame with the same
    dtypes as the functions above. Parquet and JSON carry their types; CSV columns get theirs from
    their names (the views' columns and GTD's)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        frame = pd.read_parquet(path)
        for field in pq.read_schema(path):
            if pa.types.is_date(field.type):  # pandas reads Parquet dates as datetime.date objects
                frame[field.name] = pd.Series(pd.to_datetime(frame[field.name]), dtype=PANDAS_DTYPES["date"])
        return frame
    if suffix == ".json":
        frame = pd.read_json(path, orient="table")
        for name, kind in known_kinds([str(name) for name in frame.columns]).items():
            if kind in ("date", "timestamp"):  # pandas reads them as datetime64[ns]
                frame[name] = frame[name].astype(PANDAS_DTYPES[kind])
        return frame
    if suffix == ".csv":
        kinds = known_kinds([str(name) for name in pd.read_csv(path, nrows=0).columns])
        frame = pd.read_csv(
            path,
            dtype={
                name: PANDAS_DTYPES[kind] for name, kind in kinds.items() if kind not in ("date", "timestamp")
            }
            | {name: "string" for name, kind in kinds.items() if kind in ("date", "timestamp")},
            keep_default_na=False,  # 'NA' is Namibia, not a missing value: only empty fields are
            na_values=[""],
        )
        for name, kind in kinds.items():
            if kind == "date":
                frame[name] = pd.Series(
                    pd.to_datetime(frame[name], format="ISO8601"), dtype=PANDAS_DTYPES["date"]
                )
            elif kind == "timestamp":
                frame[name] = pd.to_datetime(frame[name], format="ISO8601", utc=True).astype(
                    PANDAS_DTYPES["timestamp"]
                )
        return frame
    raise ValueError(f"{path}: not an eventsdb export (expected .csv, .parquet or .json)")
