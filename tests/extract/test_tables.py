"""Tables of incidents: rows and the role of each cell, by the header's words."""

from __future__ import annotations

from loader.extract.tables import find_table_rows

# As the HTML reader writes a table: one line per row, blank lines between them.
HTML_TABLE = (
    "The deadliest attacks of the year were these.\n\n"
    "| Date | Location | Details | Dead | Injured | Perpetrator |\n\n"
    "|---|---|---|---|---|---|\n\n"
    "| 4 May 2011 | Kunar | A roadside bomb hit a minibus. | 9 | 12 | Unknown |\n\n"
    "| 9 June 2011 | Lahore | Two suicide bombers attacked a market. | 35 | 90 | Tehrik-i-Taliban Pakistan |\n\n"
    "After the table, prose again."
)
MARKDOWN_TABLE = """Annex: incidents

| When | Province | Killed | Description |
| :--- | --- | ---: | --- |
| 2 March 2015 | Helmand | 6 | Gunmen shot six road workers. |
| 3 March 2015 | Herat |  | A grenade was thrown at a police post. |
"""


def test_rows_of_an_html_table_with_each_role_as_an_exact_span() -> None:
    rows = find_table_rows(HTML_TABLE)
    assert len(rows) == 2
    first, second = rows
    assert first.cell(HTML_TABLE, "date") == "4 May 2011"
    assert first.cell(HTML_TABLE, "place") == "Kunar"
    assert first.cell(HTML_TABLE, "description") == "A roadside bomb hit a minibus."
    assert (first.cell(HTML_TABLE, "killed"), first.cell(HTML_TABLE, "wounded")) == ("9", "12")
    assert second.cell(HTML_TABLE, "perpetrator") == "Tehrik-i-Taliban Pakistan"
    # Spans point into the text: the row is a line of it, each cell a piece of the row.
    assert HTML_TABLE[second.start : second.end].startswith("| 9 June 2011 |")
    start, end = second.cells["place"]
    assert HTML_TABLE[start:end] == "Lahore" and second.start < start < end < second.end


def test_a_markdown_table_with_other_header_words_and_an_empty_cell() -> None:
    rows = find_table_rows(MARKDOWN_TABLE)
    assert [row.cell(MARKDOWN_TABLE, "date") for row in rows] == ["2 March 2015", "3 March 2015"]
    assert [row.cell(MARKDOWN_TABLE, "place") for row in rows] == ["Helmand", "Herat"]
    assert rows[0].cell(MARKDOWN_TABLE, "killed") == "6"
    assert "killed" not in rows[1].cells  # an empty cell has no role


def test_a_table_of_something_else_is_not_a_table_of_incidents() -> None:
    text = "| Party | Seats |\n|---|---|\n| PTI | 116 |\n| PML-N | 64 |\n"
    assert find_table_rows(text) == []


def test_pipe_lines_without_a_separator_after_the_header_are_no_table() -> None:
    text = "| Date | Location | Dead |\n| 4 May 2011 | Kunar | 9 |\n"
    assert find_table_rows(text) == []


def test_a_row_that_does_not_line_up_with_its_header_is_skipped() -> None:
    text = "| Date | Location | Dead |\n|---|---|---|\n| 4 May 2011 | Kunar |\n| 5 May 2011 | Khost | 2 |\n"
    assert [row.cell(text, "place") for row in find_table_rows(text)] == ["Khost"]


def test_a_table_ends_at_the_first_line_of_prose() -> None:
    text = (
        "| Date | Location | Dead |\n|---|---|---|\n| 4 May 2011 | Kunar | 9 |\n"
        "Other news.\n| 5 May 2011 | Khost | 2 |\n"
    )
    assert [row.cell(text, "place") for row in find_table_rows(text)] == ["Kunar"]
