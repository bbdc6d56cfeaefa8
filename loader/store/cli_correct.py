"""`eventsdb correct ...`: record human corrections (who, when, why), apply them at once; the loader
re-applies them after every reload. A thin shell over `loader.store.corrections`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import psycopg
import typer

from loader.access import summaries
from loader.db import migrate
from loader.db.engine import check_connection, make_engine, resolve_target
from loader.db.errors import reported_errors
from loader.store import corrections
from loader.store.corrections import CorrectionError
from loader.store.load import connect

correct_app = typer.Typer(
    help="Correct the database by hand (an incident's field, two groups that are one, a missing alias); "
    "corrections are recorded with who, when and why and re-applied after every reload.",
    no_args_is_help=True,
)

T = TypeVar("T")

By = Annotated[str, typer.Option("--by", help="Who makes the correction.")]
Why = Annotated[str, typer.Option("--why", help="Why, in your words (kept with the correction).")]
Debug = Annotated[
    bool,
    typer.Option("--debug", envvar="EVENTSDB_DEBUG", help="Show the full traceback when something fails."),
]


@contextmanager
def _database() -> Iterator[psycopg.Connection]:
    engine = make_engine(resolve_target(start=True))
    try:
        check_connection(engine)
        migrate.upgrade(engine)
        conn = connect(engine)
        try:
            yield conn
        finally:
            conn.close()
    finally:
        engine.dispose()


def _run(debug: bool, action: Callable[[psycopg.Connection], T]) -> T:
    """Run `action` in one transaction; errors become one line and exit status 1."""
    with reported_errors(debug), _database() as conn:
        with conn.transaction():
            result = action(conn)
        # The research summaries are as of the last change; a correction is one.
        summaries.refresh(conn)
        return result
    raise AssertionError("unreachable")  # reported_errors exits on error


def _pairs(fields: list[str], values: list[str]) -> dict[str, str | None]:
    if len(fields) != len(values):
        raise CorrectionError("give one --value for each --field")
    return dict(zip(fields, values, strict=True))


@correct_app.command("incident")
def correct_incident(
    incident_id: Annotated[int, typer.Argument(help="The incident's id (incidents.id).")],
    field: Annotated[
        list[str], typer.Option("--field", help="A column to correct, e.g. killed_low, city, attack_type.")
    ],
    value: Annotated[list[str], typer.Option("--value", help="Its corrected value ('null' clears it).")],
    by: By,
    why: Why,
    debug: Debug = False,
) -> None:
    """Set fields of an incident (give --field and --value once per field)."""

    def act(conn: psycopg.Connection) -> list[int]:
        return corrections.correct_incident(conn, incident_id, _pairs(field, value), author=by, reason=why)

    ids = _run(debug, act)
    for correction_id, (name, new) in zip(ids, zip(field, value, strict=True), strict=True):
        typer.echo(f"correction {correction_id}: incident {incident_id} {name} = {new} (applied)")


@correct_app.command("delete-incident")
def delete_incident(
    incident_id: Annotated[int, typer.Argument(help="The incident's id (incidents.id).")],
    by: By,
    why: Why,
    debug: Debug = False,
) -> None:
    """Delete an incident that is not one (it stays deleted when its source is reloaded)."""
    correction_id = _run(
        debug, lambda conn: corrections.delete_incident(conn, incident_id, author=by, reason=why)
    )
    typer.echo(f"correction {correction_id}: incident {incident_id} deleted")


@correct_app.command("group")
def correct_group(
    group: Annotated[str, typer.Argument(help="The group: its id or any of its names.")],
    field: Annotated[
        list[str], typer.Option("--field", help="name, description, parent, reviewed or wikidata_id.")
    ],
    value: Annotated[
        list[str], typer.Option("--value", help="Its corrected value (a parent by id or name).")
    ],
    by: By,
    why: Why,
    debug: Debug = False,
) -> None:
    """Set fields of a group (e.g. its parent, or reviewed = true once checked)."""

    def act(conn: psycopg.Connection) -> list[int]:
        return corrections.correct_group(conn, group, _pairs(field, value), author=by, reason=why)

    for correction_id in _run(debug, act):
        typer.echo(f"correction {correction_id}: group {group} corrected")


@correct_app.command("merge-groups")
def merge_groups(
    merged: Annotated[str, typer.Argument(help="The group that goes (id or name).")],
    into: Annotated[str, typer.Argument(help="The group that stays (id or name).")],
    by: By,
    why: Why,
    debug: Debug = False,
) -> None:
    """Merge a group into another: its claims, incidents, relations and spellings move over."""
    correction_id = _run(
        debug, lambda conn: corrections.merge_actors(conn, merged, into, author=by, reason=why)
    )
    typer.echo(f"correction {correction_id}: group {merged} merged into {into}")


@correct_app.command("merge-organisations")
def merge_organisations(
    merged: Annotated[str, typer.Argument(help="The organisation that goes (id or name).")],
    into: Annotated[str, typer.Argument(help="The organisation that stays (id or name).")],
    by: By,
    why: Why,
    debug: Debug = False,
) -> None:
    """Merge an organisation into another: its claims and spellings move over."""

    def act(conn: psycopg.Connection) -> int:
        return corrections.merge_actors(conn, merged, into, author=by, reason=why, table="organisations")

    typer.echo(f"correction {_run(debug, act)}: organisation {merged} merged into {into}")


@correct_app.command("add-alias")
def add_alias(
    name: Annotated[str, typer.Argument(help="The group (or organisation): its id or a name it has.")],
    alias: Annotated[str, typer.Argument(help="The new spelling.")],
    by: By,
    why: Why,
    organisation: Annotated[
        bool, typer.Option("--organisation", help="NAME is an organisation, not a group.")
    ] = False,
    debug: Debug = False,
) -> None:
    """Add a spelling of a group or organisation, so that later loads resolve it to that row."""
    table: corrections.ActorTable = "organisations" if organisation else "groups"

    def act(conn: psycopg.Connection) -> int:
        return corrections.add_alias(conn, name, alias, author=by, reason=why, table=table)

    typer.echo(f"correction {_run(debug, act)}: {alias!r} is now an alias of {name}")


@correct_app.command("list")
def list_corrections(
    json_output: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    debug: Debug = False,
) -> None:
    """List the corrections, oldest first, with how they went when last applied."""
    rows = _run(debug, corrections.list_corrections)
    for c in rows:
        if json_output:
            record = {**vars(c), "created_at": c.created_at.isoformat(),
                      "applied_at": c.applied_at.isoformat() if c.applied_at else None}  # fmt: skip
            typer.echo(json.dumps(record, ensure_ascii=False, default=str))
            continue
        what = f"{c.action} {c.target_table} {c.target_id if c.target_id is not None else ''}".strip()
        if c.field:
            what += f" {c.field} = {json.dumps(c.new_value, ensure_ascii=False)}"
        elif c.new_value is not None:
            what += f" {json.dumps(c.new_value, ensure_ascii=False)}"
        outcome = c.last_outcome or "never applied"
        if c.last_error:
            outcome += f": {c.last_error}"
        typer.echo(f"{c.id}  {c.created_at:%Y-%m-%d %H:%M}  {c.author}: {what}  ({outcome})  why: {c.reason}")
    if not rows and not json_output:
        typer.echo("no corrections")


@correct_app.command("apply")
def apply_corrections(debug: Debug = False) -> None:
    """Re-apply every correction now (loads do it after every reload)."""
    report = _run(debug, lambda conn: corrections.reapply_all(conn))
    typer.echo(f"{report.corrections} corrections, {report.rows_changed} rows changed")
    for c in report.not_applicable:
        typer.echo(f"correction {c.id} could not be applied: {c.last_error or c.last_outcome}")


@correct_app.command("export")
def export_corrections(
    path: Annotated[
        Path, typer.Argument(help="The JSON Lines file to write (e.g. corrections.jsonl, kept in git).")
    ],
    debug: Debug = False,
) -> None:
    """Write every correction to a JSON Lines file, to keep under version control."""
    count = _run(debug, lambda conn: corrections.export_corrections(conn, path))
    typer.echo(f"{count} corrections written to {path}")


@correct_app.command("import")
def import_corrections(
    path: Annotated[Path, typer.Argument(help="A JSON Lines file written by `eventsdb correct export`.")],
    debug: Debug = False,
) -> None:
    """Add the corrections of a file that the database lacks, then re-apply them all."""
    added, total = _run(debug, lambda conn: corrections.import_corrections(conn, path))
    typer.echo(f"{added} of {total} corrections added from {path}")
