"""`eventsdb db ...`: manage the database (embedded server or DATABASE_URL)."""

from __future__ import annotations

import typer

db_app = typer.Typer(help="Manage the database: start, stop, status, url, upgrade, psql.", no_args_is_help=True)
