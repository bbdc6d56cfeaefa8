"""Per-format reading: Markdown (front matter, markup to plain text) and HTML (main text via trafilatura)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


class FormatFailure(Exception):
    """Raised with a one-line reason; the reader turns it into a ReadError naming the file."""


@dataclass
class FormatResult:
    """Plain text with paragraphs separated by blank lines, plus metadata the format itself carries."""

    text: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: date | None = None
    kind: str | None = None


# --- Markdown -----------------------------------------------------------------------------------------------

_HTML_BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]+>")
_FRONT_MATTER_KEYS = {
    "title": ("title", "headline"),
    "publisher": ("publisher", "source", "site", "sitename", "site_name", "outlet", "newspaper"),
    "published": ("published", "date", "published_on", "pubdate", "publication_date", "published_at"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "author": ("author", "authors", "byline"),
    "kind": ("kind",),
}


@lru_cache(maxsize=1)
def _markdown_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def _render_inline(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and _HTML_BREAK_RE.fullmatch(child.content.strip())
        ):
            parts.append("\n")
        # emphasis, links (their text is kept above), images and inline HTML carry no text of the article
    return "".join(parts).strip()


def _table_row(cells: list[str]) -> str:
    """A table row as one pipe-delimited line, "| a | b |", a bar inside a cell escaped ("\\|")."""
    return "| " + " | ".join(" ".join(cell.replace("|", "\\|").split()) for cell in cells) + " |"


def markdown_to_text(source: str) -> str:
    """Markdown markup stripped to plain text, one block per paragraph, heading, list item or table."""
    blocks: list[str] = []
    list_markers: list[str] = []  # one entry per open list: "-" or "ordered"
    list_lines: list[str] = []  # the items of the outermost open list, one line each, kept as one block
    pending_prefix = ""
    table_rows: list[str] = []
    row_cells: list[str] | None = None
    columns = 0
    for token in _markdown_parser().parse(source):
        kind = token.type
        if kind == "bullet_list_open":
            list_markers.append("-")
        elif kind == "ordered_list_open":
            list_markers.append("ordered")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_markers.pop()
            if not list_markers and list_lines:
                blocks.append("\n".join(list_lines))
                list_lines = []
        elif kind == "list_item_open":
            marker = list_markers[-1] if list_markers else "-"
            pending_prefix = "- " if marker == "-" else f"{token.info or '1'}. "
        elif kind == "tr_open":
            row_cells = []
        elif kind == "tr_close" and row_cells is not None:
            table_rows.append(_table_row(row_cells))
            columns = len(row_cells)
            row_cells = None
        elif kind == "thead_close" and table_rows:
            table_rows.append("|" + "---|" * columns)  # the header's separator, as Markdown writes it
        elif kind == "table_close":
            blocks.append("\n".join(table_rows))
            table_rows = []
        elif kind == "inline":
            content = _render_inline(token)
            if row_cells is not None:
                row_cells.append(content)
            elif content:
                (list_lines if list_markers else blocks).append(pending_prefix + content)
                pending_prefix = ""
        elif kind in ("fence", "code_block"):
            if token.content.strip():
                blocks.append(token.content.rstrip("\n"))
        elif kind == "html_block":
            content = _TAG_RE.sub("", _HTML_BREAK_RE.sub("\n", token.content)).strip()
            if content:
                blocks.append(content)
    return "\n\n".join(blocks)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        joined = ", ".join(str(v).strip() for v in value if v is not None and str(v).strip())
        return joined or None
    text = str(value).strip()
    return text or None


def _as_date(value: Any) -> date | None:
    from loader.read.patterns import parse_date

    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _as_text(value)
    return parse_date(text) if text else None


def read_markdown(source: str) -> FormatResult:
    """Front matter (title, publisher, published/date, url, author) and the body as plain text."""
    import frontmatter  # python-frontmatter

    try:
        metadata, content = frontmatter.parse(source)
    except Exception as exc:  # YAML errors come in several types; all mean the same to the user
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise FormatFailure(f"invalid YAML front matter ({first_line})") from None
    found: dict[str, Any] = {}
    lowered = {str(k).lower(): v for k, v in metadata.items()}
    for target, keys in _FRONT_MATTER_KEYS.items():
        for key in keys:
            if lowered.get(key) is not None:
                found[target] = lowered[key]
                break
    published = _as_date(found.get("published"))
    if found.get("published") is not None and published is None:
        raise FormatFailure(f"front matter date {found['published']!r} is not a date (expected YYYY-MM-DD)")
    return FormatResult(
        text=markdown_to_text(content),
        title=_as_text(found.get("title")),
        publisher=_as_text(found.get("publisher")),
        author=_as_text(found.get("author")),
        url=_as_text(found.get("url")),
        published=published,
        kind=_as_text(found.get("kind")),
    )


# --- HTML ---------------------------------------------------------------------------------------------------

NO_ARTICLE_TEXT = "no article text found in the HTML"
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@lru_cache(maxsize=1)
def _trafilatura() -> Any:
    """Import trafilatura once; its own log lines would duplicate the one-line ReadError we raise."""
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return trafilatura


def _trafilatura_extract(html: str, *, precise: bool) -> Any:
    return _trafilatura().bare_extraction(
        html,
        include_comments=False,
        favor_precision=precise,
        favor_recall=not precise,
        with_metadata=True,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )


_PIPE_ROW_RE = re.compile(r"^\|.*\|$")
_PIPE_SEPARATOR_RE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
_CELL_BAR_RE = re.compile(r"(?<!\\)\|")


def _with_header_separators(lines: list[str]) -> list[str]:
    """Table rows (consecutive "| a | b |" lines) with a separator line after the first row of each table.

    trafilatura writes one only under a header of <th> cells; a table whose first row is made of <td>
    cells ("Date", "Location", "Killed") has its header there all the same, and Markdown marks a header by
    the separator under it.
    """
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        starts_table = (
            _PIPE_ROW_RE.match(line) is not None
            and not (i > 0 and _PIPE_ROW_RE.match(lines[i - 1]))
            and not _PIPE_SEPARATOR_RE.match(line)
        )
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if starts_table and _PIPE_ROW_RE.match(following) and not _PIPE_SEPARATOR_RE.match(following):
            out.append("|" + "---|" * (len(_CELL_BAR_RE.findall(line)) - 1))
    return out


def read_html(html: str) -> FormatResult:
    """The page's main text (trafilatura, precision first) and its title, author, site name, date and URL."""
    if not html.strip():
        raise FormatFailure("empty file")
    extracted = _trafilatura_extract(html, precise=True)
    if extracted is None or not (extracted.text or "").strip():
        # Short pages can fall below the precision thresholds; one recall-oriented pass before giving up.
        extracted = _trafilatura_extract(html, precise=False)
    if extracted is None or not (extracted.text or "").strip():
        raise FormatFailure(NO_ARTICLE_TEXT)
    # trafilatura puts each paragraph, heading and list item on its own line, and each table row.
    lines = _with_header_separators([line.strip() for line in extracted.text.split("\n")])
    text = "\n\n".join(line for line in lines if line)
    return FormatResult(
        text=text,
        title=_as_text(extracted.title),
        publisher=_as_text(extracted.sitename),
        author=_as_text(extracted.author),
        url=_as_text(extracted.url),
        published=_as_date(extracted.date),
    )


_HTML_SNIFF_RE = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<meta\b|<!--)", re.IGNORECASE)
_HTML_TAGS_RE = re.compile(r"<(?:p|div|article|body|br|span|a)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """For inputs without a file name (stdin): does the text look like an HTML page?"""
    head = text[:4096]
    return bool(_HTML_SNIFF_RE.match(head)) or len(_HTML_TAGS_RE.findall(head)) >= 3


_MARKDOWN_SNIFF_RE = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*$|^#{1,6} \S", re.MULTILINE | re.DOTALL)


def looks_like_markdown(text: str) -> bool:
    """For inputs without a file name: front matter or headings mark Markdown."""
    return bool(_MARKDOWN_SNIFF_RE.search(text[:4096]))
