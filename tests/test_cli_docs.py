"""Every command says what it does (--help) and is documented in the README, which opens with
exactly the two commands a newcomer runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from loader.cli import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text()
runner = CliRunner()


def command_paths() -> list[tuple[str, ...]]:
    """Every command and group of the CLI as its words after `eventsdb`."""
    root = typer.main.get_command(app)
    found: list[tuple[str, ...]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        if path:
            found.append(path)
        # Typer ships its own copy of click: recognise groups by their sub-commands, not their class.
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(root, ())
    return found


def test_the_cli_has_the_database_commands() -> None:
    paths = command_paths()
    for expected in ["db", "start", "stop", "status", "url", "upgrade", "psql"]:
        assert (expected,) in paths or ("db", expected) in paths
    assert ("load",) in paths


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_help_and_is_in_the_readme(path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    command: Any = typer.main.get_command(app)
    for word in path:
        command = command.commands[word]
    assert command.help and command.help.strip(), f"eventsdb {' '.join(path)} has no help text"
    assert f"eventsdb {' '.join(path)}" in README, f"README does not mention `eventsdb {' '.join(path)}`"


def test_top_level_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for (name,) in (path for path in command_paths() if len(path) == 1):
        assert name in result.stdout


def test_the_readme_opens_with_exactly_two_commands() -> None:
    lines = README.splitlines()
    assert lines[0] == "# eventsdb"
    first_block = re.search(r"```sh\n(.*?)\n```", README, re.DOTALL)
    assert first_block is not None
    assert README.index("```sh") < README.index("\n## ")  # before any section
    commands = first_block.group(1).splitlines()
    assert len(commands) == 2
    setup_and_load, setup_and_test = commands
    assert setup_and_load.startswith("python3 -m venv .venv && .venv/bin/pip install -e . && ")
    assert setup_and_load.endswith(".venv/bin/eventsdb load examples/dawn-2021-12-23-isk.txt")
    assert (REPO / "examples" / "dawn-2021-12-23-isk.txt").is_file()
    assert setup_and_test == "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest"


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert ".venv/bin/pytest" in ci
    assert re.search(r"pip install .*-e '\.\[test\]'", ci)


def test_the_readme_documents_the_settings_and_sections_others_extend() -> None:
    for text in ("DATABASE_URL", "EVENTSDB_HOME", "docker compose", "eventsdb db upgrade", "## Dependencies"):
        assert text in README
