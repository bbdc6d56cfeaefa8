"""The record the reading stage hands to extraction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MediaType = str  # 'text/plain' | 'text/markdown' | 'text/html'


@dataclass(frozen=True)
class Document:
    """A source document read from disk or bytes: cleaned text plus what is known about it.

    `text` is the cleaned full text (page furniture, title and credit lines removed); every extraction span
    indexes into it. `raw_sha256` identifies the exact input bytes.
    """

    path: str
    media_type: MediaType
    raw_sha256: str
    text: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published_on: date | None = None
    # The year of publication: published_on's, else the year of a copyright notice ("Copyright 1996 The
    # Associated Press") when no full date is known.
    published_year: int | None = None
    dateline: str | None = None
    language: str = "en"
    # 'news_article' | 'news_digest' | 'government_report' | 'statement' | 'wiki_brief' | 'other'
    kind: str = "news_article"
    cites: tuple[str, ...] = ()
