"""`eventsdb db ...` against a database given by DATABASE_URL."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

from sqlalchemy.engine import URL
from typer.testing import CliRunner

from loader.cli import app
from loader.db import migrate
from loader.db.engine import check_connection, make_engine
from loader.db.errors import EXIT_TRANSIENT
from loader.db.settings import libpq_url

runner = CliRunner()
UNREACHABLE = "postgresql://nobody@127.0.0.1:1/events"


def eventsdb(database_url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"DATABASE_URL": database_url})
    return result.exit_code, result.stdout, result.stderr


def test_url_prints_database_url_in_the_form_psql_accepts() -> None:
    assert eventsdb("postgres://me:pw@db.example:5433/events", "db", "url", "--show-password") == (
        0,
        "postgresql://me:pw@db.example:5433/events\n",
        "",
    )


def test_a_wrong_database_url_is_one_terminal_line() -> None:
    assert eventsdb("mysql://me:pw@db.example/events", "db", "url") == (
        1,
        "",
        "eventsdb: error: DATABASE_URL must be a PostgreSQL URL (postgresql://...), not mysql://...\n",
    )
    assert eventsdb("mysql://me:pw@db.example/events", "db", "upgrade")[0] == 1


def test_an_unreachable_database_is_transient() -> None:
    code, out, err = eventsdb(UNREACHABLE, "db", "status")
    assert (code, out) == (EXIT_TRANSIENT, f"database: {UNREACHABLE} (from DATABASE_URL)\n")
    assert err.startswith(
        f"eventsdb: error (transient, retry later): cannot reach the database at {UNREACHABLE}: "
    )
    assert "Connection refused" in err
    assert err.count("\n") == 1
    for command in (["db", "start"], ["db", "upgrade"], ["load", "examples/dawn-2021-12-23-isk.txt"]):
        code, out, err = eventsdb(UNREACHABLE, *command)
        assert code == EXIT_TRANSIENT, command
        assert err.startswith("eventsdb: error (transient, retry later): cannot reach"), command
        assert "Traceback" not in err


def test_debug_shows_the_traceback() -> None:
    code, _, err = eventsdb(UNREACHABLE, "db", "status", "--debug")
    assert code == EXIT_TRANSIENT
    assert "Traceback (most recent call last)" in err
    assert err.splitlines()[-1].startswith("eventsdb: error (transient, retry later): cannot reach")


def test_upgrade_status_and_start_on_a_database_url(create_database: Callable[[str], URL]) -> None:
    url = create_database("cli")
    database_url = libpq_url(url)
    engine = make_engine(url)
    version = check_connection(engine)
    engine.dispose()
    head = migrate.head_revision()

    assert eventsdb(database_url, "db", "status") == (
        0,
        f"database: {database_url} (from DATABASE_URL)\n"
        f"server: reachable, {version}\n"
        "schema: empty (no schema yet: run `eventsdb db upgrade`)\n",
        "",
    )
    assert eventsdb(database_url, "db", "upgrade") == (
        0,
        f"upgraded the database from (empty) to {head} (head)\n",
        "",
    )
    assert eventsdb(database_url, "db", "upgrade") == (0, f"the database is already at {head} (head)\n", "")
    assert eventsdb(database_url, "db", "status")[1].endswith(f"schema: {head} (head)\n")
    assert eventsdb(database_url, "db", "start") == (
        0,
        f"DATABASE_URL is set: {database_url} is reachable ({version}); nothing to start\n",
        "",
    )

    # psql runs on the same database, its arguments passed through.
    listed = subprocess.run(
        [sys.executable, "-m", "loader.cli", "db", "psql", "--", "-Atc", "SELECT count(*) FROM load_runs"],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (listed.returncode, listed.stdout) == (0, "0\n")
    failing = subprocess.run(
        [sys.executable, "-m", "loader.cli", "db", "psql", "--", "-c", "SELECT * FROM no_such_table"],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert failing.returncode == 1
    assert 'relation "no_such_table" does not exist' in failing.stderr


def test_a_database_at_an_unknown_revision_is_refused(create_database: Callable[[str], URL]) -> None:
    url = create_database("future")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")
        connection.exec_driver_sql("INSERT INTO alembic_version VALUES ('2099_01_01_0001')")
    engine.dispose()
    database_url = libpq_url(url)
    assert eventsdb(database_url, "db", "upgrade") == (
        1,
        "",
        "eventsdb: error: the database is at revision 2099_01_01_0001, which this version of eventsdb "
        "does not know (was it migrated by a newer version?)\n",
    )
    head = migrate.head_revision()
    assert eventsdb(database_url, "db", "status")[1].endswith(
        f"schema: 2099_01_01_0001 (unknown to this eventsdb; head is {head})\n"
    )
