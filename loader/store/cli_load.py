"""`eventsdb load PATH...`: read reports and store them in the database.

For now a load stores each input as a source (text, hash, metadata, citations) and nothing
extracted from it; extraction into claims and incidents plugs in at `_store_input`. The run is
recorded in load_runs; inputs that cannot be read are quarantined in rejected_inputs, reported on
one line each, and make the command exit non-zero once the other inputs are stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import typer
from sqlalchemy import Engine
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from loader.db import migrate
from loader.db.engine import check_connection, classify_error, make_engine, resolve_target, session_scope
from loader.db.errors import reported_errors
from loader.model import EXTRACTOR_VERSION
from loader.read import Document, ReadError, read_document
from loader.store.sources import (
    LoadRunStatus,
    StoredSource,
    finish_load_run,
    record_rejected_input,
    start_load_run,
    store_source,
)

Outcome = Literal["new", "updated", "unchanged", "failed"]
OUTCOMES: tuple[Outcome, ...] = ("new", "updated", "unchanged", "failed")
Reader = Callable[..., Document]


@dataclass(frozen=True)
class ReadOptions:
    """Metadata given on the command line, for inputs whose text does not say."""

    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None

    def as_dict(self) -> dict[str, str]:
        return {key: value for key, value in vars(self).items() if value is not None}


@dataclass(frozen=True)
class InputResult:
    path: str
    outcome: Outcome
    source: StoredSource | None = None
    document: Document | None = None
    error: str | None = None


@dataclass
class LoadReport:
    run_id: int
    results: list[InputResult] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {outcome: sum(1 for r in self.results if r.outcome == outcome) for outcome in OUTCOMES}

    @property
    def status(self) -> LoadRunStatus:
        failed = self.counts["failed"]
        if failed == 0:
            return "succeeded"
        return "failed" if failed == len(self.results) else "partial"


def _file_facts(path: str) -> tuple[str | None, int | None]:
    """sha256 and size of an input file, for the quarantine record (None when it cannot be read)."""
    file_path = Path(path)
    try:
        if path == "-" or not file_path.is_file():
            return None, None
        digest = hashlib.sha256()
        with file_path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest(), file_path.stat().st_size
    except OSError:
        return None, None


def _store_input(session: Session, document: Document, run_id: int) -> StoredSource:
    """Everything written for one readable input, in one transaction. (Extraction of claims and
    incidents will be written here too.)"""
    return store_source(session, document, load_run_id=run_id, extractor_version=EXTRACTOR_VERSION)


def _reject(
    engine: Engine, run_id: int, path: str, reason: str, stage: Literal["read", "store"]
) -> InputResult:
    sha256, size = _file_facts(path)
    with session_scope(engine) as session:
        record_rejected_input(
            session,
            load_run_id=run_id,
            extractor_version=EXTRACTOR_VERSION,
            path=path,
            reason=reason,
            stage=stage,
            sha256=sha256,
            size_bytes=size,
        )
    return InputResult(path=path, outcome="failed", error=reason)


def load_paths(
    engine: Engine,
    paths: Sequence[str],
    *,
    options: ReadOptions | None = None,
    reader: Reader = read_document,
    on_result: Callable[[InputResult], None] | None = None,
) -> LoadReport:
    """Load `paths` into the (migrated) database behind `engine`, one transaction per input, and
    record the run in load_runs. Unreadable inputs are quarantined; a lost connection stops the run,
    which is then marked failed (if the database can still be reached) and the error re-raised."""
    read_options = (options or ReadOptions()).as_dict()
    unique_paths = list(dict.fromkeys(paths))  # an input named twice is loaded once
    with session_scope(engine) as session:
        run_id = start_load_run(
            session, inputs=unique_paths, extractor_version=EXTRACTOR_VERSION, options=read_options
        )
    report = LoadReport(run_id=run_id)
    try:
        for path in unique_paths:
            try:
                document = reader(path, **read_options)
            except ReadError as error:
                result = _reject(engine, run_id, path, str(error), "read")
            else:
                try:
                    with session_scope(engine) as session:
                        stored = _store_input(session, document, run_id)
                    result = InputResult(path=path, outcome=stored.outcome, source=stored, document=document)
                except (IntegrityError, DataError) as error:
                    # The database refused this document's rows (a constraint): quarantine it, go on.
                    reason = f"{path}: {classify_error(error, 'the database refused it')}"
                    result = _reject(engine, run_id, path, reason, "store")
            report.results.append(result)
            if on_result is not None:
                on_result(result)
    except BaseException as error:
        message = (
            "interrupted" if isinstance(error, KeyboardInterrupt) else f"{type(error).__name__}: {error}"
        )
        try:
            with session_scope(engine) as session:
                finish_load_run(session, run_id, status="failed", counts=report.counts, error=message)
        except OperationalError:
            pass  # the database is gone; the run stays 'running', which later runs can tell apart
        raise
    with session_scope(engine) as session:
        finish_load_run(session, run_id, status=report.status, counts=report.counts)
    return report


def describe_result(result: InputResult) -> list[str]:
    """Lines telling what was stored for one input."""
    if result.outcome == "failed" or result.source is None or result.document is None:
        return [f"failed     {result.path}"]
    source, document = result.source, result.document
    if result.outcome == "unchanged":
        stored_as = f"source {source.id} (version {source.version})"
        return [f"unchanged  {result.path}: identical content is stored as {stored_as}"]
    replaces = f", replaces source {source.replaced_id}" if source.replaced_id is not None else ""
    words = len(document.text.split())
    published = document.published_on.isoformat() if document.published_on else "-"
    return [
        f"{result.outcome:<10} {result.path}: source {source.id} (version {source.version}{replaces})",
        f"  kind: {document.kind}, {document.media_type}, language {document.language}",
        f"  title: {document.title or '-'}",
        f"  publisher: {document.publisher or '-'}",
        f"  author: {document.author or '-'}",
        f"  published: {published}",
        f"  dateline: {document.dateline or '-'}",
        f"  url: {document.url or '-'}",
        f"  text: {len(document.text)} characters, {words} words",
        f"  sha256: {document.raw_sha256}",
        f"  cites: {'; '.join(document.cites) if document.cites else '-'}",
        f"  key: {source.source_key}",
    ]


def describe_report(report: LoadReport) -> str:
    counts = report.counts
    summary = ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES)
    return f"load run {report.run_id} {report.status}: {summary}"


def load_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Reports to load: .txt, .md or .html files, or '-' for standard input."),
    ],
    publisher: Annotated[
        str | None, typer.Option(help="Publisher of the inputs, where the text does not say.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) of the inputs, where the text does not say."),
    ] = None,
    url: Annotated[str | None, typer.Option(help="URL the input was published at.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the input.")] = None,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", envvar="EVENTSDB_DEBUG", help="Show the full traceback when something fails."
        ),
    ] = False,
) -> None:
    """Load reports into the database (applying migrations first) and print what was stored.

    Each input is stored as a source: its cleaned text, sha256 and metadata.
    Identical content is skipped as unchanged; new content of a known source becomes its next version.
    Unreadable inputs are reported and quarantined, and the command then exits with status 1.
    """
    report: LoadReport | None = None
    with reported_errors(debug):
        engine = make_engine(resolve_target(start=True))
        try:
            check_connection(engine)
            before, after = migrate.upgrade(engine)
            if before != after:
                typer.echo(f"migrated the database from {before or '(empty)'} to {after}")

            def show(result: InputResult) -> None:
                if result.error is not None:
                    typer.echo(f"eventsdb: {result.error}", err=True)
                for line in describe_result(result):
                    typer.echo(line)

            report = load_paths(
                engine,
                paths,
                options=ReadOptions(publisher=publisher, published=published, url=url, title=title),
                on_result=show,
            )
            typer.echo(describe_report(report))
        except OperationalError as error:
            raise classify_error(
                error, f"the database at {resolve_target(start=False).display_url}"
            ) from None
        finally:
            engine.dispose()
    if report is not None and report.counts["failed"]:
        raise typer.Exit(1)
