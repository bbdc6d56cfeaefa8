"""Tables of incidents: one row per attack, with columns the header names (Date, Location, Dead, ...).

Reports and list pages often give their incidents as a table rather than as sentences (Wikipedia's
lists of terrorist incidents, a report's annex). The readers turn an HTML table into pipe-delimited
lines (`| 13 July 2018 | Mastung | Suicide bombing at ... | 149 |`), as Markdown writes them; this
module finds such tables in the cleaned text and says which cell of each row holds the date, the
place, the dead, the wounded, the perpetrator, the attack type and the description, by the words of
the header row. A table whose header names neither a date nor a place nor a toll is not a table of
incidents, and is left to the sentence rules.

Every cell is given as a span of the text (start, end), so that what the pipeline takes from it
stays traceable to the exact characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

Role = Literal["date", "place", "killed", "wounded", "perpetrator", "attack_type", "description"]

# Header words for each role, matched against the whole (lower-cased) header cell.
_ROLE_HEADERS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("date", re.compile(r"^(?:date|dates|day|when|date\s*\(.*\)|date and time|time and date)$")),
    (
        "place",
        re.compile(
            r"^(?:location|locations|place|places|city|town|village|province|district|region|area|"
            r"site|where|locality|state|country|location\s*\(.*\))$"
        ),
    ),
    (
        "killed",
        re.compile(
            r"^(?:dead|deaths|killed|fatalities|fatality|death toll|no\.? (?:of )?(?:dead|deaths|killed)|"
            r"number (?:of )?(?:dead|deaths|killed)|dead\s*\(.*\)|killed\s*\(.*\)|deaths\s*\(.*\))$"
        ),
    ),
    (
        "wounded",
        re.compile(
            r"^(?:injured|injuries|wounded|hurt|injured\s*\(.*\)|wounded\s*\(.*\)|"
            r"no\.? (?:of )?(?:injured|wounded)|number (?:of )?(?:injured|wounded))$"
        ),
    ),
    (
        "perpetrator",
        re.compile(
            r"^(?:perpetrators?|perpetrator\s*\(.*\)|group|groups|responsible|responsibility|"
            r"claimed by|suspected perpetrators?|attackers?|actor|actors)$"
        ),
    ),
    ("attack_type", re.compile(r"^(?:type|attack type|type of attack|method|weapons?|weapon type|tactic)$")),
    (
        "description",
        re.compile(r"^(?:description|details|summary|event|events|incident|notes|remarks|what happened)$"),
    ),
)
# A separator row: | --- | :---: | ---: |
_SEPARATOR = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_ROW = re.compile(r"^\|.*\|\s*$")


@dataclass(frozen=True, slots=True)
class TableRow:
    """A data row of a table of incidents: its span and the span of each cell with a known role."""

    start: int
    end: int
    cells: dict[Role, tuple[int, int]] = field(default_factory=dict)

    def cell(self, text: str, role: Role) -> str | None:
        span = self.cells.get(role)
        return text[span[0] : span[1]] if span else None


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    spans = []
    position = 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a pipe-delimited line, each trimmed of surrounding spaces (empty cells kept)."""
    line = text[start:end].rstrip()
    bars = [i for i, char in enumerate(line) if char == "|" and (i == 0 or line[i - 1] != "\\")]
    cells = []
    for left, right in pairwise(bars):
        cell_start, cell_end = start + left + 1, start + right
        while cell_start < cell_end and text[cell_start].isspace():
            cell_start += 1
        while cell_end > cell_start and text[cell_end - 1].isspace():
            cell_end -= 1
        cells.append((cell_start, cell_end))
    return cells


def _roles(text: str, header: list[tuple[int, int]]) -> dict[Role, int]:
    """Which column holds each role, by the header's words (the first column naming a role wins)."""
    roles: dict[Role, int] = {}
    for column, (start, end) in enumerate(header):
        name = " ".join(re.sub(r"[*_`]", "", text[start:end]).lower().split())
        for role, pattern in _ROLE_HEADERS:
            if role not in roles and pattern.match(name):
                roles[role] = column
                break
    return roles


def find_table_rows(text: str) -> list[TableRow]:
    """The data rows of the tables of incidents in `text`, in order.

    A table is a run of pipe-delimited lines (blank lines between them allowed, as the HTML reader
    writes them) whose first line is a header followed by a separator line; its header must name a
    date, a place or a toll column."""
    rows: list[TableRow] = []
    table_lines = [(s, e) for s, e in _lines(text) if _ROW.match(text[s:e])]
    index = 0
    while index < len(table_lines):
        header_start, header_end = table_lines[index]
        following = table_lines[index + 1] if index + 1 < len(table_lines) else None
        if (
            following is None
            or not _SEPARATOR.match(text[following[0] : following[1]])
            or text[header_end : following[0]].strip()
        ):
            index += 1
            continue
        header = _cells(text, header_start, header_end)
        roles = _roles(text, header)
        index += 2
        body: list[tuple[int, int]] = []
        previous_end = following[1]
        while index < len(table_lines):
            start, end = table_lines[index]
            # The table ends at the first line between rows that is not blank.
            if text[previous_end:start].strip() or _SEPARATOR.match(text[start:end]):
                break
            body.append((start, end))
            previous_end = end
            index += 1
        if not ({"date", "place", "killed", "wounded"} & set(roles)):
            continue
        for start, end in body:
            cells = _cells(text, start, end)
            if len(cells) != len(header):
                continue  # a row that does not line up with its header (merged cells): not trusted
            spans = {
                role: cells[column] for role, column in roles.items() if cells[column][1] > cells[column][0]
            }
            rows.append(TableRow(start, end, spans))
    return rows
