"""Failures become one line and an exit code that tells transient from terminal."""

from __future__ import annotations

import pytest
import typer
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from loader.db.engine import check_connection, make_engine
from loader.db.errors import (
    EXIT_TERMINAL,
    EXIT_TRANSIENT,
    DatabaseError,
    DatabaseUnavailable,
    EventsDbError,
    reported_errors,
)


def unreachable_engine() -> Engine:
    # Port 1 on the loopback interface: nothing listens there, the connection is refused at once.
    return make_engine(
        URL.create("postgresql+psycopg", username="nobody", host="127.0.0.1", port=1, database="db")
    )


def test_connection_refused_is_transient() -> None:
    engine = unreachable_engine()
    with pytest.raises(DatabaseUnavailable) as raised:
        check_connection(engine)
    message = str(raised.value)
    assert message.startswith("cannot reach the database at postgresql://nobody@127.0.0.1:1/db: ")
    assert "Connection refused" in message
    assert "\n" not in message
    assert raised.value.transient is True


def test_a_missing_socket_means_the_server_is_down_which_is_transient(tmp_path: object) -> None:
    engine = make_engine(
        URL.create(
            "postgresql+psycopg", username="postgres", database="db", query={"host": "/nonexistent/dir"}
        )
    )
    with pytest.raises(DatabaseUnavailable, match="No such file or directory"):
        check_connection(engine)


def test_a_database_that_does_not_exist_is_terminal(migrated_url: URL) -> None:
    engine = make_engine(migrated_url.set(database="no_such_database_here"))
    with pytest.raises(DatabaseError) as raised:
        check_connection(engine)
    assert 'database "no_such_database_here" does not exist' in str(raised.value)
    assert raised.value.transient is False
    engine.dispose()


def test_a_reachable_database_reports_its_version(migrated_engine: Engine) -> None:
    assert check_connection(migrated_engine).startswith("PostgreSQL ")


def run_reporting(error: BaseException, debug: bool, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(typer.Exit) as exited, reported_errors(debug):
        raise error
    return exited.value.exit_code, capsys.readouterr().err


def test_reported_errors_print_one_line_and_choose_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_reporting(DatabaseUnavailable("cannot reach it"), False, capsys) == (
        EXIT_TRANSIENT,
        "eventsdb: error (transient, retry later): cannot reach it\n",
    )
    assert run_reporting(EventsDbError("wrong setting"), False, capsys) == (
        EXIT_TERMINAL,
        "eventsdb: error: wrong setting\n",
    )
    assert run_reporting(ValueError("odd value\nsecond line"), False, capsys) == (
        EXIT_TERMINAL,
        "eventsdb: unexpected error: ValueError: odd value (run with --debug for details)\n",
    )


def test_debug_adds_the_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_reporting(EventsDbError("wrong setting"), True, capsys)
    assert code == EXIT_TERMINAL
    assert err.startswith("Traceback (most recent call last):")
    assert err.endswith("eventsdb: error: wrong setting\n")
