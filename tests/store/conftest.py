"""Fixtures of the loader tests: a psycopg connection inside the rolled-back test transaction, fresh
migrated databases (copied from a migrated template, which is fast) for command-line and
multi-process tests, and a few helpers."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL

from loader.db import migrate
from loader.db.engine import make_engine
from loader.db.settings import libpq_url

REPO = Path(__file__).resolve().parents[2]
DAWN = REPO / "examples" / "dawn-2021-12-23-isk.txt"


@pytest.fixture()
def pg(db_connection: Connection) -> psycopg.Connection:
    """The test's connection as psycopg sees it, already inside the test's transaction: the code
    under test opens savepoints (`conn.transaction()`), and everything is rolled back at the end."""
    conn = db_connection.connection.driver_connection
    assert isinstance(conn, psycopg.Connection)
    conn.execute("SELECT 1")  # start the outer transaction now, so that blocks nest as savepoints
    return conn


@pytest.fixture(scope="session")
def _load_template(create_database: Callable[[str], URL]) -> str:
    """A migrated database that is only ever copied (CREATE DATABASE ... TEMPLATE)."""
    url = create_database("loadtemplate")
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    assert url.database is not None
    return url.database


@pytest.fixture(scope="session")
def _copies(server_url: URL, _load_template: str) -> Iterator[list[str]]:
    names: list[str] = []
    yield names
    with psycopg.connect(libpq_url(server_url), autocommit=True) as admin:
        for name in names:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


FreshDatabase = Callable[[], tuple[str, Engine]]


@pytest.fixture()
def fresh_database(server_url: URL, _load_template: str, _copies: list[str]) -> Iterator[FreshDatabase]:
    """A factory of new migrated databases: (libpq URL for DATABASE_URL, engine)."""
    engines: list[Engine] = []

    def make() -> tuple[str, Engine]:
        name = f"eventsdb_test_load_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(libpq_url(server_url), autocommit=True) as admin:
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(_load_template)
                )
            )
        _copies.append(name)
        url = server_url.set(database=name)
        engine = make_engine(url)
        engines.append(engine)
        return libpq_url(url), engine

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture()
def database(fresh_database: FreshDatabase) -> tuple[str, Engine]:
    return fresh_database()


def table_snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every loader table (load_runs and rejected_inputs aside), to compare states."""
    tables = [
        "sources", "source_citations", "groups", "group_aliases", "organisations", "organisation_aliases",
        "people", "claims", "claim_relations", "group_relations", "incidents", "incident_reports",
        "incident_claims", "incident_perpetrators", "corrections",
    ]  # fmt: skip
    snapshot: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, psycopg.Connection)
        for table in tables:
            rows = raw.execute(
                sql.SQL("SELECT * FROM {} ORDER BY 1, 2").format(sql.Identifier(table))
            ).fetchall()
            snapshot[table] = [tuple(row) for row in rows]
    return snapshot
