"""read_document / read_bytes: from a file or bytes to a cleaned Document, or a one-line ReadError."""

from __future__ import annotations

import hashlib
import re
import sys
from datetime import date, datetime
from pathlib import Path

from loader.read.clean import clean_text
from loader.read.decode import DecodeFailure, decode_html, decode_text
from loader.read.document import Document
from loader.read.errors import ReadError
from loader.read.formats import (
    NO_ARTICLE_TEXT,
    FormatFailure,
    FormatResult,
    looks_like_html,
    looks_like_markdown,
    read_html,
    read_markdown,
)
from loader.read.normalize import normalize_text
from loader.read.patterns import parse_date, parse_dateline

DEFAULT_MAX_BYTES = 20_000_000

PLAIN, MARKDOWN, HTML = "text/plain", "text/markdown", "text/html"
_EXTENSIONS = {
    ".txt": PLAIN,
    ".text": PLAIN,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
}
_MEDIA_TYPES = {
    "text/plain": PLAIN,
    "text/markdown": MARKDOWN,
    "text/x-markdown": MARKDOWN,
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "txt": PLAIN,
    "md": MARKDOWN,
    "html": HTML,
}
_EXPECTED = "(expected .txt, .md or .html)"
KINDS = frozenset({"news_article", "news_digest", "government_report", "statement", "wiki_brief", "other"})
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "was",
        "were",
        "that",
        "for",
        "on",
        "with",
        "by",
        "as",
        "at",
        "from",
        "said",
        "have",
        "has",
        "had",
        "it",
        "be",
        "are",
        "this",
        "an",
        "or",
        "not",
        "which",
        "been",
        "killed",
        "their",
        "after",
    ]
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def _too_large(size: int, max_bytes: int) -> str:
    if max_bytes < 1_000_000:  # small limits (tests, previews) read better in bytes
        return f"file too large ({size} bytes > {max_bytes} bytes limit)"
    return f"file too large ({size / 1_000_000:.1f} MB > {max_bytes / 1_000_000:g} MB limit)"


def _media_type_for(name: str, media_type: str | None, data_head: bytes) -> str:
    """The format to read: the given media type, else the file extension, else a sniff for unnamed input."""
    if media_type:
        found = _MEDIA_TYPES.get(media_type.split(";")[0].strip().lower())
        if found is None:
            raise ReadError(name, f"unsupported media type '{media_type}' {_EXPECTED}")
        return found
    suffix = Path(name).suffix.lower() if name != "-" else ""
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if suffix and not suffix[1:].isdigit():
        raise ReadError(name, f"unsupported file type '{suffix}' {_EXPECTED}")
    # Standard input or a name without an extension: look at the content.
    head = data_head.decode("utf-8", "ignore")
    if looks_like_html(head):
        return HTML
    if looks_like_markdown(head):
        return MARKDOWN
    return PLAIN


def _option_date(name: str, value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if _ISO_DATE_RE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    parsed = parse_date(text)
    if parsed is None:
        raise ReadError(name, f"invalid publication date {text!r} (expected YYYY-MM-DD)")
    return parsed


def guess_language(text: str) -> str:
    """'en' for English text, 'und' when the common English function words are (nearly) absent."""
    words = _WORD_RE.findall(text[:5000].lower())
    if len(words) < 20:
        return "en"
    english = sum(1 for w in words if w in _ENGLISH_WORDS)
    return "en" if english >= 0.08 * len(words) else "und"


def read_bytes(
    data: bytes,
    *,
    name: str,
    media_type: str | None = None,
    publisher: str | None = None,
    published: date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read a document from bytes (standard input, tests); `name` serves messages and the extension."""
    if len(data) > max_bytes:
        raise ReadError(name, _too_large(len(data), max_bytes))
    kind_of_input = _media_type_for(name, media_type, data[:4096])
    published_option = _option_date(name, published)
    if not data.strip():
        raise ReadError(name, "empty file")
    try:
        source = decode_html(data) if kind_of_input == HTML else decode_text(data)
    except DecodeFailure as failure:
        raise ReadError(name, str(failure)) from None
    if not source.strip():
        raise ReadError(name, "empty file")
    try:
        if kind_of_input == HTML:
            found = read_html(source)
        elif kind_of_input == MARKDOWN:
            found = read_markdown(source)
        else:
            found = FormatResult(text=source)
    except FormatFailure as failure:
        raise ReadError(name, str(failure)) from None
    if not found.text.strip():
        raise ReadError(name, NO_ARTICLE_TEXT if kind_of_input == HTML else "empty file")

    known_title = title or found.title
    cleaned = clean_text(
        normalize_text(found.text),
        known_title=known_title,
        detect_title=kind_of_input != HTML,
    )
    if kind_of_input == HTML and not cleaned.has_prose:
        raise ReadError(name, NO_ARTICLE_TEXT)  # headlines alone are a page of links, not an article
    if not cleaned.has_content:
        raise ReadError(name, "no article text (only menus, buttons or timestamps)")

    wiki = cleaned.wikipedia_credit
    kind = found.kind if found.kind in KINDS else ("wiki_brief" if wiki else "news_article")
    dateline = None
    dateline_date = None
    if kind != "wiki_brief":  # a compilation of briefs has one dateline per paragraph, none for the whole
        opening = parse_dateline(cleaned.text.split("\n", 1)[0])
        if opening is not None:
            dateline, dateline_date = opening.place, opening.date

    published_on = (
        published_option
        or (found.published if kind_of_input == MARKDOWN else None)
        or cleaned.signoff_date
        or found.published
        or cleaned.header_date
        or dateline_date
    )
    return Document(
        path=name,
        media_type=kind_of_input,
        raw_sha256=hashlib.sha256(data).hexdigest(),
        text=cleaned.text,
        title=known_title or cleaned.title,
        publisher=publisher
        or found.publisher
        or cleaned.signoff_publisher
        or ("Wikipedia" if wiki else None),
        author=found.author or cleaned.author,
        url=url or found.url,
        published_on=published_on,
        published_year=published_on.year if published_on else cleaned.copyright_year,
        dateline=dateline,
        language=guess_language(cleaned.text),
        kind=kind,
        cites=tuple(cleaned.cites),
    )


def read_document(
    path: str | Path,
    *,
    publisher: str | None = None,
    published: date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read a .txt, .md or .html file (or '-' for standard input) into a cleaned Document.

    Raises ReadError, whose message names the file and the reason, for anything that is not a readable
    article: a missing file, an unknown extension, an empty, binary, undecodable or oversized file, or HTML
    without article text.
    """
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return read_bytes(
            data,
            name=name,
            publisher=publisher,
            published=published,
            url=url,
            title=title,
            max_bytes=max_bytes,
        )
    file_path = Path(path)
    # The extension is checked before opening, so a wrong file type is reported even if it is huge.
    suffix = file_path.suffix.lower()
    if suffix and suffix not in _EXTENSIONS and not suffix[1:].isdigit():
        raise ReadError(name, f"unsupported file type '{suffix}' {_EXPECTED}")
    try:
        size = file_path.stat().st_size
        if file_path.is_dir():
            raise ReadError(name, "is a directory, not a file")
        if size > max_bytes:
            raise ReadError(name, _too_large(size, max_bytes))
        with open(file_path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReadError(name, "file not found") from None
    except PermissionError:
        raise ReadError(name, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(name, "is a directory, not a file") from None
    except OSError as exc:
        raise ReadError(name, f"cannot read the file ({exc.strerror or exc})") from None
    return read_bytes(
        data, name=name, publisher=publisher, published=published, url=url, title=title, max_bytes=max_bytes
    )


__all__ = ["DEFAULT_MAX_BYTES", "guess_language", "read_bytes", "read_document"]
