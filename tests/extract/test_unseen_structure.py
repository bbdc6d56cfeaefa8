"""Report structures nobody tuned the extractor for: lists of incidents under a lead, in plain text,
Markdown and HTML. The texts are written for these tests."""

from __future__ import annotations

import pytest

from loader.extract.pipeline import extract_document
from loader.model import ExtractedDocument
from loader.read import read_bytes


def extract(text: str, name: str = "report.txt", **options: str) -> ExtractedDocument:
    return extract_document(read_bytes(text.encode("utf-8"), name=name, **options))


_ITEMS = [
    "On March 4, gunmen attacked a police station in Kano, killing nine policemen.",
    "On June 19, a suicide bomber struck a mosque in Maiduguri, killing 31 worshippers.",
    "On October 2, insurgents ambushed an army convoy near Damboa, killing 14 soldiers.",
]


@pytest.mark.parametrize("marker", ["- ", "* ", "• ", "1. "])
def test_each_list_item_is_an_incident_dated_by_the_lead_year(marker: str) -> None:
    lines = [f"{marker.replace('1', str(n))}{item}" for n, item in enumerate(_ITEMS, start=1)]
    text = (
        "Annual Security Review\n\nNotable attacks in Nigeria in 2014 included:\n" + "\n".join(lines) + "\n"
    )
    doc = extract(text)
    assert [(i.year, i.month, i.day) for i in doc.incidents] == [(2014, 3, 4), (2014, 6, 19), (2014, 10, 2)]
    assert [i.killed_low for i in doc.incidents] == [9, 31, 14]


def test_the_lead_year_beats_the_publication_year_for_month_day_dates() -> None:
    text = "Attacks in Nigeria in 2014 included:\n" + "\n".join(f"- {item}" for item in _ITEMS) + "\n"
    doc = extract(text, published="2015-04-30")
    assert [(i.year, i.month, i.day) for i in doc.incidents] == [(2014, 3, 4), (2014, 6, 19), (2014, 10, 2)]


def test_html_list_items_are_incidents() -> None:
    items = "".join(f"<li>{item}</li>" for item in _ITEMS)
    html = (
        "<html><head><title>Review</title></head><body><article><h1>Annual review</h1>"
        f"<p>Notable attacks in Nigeria in 2014 included:</p><ul>{items}</ul>"
        "<p>The government said security had improved since then.</p></article></body></html>"
    )
    doc = extract(html, name="review.html")
    assert [(i.year, i.month, i.day) for i in doc.incidents] == [(2014, 3, 4), (2014, 6, 19), (2014, 10, 2)]


def test_markdown_bullets_are_incidents() -> None:
    md = "# Annual review\n\nNotable attacks in Nigeria in 2014 included:\n\n" + "".join(
        f"* {item}\n" for item in _ITEMS
    )
    doc = extract(md, name="review.md")
    assert [(i.year, i.month, i.day) for i in doc.incidents] == [(2014, 3, 4), (2014, 6, 19), (2014, 10, 2)]


def test_a_timeline_gives_one_incident_per_entry() -> None:
    text = (
        "Timeline of attacks in Kenya\n\n"
        "June 1, 2016: Gunmen attacked a bus near Wajir, killing 12 passengers\n"
        "July 9, 2016: A roadside bomb hit a police truck near Lamu, killing five policemen\n"
    )
    doc = extract(text)
    assert [(i.year, i.month, i.day, i.killed_low) for i in doc.incidents] == [
        (2016, 6, 1, 12),
        (2016, 7, 9, 5),
    ]


def test_a_markdown_table_gives_one_incident_per_row() -> None:
    md = (
        "Attacks in Mali in 2018 included:\n\n| Date | Event |\n|---|---|\n"
        "| 4 June | A bus hit a mine near Gao, killing seven passengers |\n"
        "| 9 June | Rebels raided a police post near Kidal, killing three policemen |\n"
    )
    doc = extract(md, name="attacks.md")
    assert [(i.month, i.day, i.killed_low) for i in doc.incidents] == [(6, 4, 7), (6, 9, 3)]
