"""The migrations: one head, upgrade from empty, models equal to migrations (`alembic check`),
downgrade to base and up again, concurrent upgrades."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

import schema
from loader.db import migrate
from loader.db.engine import make_engine
from loader.db.settings import libpq_url

REPO = Path(__file__).resolve().parents[2]
MODEL_TABLES = set(schema.metadata.tables)
CreateDatabase = Callable[[str], URL]


def model_differences(engine: Engine, metadata: MetaData = schema.metadata) -> list[object]:
    """What `alembic check` compares: the database against the models. Alembic's warnings (e.g. a
    computed column whose expression differs) count as differences too."""
    with warnings.catch_warnings(), engine.connect() as connection:
        warnings.simplefilter("error")
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(context, metadata))


def public_functions(engine: Engine) -> set[str]:
    query = text(
        "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'public' AND p.proname IN "
        "('normalize_name', 'check_span_quote', 'check_incident_has_claim')"
    )
    with engine.connect() as connection:
        return set(connection.scalars(query))


@pytest.fixture()
def empty_engine(create_database: CreateDatabase) -> Engine:
    return make_engine(create_database("empty"))


def test_there_is_exactly_one_head_and_it_is_the_newest_dated_migration() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = list(script.walk_revisions())  # newest first
    assert script.get_heads() == [revisions[0].revision]
    assert migrate.head_revision() == revisions[0].revision
    assert revisions[-1].revision == "2026_11_24_0001"  # schema v1 is the base
    names = []
    for revision in revisions:
        assert revision.path is not None
        names.append(Path(revision.path).name)
        assert re.fullmatch(r"\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+\.py", names[-1])
        assert names[-1].startswith(revision.revision + "_")  # the file name starts with its revision id
    assert names == sorted(names, reverse=True)  # dated names sort in the order of the chain


def test_alembic_ini_points_at_the_same_migrations() -> None:
    config = Config(str(REPO / "alembic.ini"))
    script = ScriptDirectory.from_config(config)
    assert Path(script.dir).resolve() == migrate.MIGRATIONS_DIR.resolve()
    assert script.get_heads() == [migrate.head_revision()]


def test_upgrade_from_empty_reaches_head_with_every_model_table(empty_engine: Engine) -> None:
    assert migrate.schema_state(empty_engine).revision is None
    before, after = migrate.upgrade(empty_engine)
    assert (before, after) == (None, migrate.head_revision())
    assert set(inspect(empty_engine).get_table_names()) == MODEL_TABLES | {"alembic_version"}
    assert migrate.schema_state(empty_engine).is_current
    empty_engine.dispose()


def test_models_match_migrations(migrated_engine: Engine) -> None:
    assert model_differences(migrated_engine) == []


def test_the_comparison_would_notice_a_difference(migrated_engine: Engine) -> None:
    """A negative control: the check above is only worth something if it can fail."""
    altered = MetaData()
    for table in schema.metadata.tables.values():
        table.to_metadata(altered)
    altered.tables["incidents"].columns["summary"].comment = "something else"
    altered.tables["sources"].columns["title"].nullable = False
    differences = [str(difference) for difference in model_differences(migrated_engine, altered)]
    assert len(differences) == 2
    assert any("modify_comment" in difference and "summary" in difference for difference in differences)
    assert any("modify_nullable" in difference and "title" in difference for difference in differences)


def test_downgrade_to_base_removes_everything_and_upgrade_rebuilds_it(empty_engine: Engine) -> None:
    head = migrate.head_revision()
    migrate.upgrade(empty_engine)
    assert migrate.downgrade(empty_engine, "base") == (head, None)
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    assert public_functions(empty_engine) == set()
    with empty_engine.connect() as connection:
        extensions = set(connection.scalars(text("SELECT extname FROM pg_extension")))
    assert extensions.isdisjoint({"pg_trgm", "unaccent", "btree_gist"})

    assert migrate.upgrade(empty_engine) == (None, head)
    assert model_differences(empty_engine) == []
    assert public_functions(empty_engine) == {
        "normalize_name",
        "check_span_quote",
        "check_incident_has_claim",
    }
    empty_engine.dispose()


def test_concurrent_upgrades_take_turns(create_database: CreateDatabase) -> None:
    """Two processes upgrading one empty database: one migrates, the other waits for the advisory
    lock and then finds the work done."""
    url = create_database("concurrent")
    environment = {**os.environ, "DATABASE_URL": libpq_url(url)}
    command = [sys.executable, "-m", "loader.cli", "db", "upgrade"]
    processes = [
        subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        assert (process.returncode, stderr) == (0, "")
        outputs.append(stdout)
    head = migrate.head_revision()
    assert sorted(outputs) == [
        f"the database is already at {head} (head)\n",
        f"upgraded the database from (empty) to {head} (head)\n",
    ]


def test_an_incident_without_a_supporting_claim_cannot_be_committed(migrated_url: URL) -> None:
    """The deferred constraint trigger at a real COMMIT (the rolled-back test transactions never commit)."""
    engine = make_engine(migrated_url)
    try:
        with pytest.raises(IntegrityError, match="has no supporting claim"), engine.begin() as connection:
            run_id = connection.execute(
                text("INSERT INTO load_runs (extractor_version) VALUES ('test') RETURNING id")
            ).scalar_one()
            source_id = connection.execute(
                text(
                    "INSERT INTO sources (source_key, version, kind, media_type, sha256, text, "
                    "load_run_id, extractor_version) VALUES ('test:commit', 1, 'news_article', "
                    "'text/plain', repeat('a', 64), 'Ten people died.', :run, 'test') RETURNING id"
                ),
                {"run": run_id},
            ).scalar_one()
            connection.execute(
                text(
                    "INSERT INTO incidents (source_id, char_start, char_end, quote, load_run_id, "
                    "extractor_version) VALUES (:source, 0, 16, 'Ten people died.', :run, 'test')"
                ),
                {"source": source_id, "run": run_id},
            )
        with engine.connect() as connection:
            assert (
                connection.scalar(text("SELECT count(*) FROM sources WHERE source_key = 'test:commit'")) == 0
            )
    finally:
        engine.dispose()
