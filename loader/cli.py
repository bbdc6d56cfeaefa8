"""The `eventsdb` command line: a thin shell over the library API in loader/."""

from __future__ import annotations

import typer

from loader.db.cli import db_app

app = typer.Typer(
    name="eventsdb",
    help="Load reports of militant violence into a Postgres database of incidents and claims.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(db_app, name="db")


if __name__ == "__main__":
    app()
