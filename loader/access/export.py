"""`eventsdb export VIEW --format csv|parquet|json [--where SQL] [--gtd]`: a research view as a file.

Rows stream from a server-side cursor in chunks, so an export of a million incidents does not hold
them all in memory (except JSON, whose single document is written at the end). The query runs in a
read-only transaction with exactly one statement (see `views.select_query`): `--where` can filter,
never write.

Formats, each opening in pandas with its types (`frames.read_export` for all three):

- csv: UTF-8, a header row, ISO dates (2016-01-01), empty fields for nulls, booleans True/False;
- parquet: typed columns (dates as Parquet dates, nullable integers), `pandas.read_parquet` works;
- json: a JSON Table Schema document ({"schema": {...}, "data": [...]}), as pandas writes with
  orient="table": `pandas.read_json(path, orient="table")` restores the types.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO, Any, Literal

import pandas as pd
from sqlalchemy import Connection, Engine

from loader.access import gtd as gtd_columns
from loader.access.frames import frame_from_rows, query_error, result_kinds
from loader.access.views import (
    check_views_exist,
    column_names,
    read_only_transaction,
    select_query,
    view_for,
)
from loader.db.errors import DatabaseError

ExportFormat = Literal["csv", "parquet", "json"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "parquet", "json")
CHUNK_ROWS = 50_000


@dataclass(frozen=True)
class ExportResult:
    view: str
    format: ExportFormat
    rows: int
    gtd: bool


class _Writer:
    def write(self, frame: pd.DataFrame) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the file (the output stream itself stays open: it may be stdout)."""


class _CsvWriter(_Writer):
    def __init__(self, output: IO[bytes]) -> None:
        self.text = io.TextIOWrapper(output, encoding="utf-8", newline="", write_through=True)
        self.header = True

    def write(self, frame: pd.DataFrame) -> None:
        frame = frame.copy()
        for name in frame.columns:
            if frame[name].dtype == "datetime64[s]":  # dates: 2016-01-01, not 2016-01-01 00:00:00
                frame[name] = frame[name].dt.strftime("%Y-%m-%d")
        frame.to_csv(self.text, header=self.header, index=False, lineterminator="\n")
        self.header = False

    def close(self) -> None:
        self.text.flush()
        self.text.detach()


class _ParquetWriter(_Writer):
    def __init__(self, output: IO[bytes]) -> None:
        self.output = output
        self.writer: Any = None

    def write(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False)
        for index, field in enumerate(table.schema):
            if pa.types.is_timestamp(field.type) and field.type.tz is None:
                # our dates are datetime64 in pandas; in Parquet they are dates, as in the database
                table = table.set_column(
                    index, pa.field(field.name, pa.date32()), table.column(index).cast(pa.date32())
                )
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.output, table.schema)
        self.writer.write_table(table.cast(self.writer.schema))

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class _JsonWriter(_Writer):
    def __init__(self, output: IO[bytes]) -> None:
        self.output = output
        self.frames: list[pd.DataFrame] = []

    def write(self, frame: pd.DataFrame) -> None:
        self.frames.append(frame)

    def close(self) -> None:
        frame = pd.concat(self.frames, ignore_index=True) if len(self.frames) > 1 else self.frames[0]
        document = frame.to_json(
            orient="table", index=False, date_format="iso", date_unit="us", force_ascii=False
        )
        self.output.write(document.encode("utf-8"))
        self.output.write(b"\n")


def _writer(format: ExportFormat, output: IO[bytes]) -> _Writer:
    if format == "csv":
        return _CsvWriter(output)
    if format == "parquet":
        return _ParquetWriter(output)
    return _JsonWriter(output)


def export_view(
    engine: Engine | Connection,
    view: str,
    format: ExportFormat,
    output: IO[bytes],
    where: str | None = None,
    gtd: bool = False,
    limit: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ExportResult:
    """Write research.<view> (filtered by `where`) to `output` in `format`; returns the row count."""
    import psycopg

    view = view_for(view)
    if format not in FORMATS:
        raise DatabaseError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    if gtd and view != "incidents":
        raise DatabaseError("GTD column names exist for incidents only (eventsdb export incidents --gtd)")
    writer = _writer(format, output)
    rows_written = 0
    with read_only_transaction(engine) as connection:
        check_views_exist(connection)
        # A server-side cursor: rows arrive chunk by chunk.
        with connection.cursor(name="eventsdb_export") as cursor:
            try:
                cursor.execute(select_query(view, where), {"limit": limit})
                columns = column_names(cursor.description)
                kinds = result_kinds(cursor.description)
                rows = cursor.fetchmany(chunk_rows)
                while True:
                    # The first chunk is written even when empty: the file still has its header/schema.
                    writer.write(_as_exported(frame_from_rows(rows, columns, kinds), gtd))
                    rows_written += len(rows)
                    if len(rows) < chunk_rows:
                        break
                    rows = cursor.fetchmany(chunk_rows)
                    if not rows:
                        break
            except psycopg.Error as error:
                raise query_error(error, view, where) from None
    writer.close()
    return ExportResult(view=view, format=format, rows=rows_written, gtd=gtd)


def _as_exported(frame: pd.DataFrame, gtd: bool) -> pd.DataFrame:
    return gtd_columns.to_gtd(frame) if gtd else frame
