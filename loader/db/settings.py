"""Where the database is: DATABASE_URL when set, else an embedded server under EVENTSDB_HOME."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from loader.db.errors import DatabaseConfigError

DATABASE_NAME = "eventsdb"
"""Name of the database eventsdb creates on its embedded server."""

SUPERUSER = "postgres"
"""Role of the embedded server (local socket, trust authentication)."""

_POSTGRES_SCHEMES = {
    "postgres",
    "postgresql",
    "postgresql+psycopg",
    "postgresql+psycopg2",
    "postgresql+psycopg3",
}


def eventsdb_home() -> Path:
    """EVENTSDB_HOME if set, else the per-user data directory (~/.local/share/eventsdb on Linux)."""
    configured = os.environ.get("EVENTSDB_HOME", "").strip()
    if configured:
        return Path(configured).expanduser().absolute()
    return Path(platformdirs.user_data_dir("eventsdb", appauthor=False))


def database_url_from_env() -> str | None:
    """DATABASE_URL when set and not blank."""
    value = os.environ.get("DATABASE_URL", "").strip()
    return value or None


@dataclass(frozen=True)
class DatabaseTarget:
    """A database to connect to, as SQLAlchemy wants it (`sqlalchemy_url`, psycopg 3 driver) and as
    psql and libpq want it (`libpq_url`)."""

    sqlalchemy_url: URL
    embedded: bool

    @property
    def libpq_url(self) -> str:
        return libpq_url(self.sqlalchemy_url)

    @property
    def display_url(self) -> str:
        """The libpq URL with its password masked, for messages."""
        return display_url(self.sqlalchemy_url)

    @property
    def database(self) -> str | None:
        return self.sqlalchemy_url.database


def parse_database_url(url: str) -> URL:
    """A PostgreSQL URL (postgres://, postgresql://, postgresql+psycopg://, ...) as a SQLAlchemy URL
    for the psycopg 3 driver. Raises DatabaseConfigError, naming the problem, for anything else."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        # The parser's own message repeats the URL, password included: keep it out of the terminal.
        raise DatabaseConfigError(
            "DATABASE_URL is not a valid URL; expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME"
        ) from None
    if parsed.drivername not in _POSTGRES_SCHEMES:
        raise DatabaseConfigError(
            f"DATABASE_URL must be a PostgreSQL URL (postgresql://...), not {parsed.drivername}://..."
        )
    if not parsed.database:
        raise DatabaseConfigError(f"DATABASE_URL names no database: {display_url(parsed)}")
    return parsed.set(drivername="postgresql+psycopg")


def libpq_url(url: URL, mask_password: bool = False) -> str:
    """`url` as a libpq connection URI (what psql and psycopg accept): percent-encoded, so a socket
    directory or a password with spaces or '@' survives. `mask_password` shows it as ***."""
    userinfo = ""
    if url.username:
        userinfo = quote(url.username, safe="")
        if url.password:
            userinfo += ":" + ("***" if mask_password else quote(str(url.password), safe=""))
        userinfo += "@"
    host = url.host or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = f":{url.port}" if url.port else ""
    database = "/" + quote(url.database, safe="") if url.database else ""
    query_parts: list[str] = []
    for key, value in url.query.items():
        for single in (value,) if isinstance(value, str) else value:
            query_parts.append(f"{quote(key, safe='')}={quote(single, safe='/')}")
    query = "?" + "&".join(query_parts) if query_parts else ""
    return f"postgresql://{userinfo}{host}{port}{database}{query}"


def display_url(url: URL) -> str:
    """libpq_url with the password masked."""
    return libpq_url(url, mask_password=True)
