"""Alembic migrations of the eventsdb schema (hand-written; see migrations/README.md)."""
