"""Page furniture is dropped by general rules; article paragraphs, subheadings and lists survive."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from loader.read import parse_dateline, read_bytes, read_document
from loader.read.patterns import is_nav_line, is_timestamp_line

EVAL = Path(__file__).parents[2].parent / "shared" / "eval"
DAWN = EVAL / "dev" / "dawn-2021-12-23-isk.txt"
needs_eval = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not present")

P1 = (
    "MIRAMSHAH: Four soldiers were killed when militants attacked a security post in North Waziristan on "
    "Sunday night, the military's media wing said."
)
P2 = (
    "The attackers fled after an exchange of fire that lasted two hours, the statement said. No group has "
    "claimed responsibility so far."
)
P3 = "Security officials said a search operation was launched in the area."
ARTICLE = f"{P1}\n\n{P2}\n\n{P3}"


def _text(raw: str, name: str = "a.txt") -> str:
    return read_bytes(raw.encode(), name=name).text


@pytest.mark.parametrize(
    "tail",
    [
        # a headline / stamp / teaser sidebar, with a plain sentence of another story at the very end
        "Share\nFacebook Twitter WhatsApp\n\nMost Popular\n\n"
        "Rupee gains against dollar\nUpdated 11 Mar, 2023\n\n"
        "Rupee gains against dollar\n\nThe local currency appreciated by 0.4 per cent in the interbank...\n"
        "Heatwave grips Sindh\n11 Mar, 2023\n\nHeatwave grips Sindh\n\n"
        "Temperatures are expected to rise further over the weekend, the Met Office said.",
        # related-stories block with comment counters
        "Related Stories\nPolice arrest three suspects in Lyari\n3 comments\n"
        "Court adjourns hearing\n12 comments",
        # wire-service credits
        "Reporting by Asif Shahzad; Additional reporting by Saud Mehsud\nEditing by Jane Doe",
        # copyright and tags
        "Tags: Pakistan, terrorism, North Waziristan\n\n"
        "Copyright © 2023 Frontier Herald. All rights reserved.",
        # relative timestamps of a "latest news" rail
        "Latest News\n\nFloods displace thousands\n2 hours ago\n\nPM vows action\n5 hours ago",
        # newsletter and follow prompts
        "Follow us on Twitter\n\nSign up for our morning newsletter\n\nBack to top",
    ],
)
def test_trailing_furniture_is_cut(tail: str) -> None:
    assert _text(f"{ARTICLE}\n\n{tail}\n") == ARTICLE


@pytest.mark.parametrize(
    "head",
    [
        "Home | Pakistan | Khyber Pakhtunkhwa\n\nMenu\n\n",
        "Home > Pakistan > Tribal districts\n\nGunmen kill four soldiers\n\nBy Staff Reporter\n"
        "Published March 12, 2023 08:14am\n\n",
        "Advertisement\n\nUpdated 12 Mar, 2023\n5 min read\n\n",
    ],
)
def test_leading_furniture_is_cut(head: str) -> None:
    assert _text(f"{head}{ARTICLE}\n") == ARTICLE


def test_inline_furniture_between_paragraphs_is_dropped() -> None:
    raw = f"{P1}\n\nAdvertisement\n\n{P2}\n\nRead more: Militants attack checkpost in Bannu\n\n{P3}\n"
    assert _text(raw) == ARTICLE


def test_subheadings_and_short_paragraphs_are_kept() -> None:
    raw = (
        f"{P1}\n\nNo differentiation\n\n{P2}\n\nComments\n\n"
        "The report drew comments from several lawmakers, who said the figures understated the scale of "
        "violence in the tribal districts and demanded a debate in parliament.\n\nOpinion\n\n"
        "Analysts said the attack showed that militant groups were regrouping along the border.\n"
    )
    assert _text(raw) == raw.strip()


def test_trailing_fact_list_is_kept() -> None:
    raw = f"{P1}\n\nKey facts\n20 killed\n30 wounded\n"
    assert _text(raw) == raw.strip()


def test_final_paragraph_after_share_bar_outweighs_it() -> None:
    last = (
        "Later on Monday the provincial government announced compensation for the families of the soldiers "
        "and said that a judicial inquiry would examine how the attackers had reached the post unnoticed."
    )
    raw = f"{P1}\n\nShare\n\n{last}\n"
    assert _text(raw) == f"{P1}\n\n{last}"


def test_signoff_cuts_everything_after_it() -> None:
    raw = (
        f"{ARTICLE}\n\nPublished in Dawn, March 13th, 2023\n\nThe writer is a journalist.\n\nCurfew lifted\n"
    )
    doc = read_bytes(raw.encode(), name="s.txt")
    assert doc.text == ARTICLE
    assert doc.publisher == "Dawn"


@pytest.mark.parametrize(
    "line",
    [
        "Updated 07 Sep, 2024",
        "06 Sep, 2024",
        "5 hours ago",
        "Published: March 12, 2023 08:14am PKT",
        "December 23, 2021",
        "2024-09-07",
        "Last updated on 3 May 2019 | 10:31 am",
    ],
)
def test_timestamp_lines(line: str) -> None:
    assert is_timestamp_line(line)


@pytest.mark.parametrize(
    "line",
    ["Five people were killed on 6 Sep, 2024.", "On December 23, 2021 the report was released", "In 2016"],
)
def test_sentences_with_dates_are_not_timestamps(line: str) -> None:
    assert not is_timestamp_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Share",
        "Comments (12)",
        "Follow us on Facebook",
        "Read more",
        "Facebook | Twitter | WhatsApp | Email",
        "© 2021 Dawn Media Group",
        "Copyright 2020 The Associated Press. All rights reserved.",
        "Editorial",
        "Tags: Pakistan, TTP",
        "Photo: AFP",
    ],
)
def test_nav_lines(line: str) -> None:
    assert is_nav_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell after the attack.",
        "Comments by the minister angered the opposition.",
        "Home minister visits Quetta",
        "Read the full report, the court ordered.",
    ],
)
def test_article_lines_are_not_nav(line: str) -> None:
    assert not is_nav_line(line)


@needs_eval
def test_dawn_sidebar_is_gone_and_article_is_whole() -> None:
    doc = read_document(DAWN)
    raw = DAWN.read_text(encoding="utf-8")
    article, _, sidebar = raw.partition("Published in Dawn, December 23rd, 2021")
    assert doc.text == article.strip()
    assert doc.publisher == "Dawn"
    assert str(doc.published_on) == "2021-12-23"
    assert doc.dateline == "WASHINGTON"
    assert doc.text.endswith("in the face of attacks by both the Defeat-IS Coalition and Taliban forces.")
    for line in sidebar.splitlines():
        if line.strip():
            assert line.strip() not in doc.text.splitlines()
    for stamp in ("Updated", "Sep, 2024", "Editorial", "Furtive measures", "Perks galore"):
        assert stamp not in doc.text
    assert "No differentiation" in doc.text.split("\n\n")


@needs_eval
def test_dawn_sidebar_is_cut_even_without_the_signoff() -> None:
    raw = DAWN.read_text(encoding="utf-8").replace("Published in Dawn, December 23rd, 2021", "")
    doc = read_bytes(raw.encode(), name="dawn-no-signoff.txt")
    article = raw.split("\nOpinion\n")[0].strip()
    assert doc.text == article


@needs_eval
@pytest.mark.parametrize("path", sorted((EVAL / "dev").glob("wiki-*.txt")), ids=lambda p: p.stem)
def test_wiki_briefs_keep_every_dated_paragraph(path: Path) -> None:
    doc = read_document(path)
    paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    title, credit, *briefs = paragraphs
    assert doc.title == title
    assert doc.kind == "wiki_brief"
    assert doc.publisher == "Wikipedia"
    assert credit not in doc.text
    assert doc.text.split("\n\n") == briefs
    assert all(parse_dateline(brief) is not None for brief in briefs)


@needs_eval
@pytest.mark.parametrize("path", sorted((EVAL / "news").glob("*.txt")), ids=lambda p: p.stem)
def test_news_summaries_are_kept_whole(path: Path) -> None:
    doc = read_document(path)
    assert doc.text == path.read_text(encoding="utf-8").strip()
    assert doc.title is None
    assert doc.kind == "news_article"


def _as_html(paragraphs: list[str], extra: list[str]) -> bytes:
    body = "".join(
        f"<p>{html.escape(p)}</p>\n" if len(p) > 40 else f"<h2>{html.escape(p)}</h2>\n" for p in paragraphs
    )
    tail = "".join(f"<p>{html.escape(line)}</p>\n" for line in extra)
    page = f"<html><head><title>Report</title></head><body><article>{body}{tail}</article></body></html>"
    return page.encode()


def test_html_sidebar_inside_the_article_container_is_cut() -> None:
    sidebar = [
        "Most Popular",
        "Rupee gains against dollar",
        "Updated 11 Mar, 2023",
        "The local currency appreciated by 0.4 per cent in the interbank...",
        "Heatwave grips Sindh",
        "11 Mar, 2023",
        "Temperatures are expected to rise further over the weekend, the Met Office said.",
    ]
    doc = read_bytes(_as_html([P1, P2, P3], sidebar), name="page.html")
    assert doc.text == ARTICLE


@needs_eval
def test_dawn_as_html_page_without_signoff() -> None:
    article, _, sidebar = DAWN.read_text(encoding="utf-8").partition("Published in Dawn, December 23rd, 2021")
    paragraphs = article.strip().split("\n\n")
    page = _as_html(paragraphs, [line for line in sidebar.splitlines() if line.strip()])
    assert read_bytes(page, name="dawn.html").text == article.strip()


def test_signoff_note_above_a_longer_article_only_drops_itself() -> None:
    note = "Editor's note: a reader asked us to republish this report."
    raw = f"{note}\n\nThis article first appeared in The Express Tribune on 5 May 2019\n\n{ARTICLE}\n"
    doc = read_bytes(raw.encode(), name="note.txt")
    assert doc.text == f"{note}\n\n{ARTICLE}"
    assert doc.publisher == "The Express Tribune"
