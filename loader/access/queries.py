"""The example queries of docs/queries.sql, by name (for the tests, the benchmark and the README)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

EXAMPLE_QUERIES = Path(__file__).resolve().parents[2] / "docs" / "queries.sql"
"""docs/queries.sql of a source checkout (the file is not installed with the package)."""

_NAME_LINE = re.compile(r"^-- name: ([a-z0-9_]+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    sql: str  # the statement, with its trailing semicolon

    @property
    def text(self) -> str:
        """The query as docs/queries.sql and the README show it: description comments, then SQL."""
        comments = "\n".join(f"-- {line}" if line else "--" for line in self.description.splitlines())
        return f"{comments}\n{self.sql}"


def parse_named_queries(text: str) -> dict[str, NamedQuery]:
    """Queries introduced by `-- name: NAME`, each with its following comment lines and statement."""
    queries: dict[str, NamedQuery] = {}
    starts = list(_NAME_LINE.finditer(text))
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        body = text[match.end() : end].strip("\n").splitlines()
        description = [line[3:] if line.startswith("-- ") else "" for line in body if line.startswith("--")]
        statement = "\n".join(line for line in body if not line.startswith("--")).strip()
        if not statement.endswith(";"):
            raise ValueError(f"query {match.group(1)} must be one statement ending with ';'")
        queries[match.group(1)] = NamedQuery(match.group(1), "\n".join(description), statement)
    return queries


def example_queries(path: Path = EXAMPLE_QUERIES) -> dict[str, NamedQuery]:
    return parse_named_queries(path.read_text())
