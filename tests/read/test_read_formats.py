"""Each input format: plain text, Markdown with front matter, HTML through trafilatura, unnamed input."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from loader.read import Document, read_bytes, read_document

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Suicide attack kills nine at police post - Frontier Herald</title>
<meta property="og:site_name" content="Frontier Herald">
<meta property="og:url" content="https://herald.example/news/2021/12/03/police-post">
<meta name="author" content="Asif Karim">
<meta property="article:published_time" content="2021-12-03T10:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/pk">Pakistan</a></li>
<li><a href="/w">World</a></li></ul></nav></header>
<main><article>
<h1>Suicide attack kills nine at police post</h1>
<div class="byline">By Asif Karim</div>
<p>BANNU, Dec 3 (Reuters) - A suicide bomber killed at least nine people at a police checkpoint near the
town of Bannu on Friday, officials said.</p>
<p>"The attacker blew himself up when police tried to stop his car," a police official said, adding that
six of the dead were policemen.</p>
<div class="ad">Advertisement</div>
<p>No group immediately claimed responsibility, but militants have carried out similar attacks in the
district in recent months.</p>
<div class="share">Share this article: Facebook Twitter</div>
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Rupee gains against dollar</a></li>
<li><a href="/b">Heatwave grips Sindh</a></li></ul></aside></main>
<footer><p>© 2021 Frontier Herald. All rights reserved.</p></footer>
</body></html>
"""


def test_plain_text_document_fields() -> None:
    raw = b"PESHAWAR: Two policemen were shot dead on Ring Road on Monday, police said.\n"
    doc = read_bytes(raw, name="a.txt")
    assert isinstance(doc, Document)
    assert doc.media_type == "text/plain"
    assert doc.path == "a.txt"
    assert doc.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.text == "PESHAWAR: Two policemen were shot dead on Ring Road on Monday, police said."
    assert doc.language == "en"
    assert doc.kind == "news_article"
    assert doc.cites == ()


def test_read_document_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "report.text"
    path.write_text("Blast in Kabul\n\nKABUL: A blast killed two people on Monday.\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.path == str(path)
    assert doc.title == "Blast in Kabul"
    assert doc.text == "KABUL: A blast killed two people on Monday."
    assert doc.raw_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_markdown_front_matter_and_markup() -> None:
    source = """---
title: Bomb kills five in Quetta
publisher: Daily Frontier
published: 2021-12-23
url: https://frontier.example/news/1
author: [Saleem Khan, Staff Reporter]
---

# Bomb kills five in Quetta

QUETTA: Five people were killed and **12 wounded** when a bomb exploded near a
market on Sunday, [police](https://police.example) said.

## Responsibility

No group claimed responsibility. The *outlawed group* denied involvement:

- the bomb was planted on a motorcycle;
- it was detonated by remote control.

> "We condemn the attack," the chief minister said.

![the market after the blast](blast.jpg)
"""
    doc = read_bytes(source.encode(), name="quetta.md")
    assert doc.media_type == "text/markdown"
    assert doc.title == "Bomb kills five in Quetta"
    assert doc.publisher == "Daily Frontier"
    assert doc.published_on == date(2021, 12, 23)
    assert doc.url == "https://frontier.example/news/1"
    assert doc.author == "Saleem Khan, Staff Reporter"
    assert doc.dateline == "QUETTA"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == (
        "QUETTA: Five people were killed and 12 wounded when a bomb exploded near a market on Sunday, "
        "police said."
    )
    assert "Responsibility" in paragraphs
    assert "- the bomb was planted on a motorcycle;\n- it was detonated by remote control." in paragraphs
    assert '"We condemn the attack," the chief minister said.' in paragraphs
    for markup in ("**", "](", "#", "> ", "blast.jpg", "---"):
        assert markup not in doc.text
    assert "Bomb kills five in Quetta" not in doc.text  # the heading is the title, not body text


def test_markdown_heading_becomes_title_without_front_matter() -> None:
    doc = read_bytes(b"# Blast in Kabul\n\nKABUL: A blast killed two people on Monday.\n", name="b.markdown")
    assert doc.title == "Blast in Kabul"
    assert doc.text == "KABUL: A blast killed two people on Monday."


def test_markdown_front_matter_date_forms() -> None:
    doc = read_bytes(b"---\ndate: 5 May 2019\n---\nGunmen killed a shopkeeper in Lahore.\n", name="c.md")
    assert doc.published_on == date(2019, 5, 5)


def test_html_main_text_and_metadata() -> None:
    doc = read_bytes(ARTICLE_HTML.encode(), name="page.html")
    assert doc.media_type == "text/html"
    assert doc.title == "Suicide attack kills nine at police post"
    assert doc.publisher == "Frontier Herald"
    assert doc.author == "Asif Karim"
    assert doc.url == "https://herald.example/news/2021/12/03/police-post"
    assert doc.published_on == date(2021, 12, 3)
    assert doc.dateline == "BANNU"
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("BANNU, Dec 3 (Reuters) - A suicide bomber killed at least nine people")
    assert paragraphs[2].startswith("No group immediately claimed responsibility")
    for furniture in ("Home", "Advertisement", "Share", "Most read", "Rupee gains", "All rights reserved"):
        assert furniture not in doc.text


def test_html_options_override_page_metadata() -> None:
    doc = read_bytes(
        ARTICLE_HTML.encode(),
        name="page.htm",
        publisher="Reuters",
        published="2021-12-04",
        url="https://reuters.example/x",
        title="Pakistan police post attacked",
    )
    assert (doc.publisher, doc.published_on, doc.url, doc.title) == (
        "Reuters",
        date(2021, 12, 4),
        "https://reuters.example/x",
        "Pakistan police post attacked",
    )


def test_html_declared_legacy_charset() -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9 attack</title></head><body><article>'
        "<p>Gunmen opened fire on a caf\xe9 in Peshawar\x92s old city on Friday, killing three people, "
        "police said. The attackers escaped on motorcycles.</p></article></body></html>"
    ).encode("latin-1")
    doc = read_bytes(page, name="cafe.html")
    assert "café in Peshawar’s old city" in doc.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"<!DOCTYPE html><html><body><article><p>KABUL: A bomb killed four people at a checkpoint on "
            b"Tuesday, officials said.</p></article></body></html>",
            "text/html",
        ),
        (b"---\ntitle: X\n---\nA bomb killed four people.\n", "text/markdown"),
        (b"A bomb killed four people at a checkpoint on Tuesday.\n", "text/plain"),
    ],
)
def test_unnamed_input_is_sniffed(data: bytes, expected: str) -> None:
    assert read_bytes(data, name="-").media_type == expected
    assert read_bytes(data, name="upload").media_type == expected


def test_explicit_media_type_wins_over_name() -> None:
    doc = read_bytes(
        b"# Heading\n\nA bomb killed four people.\n", name="notes.txt", media_type="text/markdown"
    )
    assert doc.media_type == "text/markdown"
    assert doc.title == "Heading"
