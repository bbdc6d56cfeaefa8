"""`eventsdb extract`: output formats, the JSON Schema contract, bad input, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from loader.cli import app
from scripts.export_json_schema import SCHEMA_PATH, render

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dawn-2021-12-23-isk.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_committed_json_schema_matches_the_models() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), "run: python scripts/export_json_schema.py"


def test_json_output_validates_against_the_schema(schema: dict) -> None:
    result = runner.invoke(app, ["extract", "--format", "json", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    assert len(document["incidents"]) == 12
    text = document["source"]["text"]
    for record in document["incidents"] + document["claims"]:
        assert text[record["char_start"] : record["char_end"]] == record["quote"]
    # The scraped sidebar after "Published in Dawn, ..." is not part of the article.
    assert "Furtive measures" not in text
    assert document["source"]["publisher"] == "Dawn"
    assert document["source"]["published_on"] == "2021-12-23"


def test_several_files_give_an_array_in_the_order_given(tmp_path: Path, schema: dict) -> None:
    other = tmp_path / "brief.txt"
    other.write_text(
        "KABUL, AFGHANISTAN (June 1, 2017) - A truck bomb killed over 90 people near an embassy.\n"
    )
    result = runner.invoke(app, ["extract", str(other), str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    assert [d["source"]["path"] for d in documents] == [str(other), str(EXAMPLE)]
    for document in documents:
        jsonschema.validate(document, schema)


def test_jsonl_is_one_document_per_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(EXAMPLE), str(EXAMPLE)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["incidents"] for line in lines)


def test_table_summarises_incidents_and_claims() -> None:
    result = runner.invoke(app, ["extract", "--format", "table", str(EXAMPLE)])
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first == f"{EXAMPLE}: 12 incidents, 14 claims"


def test_bad_input_is_a_one_line_error_and_the_rest_still_extracts(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(empty), str(EXAMPLE)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {empty}: empty file"
    assert len(result.stdout.splitlines()) == 1


def test_parallel_extraction_gives_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    files = []
    for n in range(4):
        path = tmp_path / f"r{n}.txt"
        path.write_text(
            f"QUETTA, PAKISTAN (May {n + 1}, 2016) - A bomb killed {n + 2} people near a market.\n"
        )
        files.append(str(path))
    one = runner.invoke(app, ["extract", "--format", "jsonl", *files])
    two = runner.invoke(app, ["extract", "--format", "jsonl", "--jobs", "2", *files])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert [json.loads(line)["incidents"][0]["killed_low"] for line in one.stdout.splitlines()] == [
        2,
        3,
        4,
        5,
    ]


def test_output_does_not_depend_on_the_process(tmp_path: Path) -> None:
    """Same input, same output, whatever the hash seed of the process (no set-order leaks)."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "loader.cli", "extract", "--format", "jsonl", str(EXAMPLE)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and outputs[0]
