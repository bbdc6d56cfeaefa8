"""Page furniture removal and metadata from the text itself, by general rules.

The text is seen as lines grouped in blank-line-separated blocks. Three regions are treated apart:

* the head: menu items, bylines, timestamps, credit lines and a headline before the article's first
  paragraph are taken out (the useful ones become metadata);
* the sign-off: a line like "Published in Dawn, December 23rd, 2021" ends the article; it and everything
  after it are dropped, its publisher and date kept;
* the tail: from the first furniture line after which the rest is mostly furniture (menu items, share
  buttons, "Updated 07 Sep, 2024" stamps, headlines paired with stamps, teasers ending in "..."), all is
  dropped. Prose lines weigh by their length, so a long real paragraph is never outvoted by a few buttons.

Between head and tail only furniture that can never be article text ("Advertisement", "Read more: ...")
is dropped, so subheadings and short paragraphs of the article stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from loader.read.patterns import (
    is_inline_furniture,
    is_nav_line,
    is_teaser,
    is_timestamp_line,
    is_title_like,
    is_wikipedia_credit,
    parse_byline,
    parse_copyright,
    parse_date,
    parse_dateline,
    parse_signoff,
    parse_source_line,
)

# A tail is cut when furniture makes up at least this share of it (prose weighted by length).
_TAIL_FURNITURE_SHARE = 0.6
_PROSE_WORDS_PER_WEIGHT = 20
_SHORT_HEADLINE_WORDS = 10
_SHORT_HEADLINE_CHARS = 80

_PROSE, _HEADLINE, _FURNITURE, _STAMP = "prose", "headline", "furniture", "stamp"
_SPACE_RE = re.compile(r"\s+")
_BLANK_RUN_RE = re.compile(r"\n{3,}")
_TITLE_SUFFIX_SEPARATORS = ("-", "|", "–", "—", ":", "·", "•")


@dataclass
class Cleaned:
    """The article text without furniture, and what the removed lines said about the document."""

    text: str
    has_prose: bool  # a line of running text remains
    has_content: bool = False  # something other than menus, stamps and buttons remains (headlines count)
    title: str | None = None
    author: str | None = None
    signoff_publisher: str | None = None
    signoff_date: date | None = None
    header_date: date | None = None
    copyright_year: int | None = None  # the year of the first single-year copyright notice
    wikipedia_credit: bool = False
    cites: list[str] = field(default_factory=list)


def _comparable(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip(" .:;!?\"'“”‘’").casefold()


def same_title(line: str, title: str) -> bool:
    """True when `line` is the title, possibly without a " - Site name" suffix the title carries."""
    a, b = _comparable(line), _comparable(title)
    if not a:
        return False
    if a == b:
        return True
    return b.startswith(a) and b[len(a) :].lstrip()[:1] in _TITLE_SUFFIX_SEPARATORS


@lru_cache(maxsize=16384)  # sidebars repeat across the pages of a site; lines are classified several times
def _line_class(line: str) -> str:
    if is_timestamp_line(line):
        return _STAMP
    if (
        is_nav_line(line)
        or is_teaser(line)
        or parse_source_line(line) is not None
        or parse_byline(line) is not None
        or parse_signoff(line) is not None
    ):
        return _FURNITURE
    if is_title_like(line, max_words=_SHORT_HEADLINE_WORDS, max_chars=_SHORT_HEADLINE_CHARS):
        return _HEADLINE
    return _PROSE


def _weight(line: str, line_class: str) -> float:
    if line_class == _PROSE:
        return max(1.0, len(line.split()) / _PROSE_WORDS_PER_WEIGHT)
    return 1.0


def _prose_weight(lines: list[str]) -> float:
    total = 0.0
    for line in lines:
        if line:
            line_class = _line_class(line)
            if line_class == _PROSE:
                total += _weight(line, line_class)
    return total


def _next_nonblank(lines: list[str], start: int, stop: int) -> int | None:
    for j in range(start, stop):
        if lines[j]:
            return j
    return None


def _tail_cut(lines: list[str], start: int, stop: int) -> int:
    """Index of the first line of trailing furniture within lines[start:stop], or `stop` if there is none."""
    positions = [j for j in range(start, stop) if lines[j]]
    if len(positions) < 2:
        return stop
    classes = [_line_class(lines[j]) for j in positions]
    weights = [_weight(lines[j], c) for j, c in zip(positions, classes, strict=True)]
    furniture_after = [0.0] * (len(positions) + 1)
    total_after = [0.0] * (len(positions) + 1)
    for k in range(len(positions) - 1, -1, -1):
        is_furniture = classes[k] != _PROSE
        furniture_after[k] = furniture_after[k + 1] + (weights[k] if is_furniture else 0.0)
        total_after[k] = total_after[k + 1] + weights[k]
    seen_prose = classes[0] == _PROSE
    for k in range(1, len(positions)):
        starts_furniture = classes[k] in (_FURNITURE, _STAMP) or (
            classes[k] == _HEADLINE and k + 1 < len(classes) and classes[k + 1] == _STAMP
        )
        if seen_prose and starts_furniture and furniture_after[k] >= _TAIL_FURNITURE_SHARE * total_after[k]:
            return positions[k]
        seen_prose = seen_prose or classes[k] == _PROSE
    return stop


def clean_text(text: str, *, known_title: str | None = None, detect_title: bool = True) -> Cleaned:
    """Drop page furniture from normalised text and collect the metadata it carried.

    `known_title` (from options, front matter or HTML metadata) is dropped where it opens the text;
    `detect_title` lets a headline-shaped first line become the title.
    """
    lines = text.split("\n")
    n = len(lines)
    result = Cleaned(text="", has_prose=False)
    header_dates: list[date] = []

    # The head: everything before the first line of the article itself.
    i = 0
    while i < n:
        line = lines[i]
        if not line:
            i += 1
            continue
        signoff = parse_signoff(line)
        author = parse_byline(line)
        sources = parse_source_line(line)
        if known_title and same_title(line, known_title):
            pass
        elif signoff is not None:
            result.signoff_publisher = result.signoff_publisher or signoff.publisher
            result.signoff_date = result.signoff_date or signoff.published_on
        elif is_wikipedia_credit(line):
            result.wikipedia_credit = True
        elif sources is not None:
            result.cites.extend(sources)
        elif author is not None:
            result.author = result.author or author
        elif is_timestamp_line(line):
            stamp = parse_date(line)
            if stamp is not None:
                header_dates.append(stamp)
        elif is_nav_line(line):
            pass
        elif detect_title and result.title is None and _headline_here(lines, i):
            result.title = line
        else:
            break
        i += 1
    body_start = i
    # Of several stamps above an article ("Published ...", "Updated ..."), the earliest is the publication.
    result.header_date = min(header_dates) if header_dates else None

    # The sign-off ends the article, unless more running text follows it than precedes it (then it was a
    # note at the top of a page, and only the line itself goes).
    end = n
    for j in range(body_start, n):
        if lines[j]:
            signoff = parse_signoff(lines[j])
            if signoff is not None:
                result.signoff_publisher = result.signoff_publisher or signoff.publisher
                result.signoff_date = result.signoff_date or signoff.published_on
                if _prose_weight(lines[j + 1 :]) > _prose_weight(lines[body_start:j]):
                    lines = lines[:j] + lines[j + 1 :]
                    n = len(lines)
                else:
                    end = j
                break

    # A copyright notice is furniture wherever it stands (a digest of wire stories closes each with one);
    # the first that states one year dates the document when nothing else does.
    for line in lines:
        notice = parse_copyright(line) if line else None
        if notice is not None and notice.year is not None:
            result.copyright_year = notice.year
            break

    # Furniture that is never article text goes first, so it cannot start a tail cut by itself.
    body = [
        line
        for line in lines[body_start:end]
        if not (line and (is_inline_furniture(line) or parse_copyright(line) is not None))
    ]
    # The tail: sidebars, share bars, related headlines.
    cut = _tail_cut(body, 0, len(body))
    for line in body[cut:]:
        sources = parse_source_line(line) if line else None
        if sources:
            result.cites.extend(sources)
    kept = body[:cut]

    result.text = _BLANK_RUN_RE.sub("\n\n", "\n".join(kept)).strip("\n")
    kept_classes = [_line_class(line) for line in kept if line]
    result.has_prose = _PROSE in kept_classes
    result.has_content = result.has_prose or _HEADLINE in kept_classes
    result.cites = list(dict.fromkeys(result.cites))
    return result


def _headline_here(lines: list[str], i: int) -> bool:
    """Is lines[i] a headline: title-shaped, standing alone, with article text after it?"""
    if not is_title_like(lines[i]):
        return False
    following = _next_nonblank(lines, i + 1, len(lines))
    if following is None:
        return False
    if following == i + 1:
        # A headline stands in its own block, unless what follows directly is a byline, a timestamp or
        # a paragraph that opens with a dateline.
        nxt = lines[following]
        return (
            parse_byline(nxt) is not None
            or is_timestamp_line(nxt)
            or is_nav_line(nxt)
            or parse_dateline(nxt) is not None
        )
    return True
