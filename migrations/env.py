"""Alembic environment: runs the migrations on a connection handed over by eventsdb
(loader.db.migrate), or, from the `alembic` command line, on the database eventsdb would use
(DATABASE_URL, else the embedded server under EVENTSDB_HOME, started on demand)."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

import schema
from loader.db.migrate import lock_for_migrations

config = context.config
target_metadata = schema.metadata

if config.config_file_name is not None and config.attributes.get("connection") is None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def run_migrations_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        compare_server_default=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        lock_for_migrations(connection)  # concurrent `alembic upgrade` / `eventsdb load` take turns
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations_on(connection)
        return
    from loader.db.engine import make_engine, resolve_target

    engine = make_engine(resolve_target(start=True))
    try:
        with engine.connect() as new_connection:
            run_migrations_on(new_connection)
            new_connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("eventsdb migrations run online only: they check the database as they go")
run_migrations_online()
