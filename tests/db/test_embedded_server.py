"""The embedded server as a user meets it through `eventsdb db ...`: created and started on
demand, left running after the command exits, reused, stopped; clear errors when it cannot start."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import schema
from loader.cli import app
from loader.db import migrate, server
from loader.db.cli import psql_executable
from tests.conftest import new_home, remove_home

runner = CliRunner()


def eventsdb(home: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"EVENTSDB_HOME": str(home), "DATABASE_URL": None})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def long_home() -> Iterator[Path]:
    """A home whose path is too long for a Unix socket inside it, so the socket goes to /tmp."""
    base = new_home()
    home = base / ("a-rather-long-directory-name-for-eventsdb-data-" * 2)
    yield home
    remove_home(home)
    remove_home(base)


def test_embedded_server_lifecycle(long_home: Path) -> None:
    data_dir = long_home / "postgres"
    assert eventsdb(long_home, "db", "status") == (
        0,
        f"database: embedded PostgreSQL in {data_dir}\n"
        "server: not created yet (the first command that needs it creates and starts it)\n",
        "",
    )

    # Started by a command that then exits: the server keeps running for the next commands.
    started = subprocess.run(
        [sys.executable, "-m", "loader.cli", "db", "start"],
        env={**os.environ, "EVENTSDB_HOME": str(long_home), "DATABASE_URL": ""},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    status = server.server_status(long_home)
    assert status.running
    assert (started.returncode, started.stdout, started.stderr) == (
        0,
        f"started the embedded PostgreSQL server in {data_dir} (pid {status.pid})\n",
        "",
    )
    assert status.socket_dir is not None and status.socket_dir != data_dir  # the path was too long
    assert eventsdb(long_home, "db", "start") == (
        0,
        f"the embedded PostgreSQL server in {data_dir} is already running (pid {status.pid})\n",
        "",
    )

    url = f"postgresql://postgres@/eventsdb?host={status.socket_dir}&port={status.port}"
    assert eventsdb(long_home, "db", "url") == (0, url + "\n", "")
    head = migrate.head_revision()
    assert eventsdb(long_home, "db", "upgrade") == (
        0,
        f"upgraded the database from (empty) to {head} (head)\n",
        "",
    )
    code, out, err = eventsdb(long_home, "db", "status")
    lines = out.splitlines()
    assert (code, err, len(lines)) == (0, "", 4)
    assert lines[0] == f"database: embedded PostgreSQL 18 in {data_dir}"
    assert lines[1] == f"url: {url}"
    assert lines[2].startswith(f"server: running (pid {status.pid}), PostgreSQL 18.")
    assert lines[3] == f"schema: {head} (head)"

    # What the README promises: psql "$(eventsdb db url)" -c '\dt+' lists every table with its description.
    listing = subprocess.run(
        [psql_executable(), url, "-Atc", r"\dt+"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    described = {row.split("|")[1]: row.split("|")[-1] for row in listing.splitlines()}
    assert set(described) == set(schema.metadata.tables) | {"alembic_version"}
    assert all(description.strip() for description in described.values())

    through_eventsdb = subprocess.run(
        [sys.executable, "-m", "loader.cli", "db", "psql", "--", "-Atc", "SELECT current_database()"],
        env={**os.environ, "EVENTSDB_HOME": str(long_home), "DATABASE_URL": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (through_eventsdb.returncode, through_eventsdb.stdout) == (0, "eventsdb\n")

    assert eventsdb(long_home, "db", "stop") == (
        0,
        f"stopped the embedded PostgreSQL server in {data_dir}\n",
        "",
    )
    assert not server.server_status(long_home).running
    assert eventsdb(long_home, "db", "stop") == (
        0,
        f"the embedded PostgreSQL server in {data_dir} is not running\n",
        "",
    )
    assert eventsdb(long_home, "db", "status") == (
        0,
        f"database: embedded PostgreSQL 18 in {data_dir}\n"
        "server: stopped (`eventsdb db start` starts it; commands that need it start it too)\n",
        "",
    )
    # On demand: `url` starts it again, with the data kept.
    assert eventsdb(long_home, "db", "url")[0] == 0
    assert eventsdb(long_home, "db", "upgrade") == (0, f"the database is already at {head} (head)\n", "")


def test_a_server_that_cannot_start_is_one_line_naming_the_log() -> None:
    home = new_home()
    try:
        server.start(home)
        server.stop(home)
        data_dir = home / "postgres"
        (data_dir / "PG_VERSION").write_text("9\n")  # as if left by another PostgreSQL version
        code, out, err = eventsdb(home, "db", "start")
        assert (code, out) == (1, "")
        assert err.startswith(
            f"eventsdb: error: could not start the embedded PostgreSQL server in {data_dir}: FATAL:"
        )
        assert "database files are incompatible with server" in err
        assert err.endswith(f"(server log: {data_dir / 'server.log'})\n")
        assert err.count("\n") == 1

        debug_code, _, debug_err = eventsdb(home, "db", "start", "--debug")
        assert debug_code == 1
        assert "Traceback (most recent call last)" in debug_err
    finally:
        remove_home(home)


def test_a_foreign_directory_is_not_turned_into_a_database() -> None:
    home = new_home()
    try:
        (home / "postgres").mkdir()
        (home / "postgres" / "notes.txt").write_text("mine")
        assert eventsdb(home, "db", "start") == (
            1,
            "",
            f"eventsdb: error: {home / 'postgres'} exists but is not a PostgreSQL data directory "
            "(no PG_VERSION); move it away or set EVENTSDB_HOME to another directory\n",
        )
        assert (home / "postgres" / "notes.txt").read_text() == "mine"
    finally:
        remove_home(home)


def test_an_eventsdb_home_that_is_a_file_is_reported(tmp_path: Path) -> None:
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("x")
    assert eventsdb(not_a_directory, "db", "start") == (
        1,
        "",
        f"eventsdb: error: cannot use EVENTSDB_HOME {not_a_directory}: File exists\n",
    )
