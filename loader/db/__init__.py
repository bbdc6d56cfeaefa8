"""The database layer: where the database is and how to reach it.

- `loader.db.settings`: EVENTSDB_HOME, DATABASE_URL parsing, libpq URLs;
- `loader.db.server`: the embedded PostgreSQL server (start, stop, status);
- `loader.db.engine`: `resolve_target()`, `make_engine()`, `session_scope()`, error classification;
- `loader.db.migrate`: applying the Alembic migrations from code;
- `loader.db.errors`: one-line errors, transient or terminal, and their exit codes;
- `loader.db.cli`: the `eventsdb db ...` commands.
"""
