"""The CHECK constraints in the database allow exactly the schema's vocabularies (which `alembic
check` cannot see), and those agree with the extraction output's (loader.model)."""

from __future__ import annotations

import re
from typing import get_args

import pytest
from sqlalchemy import CheckConstraint, Connection, text

import schema
from loader import model
from schema import vocabulary


def allowed_values(definition: str) -> set[str]:
    return set(re.findall(r"'([^']*)'", definition))


def model_enumeration_checks() -> dict[str, str]:
    """name -> SQL of every `column IN (...)` CHECK in the models."""
    checks = {}
    for table in schema.metadata.tables.values():
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint) and str(constraint.name).endswith("_allowed"):
                checks[str(constraint.name)] = str(constraint.sqltext)
    return checks


def test_every_check_constraint_of_the_models_exists_in_the_database(db_connection: Connection) -> None:
    in_database = set(
        db_connection.scalars(
            text(
                "SELECT conname FROM pg_constraint "
                "WHERE contype = 'c' AND connamespace = 'public'::regnamespace"
            )
        )
    )
    in_models = {
        str(constraint.name)
        for table in schema.metadata.tables.values()
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    }
    # NOT NULL constraints of PostgreSQL 18 appear in pg_constraint with contype 'n', not here.
    assert in_models == in_database


def test_enumerations_in_the_database_equal_the_models(db_connection: Connection) -> None:
    checks = model_enumeration_checks()
    assert len(checks) >= 15
    for name, model_sql in checks.items():
        definition = db_connection.scalar(
            text("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = :name"), {"name": name}
        )
        assert definition is not None, name
        assert allowed_values(definition) == allowed_values(model_sql), name


@pytest.mark.parametrize(
    ("schema_values", "model_literal"),
    [
        (vocabulary.ATTACK_TYPES, model.AttackType),
        (vocabulary.TARGET_TYPES, model.TargetType),
        (vocabulary.DATE_PRECISIONS, model.DatePrecision),
        (vocabulary.LOCATION_PRECISIONS, model.LocationPrecision),
        (vocabulary.CLAIM_KINDS, model.ClaimKind),
        (vocabulary.CLAIMANT_KINDS, model.ClaimantKind),
        (vocabulary.ATTRIBUTIONS, model.Attribution),
        (vocabulary.SOURCE_KINDS, model.SourceKind),
        (vocabulary.GROUP_RELATION_KINDS, model.GroupRelationKind),
    ],
)
def test_shared_vocabularies_follow_the_extraction_model(
    schema_values: tuple[str, ...], model_literal: object
) -> None:
    assert schema_values == get_args(model_literal)
