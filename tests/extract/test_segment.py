"""Sentence boundaries, on texts written for these tests (not taken from the eval sets)."""

from __future__ import annotations

import pytest

from loader.extract.segment import paragraphs, sentences

# A run-on digest line (no full stops, over 250 characters) switches on the discourse-opener rule.
_PADDING = " in the busy bazaar of the old town near the bus stand where traders had gathered since dawn"


def _texts(text: str) -> list[str]:
    return [s.text for s in sentences(text)]


def test_run_on_text_is_cut_before_a_discourse_opener() -> None:
    text = f"A bomb went off{_PADDING}{_PADDING} Two people were killed{_PADDING}"
    assert len(text) > 250 and ". " not in text
    assert _texts(text) == [f"A bomb went off{_PADDING}{_PADDING}", f"Two people were killed{_PADDING}"]


@pytest.mark.parametrize(
    "count",
    [
        "At least Seven",
        "at least Two",
        "AT Least Three",
        "more than Ten",
        "no fewer than Five",
        "nearly Eight",
        "some Six",
        "as many as Nine",
        "between Two and Four",
        "Three or Four",
    ],
)
def test_a_capitalised_number_after_a_qualifier_does_not_open_a_sentence(count: str) -> None:
    text = (
        f"{count} people were killed and many others were hurt when a car bomb went off{_PADDING}{_PADDING}"
    )
    assert len(text) > 250 and ". " not in text
    assert _texts(text) == [text]


# --- lists: a line opened by a list marker starts a paragraph and a sentence of its own -------------

_LEAD = "Major attacks that year included:"


@pytest.mark.parametrize("marker", ["- ", "* ", "• ", "– ", "1. ", "1) ", "(a) ", "a) ", "(iv) "])
def test_a_list_item_line_starts_a_new_paragraph_and_sentence(marker: str) -> None:
    text = (
        f"{_LEAD}\n{marker}On March 4, gunmen raided a bus depot in Gao, killing nine drivers\n"
        f"{marker}On April 9, a roadside bomb hit a convoy near Kidal, killing four soldiers."
    )
    paras = paragraphs(text)
    assert len(paras) == 3
    bodies = [text[p.body_start : p.end] for p in paras]
    assert bodies[0] == _LEAD
    assert bodies[1].startswith("On March 4") and bodies[1].endswith("drivers")
    assert bodies[2].startswith("On April 9")
    found = sentences(text, paras)
    assert [s.paragraph for s in found] == [0, 1, 2]
    assert [s.text[:11] for s in found[1:]] == ["On March 4,", "On April 9,"]


def test_a_line_continuing_a_list_item_stays_in_that_item() -> None:
    text = "Targets included:\n- a police post on the ring road\nnear the old fort.\n- a girls' school."
    bodies = [text[p.body_start : p.end] for p in paragraphs(text)]
    assert bodies == [
        "Targets included:",
        "a police post on the ring road\nnear the old fort.",
        "a girls' school.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "-5 degrees were recorded overnight in the hills above the town.",  # no space after the dash
        "2.5 million people live in the district, officials said.",  # a decimal, not a numbered item
        "10. shows nothing",  # a numbered marker wants a capital after it
        "*Emphasis* is markup, not a bullet.",
    ],
)
def test_lines_that_only_look_like_list_items_do_not_split(line: str) -> None:
    text = f"The storm moved east on Friday.\n{line}"
    assert len(paragraphs(text)) == 1


def test_a_list_item_has_no_dateline() -> None:
    text = "Incidents:\n- KABUL: A bomb exploded near a mosque, killing three."
    item = paragraphs(text)[1]
    assert item.dateline_place is None
    assert text[item.body_start :].startswith("KABUL:")


def test_a_wire_dateline_with_an_underscore_dash() -> None:
    text = "MANILA, Philippines (AP) _ A bomb exploded in a crowded market on Sunday, police said."
    (para,) = paragraphs(text)
    assert para.dateline_place == "MANILA"
    assert text[para.body_start :].startswith("A bomb")


@pytest.mark.parametrize(
    "entry",
    ["March 3, 2015: ", "3 March 2015 - ", "Mar. 3: ", "2015-03-03: ", "2015: ", "March 2015 – "],
)
def test_timeline_entries_are_paragraphs_of_their_own_with_their_date(entry: str) -> None:
    text = f"Timeline\n{entry}Rebels shelled a market, killing four\n{entry}Rebels burned a school"
    bodies = [text[p.body_start : p.end] for p in paragraphs(text)]
    assert bodies == [
        "Timeline",
        f"{entry}Rebels shelled a market, killing four",
        f"{entry}Rebels burned a school",
    ]


def test_table_rows_are_paragraphs_of_their_own() -> None:
    text = "Date | Place | Event\n4 June | Gao | A bus hit a mine\n9 June | Kidal | Rebels raided a post"
    assert len(paragraphs(text)) == 3


def test_a_line_that_only_mentions_a_month_continues_its_block() -> None:
    text = "Police said the attack in\nMay was the worst in years."
    assert len(paragraphs(text)) == 1
