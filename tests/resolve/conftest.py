"""A psycopg connection inside the rolled-back test transaction, for resolution tests."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import Connection


@pytest.fixture()
def pg(db_connection: Connection) -> psycopg.Connection:
    conn = db_connection.connection.driver_connection
    assert isinstance(conn, psycopg.Connection)
    conn.execute("SELECT 1")  # the outer transaction starts now: blocks in the code nest as savepoints
    return conn


@pytest.fixture()
def run_id(pg: psycopg.Connection) -> int:
    row = pg.execute("INSERT INTO load_runs (extractor_version) VALUES ('test') RETURNING id").fetchone()
    assert row is not None
    return int(row[0])
