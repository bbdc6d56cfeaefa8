"""`eventsdb load PATH...` as a user runs it, on its own scratch database."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from loader.cli import app
from loader.db import migrate
from loader.db.engine import make_engine
from loader.db.settings import libpq_url
from loader.read import read_document

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = "examples/dawn-2021-12-23-isk.txt"
runner = CliRunner()


@pytest.fixture()
def database(create_database: Callable[[str], URL]) -> tuple[str, Engine]:
    url = create_database("load")
    return libpq_url(url), make_engine(url)


def load(database_url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["load", *args], env={"DATABASE_URL": database_url})
    return result.exit_code, result.stdout, result.stderr


def test_loading_the_example_migrates_stores_the_source_and_says_what_was_stored(
    database: tuple[str, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    database_url, engine = database
    doc = read_document(EXAMPLE)
    head = migrate.head_revision()

    code, out, err = load(database_url, EXAMPLE)
    assert (code, err) == (0, "")
    with engine.connect() as connection:
        source_id, run_id = connection.execute(text("SELECT id, load_run_id FROM sources")).one()
    assert out == (
        f"migrated the database from (empty) to {head}\n"
        f"new        {EXAMPLE}: source {source_id} (version 1)\n"
        "  kind: news_article, text/plain, language en\n"
        f"  title: {doc.title or '-'}\n"
        "  publisher: Dawn\n"
        f"  author: {doc.author or '-'}\n"
        "  published: 2021-12-23\n"
        "  dateline: WASHINGTON\n"
        "  url: -\n"
        f"  text: {len(doc.text)} characters, {len(doc.text.split())} words\n"
        f"  sha256: {hashlib.sha256((REPO / EXAMPLE).read_bytes()).hexdigest()}\n"
        f"  cites: {'; '.join(doc.cites) if doc.cites else '-'}\n"
        f"  key: sha256:{doc.raw_sha256}\n"
        f"load run {run_id} succeeded: 1 new, 0 updated, 0 unchanged, 0 failed\n"
    )
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT text, publisher, published_on::text, is_current, extractor_version FROM sources")
        ).one()
        run = connection.execute(
            text("SELECT status, counts, inputs FROM load_runs WHERE id = :id"), {"id": run_id}
        ).one()
    assert tuple(stored) == (doc.text, "Dawn", "2021-12-23", True, "0.1.0")
    assert "Published in Dawn" not in stored[0] and "Furtive measures" not in stored[0]
    assert tuple(run) == (
        "succeeded",
        {"new": 1, "updated": 0, "unchanged": 0, "failed": 0},
        [EXAMPLE],
    )

    # Loading it again writes no source and says so.
    code, out, err = load(database_url, EXAMPLE)
    assert (code, err) == (0, "")
    assert (
        out.splitlines()[0]
        == f"unchanged  {EXAMPLE}: identical content is stored as source {source_id} (version 1)"
    )
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM sources")) == 1
    engine.dispose()


def test_bad_inputs_are_reported_quarantined_and_fail_the_command_at_the_end(
    database: tuple[str, Engine], tmp_path: Path
) -> None:
    database_url, engine = database
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "brief.txt"
    good.write_text(
        "PESHAWAR, Pakistan (May 3, 2019) - Gunmen attacked a police checkpoint, "
        "killing two officers, police said.\n"
    )
    code, out, err = load(database_url, str(empty), str(good), str(tmp_path / "missing.txt"))
    assert code == 1
    lines = out.splitlines()[1:]  # after "migrated the database ..."
    assert lines[0] == f"failed     {empty}"
    assert lines[1].startswith(f"new        {good}: source ")
    assert lines[-2] == f"failed     {tmp_path / 'missing.txt'}"
    assert lines[-1].endswith("partial: 1 new, 0 updated, 0 unchanged, 2 failed")
    errors = err.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"eventsdb: {empty}: ")
    assert errors[1].startswith(f"eventsdb: {tmp_path / 'missing.txt'}: ")
    with engine.connect() as connection:
        rejected = connection.execute(
            text("SELECT path, stage, sha256, size_bytes, reason FROM rejected_inputs ORDER BY id")
        ).all()
        assert connection.scalar(text("SELECT count(*) FROM sources")) == 1
        assert connection.scalar(text("SELECT status FROM load_runs")) == "partial"
    assert [(r.path, r.stage, r.size_bytes) for r in rejected] == [
        (str(empty), "read", 0),
        (str(tmp_path / "missing.txt"), "read", None),
    ]
    assert rejected[0].sha256 == hashlib.sha256(b"").hexdigest()
    assert [r.reason for r in rejected] == [line.removeprefix("eventsdb: ") for line in errors]
    engine.dispose()


def test_a_changed_report_becomes_a_new_version(database: tuple[str, Engine], tmp_path: Path) -> None:
    database_url, engine = database
    report = tmp_path / "report.md"
    report.write_text("# Attack on a checkpoint\n\nGunmen killed two police officers in Bannu on Tuesday.\n")
    assert load(database_url, str(report), "--url", "https://news.example.org/bannu")[0] == 0
    report.write_text(
        "# Attack on a checkpoint\n\nGunmen killed three police officers in Bannu on Tuesday.\n"
    )
    code, out, _ = load(database_url, str(report), "--url", "https://news.example.org/bannu")
    assert code == 0
    assert "updated    " in out and "(version 2, replaces source " in out
    with engine.connect() as connection:
        versions = connection.execute(
            text("SELECT version, is_current, url FROM sources ORDER BY version")
        ).all()
    assert [tuple(v) for v in versions] == [
        (1, False, "https://news.example.org/bannu"),
        (2, True, "https://news.example.org/bannu"),
    ]
    engine.dispose()


def test_standard_input_and_repeated_inputs(database: tuple[str, Engine], tmp_path: Path) -> None:
    database_url, engine = database
    missing = str(tmp_path / "missing.txt")
    result = runner.invoke(
        app,
        ["load", "-", missing, missing, "--publisher", "Daily Example", "--published", "2020-02-02"],
        env={"DATABASE_URL": database_url},
        input="LAHORE: A bomb exploded near a market on Sunday, killing four people, police said.\n",
    )
    assert result.exit_code == 1
    assert re.search(r"^new        -: source \d+ \(version 1\)$", result.stdout, re.MULTILINE)
    assert result.stdout.count(f"failed     {missing}") == 1
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT path, publisher, published_on::text, dateline FROM sources")
        ).one()
        inputs = connection.scalar(text("SELECT inputs FROM load_runs"))
    assert tuple(stored) == ("-", "Daily Example", "2020-02-02", "LAHORE")
    assert inputs == ["-", missing]
    engine.dispose()
