"""Bookkeeping of the loader and of people: load runs, rejected inputs and human corrections."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Integer,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from schema.base import Base, one_of
from schema.mixins import WrittenByLoader
from schema.vocabulary import (
    CORRECTABLE_TABLES,
    CORRECTION_ACTIONS,
    CORRECTION_OUTCOMES,
    LOAD_RUN_STATUSES,
    REJECTION_STAGES,
)


class LoadRun(Base):
    __tablename__ = "load_runs"
    __table_args__ = (
        one_of("status", LOAD_RUN_STATUSES),
        CheckConstraint("status <> 'running' OR finished_at IS NULL", name="running_is_unfinished"),
        CheckConstraint(
            "status NOT IN ('succeeded', 'partial', 'failed') OR finished_at IS NOT NULL",
            name="finished_has_end",
        ),
        CheckConstraint("finished_at >= started_at", name="finished_after_start"),
        CheckConstraint("jsonb_typeof(inputs) = 'array'", name="inputs_is_array"),
        CheckConstraint("jsonb_typeof(options) = 'object'", name="options_is_object"),
        CheckConstraint("jsonb_typeof(counts) = 'object'", name="counts_is_object"),
        {
            "comment": "One run of `eventsdb load`: its inputs, options, extractor version, counts and "
            "outcome. Every row the loader writes points here through load_run_id."
        },
    )

    id: Mapped[int] = mapped_column(
        BigInteger, Identity(), primary_key=True, comment="Load run number, increasing with time."
    )
    started_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), comment="When the run started."
    )
    finished_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True),
        comment="When the run ended; null while it runs or if it was killed before it could finish.",
    )
    status: Mapped[str] = mapped_column(
        Text,
        server_default=text("'running'"),
        comment="running, succeeded (every input stored or unchanged), partial (some inputs rejected), "
        "failed (the run stopped on an error), abandoned (found unfinished by a later run).",
    )
    inputs: Mapped[list[Any]] = mapped_column(
        JSONB,
        server_default=text("'[]'::jsonb"),
        comment="The inputs as given on the command line or in the manifest (a JSON array).",
    )
    options: Mapped[dict[str, Any]] = mapped_column(
        JSONB,
        server_default=text("'{}'::jsonb"),
        comment='Options of the run that change what is written, e.g. {"force": true} (a JSON object).',
    )
    counts: Mapped[dict[str, Any]] = mapped_column(
        JSONB,
        server_default=text("'{}'::jsonb"),
        comment='Outcome counts, e.g. {"new": 3, "unchanged": 1, "updated": 0, "failed": 1}.',
    )
    extractor_version: Mapped[str] = mapped_column(
        Text, comment="Version of the eventsdb reader and extractor used by this run."
    )
    hostname: Mapped[str | None] = mapped_column(Text, comment="Host the loader ran on.")
    pid: Mapped[int | None] = mapped_column(
        Integer, comment="Operating-system process id of the loader, to tell a live run from a killed one."
    )
    error: Mapped[str | None] = mapped_column(Text, comment="Why the run failed, when it did.")


class RejectedInput(WrittenByLoader, Base):
    __tablename__ = "rejected_inputs"
    __table_args__ = (
        UniqueConstraint("load_run_id", "path"),
        one_of("stage", REJECTION_STAGES),
        CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_hex"),
        CheckConstraint("size_bytes >= 0", name="size_not_negative"),
        CheckConstraint("reason <> ''", name="reason_not_empty"),
        {
            "comment": "Quarantine: inputs a load run refused (empty, binary, undecodable, no article "
            "text, ...), with the reason. Nothing else is written for them."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    path: Mapped[str] = mapped_column(Text, comment="The input as given (file path, URL or '-').")
    sha256: Mapped[str | None] = mapped_column(
        Text, comment="sha256 of the input bytes, lower-case hex; null when they could not be read."
    )
    size_bytes: Mapped[int | None] = mapped_column(
        BigInteger, comment="Size of the input in bytes, when known."
    )
    stage: Mapped[str] = mapped_column(Text, comment="Where the input was refused: read, extract or store.")
    reason: Mapped[str] = mapped_column(Text, comment="One-line reason, as shown to the user.")
    rejected_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), comment="When the input was refused."
    )


class Correction(Base):
    __tablename__ = "corrections"
    __table_args__ = (
        one_of("action", CORRECTION_ACTIONS),
        one_of("target_table", CORRECTABLE_TABLES),
        CheckConstraint("target_id IS NOT NULL OR target_key IS NOT NULL", name="has_target"),
        CheckConstraint("action <> 'set_field' OR field IS NOT NULL", name="set_field_names_field"),
        CheckConstraint("author <> ''", name="author_not_empty"),
        CheckConstraint("reason <> ''", name="reason_not_empty"),
        one_of("last_outcome", CORRECTION_OUTCOMES),
        {
            "comment": "Human corrections (who, when, why, what): a field set, two rows merged, an alias "
            "added or a row deleted. The loader re-applies them after every reload."
        },
    )

    id: Mapped[int] = mapped_column(
        BigInteger, Identity(), primary_key=True, comment="Correction number, in the order entered."
    )
    action: Mapped[str] = mapped_column(
        Text, comment="set_field, merge (target merged into new_value->'into'), add_alias or delete."
    )
    target_table: Mapped[str] = mapped_column(Text, comment="The table of the corrected row.")
    target_id: Mapped[int | None] = mapped_column(
        BigInteger, comment="id of the corrected row when the correction was made."
    )
    target_key: Mapped[dict[str, Any] | None] = mapped_column(
        JSONB,
        comment="A key that finds the row again after a reload gives it a new id, e.g. "
        '{"source_key": ..., "char_start": ..., "char_end": ...} or {"name": ...}.',
    )
    field: Mapped[str | None] = mapped_column(Text, comment="The corrected column, for set_field.")
    old_value: Mapped[Any | None] = mapped_column(
        JSONB, comment="The value before the correction (JSON), for the record."
    )
    new_value: Mapped[Any | None] = mapped_column(
        JSONB, comment='The corrected value (JSON): the field value, the alias, or {"into": id}.'
    )
    author: Mapped[str] = mapped_column(Text, comment="Who made the correction.")
    reason: Mapped[str] = mapped_column(Text, comment="Why, in the author's words.")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), comment="When the correction was entered."
    )
    applied_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When the correction was last applied; null if never."
    )
    applied_load_run_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("load_runs.id"),
        comment="The load run after which the correction was last re-applied (load_runs.id).",
    )
    last_outcome: Mapped[str | None] = mapped_column(
        Text,
        comment="What happened when the correction was last applied: applied (rows changed), "
        "in_effect (nothing left to change), target_missing (the row is gone) or failed "
        "(the database refused it, see last_error); null if never applied.",
    )
    last_error: Mapped[str | None] = mapped_column(
        Text, comment="Why the correction could not be applied last time, when last_outcome is failed."
    )
