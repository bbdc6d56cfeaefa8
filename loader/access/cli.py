"""Commands for researcher and BI access: `eventsdb export` and `eventsdb db grant-reader | serve |
dictionary`. Thin: the work is in loader.access's modules. Registered in loader/cli.py and
loader/db/cli.py."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, cast

import typer

from loader.db import migrate
from loader.db.engine import check_connection, make_engine, resolve_target
from loader.db.errors import DatabaseConfigError, reported_errors
from loader.db.settings import database_url_from_env, eventsdb_home

DebugOption = Annotated[
    bool,
    typer.Option("--debug", envvar="EVENTSDB_DEBUG", help="Show the full traceback when something fails."),
]


class Format(StrEnum):
    csv = "csv"
    parquet = "parquet"
    json = "json"


def export_command(
    view: Annotated[
        str,
        typer.Argument(
            help="What to export: incidents, claims, sources, incident-sources, incident-reports, "
            "incident-perpetrators, claim-responses, groups or group-relations (the research views).",
            show_default=False,
        ),
    ],
    format: Annotated[Format, typer.Option("--format", "-f", help="csv, parquet or json.")] = Format.csv,
    where: Annotated[
        str | None,
        typer.Option(
            "--where",
            "-w",
            help="SQL filter on the view's columns, e.g. \"country = 'PK' AND year >= 2016\". It runs in a "
            "read-only transaction: it can filter, never write.",
        ),
    ] = None,
    gtd: Annotated[
        bool,
        typer.Option(
            "--gtd", help="Incidents with GTD column names and codes (iyear, country_txt, gname, ...)."
        ),
    ] = False,
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="File to write; '-' for standard output (not for parquet on a terminal)."
        ),
    ] = "-",
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="At most this many rows.")] = None,
    debug: DebugOption = False,
) -> None:
    """Export a research view (incidents, claims, sources, ...) as CSV, Parquet or JSON."""
    from loader.access.export import ExportFormat, export_view

    with reported_errors(debug):
        to_stdout = output == "-"
        if to_stdout and format is Format.parquet and sys.stdout.isatty():
            raise DatabaseConfigError(
                "Parquet is binary: give a file with --output FILE, or redirect standard output"
            )
        engine = make_engine(resolve_target(start=True))
        try:
            check_connection(engine)
            if to_stdout:
                result = export_view(
                    engine, view, cast(ExportFormat, format.value), sys.stdout.buffer, where, gtd, limit
                )
                sys.stdout.flush()
            else:
                with open(output, "wb") as file:
                    result = export_view(
                        engine, view, cast(ExportFormat, format.value), file, where, gtd, limit
                    )
        finally:
            engine.dispose()
        destination = "standard output" if to_stdout else output
        naming = " with GTD column names" if result.gtd else ""
        typer.echo(
            f"exported {result.rows} rows of research.{result.view}{naming} to {destination} ({result.format})",
            err=True,
        )


NameArgument = Annotated[
    str, typer.Argument(help="Login name, e.g. analyst, metabase or loader.", show_default=False)
]
PasswordOption = Annotated[
    str | None,
    typer.Option(
        "--password",
        help="The password to give (at least 12 characters). Visible to other users in the process "
        "list: prefer --password-stdin.",
    ),
]
PasswordStdinOption = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
]
ResetPasswordOption = Annotated[
    bool, typer.Option("--reset-password", help="Give an existing login a new generated password.")
]


def grant_reader_command(
    name: NameArgument,
    password: PasswordOption = None,
    password_stdin: PasswordStdinOption = False,
    reset_password: ResetPasswordOption = False,
    debug: DebugOption = False,
) -> None:
    """Create a read-only login for analysts and BI tools (SELECT on the research views and tables).

    Without --password or --password-stdin a password is generated and printed once.
    """
    _grant_command("reader", name, password, password_stdin, reset_password, debug)


def grant_writer_command(
    name: NameArgument,
    password: PasswordOption = None,
    password_stdin: PasswordStdinOption = False,
    reset_password: ResetPasswordOption = False,
    debug: DebugOption = False,
) -> None:
    """Create a login that may load and correct but not change the schema (for a weekly load job).

    Without --password or --password-stdin a password is generated and printed once. Point
    DATABASE_URL at it (`eventsdb db serve` for TCP on the embedded server); migrations stay with
    the owner (`eventsdb db upgrade`).
    """
    _grant_command("writer", name, password, password_stdin, reset_password, debug)


def _grant_command(
    what: str, name: str, password: str | None, password_stdin: bool, reset_password: bool, debug: bool
) -> None:
    from loader.access.roles import READER_ROLE, WRITER_ROLE, grant_reader, grant_writer

    with reported_errors(debug):
        if password is not None and password_stdin:
            raise DatabaseConfigError("give the password with --password or --password-stdin, not both")
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        engine = make_engine(resolve_target(start=True))
        grant = grant_writer if what == "writer" else grant_reader
        try:
            check_connection(engine)
            migrate.upgrade(engine)  # the tables and views the login is for
            granted = grant(engine, name, password=password, reset_password=reset_password)
        finally:
            engine.dispose()
        kind, group = (
            ("login that may load", WRITER_ROLE) if what == "writer" else ("read-only login", READER_ROLE)
        )
        action = "created the" if granted.created else "refreshed the"
        typer.echo(f"{action} {kind} {granted.name} (member of {group}) on database {granted.database}")
        if granted.password is not None and password is None:
            typer.echo(f"password: {granted.password}")
            typer.echo("(shown once: eventsdb keeps no copy; --reset-password makes a new one)")
        elif granted.password is not None:
            typer.echo("password: the one you gave")
        else:
            typer.echo("password: unchanged (--reset-password makes a new one)")
        if what == "writer":
            typer.echo("load with DATABASE_URL set to this login (over TCP after `eventsdb db serve`)")
        else:
            typer.echo(
                "connect over TCP after `eventsdb db serve`, which prints the details a BI tool asks for"
            )


def serve_command(
    port: Annotated[int, typer.Option("--port", "-p", help="TCP port on 127.0.0.1.")] = 5432,
    debug: DebugOption = False,
) -> None:
    """Let BI tools connect: the embedded server also listens on 127.0.0.1 TCP, with passwords.

    TCP connections must authenticate with scram-sha-256 (never trust); the readers made by
    `eventsdb db grant-reader` log in with their passwords. Prints host, port, database and user.
    """
    from loader.access.roles import list_readers
    from loader.access.serve import Serving, connection_details, serve

    with reported_errors(debug):
        configured = database_url_from_env()
        if configured is not None:
            target = resolve_target(start=False)
            url = target.sqlalchemy_url
            typer.echo(
                f"DATABASE_URL is set: eventsdb does not run that server ({target.display_url}); BI tools "
                "connect to it directly with:"
            )
            serving = Serving(
                host=url.host or "localhost",
                port=url.port or 5432,
                database=url.database or "",
                data_dir=Path(),
                pid=None,
                restarted=False,
            )
        else:
            serving = serve(eventsdb_home(), port)
            engine = make_engine(resolve_target(start=False))
            try:
                migrate.upgrade(engine)  # the views BI tools read
            finally:
                engine.dispose()
            state = "now listens" if serving.restarted else "already listens"
            typer.echo(
                f"the embedded PostgreSQL server (pid {serving.pid}) {state} on {serving.host}:{serving.port} "
                "(TCP, loopback only, scram-sha-256 passwords) and on its Unix socket"
            )
            typer.echo("connection details for a BI tool:")
        engine = make_engine(resolve_target(start=False))
        try:
            readers = list_readers(engine)
        finally:
            engine.dispose()
        for label, value in connection_details(serving, readers):
            typer.echo(f"  {label + ':':10} {value}")
        if configured is None:
            typer.echo("`eventsdb db stop` stops the server; the next start listens on the socket only")


def dictionary_command(
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="File to write, e.g. docs/schema.md; '-' for standard output."),
    ] = "-",
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if the file differs from the database.")
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Print the data dictionary (docs/schema.md) generated from the database's own comments."""
    from loader.access.dictionary import REGENERATE_COMMAND, render
    from loader.access.views import raw_connection

    with reported_errors(debug):
        engine = make_engine(resolve_target(start=True))
        try:
            check_connection(engine)
            state = migrate.schema_state(engine)
            if not state.is_current:
                raise DatabaseConfigError(
                    f"the database is at {state.revision or '(empty)'}, not at head {state.head}: run "
                    "`eventsdb db upgrade` first, so the dictionary describes the current schema"
                )
            with engine.connect() as connection:
                text = render(raw_connection(connection))
                connection.rollback()
        finally:
            engine.dispose()
        if check:
            target = Path(output)
            if output == "-" or not target.is_file() or target.read_text() != text:
                typer.echo(f"{output} is out of date: run `{REGENERATE_COMMAND}`", err=True)
                raise typer.Exit(1)
            typer.echo(f"{output} is up to date")
        elif output == "-":
            typer.echo(text, nl=False)
        else:
            Path(output).write_text(text)
            typer.echo(f"wrote {output}", err=True)
