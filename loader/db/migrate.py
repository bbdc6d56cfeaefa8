"""Applying the Alembic migrations in migrations/ from code (`eventsdb db upgrade`, `eventsdb load`)
without needing alembic.ini or a particular working directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

import migrations
from loader.db.engine import classify_error
from loader.db.errors import SchemaError
from loader.db.settings import display_url

# __path__ rather than __file__: an editable install may present the folder as a namespace package.
MIGRATIONS_DIR = Path(next(iter(migrations.__path__)))

# A fixed advisory lock key: processes migrating the same database take turns.
MIGRATION_LOCK_KEY = 0x6576656E7473  # "events"


def lock_for_migrations(connection: Connection) -> None:
    """Wait for, then hold until the transaction ends, the database's migration lock."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config for our migrations; with `connection`, env.py runs on it."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision in migrations/versions (there is exactly one head)."""
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise SchemaError(f"the migrations have {len(heads)} heads ({', '.join(heads)}); expected one")
    return heads[0]


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at; None for a database without the schema."""
    return MigrationContext.configure(connection).get_current_revision()


@dataclass(frozen=True)
class SchemaState:
    revision: str | None
    head: str

    @property
    def is_current(self) -> bool:
        return self.revision == self.head

    @property
    def known(self) -> bool:
        """False when the database is at a revision this code does not have (newer eventsdb?)."""
        return _known_revision(self.revision)

    def describe(self) -> str:
        if self.revision is None:
            return "empty (no schema yet: run `eventsdb db upgrade`)"
        if self.is_current:
            return f"{self.revision} (head)"
        if not self.known:
            return f"{self.revision} (unknown to this eventsdb; head is {self.head})"
        return f"{self.revision} (behind head {self.head}: run `eventsdb db upgrade`)"


def schema_state(engine: Engine) -> SchemaState:
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
    except OperationalError as error:
        raise classify_error(error, f"the database at {display_url(engine.url)}") from None
    return SchemaState(revision=revision, head=head_revision())


def _known_revision(revision: str | None) -> bool:
    if revision is None:
        return True
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises for unknown revisions
        return False


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Migrate the database to `revision` in one transaction (env.py takes an advisory lock, so
    concurrent upgrades wait for each other). Returns the revisions before and after."""
    try:
        with engine.begin() as connection:
            lock_for_migrations(connection)  # before reading the revision: another process may be migrating
            before = current_revision(connection)
            if not _known_revision(before):
                raise SchemaError(
                    f"the database is at revision {before}, which this version of eventsdb does not know "
                    "(was it migrated by a newer version?)"
                )
            command.upgrade(alembic_config(connection), revision)
            after = current_revision(connection)
    except OperationalError as error:
        raise classify_error(error, f"the database at {display_url(engine.url)}") from None
    return before, after


def downgrade(engine: Engine, revision: str) -> tuple[str | None, str | None]:
    """Migrate the database down to `revision` ('base' removes the whole schema)."""
    with engine.begin() as connection:
        lock_for_migrations(connection)
        before = current_revision(connection)
        command.downgrade(alembic_config(connection), revision)
        after = current_revision(connection)
    return before, after
