"""A loader that does not own the database: a login made by `eventsdb db grant-writer` loads,
reloads and corrects, refreshes the research summaries, and cannot change the schema."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from loader.access.roles import WRITER_ROLE, grant_writer
from loader.db.engine import make_engine
from loader.db.settings import libpq_url
from loader.store.corrections import correct_incident
from loader.store.inputs import InputSpec
from loader.store.load import LoadOptions, load_inputs
from tests.store.conftest import FreshDatabase

BRIEF = (
    "PESHAWAR, Pakistan (May 3, 2019) - Gunmen attacked a police checkpoint in Peshawar, killing two "
    "officers, police said. The Tehrik-i-Taliban Pakistan claimed responsibility for the attack.\n"
)

# Statements a writer must not be able to run: it changes rows, never the schema or roles.
FORBIDDEN = [
    "TRUNCATE sources CASCADE",
    "DROP TABLE incidents CASCADE",
    "ALTER TABLE claims ADD COLUMN mine int",
    "CREATE TABLE public.mine (id int)",
    "CREATE TABLE research.mine (id int)",
    "DROP VIEW research.incidents",
    "CREATE ROLE someone_else",
]


def test_a_writer_loads_reloads_and_refreshes_but_cannot_change_the_schema(
    fresh_database: FreshDatabase, tmp_path: Path
) -> None:
    _, owner = fresh_database()
    name = f"writer_{uuid.uuid4().hex[:10]}"
    grant = grant_writer(owner, name)
    assert grant.created and grant.password is not None
    # The test server trusts its Unix socket, so the login connects without its password here.
    writer = make_engine(owner.url.set(username=name))
    try:
        report_path = tmp_path / "brief.txt"
        report_path.write_text(BRIEF)
        spec = InputSpec(path=str(report_path), url="https://news.example.org/peshawar")
        first = load_inputs(writer, [spec], LoadOptions())
        assert [r.outcome for r in first.results] == ["new"] and first.error is None
        report_path.write_text(BRIEF.replace("killing two officers", "killing three officers"))
        second = load_inputs(writer, [spec], LoadOptions())
        assert [r.outcome for r in second.results] == ["updated"]
        with writer.connect() as connection:
            assert connection.scalar(text("SELECT killed_low FROM incidents")) == 3
            # The run refreshed the summaries (MAINTAIN): the TTP's incident is counted.
            assert (
                connection.scalar(text("SELECT sum(incidents) FROM research.incidents_per_group_year")) == 1
            )
            assert connection.scalar(text("SELECT current_user")) == name
        raw = psycopg.connect(libpq_url(owner.url.set(username=name)))
        try:
            # A correction, recorded and applied by the writer.
            incident = raw.execute("SELECT id FROM incidents").fetchone()
            assert incident is not None
            correct_incident(
                raw,
                incident[0],
                {"killed_low": "4", "killed_high": "4"},
                author="R",
                reason="hospital figure",
            )
            raw.commit()
            assert raw.execute("SELECT killed_low FROM incidents").fetchone() == (4,)
            raw.rollback()
            for statement in FORBIDDEN:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    raw.execute(statement)
                raw.rollback()
        finally:
            raw.close()
    finally:
        writer.dispose()
        with owner.begin() as connection:
            connection.execute(text(f'DROP OWNED BY "{name}"'))
            connection.execute(text(f'DROP ROLE "{name}"'))
    with owner.connect() as connection:
        member = connection.scalar(
            text("SELECT count(*) FROM pg_roles WHERE rolname = :group"), {"group": WRITER_ROLE}
        )
    assert member == 1
