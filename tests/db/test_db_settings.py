"""Where the data lives and how DATABASE_URL is read (no server needed)."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
from sqlalchemy.engine import URL

from loader.db.errors import DatabaseConfigError
from loader.db.settings import (
    database_url_from_env,
    display_url,
    eventsdb_home,
    libpq_url,
    parse_database_url,
)


def test_eventsdb_home_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVENTSDB_HOME", str(tmp_path / "data"))
    assert eventsdb_home() == tmp_path / "data"
    monkeypatch.setenv("EVENTSDB_HOME", "  ")
    assert eventsdb_home() == Path(platformdirs.user_data_dir("eventsdb", appauthor=False))
    monkeypatch.delenv("EVENTSDB_HOME")
    assert eventsdb_home().name == "eventsdb"


def test_blank_database_url_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "   ")
    assert database_url_from_env() is None
    monkeypatch.setenv("DATABASE_URL", " postgresql://h/db ")
    assert database_url_from_env() == "postgresql://h/db"


@pytest.mark.parametrize(
    ("given", "for_sqlalchemy", "for_psql"),
    [
        ("postgres://u:pw@db.example:5433/events", "postgresql+psycopg://u:***@db.example:5433/events",
         "postgresql://u:pw@db.example:5433/events"),
        ("postgresql://u@localhost/events", "postgresql+psycopg://u@localhost/events",
         "postgresql://u@localhost/events"),
        ("postgresql+psycopg2://h/events?sslmode=require", "postgresql+psycopg://h/events?sslmode=require",
         "postgresql://h/events?sslmode=require"),
        ("postgresql://u:p%40ss@h/events", "postgresql+psycopg://u:***@h/events", "postgresql://u:p%40ss@h/events"),
        ("postgresql://postgres@/events?host=/run/my%20sockets&port=5433",
         "postgresql+psycopg://postgres@/events?host=%2Frun%2Fmy+sockets&port=5433",
         "postgresql://postgres@/events?host=/run/my%20sockets&port=5433"),
    ],
)  # fmt: skip
def test_postgres_urls_are_normalised_to_psycopg3(given: str, for_sqlalchemy: str, for_psql: str) -> None:
    url = parse_database_url(given)
    assert url.render_as_string(hide_password=True) == for_sqlalchemy
    assert libpq_url(url) == for_psql


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("mysql://u:secret@h/db", "DATABASE_URL must be a PostgreSQL URL (postgresql://...), not mysql://..."),
        ("sqlite:///events.db", "DATABASE_URL must be a PostgreSQL URL (postgresql://...), not sqlite://..."),
        ("just some words", "DATABASE_URL is not a valid URL; expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME"),
        ("postgresql://u:secret@h:notaport/db",
         "DATABASE_URL is not a valid URL; expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME"),
        ("postgresql://u:secret@h:5432", "DATABASE_URL names no database: postgresql://u:***@h:5432"),
    ],
)  # fmt: skip
def test_bad_database_urls_get_one_line_without_the_password(given: str, message: str) -> None:
    with pytest.raises(DatabaseConfigError) as raised:
        parse_database_url(given)
    assert str(raised.value) == message
    assert "secret" not in str(raised.value)
    assert raised.value.transient is False


def test_display_url_masks_only_the_password() -> None:
    url = URL.create(
        "postgresql+psycopg", username="me", password="p@ss word", host="h", port=5432, database="d"
    )
    assert display_url(url) == "postgresql://me:***@h:5432/d"
    assert libpq_url(url) == "postgresql://me:p%40ss%20word@h:5432/d"
    ipv6 = URL.create("postgresql+psycopg", host="::1", database="d")
    assert libpq_url(ipv6) == "postgresql://[::1]/d"
