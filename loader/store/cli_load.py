"""`eventsdb load PATH... | --manifest FILE`: the command-line shell over `loader.store.load`.

Prints one line per input as it is done (a progress bar instead on a terminal, for batches), the
incidents stored for small loads, a summary table and the run's outcome; `--json` prints one JSON
object instead; `--dry-run` says what would change and writes nothing. Exits with 1 when any input
failed (after loading the others).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from loader.db import migrate
from loader.db.engine import check_connection, make_engine, resolve_target
from loader.db.errors import SchemaError, reported_errors
from loader.model import ExtractedDocument
from loader.read.reader import DEFAULT_MAX_BYTES
from loader.store.inputs import InputError, InputSpec, expand_paths, read_manifest
from loader.store.load import DEFAULT_BATCH_SIZE, OUTCOMES, InputResult, LoadOptions, LoadReport, load_inputs

DETAILS_UP_TO = 3  # inputs: more than that and only one line per input is printed


def _place(extraction: ExtractedDocument, index: int) -> str:
    incident = extraction.incidents[index]
    parts = [incident.city, incident.admin1_code or incident.admin1, incident.country]
    return ", ".join(dict.fromkeys(p for p in parts if p)) or "place unknown"


def _toll(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "?"
    if low == high:
        return str(low)
    return f"{low if low is not None else '?'}..{high if high is not None else ''}"


def describe_incidents(result: InputResult) -> list[str]:
    """One line per incident stored for an input: id, how it was stored, date, place, type, toll,
    perpetrator."""
    if result.extraction is None or result.written is None:
        return []
    lines = []
    for index, (incident_id, how) in enumerate(result.written.report_incidents):
        incident = result.extraction.incidents[index]
        when = incident.date_start if incident.date_precision == "day" else None
        when = when or "-".join(str(p) for p in (incident.year, incident.month) if p) or "date unknown"
        attack: str = incident.attack_type if incident.attack_type != "unknown" else "attack type unknown"
        attack += " (suicide)" if incident.suicide else ""
        killed = f"killed {_toll(incident.killed_low, incident.killed_high)}"
        wounded = (
            f", wounded {_toll(incident.wounded_low, incident.wounded_high)}"
            if incident.wounded_low is not None or incident.wounded_high is not None
            else ""
        )
        who = (
            f"{incident.perpetrator} ({incident.attribution or 'attributed'})"
            if incident.perpetrator
            else "-"
        )
        label = {"new": "", "kept": " (kept)", "merged": " (merged: another source reported it too)"}[how]
        lines.append(
            f"  incident {incident_id}{label}: {when}, {_place(result.extraction, index)}, {attack}, "
            f"{killed}{wounded}, {who}"
        )
    return lines


def describe_result(result: InputResult) -> str:
    """The one line said about an input."""
    if result.outcome == "failed":
        return f"{'failed':<11} {result.path}"
    replaces = f", replaces source {result.replaced_id}" if result.replaced_id is not None else ""
    stored_as = f"source {result.source_id} (version {result.version}{replaces})"
    if result.outcome == "unchanged":
        return f"{'unchanged':<11} {result.path}: identical content is stored as {stored_as}"
    written = result.written
    if written is None:
        return f"{result.outcome:<11} {result.path}: {stored_as}"
    how = [f"{written.incidents_new} new"]
    if written.incidents_kept:
        how.append(f"{written.incidents_kept} kept")
    if written.incidents_merged:
        how.append(f"{written.incidents_merged} merged")
    if written.incidents_removed:
        how.append(f"{written.incidents_removed} removed")
    corrected = (
        f", {_count(written.corrections_applied, 'correction')} re-applied"
        if written.corrections_applied
        else ""
    )
    return (
        f"{result.outcome:<11} {result.path}: {stored_as}: {_count(written.incidents, 'incident')} "
        f"({', '.join(how)}), {_count(written.claims, 'claim')}{corrected}"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary_table(report: LoadReport) -> Table:
    counts, written = report.counts, report.written
    title = f"load run {report.run_id}" if not report.dry_run else "dry run (nothing written)"
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold")
    table.add_column("inputs", justify="left")
    table.add_column("count", justify="right")
    for outcome in OUTCOMES:
        if counts[outcome] or outcome != "reextracted":
            table.add_row(outcome, str(counts[outcome]))
    table.add_section()
    table.add_row("incidents new", str(written.incidents_new))
    table.add_row("incidents merged (cross-source)", str(written.incidents_merged))
    table.add_row("incidents kept (reloads)", str(written.incidents_kept))
    table.add_row("incidents removed (reloads)", str(written.incidents_removed))
    table.add_row("claims", str(written.claims))
    table.add_row("rows written", str(written.rows))
    table.add_section()
    table.add_row("seconds reading and extracting", f"{report.seconds_extracting:.2f}")
    table.add_row("seconds writing", f"{report.seconds_writing:.2f}")
    table.add_row("seconds in all", f"{report.seconds_total:.2f}")
    return table


def describe_report(report: LoadReport) -> str:
    counts = report.counts
    summary = ", ".join(f"{counts[o]} {o}" for o in OUTCOMES if o != "reextracted" or counts[o])
    if report.dry_run:
        return f"dry run, nothing written: would be {summary}"
    return f"load run {report.run_id} {report.status}: {summary}"


def report_as_json(report: LoadReport, migrated: tuple[str | None, str | None] | None) -> dict[str, Any]:
    written = report.written
    return {
        "run_id": report.run_id,
        "dry_run": report.dry_run,
        "status": report.status,
        "counts": report.counts,
        "rows": {
            "claims": written.claims,
            "incidents_new": written.incidents_new,
            "incidents_merged": written.incidents_merged,
            "incidents_kept": written.incidents_kept,
            "incidents_removed": written.incidents_removed,
            "incident_reports": written.reports,
            "incident_claims": written.incident_claims,
            "incident_perpetrators": written.perpetrators,
            "claim_relations": written.claim_relations,
            "group_relations": written.group_relations,
            "actor_mentions": written.mentions,
            "corrections_reapplied": written.corrections_applied,
            "total": written.rows,
        },
        "seconds": {
            "total": round(report.seconds_total, 3),
            "reading_and_extracting": round(report.seconds_extracting, 3),
            "writing": round(report.seconds_writing, 3),
        },
        "migrated": {"from": migrated[0], "to": migrated[1]}
        if migrated and migrated[0] != migrated[1]
        else None,
        "abandoned_runs": report.abandoned_runs,
        "inputs": [
            {
                "path": r.path,
                "outcome": r.outcome,
                "source_id": r.source_id,
                "version": r.version,
                "replaces_source_id": r.replaced_id,
                "incident_ids": r.written.incident_ids if r.written else [],
                "claims": r.written.claims if r.written else 0,
                "error": r.error,
                "stage": r.stage,
            }
            for r in report.results
        ],
        "corrections_not_applied": [
            {"id": c.id, "outcome": c.last_outcome, "error": c.last_error}
            for c in (report.corrections.not_applicable if report.corrections else [])
        ],
    }


def load_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Reports to load: .txt, .md or .html files, directories (searched recursively), "
            "glob patterns, or '-' for standard input.",
            show_default=False,
        ),
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(
            help="A CSV or JSON Lines file listing inputs: path, and optionally url, publisher, title, "
            "published (relative paths are relative to the manifest).",
        ),
    ] = None,
    publisher: Annotated[
        str | None, typer.Option(help="Publisher of the inputs, where the text does not say.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) of the inputs, where the text does not say."),
    ] = None,
    url: Annotated[str | None, typer.Option(help="URL the input was published at.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the input.")] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Read and extract every input again, unchanged ones too (e.g. after an extractor "
            "upgrade), replacing their extracted rows and recording the new extractor version.",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Say what would change (in a transaction rolled back): nothing is written."
        ),
    ] = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print one JSON object describing the run instead of text.")
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes for reading and extraction.")
    ] = 1,
    batch_size: Annotated[
        int,
        typer.Option(
            min=1,
            help="Sources written per transaction, each all or nothing: if the database refuses one, "
            "the batch is written again one source per transaction. 1: one transaction per source.",
        ),
    ] = DEFAULT_BATCH_SIZE,
    max_size: Annotated[
        float,
        typer.Option(help="Refuse inputs larger than this many megabytes.", min=0.000001),
    ] = DEFAULT_MAX_BYTES / 1_000_000,
    details: Annotated[
        bool | None,
        typer.Option(
            "--details/--no-details",
            help=f"List the incidents stored for each input (default: when loading up to {DETAILS_UP_TO} inputs).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", envvar="EVENTSDB_DEBUG", help="Show the full traceback when something fails."
        ),
    ] = False,
) -> None:
    """Load reports into the database (applying migrations first) and print what was stored.

    Each input becomes a source (cleaned text, sha256, metadata) with its claims, incidents,
    perpetrators and relations, one transaction per source. Identical content is skipped as
    unchanged; new content of a known source (same URL, or same publisher, title and date) replaces
    the old version's rows, the old version staying as superseded. Human corrections are re-applied.
    Unreadable inputs and inputs with no incident are reported and quarantined, and the command
    then exits with status 1.
    """
    report: LoadReport | None = None
    with reported_errors(debug):
        defaults = InputSpec(path="", url=url, publisher=publisher, title=title, published=published)
        specs = expand_paths(list(paths or []), defaults=defaults)
        if manifest is not None:
            listed = read_manifest(manifest)
            seen = {spec.path for spec in specs}
            specs += [spec for spec in listed if spec.path not in seen]
        if not specs:
            raise InputError("nothing to load: give files, directories, globs, '-' or --manifest FILE")

        engine = make_engine(resolve_target(start=True))
        try:
            check_connection(engine)
            migrated: tuple[str | None, str | None] | None = None
            if dry_run:
                state = migrate.schema_state(engine)
                if not state.is_current:
                    raise SchemaError(
                        "a dry run needs a migrated database (it writes nothing, migrations included); "
                        f"schema: {state.describe()}"
                    )
            else:
                migrated = migrate.upgrade(engine)
                if migrated[0] != migrated[1] and not json_output:
                    typer.echo(f"migrated the database from {migrated[0] or '(empty)'} to {migrated[1]}")
            show_details = details if details is not None else len(specs) <= DETAILS_UP_TO
            options = LoadOptions(
                force=force,
                dry_run=dry_run,
                jobs=jobs,
                max_bytes=int(max_size * 1_000_000),
                batch_size=batch_size,
            )
            report = _run(engine, specs, options, json_output=json_output, show_details=show_details)
        finally:
            engine.dispose()
        if json_output:
            typer.echo(json.dumps(report_as_json(report, migrated), ensure_ascii=False, indent=2))
    if report is not None and report.counts["failed"]:
        raise typer.Exit(1)


def _run(
    engine: Any, specs: list[InputSpec], options: LoadOptions, *, json_output: bool, show_details: bool
) -> LoadReport:
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    use_bar = err.is_terminal and len(specs) > 1
    progress = Progress(
        TextColumn("loading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[path]}"),
        console=err,
        disable=not use_bar,
        transient=True,
    )

    def say(line: str) -> None:
        if json_output:
            return
        if use_bar:
            progress.console.print(line, markup=False)
        else:
            typer.echo(line)

    def on_result(result: InputResult) -> None:
        if result.error is not None:
            if use_bar:
                err.print(f"eventsdb: {result.error}", markup=False)
            else:
                typer.echo(f"eventsdb: {result.error}", err=True)
        if not json_output and (not use_bar or result.outcome != "unchanged"):
            say(describe_result(result))
            if show_details and result.outcome in ("new", "updated", "reextracted"):
                for line in describe_incidents(result):
                    say(line)
        progress.update(task, advance=1, path=result.path[-60:])

    with progress:
        task = progress.add_task("load", total=len(specs), path="")
        report = load_inputs(engine, specs, options, on_result=on_result)
    if json_output:
        return report
    for run_id in report.abandoned_runs:
        typer.echo(f"load run {run_id} had stopped before finishing (killed or crashed): marked abandoned")
    rejected = [r for r in report.results if r.outcome == "failed"]
    if rejected:
        typer.echo("rejected inputs (quarantined in rejected_inputs):")
        for result in rejected:
            typer.echo(f"  {result.error}")
    if report.corrections and report.corrections.not_applicable:
        for correction in report.corrections.not_applicable:
            reason = correction.last_error or correction.last_outcome
            typer.echo(f"correction {correction.id} could not be re-applied: {reason}")
    if len(specs) > 1:  # one input's line says it all
        out.print(summary_table(report))
    typer.echo(describe_report(report))
    return report
