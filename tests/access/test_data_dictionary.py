"""docs/schema.md is the data dictionary generated from the database's comments, and up to date."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from loader.access.dictionary import REGENERATE_COMMAND, render
from loader.access.views import VIEWS, raw_connection
from loader.cli import app
from loader.db.settings import libpq_url

DOCS_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def test_docs_schema_md_is_up_to_date(db_connection: Connection) -> None:
    generated = render(raw_connection(db_connection))
    assert DOCS_SCHEMA.read_text() == generated, f"docs/schema.md is out of date: run `{REGENERATE_COMMAND}`"


def test_the_dictionary_documents_every_view_table_and_column(db_connection: Connection) -> None:
    generated = render(raw_connection(db_connection))
    for view in VIEWS:
        assert f"### research.{view} (view)" in generated
    for table in ("incidents", "claims", "sources", "groups", "load_runs"):
        assert f"### public.{table} (table)" in generated
    assert "(no description)" not in generated
    assert "| `date_precision` | text | How precisely the source dates the incident" in generated
    assert "`research.group_id(spelling text)` returns `bigint`" in generated
    assert "normalize_name" in generated
    assert "similarity" not in generated  # pg_trgm's functions are not ours


def test_the_dictionary_command_writes_and_checks_the_file(migrated_url: URL, tmp_path: Path) -> None:
    runner = CliRunner()
    environment = {"DATABASE_URL": libpq_url(migrated_url)}
    target = tmp_path / "schema.md"
    written = runner.invoke(app, ["db", "dictionary", "--output", str(target)], env=environment)
    assert written.exit_code == 0, written.stderr
    assert target.read_text() == DOCS_SCHEMA.read_text()
    checked = runner.invoke(app, ["db", "dictionary", "--output", str(target), "--check"], env=environment)
    assert (checked.exit_code, checked.stdout) == (0, f"{target} is up to date\n")
    target.write_text(target.read_text().replace("Fewest people killed", "Some people killed"))
    stale = runner.invoke(app, ["db", "dictionary", "--output", str(target), "--check"], env=environment)
    assert stale.exit_code == 1
    assert stale.stderr == f"{target} is out of date: run `{REGENERATE_COMMAND}`\n"
