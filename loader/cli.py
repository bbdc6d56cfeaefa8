"""The `eventsdb` command line: a thin shell over the library API in loader/."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from loader.access.cli import export_command
from loader.db.cli import db_app
from loader.model import ExtractedDocument
from loader.store.cli_correct import correct_app
from loader.store.cli_load import load_command

app = typer.Typer(
    name="eventsdb",
    help="Load reports of militant violence into a Postgres database of incidents and claims.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(db_app, name="db")
app.command("load")(load_command)
app.add_typer(correct_app, name="correct")
app.command("export")(export_command)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Articles or reports: .txt, .md or .html files.")],
    format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="json (one object, or an array for several files), jsonl or table."
        ),
    ] = OutputFormat.json,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    publisher: Annotated[
        str | None, typer.Option(help="Publisher of the inputs, if the text does not say.")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) of the inputs.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="URL of the input.")] = None,
) -> None:
    """Extract incidents, claims, groups, organisations and people from reports; no database needed."""
    from loader.extract.run import ExtractOptions, extract_paths

    options = ExtractOptions(publisher=publisher, published=published, url=url)
    failed = 0
    documents = []
    for result in extract_paths(files, options, jobs=jobs):
        if result.document is None:
            failed += 1
            typer.echo(f"Error: {result.error}", err=True)
            continue
        if format is OutputFormat.jsonl:
            typer.echo(result.document.model_dump_json())
        elif format is OutputFormat.table:
            typer.echo(render_table(result.document))
        else:
            documents.append(result.document.model_dump(mode="json"))
    if format is OutputFormat.json and documents:
        payload = documents[0] if len(files) == 1 else documents
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if failed:
        raise typer.Exit(code=1)


def render_table(document: ExtractedDocument) -> str:
    """A plain-text overview of one extraction, for people."""
    lines = [f"{document.source.path}: {len(document.incidents)} incidents, {len(document.claims)} claims"]
    for i, inc in enumerate(document.incidents):
        when = "-".join(str(x) for x in (inc.year, inc.month, inc.day) if x is not None) or "?"
        where = ", ".join(x for x in (inc.city, inc.admin1, inc.country) if x) or "?"
        toll = f"killed {inc.killed_low}..{inc.killed_high}" if inc.killed_low or inc.killed_high else ""
        lines.append(
            f"  [{i}] {when:10s} {where:35s} {inc.attack_type:15s} {inc.perpetrator or '-':28s} {toll}"
        )
    for i, c in enumerate(document.claims):
        lines.append(f"  claim {i}: {c.claimant} ({c.kind}): {c.quote[:80]}")
    return "\n".join(lines)


if __name__ == "__main__":
    app()
