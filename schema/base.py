"""The one declarative base of the eventsdb schema, and the conventions every table follows.

Constraint names come from a naming convention so that migrations can refer to them by a
predictable name (and `alembic check` compares like with like). Every table and every column
carries a comment: they become `COMMENT ON` in the database, which is the data dictionary that
researchers read with `\\d+` in psql.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import CheckConstraint, MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every eventsdb table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def sql_string_list(values: Iterable[str]) -> str:
    """`'a', 'b'` for use in an SQL `IN (...)` list; the values are fixed vocabulary, never user input."""
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def one_of(column: str, values: Iterable[str], name: str | None = None) -> CheckConstraint:
    """A CHECK constraint that keeps `column` within a fixed vocabulary (our alternative to enum types:
    a vocabulary change is a plain constraint swap in a migration)."""
    return CheckConstraint(f"{column} IN ({sql_string_list(values)})", name=name or f"{column}_allowed")
