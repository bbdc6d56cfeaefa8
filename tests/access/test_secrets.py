"""Passwords never appear in eventsdb's output, error messages or `eventsdb db url` unless asked for
with --show-password. (The server log is checked in test_serve_tcp.py.)"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from loader.cli import app
from loader.db.settings import libpq_url

runner = CliRunner()
SECRET = "s3cret-Pa55word-xyz"
UNREACHABLE = f"postgresql://analyst:{SECRET}@127.0.0.1:1/events"


def eventsdb(database_url: str, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input, env={"DATABASE_URL": database_url})
    return result.exit_code, result.stdout, result.stderr


def test_db_url_leaves_the_password_out_unless_asked() -> None:
    code, stdout, stderr = eventsdb(UNREACHABLE, "db", "url")
    assert (code, stdout) == (0, "postgresql://analyst@127.0.0.1:1/events\n")
    assert stderr == "eventsdb: the password is left out; --show-password includes it\n"
    code, stdout, stderr = eventsdb(UNREACHABLE, "db", "url", "--show-password")
    assert (code, stdout, stderr) == (0, f"postgresql://analyst:{SECRET}@127.0.0.1:1/events\n", "")


def test_a_url_without_password_is_printed_without_a_note() -> None:
    assert eventsdb("postgresql://analyst@db.example/events", "db", "url") == (
        0,
        "postgresql://analyst@db.example/events\n",
        "",
    )


@pytest.mark.parametrize(
    "args",
    [
        ("db", "status"),
        ("db", "start"),
        ("db", "upgrade"),
        ("db", "serve"),
        ("db", "grant-reader", "someone"),
        ("db", "dictionary"),
        ("export", "incidents"),
        ("export", "incidents", "--where", "nonsense ("),
    ],
)
def test_errors_and_messages_never_show_the_password(args: tuple[str, ...]) -> None:
    code, stdout, stderr = eventsdb(UNREACHABLE, *args)
    assert SECRET not in stdout + stderr
    assert code in (0, 1, 75)


def test_a_wrong_url_is_reported_without_its_password() -> None:
    code, stdout, stderr = eventsdb(f"postgresql://analyst:{SECRET}@[bad", "db", "url")
    assert code == 1
    assert SECRET not in stdout + stderr


@pytest.fixture()
def reader_name(migrated_url: URL) -> Iterator[str]:
    name = f"secret_{uuid.uuid4().hex[:10]}"
    yield name
    with psycopg.connect(libpq_url(migrated_url), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(name)))
        connection.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


def test_a_given_password_is_not_echoed(migrated_url: URL, reader_name: str) -> None:
    url = libpq_url(migrated_url)
    code, stdout, stderr = eventsdb(url, "db", "grant-reader", reader_name, "--password", SECRET)
    assert code == 0, stderr
    assert SECRET not in stdout + stderr
    assert "password: the one you gave" in stdout
    code, stdout, stderr = eventsdb(
        url, "db", "grant-reader", reader_name, "--password-stdin", input="short\n"
    )
    assert code == 1
    assert stderr == "eventsdb: error: the password is too short: use at least 12 characters\n"


def test_a_generated_password_is_shown_once(migrated_url: URL, reader_name: str) -> None:
    url = libpq_url(migrated_url)
    code, stdout, _ = eventsdb(url, "db", "grant-reader", reader_name)
    assert code == 0
    (password_line,) = [line for line in stdout.splitlines() if line.startswith("password: ")]
    password = password_line.removeprefix("password: ")
    assert len(password) == 32
    code, stdout, _ = eventsdb(url, "db", "grant-reader", reader_name)
    assert code == 0
    assert password not in stdout
    assert "password: unchanged (--reset-password makes a new one)" in stdout
