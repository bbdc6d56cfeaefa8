"""The schema documents itself: every table and column has a comment, every constraint follows the
naming convention."""

from __future__ import annotations

from sqlalchemy import Connection, text

import schema
from schema.base import NAMING_CONVENTION


def test_every_table_and_column_in_the_database_has_a_comment(db_connection: Connection) -> None:
    tables = db_connection.execute(
        text(
            "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
        )
    ).all()
    assert {name for name, _ in tables} == set(schema.metadata.tables) | {"alembic_version"}
    assert [name for name, comment in tables if not (comment and comment.strip())] == []

    columns = db_connection.execute(
        text(
            "SELECT c.relname, a.attname, col_description(c.oid, a.attnum) FROM pg_attribute a "
            "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped"
        )
    ).all()
    assert len(columns) > 150
    assert [
        f"{table}.{column}" for table, column, comment in columns if not (comment and comment.strip())
    ] == []


def test_every_model_table_and_column_carries_its_comment() -> None:
    """The models hold the comments too, so that `alembic check` compares them."""
    for table in schema.metadata.tables.values():
        assert table.comment, table.name
        for column in table.columns:
            assert column.comment, f"{table.name}.{column.name}"


def test_schema_functions_are_documented(db_connection: Connection) -> None:
    undocumented = db_connection.scalars(
        text(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.proname IN "
            "('normalize_name', 'check_span_quote', 'check_incident_has_claim') "
            "AND obj_description(p.oid, 'pg_proc') IS NULL"
        )
    ).all()
    assert undocumented == []


def test_constraint_names_follow_the_convention_and_fit_postgres(db_connection: Connection) -> None:
    prefixes = {"p": "pk_", "f": "fk_", "u": "uq_", "c": "ck_"}
    constraints = db_connection.execute(
        text(
            "SELECT conname, contype, conrelid::regclass::text FROM pg_constraint "
            "WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u', 'c')"
        )
    ).all()
    assert len(constraints) > 100
    misnamed = [
        (name, table)
        for name, kind, table in constraints
        if table != "alembic_version"
        and not name.startswith(prefixes[kind] + table + "_")
        and name != f"pk_{table}"
    ]
    assert misnamed == []
    assert all(len(name) <= 63 for name, _, _ in constraints)
    indexes = db_connection.scalars(
        text(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
        )
    ).all()
    assert all(name.startswith(("ix_", "uq_", "pk_")) for name in indexes)
    assert set(NAMING_CONVENTION) == {"ix", "uq", "ck", "fk", "pk"}
