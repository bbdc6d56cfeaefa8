"""Columns shared by many tables: when a row was written, by which load run, and the span of
source text it stands on. `sort_order` keeps these columns after a table's own columns."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, Text, func
from sqlalchemy.orm import Mapped, mapped_column

LATE = 100  # sort_order of the shared bookkeeping columns


class CreatedAt:
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True),
        server_default=func.now(),
        sort_order=LATE + 2,
        comment="When this row was inserted.",
    )


class WrittenByLoader:
    """A row that only the loader writes: it always names its load run and extractor version."""

    load_run_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("load_runs.id"),
        index=True,
        sort_order=LATE,
        comment="The load run that wrote this row (load_runs.id).",
    )
    extractor_version: Mapped[str] = mapped_column(
        Text,
        sort_order=LATE + 1,
        comment="Version of the eventsdb reader and extractor that produced this row.",
    )


class MaybeWrittenByLoader:
    """A row the loader writes or a person enters by hand (then both columns are null and a
    corrections row says who and why)."""

    load_run_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("load_runs.id"),
        index=True,
        sort_order=LATE,
        comment="The load run that wrote this row (load_runs.id); null when entered by hand.",
    )
    extractor_version: Mapped[str | None] = mapped_column(
        Text,
        sort_order=LATE + 1,
        comment="Version of the extractor that produced this row; null when entered by hand.",
    )


class SourceSpan:
    """The exact passage of a source a row stands on: `quote` equals the source text between
    char_start and char_end (checked by a trigger, see the schema_v1 migration)."""

    source_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("sources.id", ondelete="CASCADE"),
        index=True,
        sort_order=LATE - 4,
        comment="The source (one version of it) whose text holds the evidence (sources.id).",
    )
    char_start: Mapped[int] = mapped_column(
        Integer,
        sort_order=LATE - 3,
        comment="Start of the evidence in sources.text, in characters (Unicode code points) from 0.",
    )
    char_end: Mapped[int] = mapped_column(
        Integer,
        sort_order=LATE - 2,
        comment="End of the evidence in sources.text (exclusive), in characters.",
    )
    quote: Mapped[str] = mapped_column(
        Text,
        sort_order=LATE - 1,
        comment="The evidence itself: exactly substr(sources.text, char_start + 1, char_end - char_start).",
    )
