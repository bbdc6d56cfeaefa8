"""The load: inputs -> read -> extract -> write (each source all or nothing) -> a recorded load run.

    report = load_inputs(engine, expand_paths(["reports/"]), LoadOptions(jobs=2))

1. The run is recorded in load_runs (committed at once, status 'running'), and runs whose loader
   died are marked 'abandoned' first.
2. The shipped reference lists of groups and organisations are synced (rows and aliases).
3. Inputs whose bytes (sha256) are already stored as a current source are reported unchanged
   without being read or extracted (unless --force): reloading an unchanged corpus costs a hash
   per file and one query.
4. The others are read and extracted (in worker processes with jobs > 1) and written, each source
   all or nothing: the source (new, or a new version superseding the old), its extraction
   (loader.store.extraction), the corrections of what it touched. Sources are written in batches
   (`batch_size`, default 250) with one COPY per table, in one transaction; if the database refuses
   a batch, it is rolled back and its sources are written again one transaction each, so that only
   the refused source is rejected. `batch_size=1` is one transaction per source. Nothing is written
   for an input that cannot be read, yields no incident, or that the database refuses: it is
   quarantined in rejected_inputs with a one-line reason, and the load goes on.
5. Every correction is re-applied (only what differs is written), and the run is finished with its
   counts and status: succeeded, partial (some inputs failed) or failed (all failed, or the run
   stopped on an error). The research summaries are refreshed when sources were committed, also
   when the run stopped on an error (but not on Ctrl-C: `eventsdb db refresh` does it then).

Batch transactions commit with synchronous_commit off (no disk flush each); the run's final commit
is synchronous, which flushes everything before it. A crash of the server can thus lose at most the
last batches of a run that never reached its end, and the next run loads them again; a killed
loader loses only its uncommitted batch.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from typing import Any, Literal

import psycopg
from sqlalchemy import Engine

from loader.access.summaries import refresh as refresh_research_summaries
from loader.db.engine import CONNECT_TIMEOUT_SECONDS, classify_error
from loader.db.errors import DatabaseError
from loader.db.settings import libpq_url
from loader.model import EXTRACTOR_VERSION, ExtractedDocument
from loader.read import Document, ReadError, read_bytes, read_document
from loader.read.reader import DEFAULT_MAX_BYTES
from loader.resolve import EntityResolver, sync_reference_lists
from loader.store.corrections import ReapplyReport, reapply_all
from loader.store.extraction import SourceInput, WriteContext, WriteCounts, write_sources
from loader.store.inputs import InputSpec, file_facts
from loader.store.sources import (
    LoadRunStatus,
    RejectionStage,
    current_sources_by_sha256,
    finish_load_run,
    mark_abandoned_runs,
    record_rejected_input,
    release_load_run,
    source_key_for,
    start_load_run,
)

Outcome = Literal["new", "updated", "reextracted", "unchanged", "failed"]
OUTCOMES: tuple[Outcome, ...] = ("new", "updated", "reextracted", "unchanged", "failed")
Extractor = Callable[[Document], ExtractedDocument]
DEFAULT_BATCH_SIZE = 250
ANALYZE_AFTER_ROWS = 20_000
# The columns the loader's own look-ups filter on (all columns would cost more, for nothing here).
ANALYZED_COLUMNS = (
    "incidents (date_start, country, date_precision)",
    "incident_reports (incident_id, source_id)",
    "claims (source_id)",
    "incident_claims (incident_id, claim_id)",
)
RETRIES = 3  # attempts per source when it meets a deadlock or a row a concurrent run just removed


@dataclass(frozen=True)
class LoadOptions:
    force: bool = False
    """Read and extract every input again, even unchanged ones, and replace their extracted rows."""
    dry_run: bool = False
    """Do everything in a transaction that is rolled back: what would change, nothing written."""
    jobs: int = 1
    """Worker processes for reading and extraction (writing stays in the main process)."""
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = DEFAULT_BATCH_SIZE
    """Sources written per transaction, each all or nothing (see the module docstring); 1 gives one
    transaction per source."""


@dataclass(frozen=True)
class Prepared:
    """An input read and extracted (or the reason it could not be)."""

    spec: InputSpec
    document: Document | None = None
    extraction: ExtractedDocument | None = None
    error: str | None = None
    stage: RejectionStage | None = None
    seconds: float = 0.0


def _default_extractor(document: Document) -> ExtractedDocument:
    from loader.extract.pipeline import extract_document

    return extract_document(document)


def prepare(
    spec: InputSpec, max_bytes: int = DEFAULT_MAX_BYTES, extractor: Extractor | None = None
) -> Prepared:
    """Read and extract one input (runs in worker processes too: everything here pickles)."""
    started = time.perf_counter()
    options = spec.read_options()
    try:
        if spec.data is not None:
            document = read_bytes(spec.data, name=spec.path, max_bytes=max_bytes, **options)
        else:
            document = read_document(spec.path, max_bytes=max_bytes, **options)
    except ReadError as error:
        return Prepared(spec, error=str(error), stage="read", seconds=time.perf_counter() - started)
    try:
        extraction = (extractor or _default_extractor)(document)
    except Exception as error:  # an extractor bug on one input must not stop the batch
        reason = f"{spec.path}: extraction failed ({type(error).__name__}: {error})"
        return Prepared(spec, document, error=reason.splitlines()[0], stage="extract")
    seconds = time.perf_counter() - started
    if not extraction.incidents:
        reason = f"{spec.path}: no incident found in the text (nothing to load)"
        return Prepared(spec, document, extraction, error=reason, stage="extract", seconds=seconds)
    return Prepared(spec, document, extraction, seconds=seconds)


def _warm() -> None:
    # Models and gazetteers load once per worker process, not once per document.
    from loader.extract.pipeline import nlp
    from loader.extract.places import gazetteer

    nlp()
    gazetteer()


def prepare_all(
    specs: Sequence[InputSpec], *, jobs: int, max_bytes: int, extractor: Extractor | None
) -> Iterator[Prepared]:
    """`prepare` over the inputs, in order; with jobs > 1 in worker processes, a bounded number of
    inputs ahead of the consumer (so that memory stays flat however many inputs there are)."""
    if jobs <= 1 or len(specs) <= 1:
        for spec in specs:
            yield prepare(spec, max_bytes, extractor)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=None if extractor else _warm) as pool:
        pending: deque[Future[Prepared]] = deque()
        remaining = iter(specs)
        for spec in remaining:
            pending.append(pool.submit(prepare, spec, max_bytes, extractor))
            if len(pending) >= jobs * 16:
                break
        while pending:
            yield pending.popleft().result()
            spec_next = next(remaining, None)
            if spec_next is not None:
                pending.append(pool.submit(prepare, spec_next, max_bytes, extractor))


@dataclass
class InputResult:
    path: str
    outcome: Outcome
    source_id: int | None = None
    version: int | None = None
    replaced_id: int | None = None
    source_key: str | None = None
    written: WriteCounts | None = None
    error: str | None = None
    stage: RejectionStage | None = None
    document: Document | None = None
    extraction: ExtractedDocument | None = None


@dataclass
class LoadReport:
    run_id: int | None
    dry_run: bool = False
    results: list[InputResult] = field(default_factory=list)
    abandoned_runs: list[int] = field(default_factory=list)
    corrections: ReapplyReport | None = None
    seconds_total: float = 0.0
    seconds_extracting: float = 0.0
    """Reading and extraction, summed over inputs (in workers with jobs > 1)."""
    seconds_writing: float = 0.0
    """Database work of the sources (store, extraction rows, corrections), wall clock."""
    error: str | None = None

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {outcome: 0 for outcome in OUTCOMES}
        for result in self.results:
            counts[result.outcome] += 1
        return counts

    @property
    def written(self) -> WriteCounts:
        total = WriteCounts()
        for result in self.results:
            if result.written is not None:
                for name in vars(total):
                    if name not in ("incident_ids", "report_incidents"):
                        setattr(total, name, getattr(total, name) + getattr(result.written, name))
        return total

    @property
    def status(self) -> LoadRunStatus:
        failed = self.counts["failed"]
        if self.error is not None or (failed and failed == len(self.results)):
            return "failed"
        return "partial" if failed else "succeeded"

    def run_counts(self) -> dict[str, int]:
        """What load_runs.counts records: outcomes and rows written."""
        written = self.written
        return {
            **self.counts,
            "incidents_new": written.incidents_new,
            "incidents_merged": written.incidents_merged,
            "incidents_removed": written.incidents_removed,
            "claims": written.claims,
            "corrections_reapplied": written.corrections_applied,
        }


def connect(engine: Engine) -> psycopg.Connection:
    """A psycopg connection of its own for the load (autocommit: transactions are explicit)."""
    try:
        return psycopg.connect(
            libpq_url(engine.url), autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS
        )
    except psycopg.OperationalError as error:
        raise classify_error(error, f"the database at {libpq_url(engine.url, mask_password=True)}") from None


class _Loader:
    def __init__(
        self,
        conn: psycopg.Connection,
        options: LoadOptions,
        extractor: Extractor | None,
        on_result: Callable[[InputResult], None] | None,
        prepared: Mapping[str, Prepared] | None = None,
    ) -> None:
        self.prepared = prepared
        self.conn = conn
        self.options = options
        self.extractor = extractor
        self.on_result = on_result
        self.resolver = EntityResolver()
        self.run_id = 0
        self.rows_since_analyze = 0
        self.rows_at_analyze = 0
        self.committed_changes = 0
        """Sources committed new, updated or re-extracted so far (the research summaries are stale)."""

    def analyze(self) -> None:
        """Refresh the planner's statistics of the tables a load fills. Without them, a query planned
        while a table was small (a sequential scan) gets slower with every batch; refreshed each time
        the rows written have doubled, it costs a few ANALYZEs per load."""
        # (A role that does not own the tables gets a warning, not an error: autovacuum will do.)
        self.conn.execute(f"ANALYZE {', '.join(ANALYZED_COLUMNS)}")
        self.rows_at_analyze += self.rows_since_analyze
        self.rows_since_analyze = 0

    # --- one input ---
    def reject(
        self, spec: InputSpec, reason: str, stage: RejectionStage, prepared: Prepared | None = None
    ) -> InputResult:
        sha256, size = file_facts(spec)
        with self.conn.transaction():
            record_rejected_input(
                self.conn,
                load_run_id=self.run_id,
                extractor_version=EXTRACTOR_VERSION,
                path=spec.path,
                reason=reason,
                stage=stage,
                sha256=sha256,
                size_bytes=size,
            )
        return InputResult(
            spec.path,
            "failed",
            error=reason,
            stage=stage,
            document=prepared.document if prepared else None,
            extraction=prepared.extraction if prepared else None,
        )

    def write_batch(self, batch: list[Prepared]) -> list[InputResult]:
        """Write a batch of sources in one transaction; if the database refuses it, write its sources
        again one per transaction, so that only the refused one is rejected."""
        items = [SourceInput(p.document, p.extraction) for p in batch if p.document and p.extraction]
        context = WriteContext(self.run_id, EXTRACTOR_VERSION, self.resolver)
        for attempt in range(1, RETRIES + 1):
            try:
                with self.conn.transaction():
                    written = write_sources(self.conn, items, context=context, force=self.options.force)
                break
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) as error:
                self.resolver.forget()  # rows it created were rolled back
                if attempt == RETRIES:
                    if len(batch) > 1:
                        return [result for p in batch for result in self.write_batch([p])]
                    reason = f"{batch[0].spec.path}: {_one_line(error)} (after {RETRIES} attempts)"
                    return [self.reject(batch[0].spec, reason, "store", batch[0])]
            except (psycopg.errors.IntegrityError, psycopg.errors.DataError) as error:
                self.resolver.forget()
                if len(batch) > 1:
                    return [result for p in batch for result in self.write_batch([p])]
                # Maybe a row we had resolved was merged away by a correction meanwhile: retry once
                # with fresh look-ups; if the database still refuses, the input is quarantined.
                if attempt >= 2:
                    reason = f"{batch[0].spec.path}: the database refused it: {_one_line(error)}"
                    return [self.reject(batch[0].spec, reason, "store", batch[0])]
        results = []
        for prepared, outcome in zip(batch, written, strict=True):
            spec = prepared.spec
            if outcome.rejected is not None or outcome.stored is None:
                results.append(self.reject(spec, f"{spec.path}: {outcome.rejected}", "extract", prepared))
                continue
            stored = outcome.stored
            results.append(
                InputResult(
                    spec.path,
                    stored.outcome,
                    source_id=stored.id,
                    version=stored.version,
                    replaced_id=stored.replaced_id if stored.outcome == "updated" else None,
                    source_key=stored.source_key,
                    written=outcome.written,
                    document=prepared.document,
                    extraction=prepared.extraction,
                )
            )
        return results

    # --- the run ---
    def run(self, specs: Sequence[InputSpec], report: LoadReport) -> None:
        conn, options = self.conn, self.options
        report.abandoned_runs = mark_abandoned_runs(conn)
        with conn.transaction():
            self.run_id = start_load_run(
                conn,
                inputs=[spec.path for spec in specs],
                extractor_version=EXTRACTOR_VERSION,
                options=_recorded_options(options),
            )
        report.run_id = self.run_id
        # Per-source commits need not wait for the disk; the final commit of the run does (below).
        conn.execute("SET synchronous_commit = off")
        with conn.transaction():
            sync_reference_lists(conn, load_run_id=self.run_id, extractor_version=EXTRACTOR_VERSION)

        by_path: dict[str, InputResult] = {}

        def done(result: InputResult) -> None:
            by_path[result.path] = result
            if self.on_result is not None:
                self.on_result(result)

        to_prepare: list[InputSpec] = []
        if options.force:
            to_prepare = list(specs)
        else:
            digests = {spec.path: file_facts(spec)[0] for spec in specs}
            stored = current_sources_by_sha256(conn, [d for d in digests.values() if d])
            for spec in specs:
                digest = digests[spec.path]
                if digest is not None and digest in stored:
                    source_id, version = stored[digest]
                    done(InputResult(spec.path, "unchanged", source_id=source_id, version=version))
                else:
                    to_prepare.append(spec)

        prepared_inputs: Iterable[Prepared]
        if self.prepared is not None:
            prepared_inputs = (self.prepared[spec.path] for spec in to_prepare)
        else:
            prepared_inputs = prepare_all(
                to_prepare, jobs=options.jobs, max_bytes=options.max_bytes, extractor=self.extractor
            )
        batch: list[Prepared] = []
        identities: set[str] = set()

        def flush() -> None:
            started = time.perf_counter()
            for result in self.write_batch(batch):
                if result.outcome in ("new", "updated", "reextracted") and not options.dry_run:
                    self.committed_changes += 1
                done(result)
                if result.written is not None:
                    self.rows_since_analyze += result.written.rows
            if self.rows_since_analyze > max(ANALYZE_AFTER_ROWS, self.rows_at_analyze):
                self.analyze()
            report.seconds_writing += time.perf_counter() - started
            batch.clear()
            identities.clear()

        for prepared in prepared_inputs:
            report.seconds_extracting += prepared.seconds
            if prepared.error is not None or prepared.document is None or prepared.extraction is None:
                reason = prepared.error or f"{prepared.spec.path}: not read"
                started = time.perf_counter()
                done(self.reject(prepared.spec, reason, prepared.stage or "read", prepared))
                report.seconds_writing += time.perf_counter() - started
                continue
            # A batch never holds two versions of one source, nor one content twice.
            mine = {"key:" + source_key_for(prepared.document), "sha:" + prepared.document.raw_sha256}
            if mine & identities:
                flush()
            batch.append(prepared)
            identities.update(mine)
            if len(batch) >= options.batch_size:
                flush()
        if batch:
            flush()
        report.results = [by_path[spec.path] for spec in specs]

        started = time.perf_counter()
        if self.rows_since_analyze > ANALYZE_AFTER_ROWS:
            self.analyze()  # for the queries researchers run next
        with conn.transaction():
            report.corrections = reapply_all(conn, load_run_id=self.run_id)
        report.seconds_writing += time.perf_counter() - started


def _refresh_quietly(conn: psycopg.Connection) -> None:
    """Refresh the research summaries after a failed run, if the database still answers (else the
    next load, or `eventsdb db refresh`, does it)."""
    with suppress(psycopg.Error, DatabaseError):
        refresh_research_summaries(conn)


def _recorded_options(options: LoadOptions) -> dict[str, Any]:
    recorded: dict[str, Any] = {}
    if options.force:
        recorded["force"] = True
    if options.max_bytes != DEFAULT_MAX_BYTES:
        recorded["max_bytes"] = options.max_bytes
    return recorded


def _one_line(error: BaseException) -> str:
    if isinstance(error, psycopg.Error) and error.diag.message_primary:
        return " ".join(error.diag.message_primary.split())
    text = str(error).strip()
    return " ".join(text.splitlines()[0].split()) if text else type(error).__name__


def load_inputs(
    engine: Engine,
    specs: Sequence[InputSpec],
    options: LoadOptions = LoadOptions(),
    *,
    extractor: Extractor | None = None,
    on_result: Callable[[InputResult], None] | None = None,
    prepared: Mapping[str, Prepared] | None = None,
) -> LoadReport:
    """Load the inputs into the (migrated) database behind `engine` and return what happened.

    One transaction per source; unreadable and refused inputs are quarantined and the run goes on.
    An error that stops the run (the database went away, Ctrl-C) marks it failed when the database
    can still be reached, and is re-raised. With `options.dry_run` everything happens in one
    transaction that is rolled back: the report says what would change and nothing is written.
    `extractor` replaces the extraction (tests); it must be picklable when jobs > 1. `prepared` gives
    inputs already read and extracted (`prepare_all`, e.g. in another step), by path."""
    started = time.perf_counter()
    report = LoadReport(run_id=None, dry_run=options.dry_run)
    conn = connect(engine)
    loader = _Loader(conn, options, extractor, on_result, prepared)
    try:
        with ExitStack() as stack:
            if options.dry_run:
                stack.enter_context(conn.transaction(force_rollback=True))
            try:
                loader.run(specs, report)
            except BaseException as error:
                report.error = "interrupted" if isinstance(error, KeyboardInterrupt) else _one_line(error)
                if not options.dry_run and loader.run_id and not conn.closed:
                    try:
                        with conn.transaction():
                            finish_load_run(
                                conn,
                                loader.run_id,
                                status="failed",
                                counts=report.run_counts(),
                                error=report.error,
                            )
                    except psycopg.Error:
                        pass  # the database is gone: the run stays 'running' until a later run marks it abandoned
                    else:
                        if loader.committed_changes and not isinstance(error, KeyboardInterrupt):
                            # What was committed before the failure stays: the summaries must show it.
                            _refresh_quietly(conn)
                raise
            if not options.dry_run:
                conn.execute("SET synchronous_commit = on")  # this commit flushes the whole run to disk
                with conn.transaction():
                    finish_load_run(conn, loader.run_id, status=report.status, counts=report.run_counts())
                release_load_run(conn, loader.run_id)
                if loader.committed_changes:
                    refresh_research_summaries(conn)  # research.incidents_per_group_year, ...
    finally:
        conn.close()
        report.seconds_total = time.perf_counter() - started
    return report
