"""Connecting: find the database (DATABASE_URL or the embedded server, started on demand), make
engines and sessions, and turn connection failures into one-line, classified errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from loader.db import server
from loader.db.errors import DatabaseError, DatabaseUnavailable, EventsDbError
from loader.db.settings import (
    DatabaseTarget,
    database_url_from_env,
    display_url,
    eventsdb_home,
    parse_database_url,
)

CONNECT_TIMEOUT_SECONDS = 10

# Failures that may go away by themselves: the server is down, restarting, overloaded or far away.
_TRANSIENT_SQLSTATES = {"57P01", "57P02", "57P03", "53300", "40001", "40P01"}
_TRANSIENT_MESSAGES = (
    "connection refused",
    "no such file or directory",  # the socket is gone: the server is not running
    "timeout expired",
    "timed out",
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "too many clients",
    "server closed the connection unexpectedly",
    "could not receive data from server",
    "network is unreachable",
    "no route to host",
    "temporary failure in name resolution",
)


def resolve_target(start: bool = True) -> DatabaseTarget:
    """The database to use: DATABASE_URL when set, else the embedded server under EVENTSDB_HOME,
    which is started (and initialised the first time) when `start` is true."""
    configured = database_url_from_env()
    if configured is not None:
        return DatabaseTarget(sqlalchemy_url=parse_database_url(configured), embedded=False)
    home = eventsdb_home()
    if start:
        status, _ = server.start(home)
    else:
        status = server.server_status(home)
    return DatabaseTarget(sqlalchemy_url=status.url(), embedded=True)


def make_engine(target: DatabaseTarget | URL, **engine_options: object) -> Engine:
    url = target.sqlalchemy_url if isinstance(target, DatabaseTarget) else target
    connect_args: dict[str, object] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **engine_options)  # type: ignore[arg-type]


def classify_error(error: BaseException, where: str) -> EventsDbError:
    """A one-line EventsDbError for a psycopg/SQLAlchemy failure, transient or terminal."""
    original = error.orig if isinstance(error, DBAPIError) else error
    sqlstate = getattr(original, "sqlstate", None)
    message = " ".join(str(original).split()) or type(original).__name__
    # psycopg prefixes connection failures with the address tried; keep the reason part.
    message = message.removeprefix("connection failed: ")
    lowered = message.lower()
    transient = (sqlstate in _TRANSIENT_SQLSTATES) or (
        sqlstate is None
        and isinstance(original, psycopg.OperationalError)
        and any(marker in lowered for marker in _TRANSIENT_MESSAGES)
    )
    if transient:
        return DatabaseUnavailable(f"cannot reach {where}: {message}")
    return DatabaseError(f"{where}: {message}")


def check_connection(engine: Engine, where: str | None = None) -> str:
    """Connect once; return the server version (e.g. 'PostgreSQL 18.6'), or raise a classified error."""
    label = where or f"the database at {display_url(engine.url)}"
    try:
        with engine.connect() as connection:
            version = connection.execute(text("SHOW server_version")).scalar_one()
    except OperationalError as error:
        raise classify_error(error, label) from None
    return f"PostgreSQL {str(version).split()[0]}"


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose transaction commits when the block ends normally and rolls back otherwise."""
    with session_factory(engine).begin() as session:
        yield session
