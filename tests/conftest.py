"""Shared fixtures: a real PostgreSQL for the tests, scratch databases on it, and a migrated
database whose every test runs in a transaction that is rolled back.

The server is DATABASE_URL's when set (the tests then create and drop their own databases on it,
which needs the CREATEDB privilege), else an embedded server in a temporary EVENTSDB_HOME that is
stopped and removed at the end. The schema is always built by `alembic upgrade head`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from loader.db import migrate, server
from loader.db.engine import make_engine
from loader.db.settings import libpq_url, parse_database_url

CreateDatabase = Callable[[str], URL]


def new_home(prefix: str = "eventsdb-test-") -> Path:
    """A fresh EVENTSDB_HOME. Not under pytest's tmp_path: pytest resets its base directory to mode
    0700 when another session starts, which would lock the server's user out of its data."""
    return Path(tempfile.mkdtemp(prefix=prefix))


def remove_home(home: Path) -> None:
    server.stop(home)
    socket_dir = server.socket_dir_for(server.data_dir(home))
    if not socket_dir.is_relative_to(home):
        shutil.rmtree(socket_dir, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _isolated_eventsdb_home() -> Iterator[Path]:
    """Keep every test away from the user's real data directory."""
    home = new_home("eventsdb-test-home-")
    previous = os.environ.get("EVENTSDB_HOME")
    os.environ["EVENTSDB_HOME"] = str(home)
    yield home
    if previous is None:
        os.environ.pop("EVENTSDB_HOME", None)
    else:
        os.environ["EVENTSDB_HOME"] = previous
    remove_home(home)


@pytest.fixture(scope="session")
def server_url() -> Iterator[URL]:
    """URL of a database on the test server through which scratch databases are created."""
    configured = os.environ.get("DATABASE_URL", "").strip()
    if configured:
        yield parse_database_url(configured)
        return
    home = new_home("eventsdb-test-server-")
    try:
        status, _ = server.start(home)
        url = status.url(database="postgres")
        with _admin_connection(url) as connection:
            # A throwaway server: durability only costs time here (creating and dropping databases
            # waits for fsync otherwise).
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                connection.execute(sql.SQL("ALTER SYSTEM SET {} = off").format(sql.Identifier(setting)))
            connection.execute("SELECT pg_reload_conf()")
        yield url
    finally:
        remove_home(home)


def _admin_connection(url: URL) -> psycopg.Connection:
    return psycopg.connect(libpq_url(url), autocommit=True)


@pytest.fixture(scope="session")
def create_database(server_url: URL) -> Iterator[CreateDatabase]:
    """A factory of empty scratch databases on the test server, dropped at the end of the session."""
    created: list[str] = []

    def create(label: str) -> URL:
        name = f"eventsdb_test_{label}_{uuid.uuid4().hex[:8]}"
        with _admin_connection(server_url) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        created.append(name)
        return server_url.set(database=name)

    yield create
    with _admin_connection(server_url) as connection:
        for name in created:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture(scope="session")
def migrated_url(create_database: CreateDatabase) -> URL:
    """A scratch database built by `alembic upgrade head`."""
    url = create_database("migrated")
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session")
def migrated_engine(migrated_url: URL) -> Iterator[Engine]:
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture()
def db_connection(migrated_engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with migrated_engine.connect() as connection:
        transaction = connection.begin()
        try:
            yield connection
        finally:
            transaction.rollback()


@pytest.fixture()
def db_session(db_connection: Connection) -> Iterator[Session]:
    """An ORM session on `db_connection`: its commits only release savepoints, so nothing the test
    writes outlives it."""
    session = Session(bind=db_connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
