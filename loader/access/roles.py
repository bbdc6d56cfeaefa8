"""Logins for analysts and BI tools (`eventsdb db grant-reader NAME`) and for loaders that should not
write as the database owner (`eventsdb db grant-writer NAME`).

Roles:

- `eventsdb_reader`: a group role (no login) holding read access to this database: CONNECT, USAGE
  on the schemas research and public, SELECT on their tables and views, and the same for tables and
  views the role running the migrations creates later (default privileges). It owns nothing and
  may write nothing;
- each reader: a LOGIN role in eventsdb_reader with a password and no other attribute (not a
  superuser, cannot create roles or databases);
- `eventsdb_writer`: a group role (no login) that may run `eventsdb load` and `eventsdb correct`:
  SELECT, INSERT, UPDATE and DELETE on the tables of public, the use of their sequences, SELECT on
  the research views, and (PostgreSQL 17 and later) MAINTAIN on the tables and summaries, for the
  ANALYZE and REFRESH MATERIALIZED VIEW a load ends with; the same on tables later migrations
  create. It may not change the schema (no CREATE, ALTER, DROP or TRUNCATE: it owns nothing), nor
  create roles: migrations stay with the owner;
- each writer: a LOGIN role in eventsdb_writer, like a reader otherwise;
- by default the loader writes with the database owner that runs the migrations (the embedded
  server's `postgres`, or DATABASE_URL's user); pointing DATABASE_URL at a writer's login keeps a
  weekly load job from ever altering or dropping what it loads into. A reader or writer is never the
  owner.

Passwords travel to the server only as SCRAM-SHA-256 verifiers computed here (libpq's
PQencryptPasswordConn), so the clear password is in no SQL statement, server log or
pg_stat_activity. eventsdb keeps no copy: a generated password is shown once.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from loader.access.views import RESEARCH_SCHEMA, raw_connection
from loader.db.engine import classify_error
from loader.db.errors import DatabaseConfigError, DatabaseError, SchemaError

READER_ROLE = "eventsdb_reader"
READER_ROLE_COMMENT = (
    "Read-only access to eventsdb databases: SELECT on the research views and the tables. Members are "
    "the logins made by `eventsdb db grant-reader NAME`."
)
READ_SCHEMAS = (RESEARCH_SCHEMA, "public")
WRITER_ROLE = "eventsdb_writer"
WRITER_ROLE_COMMENT = (
    "Loading without owning: SELECT, INSERT, UPDATE and DELETE on the tables, their sequences, SELECT on "
    "the research views, MAINTAIN for ANALYZE and summary refreshes. Members are the logins made by "
    "`eventsdb db grant-writer NAME`."
)
MAINTAIN_SINCE = 170000  # server_version_num of PostgreSQL 17, which added the MAINTAIN privilege
MIN_PASSWORD_LENGTH = 12
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
RESERVED_NAMES = {"postgres", "public", "none", READER_ROLE, WRITER_ROLE}


@dataclass(frozen=True)
class ReaderGrant:
    """What `grant_reader` (or `grant_writer`) did: `password` is set when a new password was stored
    (to show once)."""

    name: str
    database: str
    created: bool
    password: str | None


def generate_password() -> str:
    """A random password of 32 URL-safe characters (192 bits): safe in URLs and BI tool forms."""
    return secrets.token_urlsafe(24)


def check_reader_name(name: str, what: str = "reader") -> str:
    """The name, if it can be a reader's (writer's) login: lower-case letters, digits and _, not reserved."""
    if not ROLE_NAME.fullmatch(name):
        raise DatabaseConfigError(
            f"{name!r} cannot be a {what}'s name: use lower-case letters, digits and _ (at most 63, not "
            "starting with a digit)"
        )
    if name in RESERVED_NAMES or name.startswith("pg_"):
        raise DatabaseConfigError(f"{name!r} is reserved; choose another name for the {what}")
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DatabaseConfigError(f"the password is too short: use at least {MIN_PASSWORD_LENGTH} characters")
    if "\x00" in password or password != password.strip():
        raise DatabaseConfigError("the password must not start or end with spaces or contain NUL characters")
    return password


def scram_verifier(connection: psycopg.Connection[Any], name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of `password` for role `name`, computed on the client."""
    verifier = connection.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
    return verifier.decode("ascii")


def _ensure_group(
    connection: psycopg.Connection[Any], role: str, comment: str, rights: list[tuple[str, str]]
) -> sql.Identifier:
    """Create the group role `role` if missing, let it connect to this database, and grant it
    `rights` ("SELECT", "SELECT, INSERT, ...") on the tables of each schema, now and on those that
    later migrations (run by this same role) create. Returns the role's identifier."""
    group = sql.Identifier(role)
    exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if not exists:
        connection.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(group))
        connection.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(group, sql.Literal(comment)))
    database = connection.execute("SELECT current_database()").fetchone()
    assert database is not None
    connection.execute(
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database[0]), group)
    )
    for schema, granted in rights:
        schema_id, privileges = sql.Identifier(schema), sql.SQL(granted)
        connection.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema_id, group))
        connection.execute(
            sql.SQL("GRANT {} ON ALL TABLES IN SCHEMA {} TO {}").format(privileges, schema_id, group)
        )
        connection.execute(
            sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT {} ON TABLES TO {}").format(
                schema_id, privileges, group
            )
        )
    return group


def ensure_reader_group(connection: psycopg.Connection[Any]) -> None:
    """Create eventsdb_reader if missing and grant it read access to this database."""
    _ensure_group(
        connection, READER_ROLE, READER_ROLE_COMMENT, [(schema, "SELECT") for schema in READ_SCHEMAS]
    )


def ensure_writer_group(connection: psycopg.Connection[Any]) -> None:
    """Create eventsdb_writer if missing and grant it what a load needs on this database."""
    version = connection.execute("SELECT current_setting('server_version_num')::int").fetchone()
    assert version is not None
    maintain = ", MAINTAIN" if version[0] >= MAINTAIN_SINCE else ""
    rights = [("public", "SELECT, INSERT, UPDATE, DELETE" + maintain), (RESEARCH_SCHEMA, "SELECT" + maintain)]
    group = _ensure_group(connection, WRITER_ROLE, WRITER_ROLE_COMMENT, rights)
    public = sql.Identifier("public")
    connection.execute(
        sql.SQL("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(public, group)
    )
    connection.execute(
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {}"
        ).format(public, group)
    )


def _check_existing_role(connection: psycopg.Connection[Any], name: str, what: str = "reader") -> bool:
    """True if role `name` exists (and may be a reader or writer); raise if it has powers it must not."""
    row = connection.execute(
        "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls, "
        "       rolname = current_user, "
        "       EXISTS (SELECT 1 FROM pg_database WHERE datname = current_database() AND datdba = r.oid) "
        "    OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "               WHERE c.relowner = r.oid AND n.nspname IN ('public', 'research')) "
        "FROM pg_roles r WHERE rolname = %s",
        (name,),
    ).fetchone()
    if row is None:
        return False
    powerful, is_current, owns = row
    if is_current or owns:
        raise DatabaseConfigError(
            f"{name} is the role that owns or loads this database; a {what} must be another role"
        )
    if powerful:
        raise DatabaseConfigError(
            f"{name} already exists with powers a {what} must not have (superuser, createrole, createdb, "
            "replication or bypassrls); choose another name"
        )
    return True


def grant_reader(
    bind: Engine | Connection, name: str, password: str | None = None, reset_password: bool = False
) -> ReaderGrant:
    """Create (or refresh) the read-only login `name` on the database of `engine`.

    A new login gets `password`, or a generated one. An existing reader keeps its password unless
    `password` is given or `reset_password` asks for a generated one. Run as a role with CREATEROLE
    (the embedded server's postgres does). One transaction (a savepoint in `bind`'s transaction when
    it is a Connection): all or nothing.
    """
    return _grant(bind, name, password, reset_password, "reader")


def grant_writer(
    bind: Engine | Connection, name: str, password: str | None = None, reset_password: bool = False
) -> ReaderGrant:
    """Create (or refresh) the login `name` in eventsdb_writer: it may load and correct, not change
    the schema. Otherwise as `grant_reader`; run it as the role that ran the migrations (it owns the
    tables whose rights it grants)."""
    return _grant(bind, name, password, reset_password, "writer")


def _grant(
    bind: Engine | Connection, name: str, password: str | None, reset_password: bool, what: str
) -> ReaderGrant:
    check_reader_name(name, what)
    if password is not None:
        check_password(password)
    try:
        if isinstance(bind, Engine):
            with bind.begin() as connection:
                return _grant_login(connection, name, password, reset_password, what)
        with bind.begin_nested():  # inside the caller's transaction, which decides
            return _grant_login(bind, name, password, reset_password, what)
    except (DBAPIError, psycopg.Error) as error:
        raise _role_error(error, name, what) from None


def _grant_login(
    connection: Connection, name: str, password: str | None, reset_password: bool, what: str
) -> ReaderGrant:
    raw = raw_connection(connection)
    research = raw.execute("SELECT to_regnamespace(%s) IS NOT NULL", (RESEARCH_SCHEMA,)).fetchone()
    if not (research and research[0]):
        raise SchemaError("the database has no research views yet: run `eventsdb db upgrade` first")
    if what == "writer":
        ensure_writer_group(raw)
        group = WRITER_ROLE
    else:
        ensure_reader_group(raw)
        group = READER_ROLE
    role = sql.Identifier(name)
    existed = _check_existing_role(raw, name, what)
    new_password = password
    if new_password is None and (reset_password or not existed):
        new_password = generate_password()
    if not existed:
        assert new_password is not None
        raw.execute(
            sql.SQL(
                "CREATE ROLE {} LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS "
                "PASSWORD {}"
            ).format(role, sql.Literal(scram_verifier(raw, name, new_password)))
        )
    else:
        raw.execute(sql.SQL("ALTER ROLE {} LOGIN").format(role))
        if new_password is not None:
            raw.execute(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    role, sql.Literal(scram_verifier(raw, name, new_password))
                )
            )
    raw.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), role))
    database = raw.execute("SELECT current_database()").fetchone()
    assert database is not None
    return ReaderGrant(name=name, database=database[0], created=not existed, password=new_password)


def _role_error(error: DBAPIError | psycopg.Error, name: str, what: str = "reader") -> Exception:
    """A one-line error that never repeats the statement (it holds the password's verifier)."""
    original = error.orig if isinstance(error, DBAPIError) else error
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate == "42501":  # insufficient_privilege
        return DatabaseError(
            f"cannot create the {what} {name}: the database user lacks the CREATEROLE privilege "
            f"(run `eventsdb db grant-{what}` as a role that has it)"
        )
    return classify_error(error, f"creating the {what} {name}")


def list_readers(engine: Engine) -> list[str]:
    """Login roles that are members of eventsdb_reader, by name."""
    with engine.connect() as connection:
        raw = raw_connection(connection)
        rows = raw.execute(
            "SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid "
            "JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = %s AND r.rolcanlogin ORDER BY r.rolname",
            (READER_ROLE,),
        ).fetchall()
        connection.rollback()
    return [row[0] for row in rows]
