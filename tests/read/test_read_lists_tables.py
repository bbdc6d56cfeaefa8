"""Lists and tables: one item per line, one table row per pipe-delimited line with a header separator."""

from __future__ import annotations

import pytest

from loader.read import read_bytes
from loader.read.formats import markdown_to_text
from loader.read.normalize import unwrap_paragraphs

NUMBERED = (
    "The provincial authorities listed these incidents in the northern districts last month.\n\n"
    "1. On June 4, gunmen ambushed a patrol near the river crossing, killing three soldiers.\n"
    "2. On June 9, a landmine struck a minibus on the main road, wounding eleven passengers.\n"
    "3. On June 15, armed men abducted a teacher and two pupils from a village school.\n"
)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_numbered_list_items_stay_on_their_own_lines(suffix: str) -> None:
    text = read_bytes(NUMBERED.encode(), name="list" + suffix).text
    lines = text.split("\n")
    assert any(line.startswith("1. On June 4, gunmen") and line.endswith("three soldiers.") for line in lines)
    assert any(line.startswith("2. On June 9, a landmine") for line in lines)
    assert any(line.startswith("3. On June 15, armed men") for line in lines)


def test_numbered_items_with_closing_parenthesis_and_lower_case() -> None:
    block = (
        "1) on June 4, gunmen ambushed a patrol near the river crossing, killing three\n"
        "2) on June 9, a landmine struck a minibus on the main road, wounding eleven"
    )
    assert unwrap_paragraphs(block) == block


@pytest.mark.parametrize("marker", ["- ", "* ", "• ", "– ", "(a) ", "b) ", "(iv) ", "(2) "])
def test_bulleted_items_are_not_joined(marker: str) -> None:
    block = (
        f"{marker}Gunmen ambushed a patrol near the river crossing, killing three soldiers on Monday.\n"
        f"{marker}A landmine struck a minibus on the main road, wounding eleven passengers on Tuesday."
    )
    assert unwrap_paragraphs(block) == block


def test_wrapped_prose_with_a_line_opening_on_a_number_is_still_joined() -> None:
    block = (
        "A car bomb exploded outside the district council offices on Thursday morning,\n"
        "officials in the provincial capital said, killing\n"
        "17 people and wounding dozens of others who were queuing for identity cards."
    )
    assert unwrap_paragraphs(block) == " ".join(block.split("\n"))


def test_a_single_number_with_a_full_stop_in_wrapped_prose_is_joined() -> None:
    # "12." once, with no "11." or "13." on another line, is the end of a sentence, not a list.
    block = (
        "Police said the attackers opened fire on the wedding party and the toll rose to\n"
        "12. Hospital staff said several of the wounded were in a critical condition."
    )
    assert unwrap_paragraphs(block) == " ".join(block.split("\n"))


def test_wrapped_list_items_are_joined_item_by_item() -> None:
    block = (
        "1. On June 4, gunmen ambushed a patrol near the river crossing in the east,\n"
        "killing three soldiers and wounding a fourth, the army said.\n"
        "2. On June 9, a landmine struck a minibus on the main road near the border,\n"
        "wounding eleven passengers, among them four children."
    )
    assert unwrap_paragraphs(block).split("\n") == [
        "1. On June 4, gunmen ambushed a patrol near the river crossing in the east, "
        "killing three soldiers and wounding a fourth, the army said.",
        "2. On June 9, a landmine struck a minibus on the main road near the border, "
        "wounding eleven passengers, among them four children.",
    ]


def test_markdown_heading_becomes_title_and_list_keeps_items() -> None:
    source = (
        "# Attacks in the eastern region, 2017\n\n"
        "1. On March 2, gunmen killed a village chief near the border crossing.\n"
        "2. On March 8, a bomb hidden in a cart exploded at a cattle market.\n"
    )
    doc = read_bytes(source.encode(), name="region.md")
    assert doc.title == "Attacks in the eastern region, 2017"
    assert doc.text.split("\n") == [
        "1. On March 2, gunmen killed a village chief near the border crossing.",
        "2. On March 8, a bomb hidden in a cart exploded at a cattle market.",
    ]


def test_markdown_table_rows_are_pipe_delimited_with_header_separator() -> None:
    source = (
        "| Date | Town | Dead |\n"
        "|:-----|:----:|-----:|\n"
        "| 4 June 2016 | Rivertown | 3 |\n"
        "| 9 June 2016 | *Hill* Camp | a \\| b |\n"
    )
    assert markdown_to_text(source).split("\n") == [
        "| Date | Town | Dead |",
        "|---|---|---|",
        "| 4 June 2016 | Rivertown | 3 |",
        "| 9 June 2016 | Hill Camp | a \\| b |",
    ]


HTML_PAGE = """<html><head><title>Incidents in the east</title></head><body><article>
<h1>Incidents in the east</h1>
<p>District officials reported the following attacks in the eastern provinces during the month of May.</p>
<ol><li>On May 2, rebels attacked a village near the lake, killing seven civilians.</li>
<li>On May 8, a grenade exploded in a crowded market, wounding fourteen traders.</li></ol>
<ul><li>Armed men burned a health centre.</li><li>Two farmers were abducted.</li></ul>
{table}
<p>Officials said the army had reinforced its positions across the region after the attacks.</p>
</article></body></html>"""
TH_TABLE = (
    "<table><tr><th>Date</th><th>Place</th><th>Killed</th></tr>"
    "<tr><td>May 2</td><td>Lakeside</td><td>7</td></tr><tr><td>May 8</td><td>Market town</td><td>0</td></tr>"
    "</table>"
)
TD_TABLE = TH_TABLE.replace("th>", "td>")


@pytest.mark.parametrize("table", [TH_TABLE, TD_TABLE])
def test_html_list_items_and_table_rows_are_lines(table: str) -> None:
    text = read_bytes(HTML_PAGE.format(table=table).encode(), name="east.html").text
    lines = [line for line in text.split("\n") if line]
    for item in (
        "On May 2, rebels attacked a village near the lake, killing seven civilians.",
        "On May 8, a grenade exploded in a crowded market, wounding fourteen traders.",
        "Armed men burned a health centre.",
        "Two farmers were abducted.",
    ):
        assert any(line.endswith(item) and line[0] in "-1234567890" for line in lines), item
    header = lines.index("| Date | Place | Killed |")
    assert lines[header + 1 : header + 4] == [
        "|---|---|---|",
        "| May 2 | Lakeside | 7 |",
        "| May 8 | Market town | 0 |",
    ]
