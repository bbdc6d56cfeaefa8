"""Read-only logins: a reader reads the views and tables and cannot write; its password reaches the
server only as a SCRAM verifier. Roles made in a test's transaction are rolled back with it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from psycopg import errors
from sqlalchemy import Connection, text
from sqlalchemy.exc import ProgrammingError

from loader.access.roles import READER_ROLE, check_reader_name, generate_password, grant_reader
from loader.db.errors import DatabaseConfigError
from tests.access.research_data import ResearchData


def reader_name() -> str:
    return f"reader_{uuid.uuid4().hex[:10]}"


@contextmanager
def acting_as(connection: Connection, role: str) -> Iterator[None]:
    """Run the block as `role` (SET ROLE), in a savepoint that is rolled back afterwards."""
    savepoint = connection.begin_nested()
    connection.execute(text(f'SET LOCAL ROLE "{role}"'))
    try:
        yield
    finally:
        savepoint.rollback()


def test_a_new_reader_gets_a_generated_password_and_only_read_access(
    db_connection: Connection, research_data: ResearchData
) -> None:
    name = reader_name()
    grant = grant_reader(db_connection, name)
    assert grant.created
    assert grant.password is not None and len(grant.password) >= 32
    member_of = db_connection.scalars(
        text(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = :name"
        ),
        {"name": name},
    ).all()
    assert member_of == [READER_ROLE]
    attributes = db_connection.execute(
        text(
            "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls "
            "FROM pg_roles WHERE rolname = :name"
        ),
        {"name": name},
    ).one()
    assert tuple(attributes) == (True, False, False, False, False, False)

    with acting_as(db_connection, name):
        assert db_connection.scalar(text("SELECT count(*) FROM research.incidents")) == 3
        assert db_connection.scalar(text("SELECT count(*) FROM public.sources")) == 3
        assert db_connection.scalar(text("SELECT research.group_id('IS-K')")) == research_data.isk


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO load_runs (extractor_version) VALUES ('reader')",
        "UPDATE incidents SET killed_low = 0",
        "DELETE FROM claims",
        "TRUNCATE sources CASCADE",
        "CREATE TABLE research.mine (id int)",
        "CREATE TABLE public.mine (id int)",
        "DROP VIEW research.incidents",
    ],
)
def test_the_reader_cannot_write(
    db_connection: Connection, research_data: ResearchData, statement: str
) -> None:
    name = reader_name()
    grant_reader(db_connection, name, password=generate_password())
    with acting_as(db_connection, name), pytest.raises(ProgrammingError) as raised:
        db_connection.execute(text(statement))
    assert isinstance(raised.value.orig, errors.InsufficientPrivilege)
    assert "permission denied" in str(raised.value.orig) or "must be owner" in str(raised.value.orig)


def test_the_password_is_stored_as_a_scram_verifier(db_connection: Connection) -> None:
    name = reader_name()
    password = "correct horse battery staple"
    grant = grant_reader(db_connection, name, password=password)
    assert grant.password == password
    stored = db_connection.scalar(
        text("SELECT rolpassword FROM pg_authid WHERE rolname = :name"), {"name": name}
    )
    assert stored.startswith("SCRAM-SHA-256$4096:")
    assert password not in stored


def test_granting_again_keeps_the_password_unless_asked(db_connection: Connection) -> None:
    name = reader_name()
    grant_reader(db_connection, name, password="first password of twelve")
    verifier = "SELECT rolpassword FROM pg_authid WHERE rolname = :name"
    first = db_connection.scalar(text(verifier), {"name": name})

    again = grant_reader(db_connection, name)
    assert (again.created, again.password) == (False, None)
    assert db_connection.scalar(text(verifier), {"name": name}) == first

    reset = grant_reader(db_connection, name, reset_password=True)
    assert reset.password is not None
    assert db_connection.scalar(text(verifier), {"name": name}) != first


def test_grants_cover_views_created_later_by_the_same_role(db_connection: Connection) -> None:
    """Default privileges: a view a later migration adds is readable without granting again."""
    name = reader_name()
    grant_reader(db_connection, name)
    db_connection.execute(text("CREATE VIEW research.later AS SELECT 1 AS one"))
    with acting_as(db_connection, name):
        assert db_connection.scalar(text("SELECT one FROM research.later")) == 1


@pytest.mark.parametrize(
    "name", ["Analyst", "1st", "a-b", "x" * 64, "pg_reader", "postgres", READER_ROLE, ""]
)
def test_names_that_cannot_be_readers_are_refused(name: str) -> None:
    with pytest.raises(DatabaseConfigError):
        check_reader_name(name)


def test_a_powerful_role_is_never_turned_into_a_reader(db_connection: Connection) -> None:
    name = reader_name()
    db_connection.execute(text(f'CREATE ROLE "{name}" LOGIN CREATEDB'))
    with pytest.raises(DatabaseConfigError, match="powers a reader must not have"):
        grant_reader(db_connection, name)
    current = db_connection.scalar(text("SELECT current_user"))
    with pytest.raises(DatabaseConfigError):
        grant_reader(db_connection, current)


def test_a_short_password_is_refused(db_connection: Connection) -> None:
    with pytest.raises(DatabaseConfigError, match="too short"):
        grant_reader(db_connection, reader_name(), password="short")
