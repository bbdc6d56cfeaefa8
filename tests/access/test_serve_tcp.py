"""`eventsdb db serve`: the embedded server on 127.0.0.1 TCP with scram-sha-256, reached by psql and
by SQLAlchemy in other processes with a reader's password; passwords stay out of the server log.

One embedded server of its own (a fresh EVENTSDB_HOME) on a free port, for the whole module."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from loader.access.serve import tcp_listener
from loader.cli import app
from loader.db import server
from loader.db.cli import psql_executable
from loader.db.engine import make_engine
from tests.access.research_data import build_research_data
from tests.conftest import new_home, remove_home

runner = CliRunner()
READER = "bi_reader"
PASSWORD = "a reader's Passw0rd, not in any log"


@dataclass(frozen=True)
class Served:
    home: Path
    port: int
    serve_output: str
    grant_output: str

    @property
    def environment(self) -> dict[str, str]:
        return {"EVENTSDB_HOME": str(self.home), "DATABASE_URL": ""}

    def conninfo(self, user: str = READER) -> str:
        return f"host=127.0.0.1 port={self.port} dbname=eventsdb user={user} sslmode=disable"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def eventsdb(served_home: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(
        app, list(args), input=input, env={"EVENTSDB_HOME": str(served_home), "DATABASE_URL": ""}
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    home = new_home("eventsdb-test-serve-")
    port = free_port()
    try:
        status, _ = server.start(home)
        engine = make_engine(status.url())
        try:
            from loader.db import migrate

            migrate.upgrade(engine)
            with Session(engine) as session, session.begin():
                build_research_data(session)
            with engine.begin() as connection:  # every later session logs its statements, to check them
                connection.execute(text("ALTER DATABASE eventsdb SET log_statement = 'all'"))
        finally:
            engine.dispose()
        code, serve_output, stderr = eventsdb(home, "db", "serve", "--port", str(port))
        assert code == 0, stderr
        code, grant_output, stderr = eventsdb(
            home, "db", "grant-reader", READER, "--password-stdin", input=PASSWORD + "\n"
        )
        assert code == 0, stderr
        yield Served(home, port, serve_output, grant_output)
    finally:
        remove_home(home)


def psql(
    served: Served, *args: str, user: str = READER, password: str = PASSWORD
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PGPASSWORD": password, "PGCONNECT_TIMEOUT": "10"}
    return subprocess.run(
        [psql_executable(), served.conninfo(user), "-X", "-At", "-v", "ON_ERROR_STOP=1", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def test_serve_prints_what_a_bi_tool_asks_for(served: Served) -> None:
    output = served.serve_output
    assert f"now listens on 127.0.0.1:{served.port} (TCP, loopback only, scram-sha-256 passwords)" in output
    for line in (
        "  host:      127.0.0.1",
        f"  port:      {served.port}",
        "  database:  eventsdb",
        "  SSL:       off (sslmode=disable): loopback only",
        f"  JDBC URL:  jdbc:postgresql://127.0.0.1:{served.port}/eventsdb",
    ):
        assert line in output.splitlines()
    assert "  user:      (no reader yet: run `eventsdb db grant-reader NAME`)" in output.splitlines()
    assert served.grant_output.splitlines()[:2] == [
        f"created the read-only login {READER} (member of eventsdb_reader) on database eventsdb",
        "password: the one you gave",
    ]
    assert PASSWORD not in served.grant_output


def test_the_server_listens_on_loopback_only_and_never_trusts_tcp(served: Served) -> None:
    pgdata = server.data_dir(served.home)
    assert tcp_listener(pgdata) == ("127.0.0.1", served.port)
    rules = [
        line.split()
        for line in (pgdata / "pg_hba.conf").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert [rule for rule in rules if rule[0].startswith("host")] == [
        ["host", "all", "all", "127.0.0.1/32", "scram-sha-256"],
        ["host", "all", "all", "::1/128", "scram-sha-256"],
    ]
    assert all(rule[-1] != "trust" for rule in rules if rule[0] != "local")


def test_psql_in_another_process_reads_the_views_with_the_readers_password(served: Served) -> None:
    result = psql(served, "-c", "SELECT count(*) FROM research.incidents", "-c", "SELECT current_user")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"3\n{READER}\n", "")


def test_the_readers_insert_over_tcp_fails_with_a_permission_error(served: Served) -> None:
    result = psql(served, "-c", "INSERT INTO load_runs (extractor_version) VALUES ('reader')")
    assert result.returncode != 0
    assert "permission denied for table load_runs" in result.stderr


def test_sqlalchemy_in_another_process_reads_the_views(served: Served) -> None:
    script = (
        "import json, os\n"
        "from sqlalchemy import create_engine, text\n"
        "engine = create_engine(os.environ['READER_URL'])\n"
        "with engine.connect() as connection:\n"
        "    rows = connection.execute(text('SELECT city, killed_low FROM research.incidents ORDER BY incident_id')).all()\n"
        "    user = connection.execute(text('SELECT current_user')).scalar()\n"
        "print(json.dumps({'user': user, 'rows': [list(row) for row in rows]}))\n"
    )
    # The URL travels in the environment, not on the command line that `ps` shows.
    url = f"postgresql+psycopg://{READER}:{quote(PASSWORD, safe='')}@127.0.0.1:{served.port}/eventsdb?sslmode=disable"
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "READER_URL": url},
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == {
        "user": READER,
        "rows": [["Peshawar", 12], ["Quetta", 5], [None, 30]],
    }


def test_a_wrong_password_and_the_passwordless_superuser_are_refused(served: Served) -> None:
    wrong = psql(served, "-c", "SELECT 1", password="not the password")
    assert wrong.returncode != 0 and f'password authentication failed for user "{READER}"' in wrong.stderr
    superuser = psql(served, "-c", "SELECT 1", user="postgres", password="")
    assert superuser.returncode != 0
    assert "password" in superuser.stderr  # asked for one (there is none): no trust over TCP


def test_serving_again_keeps_the_server_and_lists_the_reader(served: Served) -> None:
    pid = server.server_status(served.home).pid
    code, output, _ = eventsdb(served.home, "db", "serve", "--port", str(served.port))
    assert code == 0
    assert f"(pid {pid}) already listens on 127.0.0.1:{served.port}" in output
    assert f"  user:      {READER}" in output.splitlines()


def test_passwords_never_reach_the_server_log(served: Served) -> None:
    log = (server.data_dir(served.home) / server.LOG_FILE_NAME).read_text(errors="replace")
    assert "CREATE ROLE" in log  # statements are logged: the check below means something
    assert "SCRAM-SHA-256$4096:" in log  # only the verifier travelled
    assert PASSWORD not in log


def test_a_port_in_use_is_a_one_line_error_and_the_server_keeps_running(served: Served) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        code, _, stderr = eventsdb(served.home, "db", "serve", "--port", str(busy))
    assert code == 1
    assert (
        stderr
        == f"eventsdb: error: port {busy} on 127.0.0.1 is already in use (another PostgreSQL?); choose another with --port\n"
    )
    assert psql(served, "-c", "SELECT 1").stdout == "1\n"  # still serving where it was
