"""Wire datelines with the date before the agency, and vague plural tolls (sentences written for these
tests)."""

from __future__ import annotations

import pytest

from loader.extract.pipeline import extract_document
from loader.extract.segment import paragraphs
from loader.model import ExtractedDocument
from loader.read import read_bytes


def extract(text: str) -> ExtractedDocument:
    return extract_document(read_bytes(text.encode("utf-8"), name="report.txt"))


@pytest.mark.parametrize(
    ("line", "place", "country", "date", "body"),
    [
        ("BEIRUT, May 3, 2015 (AP) _ A car bomb went off.", "BEIRUT", None, "May 3, 2015", "A car"),
        (
            "KABUL, Afghanistan, Jan. 5, 2009 (Reuters) - A bomb went off.",
            "KABUL",
            "Afghanistan",
            "Jan. 5, 2009",
            "A bomb",
        ),
        ("GAO, Mali, 12 May 2023 (AFP) — Gunmen attacked a post.", "GAO", "Mali", "12 May 2023", "Gunmen"),
        (
            "NAIROBI, Kenya, Sept 21, 2013 (Xinhua) -- Gunmen stormed a mall.",
            "NAIROBI",
            "Kenya",
            "Sept 21, 2013",
            "Gunmen",
        ),
        (
            "QUETTA/ISLAMABAD, PAKISTAN (August 9, 2013) - Gunmen shot three men.",
            "QUETTA/ISLAMABAD",
            "PAKISTAN",
            "August 9, 2013",
            "Gunmen",
        ),
    ],
)
def test_dated_wire_datelines(line: str, place: str, country: str | None, date: str, body: str) -> None:
    (para,) = paragraphs(line)
    assert (para.dateline_place, para.dateline_country, para.dateline_date) == (place, country, date)
    assert line[para.body_start :].startswith(body)


def test_a_dateline_without_a_year_keeps_only_its_place() -> None:
    (para,) = paragraphs("ISLAMABAD, Dec 3 (Reuters) - A bomb went off in a market.")
    assert (para.dateline_place, para.dateline_date) == ("ISLAMABAD", None)


def test_dated_wire_briefs_each_keep_their_date() -> None:
    doc = extract(
        "BEIRUT, May 3, 2015 (AP) _ A car bomb exploded in a market in Beirut, killing 12 people.\n\n"
        "KABUL, Afghanistan, Jan. 5, 2009 (Reuters) - A suicide bomber killed 14 people outside a police "
        "station in Kabul, officials said.\n\n"
        "GAO, Mali, 12 May 2023 (AFP) — Gunmen killed nine soldiers at a checkpoint."
    )
    got = [(i.year, i.month, i.day, i.country, i.killed_low) for i in doc.incidents]
    assert got == [(2015, 5, 3, "LB", 12), (2009, 1, 5, "AF", 14), (2023, 5, 12, "ML", 9)]


def test_a_dated_dateline_heading_a_story_dates_the_story_not_a_brief() -> None:
    doc = extract(
        "KABUL, Afghanistan, Jan. 5, 2009 (Reuters) - A suicide bomber killed 14 people outside a police "
        "station in Kandahar on Sunday, officials said.\n\n"
        "The blast also wounded 20 people, a doctor said. The Taliban claimed the attack."
    )
    (incident,) = doc.incidents
    assert (incident.year, incident.month, incident.day) == (2009, 1, 4)  # the Sunday before the dateline
    assert (incident.city, incident.killed_low, incident.wounded_low) == ("Kandahar", 14, 20)


def test_a_slashed_dateline_names_no_one_city() -> None:
    doc = extract("QUETTA/ISLAMABAD, PAKISTAN (August 9, 2013) - Four gunmen killed three policemen.")
    (incident,) = doc.incidents
    assert (incident.city, incident.country) == (None, "PK")


@pytest.mark.parametrize(
    ("sentence", "low"),
    [
        ("Boko Haram fighters attacked the village of Kukawa on Saturday, killing hundreds.", 200),
        ("Hundreds of people were killed when gunmen stormed a market in Kukawa on Saturday.", 200),
        ("Thousands of people were killed when militants overran Kukawa on Saturday.", 2000),
        ("Scores of people were killed when a bomb went off in a market in Kukawa on Saturday.", 40),
        ("Dozens were killed when gunmen attacked a market in Kukawa on Saturday.", 24),
    ],
)
def test_vague_plural_tolls_are_lower_bounds(sentence: str, low: int) -> None:
    doc = extract("MAIDUGURI, Nigeria, March 2, 2016 (Reuters) - " + sentence)
    (incident,) = doc.incidents
    assert (incident.killed_low, incident.killed_high) == (low, None)
