"""Metadata found in the text: sign-offs, datelines, bylines, titles, credits; options override them."""

from __future__ import annotations

from datetime import date

import pytest

from loader.read import parse_dateline, read_bytes
from loader.read.patterns import parse_byline, parse_signoff, parse_source_line

BODY = "Two men were shot dead in the Orangi Town area on Tuesday evening, police said."


@pytest.mark.parametrize(
    ("line", "publisher", "published"),
    [
        ("Published in Dawn, December 23rd, 2021", "Dawn", date(2021, 12, 23)),
        ("Published in Dawn, December 23rd, 2021.", "Dawn", date(2021, 12, 23)),
        (
            "This article first appeared in The Express Tribune on 5 May 2019",
            "The Express Tribune",
            date(2019, 5, 5),
        ),
        ("The story was originally published in The News on Sept 3, 2018.", "The News", date(2018, 9, 3)),
        ("Originally published by Reuters", "Reuters", None),
        ("Published in Dawn", "Dawn", None),
        ("First published on 12 March 2020", None, date(2020, 3, 12)),
        ("Published in The Friday Times, Lahore, 1st of June, 2015", "The Friday Times", date(2015, 6, 1)),
        ("*Published in Dawn, Sunday Magazine, March 3rd, 2011*", "Dawn", date(2011, 3, 3)),
    ],
)
def test_signoff_forms(line: str, publisher: str | None, published: date | None) -> None:
    found = parse_signoff(line)
    assert found is not None
    assert (found.publisher, found.published_on) == (publisher, published)


@pytest.mark.parametrize(
    "line",
    [
        "Published by the interior ministry on Monday, the report lists 20 banned groups.",
        "The report was published in 2019 and updated twice since.",
        "Police published the names of the suspects.",
        "Published on the website of the provincial police, the list names 20 suspects.",
    ],
)
def test_sentences_are_not_signoffs(line: str) -> None:
    assert parse_signoff(line) is None


def test_signoff_sets_publisher_and_date_and_ends_text() -> None:
    signoff = "This article first appeared in The Express Tribune on 5 May 2019"
    raw = f"KARACHI: {BODY}\n\n{signoff}\n\nMore stories\n"
    doc = read_bytes(raw.encode(), name="t.txt")
    assert doc.publisher == "The Express Tribune"
    assert doc.published_on == date(2019, 5, 5)
    assert doc.text == f"KARACHI: {BODY}"


@pytest.mark.parametrize(
    ("paragraph", "place", "published"),
    [
        ("WASHINGTON: The group known as IS-K is based in Afghanistan.", "WASHINGTON", None),
        ("KABUL, AFGHANISTAN (August 1, 2016) - A bomb exploded.", "KABUL, AFGHANISTAN", date(2016, 8, 1)),
        ("ISLAMABAD, Dec 3 (Reuters) - Pakistan said on Friday.", "ISLAMABAD", None),
        ("LONDON (AP) — Police arrested two men.", "LONDON", None),
        ("PESHAWAR, Pakistan — Gunmen killed a cleric.", "PESHAWAR, Pakistan", None),
        ("Quetta, Jan 5 (AFP) — A blast hit a market.", "Quetta", None),
        ("DERA ISMAIL KHAN, Sept. 12: Two soldiers died.", "DERA ISMAIL KHAN", None),
        ("NEW DELHI, DEC 3 (PTI) - Officials said.", "NEW DELHI", None),
        ("KARACHI, Pakistan, May 5, 2019 (AFP) -- Gunmen fired.", "KARACHI, Pakistan", date(2019, 5, 5)),
        (
            "QUETTA/ISLAMABAD, PAKISTAN (August 9, 2013) - Hours after.",
            "QUETTA/ISLAMABAD, PAKISTAN",
            date(2013, 8, 9),
        ),
        ("QALA I NAW, AFGHANISTAN (July 2, 2017) - A man.", "QALA I NAW, AFGHANISTAN", date(2017, 7, 2)),
        ("ISLAMABAD—Pakistan's army said.", "ISLAMABAD", None),
    ],
)
def test_dateline_forms(paragraph: str, place: str, published: date | None) -> None:
    found = parse_dateline(paragraph)
    assert found is not None
    assert found.place == place
    assert found.date == published
    assert paragraph[found.end :].strip()[0].isalnum() or paragraph[found.end :].strip()[0] in "'\""


@pytest.mark.parametrize(
    "paragraph",
    [
        "ITBP Director General (DG) Subhash Goswami said, One of the fidayeen was killed.",
        "UPDATE: five people were killed.",
        "US - Pakistan ties were discussed.",
        "Kabul, Afghanistan — Gunmen killed a cleric.",  # title case needs a date or agency to count
        "The police said: nothing was found.",
        "Seven Policemen were killed and three others injured in an attack.",
    ],
)
def test_not_datelines(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_dateline_of_document_and_its_date_as_fallback() -> None:
    doc = read_bytes(
        b"KABUL, AFGHANISTAN (August 1, 2016) - A truck bomb exploded near a hotel.", name="d.txt"
    )
    assert doc.dateline == "KABUL, AFGHANISTAN"
    assert doc.published_on == date(2016, 8, 1)
    assert doc.text.startswith("KABUL, AFGHANISTAN (August 1, 2016) - ")  # the dateline stays in the text


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Anwar Iqbal", "Anwar Iqbal"),
        ("By ANWAR IQBAL", "ANWAR IQBAL"),
        ("By Saleem Shahid | Reuters", "Saleem Shahid"),
        ("By Sana Jamal and Tahir Khan", "Sana Jamal and Tahir Khan"),
        ("Written by Zia ur Rehman", "Zia ur Rehman"),
    ],
)
def test_bylines(line: str, author: str) -> None:
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    "line", ["By the time police arrived, the attackers had fled.", "By then, 20 were dead"]
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_headline_byline_and_stamp_become_metadata() -> None:
    raw = (
        "Gunmen kill four soldiers in North Waziristan\n\nBy Staff Reporter\nPublished March 12, 2023\n"
        "Updated 13 Mar, 2023\n\n"
        "MIRAMSHAH: Four soldiers were killed when militants attacked a post, the military said."
    )
    doc = read_bytes(raw.encode(), name="h.txt")
    assert doc.title == "Gunmen kill four soldiers in North Waziristan"
    assert doc.author == "Staff Reporter"
    assert doc.published_on == date(2023, 3, 12)  # the earliest stamp is the publication
    assert doc.dateline == "MIRAMSHAH"
    assert doc.text.startswith("MIRAMSHAH: Four soldiers")


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    raw = f"{BODY}\n\nThe victims were on their way home.\n"
    doc = read_bytes(raw.encode(), name="s.txt")
    assert doc.title is None
    assert doc.text.startswith(BODY)


def test_title_needs_text_after_it() -> None:
    doc = read_bytes(b"Gunmen kill shopkeeper in Lahore", name="one.txt")
    assert doc.title is None
    assert doc.text == "Gunmen kill shopkeeper in Lahore"


def test_wikipedia_credit_line() -> None:
    raw = (
        "Terrorist incidents in Afghanistan and Pakistan, May 2012\n\n"
        "Compiled from Wikipedia's list of terrorist incidents in May 2012 (CC BY-SA).\n\n"
        "KABUL, AFGHANISTAN (May 2, 2012) - A suicide car bomb killed seven people.[1]\n\n"
        "QUETTA, PAKISTAN (May 9, 2012) - Gunmen killed two policemen.[2]\n"
    )
    doc = read_bytes(raw.encode(), name="w.txt")
    assert doc.kind == "wiki_brief"
    assert doc.publisher == "Wikipedia"
    assert doc.title == "Terrorist incidents in Afghanistan and Pakistan, May 2012"
    assert doc.dateline is None  # one dateline per brief, none for the compilation
    assert doc.published_on is None
    assert doc.text.split("\n\n") == [
        "KABUL, AFGHANISTAN (May 2, 2012) - A suicide car bomb killed seven people.[1]",
        "QUETTA, PAKISTAN (May 9, 2012) - Gunmen killed two policemen.[2]",
    ]


def test_options_override_text_metadata() -> None:
    raw = f"Old headline\n\nKARACHI: {BODY}\n\nPublished in Dawn, December 23rd, 2021\n"
    doc = read_bytes(
        raw.encode(), name="o.txt", publisher="Agency", published=date(2022, 1, 2), url="u", title="New"
    )
    assert (doc.publisher, doc.published_on, doc.url, doc.title) == ("Agency", date(2022, 1, 2), "u", "New")
    assert doc.text == f"KARACHI: {BODY}"


def test_published_option_as_string() -> None:
    assert read_bytes(BODY.encode(), name="p.txt", published="2020-02-29").published_on == date(2020, 2, 29)
    assert read_bytes(BODY.encode(), name="p.txt", published="March 1, 2020").published_on == date(2020, 3, 1)


def test_source_credit_lines_become_cites() -> None:
    raw = f"LAHORE: {BODY}\n\nThe attackers fled on motorcycles, witnesses said.\n\nSource: Dawn, The News\n"
    doc = read_bytes(raw.encode(), name="c.txt")
    assert doc.cites == ("Dawn", "The News")
    assert "Source:" not in doc.text


def test_language_guess() -> None:
    english = read_bytes((BODY + " " + BODY).encode(), name="e.txt")
    assert english.language == "en"
    german = (
        "Bei einem Anschlag auf einen Markt in der Stadt sind am Sonntag mindestens fünf Menschen ums Leben "
        "gekommen, wie die Polizei mitteilte. Zu der Tat bekannte sich zunächst niemand."
    )
    assert read_bytes(german.encode(), name="g.txt").language == "und"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("— AFP", ("AFP",)),
        ("(Reuters)", ("Reuters",)),
        ("AFP/APP", ("AFP", "APP")),
        ("With input from APP", ("APP",)),
        ("Courtesy: The Express Tribune", ("The Express Tribune",)),
        ("Sources: Dawn; Daily Times and The News", ("Dawn", "Daily Times", "The News")),
    ],
)
def test_credit_lines(line: str, names: tuple[str, ...]) -> None:
    assert parse_source_line(line) == names


@pytest.mark.parametrize(
    "line",
    ["AP photographers were at the scene.", "Source: The interior ministry said the attack killed five."],
)
def test_sentences_are_not_credit_lines(line: str) -> None:
    assert parse_source_line(line) is None


def test_headline_directly_above_a_datelined_paragraph() -> None:
    raw = "Blast in Quetta\nQUETTA: Five people were killed in a blast on Sunday, police said.\n\n- AFP\n"
    doc = read_bytes(raw.encode(), name="x.txt")
    assert (doc.title, doc.dateline, doc.cites) == ("Blast in Quetta", "QUETTA", ("AFP",))
    assert doc.text == "QUETTA: Five people were killed in a blast on Sunday, police said."
