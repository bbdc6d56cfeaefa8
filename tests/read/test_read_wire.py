"""Old wire copy: the underscore dash of AP datelines, and closing copyright notices."""

from __future__ import annotations

from datetime import date

import pytest

from loader.read import read_bytes
from loader.read.patterns import parse_copyright, parse_dateline


@pytest.mark.parametrize(
    ("paragraph", "place", "agency"),
    [
        ("LIMA, Peru (AP) _ Guerrillas blew up a power pylon outside the capital.", "LIMA, Peru", "AP"),
        ("SRINAGAR, India (AP) _ Suspected militants fired on a bus.", "SRINAGAR, India", "AP"),
        ("ALGIERS _ Armed men killed five villagers overnight.", "ALGIERS", None),
    ],
)
def test_underscore_ends_a_dateline(paragraph: str, place: str, agency: str | None) -> None:
    found = parse_dateline(paragraph)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)
    assert paragraph[found.end :].startswith(("Guerrillas", "Suspected", "Armed"))


@pytest.mark.parametrize(
    "paragraph",
    ["The snake_case name _ is not a dateline", "Lima _ a city", "Police said _ nothing more"],
)
def test_underscore_in_a_sentence_is_no_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("Copyright 1997 The Associated Press. All rights reserved.", 1997),
        (
            "Copyright 1999 The Associated Press. All rights reserved. This material may not be published, "
            "broadcast, rewritten or redistributed.",
            1999,
        ),
        ("(c) 2004 Reuters", 2004),
        ("© 2018 The Daily Star", 2018),
        ("(C) Copyright 2001 Agence France-Presse", 2001),
        ("COPYRIGHT 1995 UPI", 1995),
        ("Copyright © 2007-2021 Frontier Herald. All Rights Reserved.", None),  # a site's range: no year
    ],
)
def test_copyright_notices(line: str, year: int | None) -> None:
    notice = parse_copyright(line)
    assert notice is not None
    assert notice.year == year


@pytest.mark.parametrize(
    "line",
    [
        "Copyright law was tightened in 2019 after the attacks on journalists.",
        "(c) 2003 attacks killed many people in the region.",
        "Copyrights 2001",
        "Copyright",
    ],
)
def test_sentences_are_not_copyright_notices(line: str) -> None:
    assert parse_copyright(line) is None


def test_wire_story_dateline_and_copyright_year() -> None:
    raw = (
        "LIMA, Peru (AP) _ Guerrillas blew up a power pylon outside the capital on Monday, cutting "
        "electricity to half the city, police said.\n\n"
        "No one was hurt.\n\n"
        "Copyright 1997 The Associated Press. All rights reserved.\n"
    )
    doc = read_bytes(raw.encode(), name="wire.txt")
    assert doc.dateline == "LIMA, Peru"
    assert "Copyright" not in doc.text
    assert doc.text.endswith("No one was hurt.")
    assert doc.published_on is None
    assert doc.published_year == 1997


def test_copyright_notices_between_stories_are_dropped() -> None:
    raw = (
        "LIMA, Peru (AP) _ Guerrillas blew up a power pylon outside the capital on Monday, police said.\n\n"
        "(c) 1997 The Associated Press\n\n"
        "CUZCO, Peru (AP) _ Rebels attacked a police station in the mountains on Tuesday, killing two "
        "officers, the interior ministry said in a statement.\n\n"
        "(c) 1997 The Associated Press\n"
    )
    doc = read_bytes(raw.encode(), name="wire.txt")
    assert "(c)" not in doc.text
    assert doc.text.split("\n\n")[1].startswith("CUZCO, Peru (AP) _ Rebels")
    assert doc.published_year == 1997


def test_full_publication_date_gives_the_year() -> None:
    raw = (
        "LIMA, Peru (AP) _ Guerrillas blew up a power pylon outside the capital on Monday, police said.\n\n"
        "Copyright 1997 The Associated Press. All rights reserved.\n"
    )
    doc = read_bytes(raw.encode(), name="wire.txt", published="1998-03-02")
    assert doc.published_on == date(1998, 3, 2)
    assert doc.published_year == 1998


def test_no_year_without_date_or_notice() -> None:
    doc = read_bytes(b"Gunmen killed two guards at a bank on Monday, police said.", name="x.txt")
    assert doc.published_on is None and doc.published_year is None
