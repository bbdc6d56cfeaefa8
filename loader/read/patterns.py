"""Line-level patterns: dates and timestamps, sign-offs, datelines, bylines, credits and page furniture.

All regular expressions are compiled once at import; the reader calls them for every line of every document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from dateutil import parser as date_parser

# --- dates -----------------------------------------------------------------------------------------------

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]|20)\d{2}"
WEEKDAY = (
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?,?\s+)"
)
DATE_WITH_YEAR = (
    rf"(?:{WEEKDAY}?(?:{MONTH}\s+{DAY},?\s+{YEAR}|{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR})"
    rf"|{YEAR}-[01]\d-[0-3]\d)"
)
DATE_ANY = (
    rf"(?:{WEEKDAY}?(?:{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?)"
    rf"|{YEAR}-[01]\d-[0-3]\d(?:T[\d:.+\-Z]+)?|[0-3]?\d[/.][01]?\d[/.](?:{YEAR}|\d\d))"
)
TIME = r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s+[A-Z]{2,5}\b)?"
RELATIVE_TIME = (
    r"(?:(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
    r"|just\s+now|yesterday|today)"
)

_DATE_WITH_YEAR_RE = re.compile(DATE_WITH_YEAR, re.IGNORECASE)
_ORDINAL_RE = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_OF_RE = re.compile(r"\s+of\s+", re.IGNORECASE)
_DEFAULT_DATETIME = datetime(2000, 1, 1)


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """The first date in `text` that states day, month and year ("December 23rd, 2021"), else None."""
    found = _DATE_WITH_YEAR_RE.search(text)
    if found is None:
        return None
    # Only the matched words go to dateutil: fuzzy parsing of a whole line is slow and guesses.
    cleaned = _OF_RE.sub(" ", _ORDINAL_RE.sub("", found.group(0)))
    try:
        parsed = date_parser.parse(cleaned, default=_DEFAULT_DATETIME)
    except (ValueError, OverflowError):
        return None
    return parsed.date()


# --- timestamp lines ("Updated 07 Sep, 2024", "06 Sep, 2024", "5 hours ago") -----------------------------

_TIMESTAMP_PART_RE = re.compile(
    rf"{DATE_ANY}|{TIME}|{RELATIVE_TIME}"
    r"|\b(?:last|first|updated|update|published|posted|modified|created|date|time|on|at)\b",
    re.IGNORECASE,
)
_TIMESTAMP_CORE_RE = re.compile(rf"{DATE_ANY}|{TIME}|{RELATIVE_TIME}", re.IGNORECASE)
_TIMESTAMP_LEFTOVER = " \t|·•,;:–—-()[]"


def is_timestamp_line(line: str) -> bool:
    """True for a line that states only when something was published or updated."""
    if len(line) > 80 or not _TIMESTAMP_CORE_RE.search(line):
        return False
    return not _TIMESTAMP_PART_RE.sub("", line).strip(_TIMESTAMP_LEFTOVER)


# --- sign-offs ("Published in Dawn, December 23rd, 2021") ---------------------------------------------------

_SIGNOFF_RE = re.compile(
    r"""^[\s*_\-–—(\[]*
    (?:(?:this|the)\s+(?:article|story|report|piece|column|editorial|op-ed|interview|essay)\s+
         (?:was\s+|has\s+been\s+|is\s+)?(?:first\s+|originally\s+|also\s+)?(?:appeared|published|ran|carried)
      |(?:first\s+|originally\s+|also\s+)?(?:published|appeared|printed))
    (?:\s+in\s+print)?
    \s+(?P<prep>in|on|by|at)\s+(?P<rest>.+?)[\s.*_)\]]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_REST_WITH_DATE_RE = re.compile(
    rf"^(?P<publisher>.*?)(?:,\s*|\s+on\s+|\s+)?(?P<date>{DATE_WITH_YEAR})$", re.I
)
# A publisher is a name: capitalised words ("Dawn", "The Express Tribune", "Daily Times of Pakistan").
_PUBLISHER_RE = re.compile(r"^[A-Z][\w&'’.\-]*(?:\s+(?:[A-Z0-9][\w&'’.\-]*|of|the|and|&|al|el|on)){0,6}$")


@dataclass(frozen=True)
class SignOff:
    publisher: str | None
    published_on: date | None


def parse_signoff(line: str) -> SignOff | None:
    """Publisher and date from a sign-off line; None unless the whole line is one.

    Matches "Published in Dawn, December 23rd, 2021", "This article first appeared in The Express Tribune on
    5 May 2019", "Originally published by Reuters", "First published on 5 May 2019".
    """
    if len(line) > 200:
        return None
    found = _SIGNOFF_RE.match(line)
    if not found:
        return None
    rest = found.group("rest").strip()
    with_date = _REST_WITH_DATE_RE.match(rest)
    if with_date:
        publisher_text = with_date.group("publisher").strip(" ,")
        published_on = parse_date(with_date.group("date"))
        if published_on is None:
            return None
    else:
        publisher_text, published_on = rest, None
    publisher = publisher_text.split(",")[0].strip() or None
    if publisher is not None and not _PUBLISHER_RE.match(publisher):
        return None
    if publisher is None and published_on is None:
        return None
    if found.group("prep").lower() == "on" and publisher is not None:
        # "published on <date>" names no publisher; "published on <site>" is not a sign-off we trust.
        return None
    return SignOff(publisher, published_on)


# --- datelines ("WASHINGTON:", "KABUL, AFGHANISTAN (August 1, 2016) -", "ISLAMABAD, Dec 3 (Reuters) -") ----

# Hyphens and slashes only separate words, never sit inside one: a pattern that allowed both would
# backtrack exponentially on long runs like "A-B-C-D-...".
_CAPS_WORD = r"[A-Z][A-Z'’.]*"
_PLACE_CAPS = (
    rf"{_CAPS_WORD}(?:(?:[ \-]|\s?/\s?){_CAPS_WORD})*"  # "QALA I NAW", "QUETTA/ISLAMABAD", "D.I. KHAN"
)
_PLACE_TITLE = r"[A-Z][a-z'’]+(?:[ \-](?:[A-Z][a-z'’]+|al|el|de|ul))*"
# Later segments may hold digits ("DERA BUGTI, PAKISTAN, 2006 PAKISTAN LANDMINE BLAST (March 10, 2006) -").
_REGION = rf"(?:[A-Z0-9][A-Z0-9'’.\-/ ]*[A-Z0-9.]|{_PLACE_TITLE})"
# Old wire copy writes the dash as an underscore: "COLOMBO, Sri Lanka (AP) _ A bomb exploded ...".
_DATELINE_SEP = r"(?:\s*:\s+|\s+-{1,2}\s+|\s*[–—]\s*|\s+_\s+)(?=\S)"
_DATELINE_TAIL = (
    rf"(?:,?\s+(?P<date>(?i:{DATE_ANY})))?\s*(?:\((?P<paren>[^()\n]{{1,60}})\))?(?P<sep>{_DATELINE_SEP})"
)
_REGIONS = rf"(?:,\s+(?!(?i:{DATE_ANY})){_REGION}){{0,4}}"
_DATELINE_CAPS_RE = re.compile(rf"^(?P<place>{_PLACE_CAPS}{_REGIONS}){_DATELINE_TAIL}")
_DATELINE_TITLE_RE = re.compile(rf"^(?P<place>{_PLACE_TITLE}{_REGIONS}){_DATELINE_TAIL}")
# All-caps lead-ins that are labels, not places.
_NOT_PLACES = frozenset(
    [
        "UPDATE",
        "UPDATED",
        "BREAKING",
        "NOTE",
        "EDITOR'S",
        "NOTE",
        "EDITOR’S",
        "NOTE",
        "CORRECTION",
        "EXCLUSIVE",
        "ANALYSIS",
        "OPINION",
        "WATCH",
        "LIVE",
        "VIDEO",
        "PHOTOS",
        "PHOTO",
        "READ",
        "ALSO",
        "READ",
        "FILE",
        "Q",
        "A",
        "WARNING",
        "DISCLAIMER",
        "SUMMARY",
        "BACKGROUND",
        "TIMELINE",
        "FACTBOX",
        "EXPLAINER",
        "RELATED",
        "ADVERTISEMENT",
        "UPDATE1",
        "UPDATE2",
        "UPDATE3",
        "NB",
        "PS",
        "RE",
        "FYI",
        "TL;DR",
    ]
) | {"EDITOR'S NOTE", "EDITOR’S NOTE", "ALSO READ"}


@dataclass(frozen=True)
class Dateline:
    """A dateline opening a paragraph: `place` as written, the date and agency if given, and its extent."""

    place: str
    date_text: str | None
    date: date | None
    agency: str | None
    end: int  # offset just past the separator, where the story text begins


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph, or None.

    Place names must be in capitals ("KABUL, AFGHANISTAN -") unless a date or an agency follows them
    ("Quetta, Jan 5 (AP) -"), which is what tells a dateline from an ordinary sentence.
    """
    found = _DATELINE_CAPS_RE.match(paragraph)
    if found is None:
        found = _DATELINE_TITLE_RE.match(paragraph)
        if found is None or not (found.group("date") or found.group("paren")):
            return None
    place = found.group("place").strip()
    if place.upper() in _NOT_PLACES or len(place) < 4:  # "US - Pakistan ties" is no dateline
        return None
    date_text = found.group("date")
    agency = None
    paren = found.group("paren")
    if paren:
        if _TIMESTAMP_CORE_RE.search(paren):
            date_text = paren.strip()
        elif re.fullmatch(r"[A-Za-z][\w&.\- ]{0,30}", paren.strip()):
            agency = paren.strip()
        else:
            return None
    return Dateline(
        place=place,
        date_text=date_text,
        date=parse_date(date_text) if date_text else None,
        agency=agency,
        end=found.end(),
    )


# --- bylines, credits and source lines ------------------------------------------------------------------

_NAME_PART = r"(?:[A-Z][\w.'’\-]*|and|&|de|del|da|van|von|al|el|bin|ibn|ul|ud|ur|us)"
_BYLINE_RE = re.compile(
    rf"^(?:(?:written|reported|story|text)\s+)?by\s*:?\s+(?P<author>[A-Z][\w.'’\-]*(?:\s+{_NAME_PART}){{0,6}})"
    r"\s*(?:[|,\-–—]\s*(?P<tail>.{0,80}))?$",
    re.IGNORECASE,
)


def parse_byline(line: str) -> str | None:
    """The author named by a byline ("By Anwar Iqbal", "By Saleem Shahid | Reuters"), else None."""
    if len(line) > 120:
        return None
    found = _BYLINE_RE.match(line)
    if not found:
        return None
    author = found.group("author").strip()
    if not author[:1].isupper() or author.lower().split()[0] in ("the", "a", "an"):
        return None
    return author


_WIKI_CREDIT_RE = re.compile(
    r"^(?:(?:compiled|adapted|excerpted|taken|drawn|derived|reproduced|sourced|summari[sz]ed|extracted)\b"
    r".{0,80}?\bfrom\b.{0,80}\bWikipedia\b"
    r"|from\s+Wikipedia,\s+the\s+free\s+encyclopedia"
    r"|sources?\s*:\s*(?:English\s+)?Wikipedia\b)",
    re.IGNORECASE,
)


def is_wikipedia_credit(line: str) -> bool:
    """True for a line crediting Wikipedia as the source of the text."""
    return len(line) <= 250 and _WIKI_CREDIT_RE.match(line) is not None


_SOURCE_LINE_RE = re.compile(
    r"^(?:sources?|courtesy|via)\s*[:\-–—]?\s+(?P<names>[A-Z].{0,100})$", re.IGNORECASE
)
_SOURCE_SPLIT_RE = re.compile(r"\s*(?:,|;|/|\band\b|&)\s*")


# News agencies whose name alone on a line ("— AFP", "(Reuters)", "With input from APP") credits the story.
_AGENCY = (
    r"(?:AFP|AP|Reuters|APP|PTI|IANS|ANI|UNI|NNI|INP|PPI|Xinhua|dpa|DPA|Anadolu(?:\s+Agency)?|Bloomberg"
    r"|Agence\s+France-Presse|Associated\s+Press|Pajhwok|Tolo\s?News|Khaama\s+Press)"
)
_AGENCY_LINE_RE = re.compile(
    rf"^[\s(\[—–\-]*(?:(?:with\s+)?(?:additional\s+)?inputs?\s+from\s+)?"
    rf"(?P<names>{_AGENCY}(?:\s*(?:,|/|and|&)\s*{_AGENCY})*)[\s)\].]*$",
    re.IGNORECASE,
)


def parse_source_line(line: str) -> tuple[str, ...] | None:
    """Names credited by a "Source: Dawn, The News" / "Courtesy: Reuters" / "— AFP" line, else None."""
    agencies = _AGENCY_LINE_RE.match(line)
    if agencies:
        return tuple(n for n in _SOURCE_SPLIT_RE.split(agencies.group("names")) if n)
    found = _SOURCE_LINE_RE.match(line)
    if not found or (
        found.group("names").rstrip().endswith((".", "!", "?")) and len(found.group("names")) > 40
    ):
        return None
    names = tuple(n.strip(" .") for n in _SOURCE_SPLIT_RE.split(found.group("names")) if n.strip(" ."))
    if not names or any(len(n.split()) > 6 for n in names):
        return None
    return names


# --- page furniture -----------------------------------------------------------------------------------------

_NAV_RE = re.compile(
    r"""^(?:
      share(?:\s+(?:this|on|via)(?:\s+\w+)?)?|shares?\s*\d*|\d+\s+shares?
    | comments?|\d+\s+comments?|comments?\s*\(\d+\)
    | leave\s+a\s+(?:comment|reply)|post\s+a\s+comment|add\s+a\s+comment
    | view\s+comments?|show\s+comments?|join\s+the\s+(?:discussion|conversation)
    | follow\s+us(?:\s+on\s+.{1,40})?|follow\s+@\w+.{0,40}
    | read\s+more|read\s+next|read\s+the\s+full\s+(?:story|article)|continue\s+reading.{0,40}
    | more\s+(?:on|from)\s+[^.]{1,60}|more\s+(?:stories|news|videos|articles)
    | related(?:\s+(?:articles?|stories|news|posts?|coverage|content|reading|topics|links))?
    | most\s+(?:popular|read|viewed|shared|commented|watched)|trending(?:\s+now)?|popular\s+(?:now|stories)
    | recommended(?:\s+(?:for\s+you|stories|articles|reading))?
    | you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)
    | also\s+read|see\s+also|editor'?s?\s+picks?|top\s+stories|latest\s+(?:news|stories)?|breaking\s+news
    | advertisement|advertise\s+with\s+us|sponsored(?:\s+content)?|promoted(?:\s+content)?|paid\s+content
    | subscribe\b.{0,80}|sign\s+up\b.{0,80}|newsletters?\b.{0,60}|log\s?in|log\s?out|sign\s+in|register
    | opinion|editorials?|columns?|letters|blogs?|videos?|podcasts?|multimedia|e-?paper|archives?
    | home(?:\s*(?:[>|/»›]\s*[\w .&'’\-]+)+)?|homepage|back\s+to\s+top|skip\s+to\s+(?:main\s+)?content
    | menu|search
    | loading\.*|next|previous|next\s+(?:article|story|post)|previous\s+(?:article|story|post)
    | tags?\s*:.{0,200}|topics?\s*:.{0,200}|filed\s+under\s*:?.{0,200}|categor(?:y|ies)\s*:.{0,200}
    | (?:file\s+)?(?:photo|image|picture|video|graphic)(?:\s+credits?)?\s*:.{0,120}
    | copyright\b.{0,160}|©.{0,160}|\(c\)\s*(?:19|20)\d\d.{0,160}|all\s+rights\s+reserved.{0,80}
    | click\s+here\b.{0,120}|download\s+(?:our|the)\s+app.{0,80}
    | listen\s+to\s+(?:this\s+)?(?:article|story).{0,40}
    | \d+\s+min(?:ute)?s?\s+read|reading\s+time\s*:?.{0,30}
    | (?:reporting|writing|editing|additional\s+reporting|graphics)\s+by\b.{0,200}
    | story\s+continues\s+(?:below|after).{0,40}|continue\s+reading\s+(?:below|the\s+main\s+story)
    | (?:read\s+more|also\s+read|read\s+also|related|see\s+also|recommended|watch|listen)\s*:.{1,200}
    )[\s.!:]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Furniture that may be dropped wherever it stands, even inside the article body.
_INLINE_RE = re.compile(
    r"""^(?:
      advertisement|sponsored(?:\s+content)?|story\s+continues\s+(?:below|after).{0,40}
    | continue\s+reading\s+(?:below|the\s+main\s+story)|listen\s+to\s+(?:this\s+)?(?:article|story).{0,40}
    | (?:read\s+more|also\s+read|read\s+also|related|see\s+also|recommended)\s*:.{1,200}
    | share(?:\s+(?:this|on|via)(?:\s+\w+)?)?|click\s+here\b.{0,120}|subscribe\s+to\s+our\b.{0,80}
    )[\s.!:]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SOCIAL_WORDS = frozenset(
    [
        "share",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "telegram",
        "reddit",
        "pinterest",
        "email",
        "e-mail",
        "print",
        "copy",
        "link",
        "tweet",
        "messenger",
        "flipboard",
        "pocket",
        "sms",
    ]
)
_SOCIAL_SPLIT_RE = re.compile(r"[\s|•·/,]+")
_BULLET_RE = re.compile(r"^(?:[-*•·▪►»>]\s*|\d{1,3}[.)]\s+)")
_CITATION_TAIL_RE = re.compile(r"(?:\s*\[(?:\d+|[a-z]|citation needed|note \d+)\])+$", re.IGNORECASE)
_CLOSERS = "\"'”’)]»›*_"
_SENTENCE_END = (".", "!", "?", ":", ";", ",", "…")


def strip_bullet(line: str) -> str:
    return _BULLET_RE.sub("", line, count=1)


def is_nav_line(line: str) -> bool:
    """A menu item, share button, tag list, copyright notice or similar page control."""
    core = strip_bullet(line.strip(" |"))
    if core.startswith("(") and core.endswith(")"):
        core = core[1:-1]  # "(Additional reporting by ...)"
    if not core or len(core) > 220:
        return False
    if _NAV_RE.match(core):
        return True
    tokens = [t for t in _SOCIAL_SPLIT_RE.split(core.lower()) if t]
    return bool(tokens) and len(tokens) <= 12 and all(t in _SOCIAL_WORDS for t in tokens)


# A copyright notice closing a story or a page: "Copyright 1996 The Associated Press. All rights reserved.",
# "(c) 2003 Reuters", "© 2019 Dawn". Only the notice itself (a holder's name, "All rights reserved" and
# the wire's redistribution warning), so a sentence that opens with the word is never taken for one.
_COPYRIGHT_RE = re.compile(
    r"""^(?:(?:©|\((?i:c)\))\s*)?(?:(?i:copyright)\b\s*(?:©|\((?i:c)\))?\s*)?
    (?P<year>(?:19|20)\d\d)(?P<range>\s*[-–/]\s*(?:19|20)?\d\d)?
    [\s,.]*(?:[A-Z][\w&'’.\-]*(?:\s+(?:[A-Z][\w&'’.\-]*|of|the|and|&|de|al))*)?
    [\s,.;]*(?i:all\s+rights\s+reserved)?[\s.]*
    (?i:this\s+material\s+may\s+not\s+be\s+[^.]{0,120}[.]?)?\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Copyright:
    """A copyright notice: the year it states, None when it states a range ("© 2005-2019 Dawn")."""

    year: int | None


def parse_copyright(line: str) -> Copyright | None:
    """The copyright notice a line is, else None; its year is the year of a single-year notice."""
    line = line.strip()
    if len(line) > 250 or line[:1] not in "Cc©(":  # the notice opens with its mark: no year alone
        return None
    found = _COPYRIGHT_RE.match(line)
    if found is None:
        return None
    # A range is the span of a site's archive, not the year of this story.
    return Copyright(None if found.group("range") else int(found.group("year")))


def is_inline_furniture(line: str) -> bool:
    """Furniture safe to drop even between paragraphs of the article ("Advertisement", "Read more: ...")."""
    core = strip_bullet(line.strip(" |"))
    return len(core) <= 220 and _INLINE_RE.match(core) is not None


def sentence_core(line: str) -> str:
    """The line without trailing citation markers and closing quotes/brackets, for end-punctuation checks."""
    return _CITATION_TAIL_RE.sub("", line.rstrip()).rstrip(_CLOSERS + " ")


def is_teaser(line: str) -> bool:
    """A cut-off summary of another story ("Pakistan's cricket board chief, who is also the country's...")."""
    core = line.rstrip()
    return core.endswith(("...", "…")) and len(core.split()) <= 60


def is_title_like(line: str, max_words: int = 25, max_chars: int = 160) -> bool:
    """A headline-shaped line: short, capitalised, without sentence-final punctuation, not a dateline."""
    text = strip_bullet(line.strip())
    if not text or len(text) > max_chars or len(text.split()) > max_words:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘"):
        return False
    if sentence_core(text).endswith(_SENTENCE_END):
        return False
    return parse_dateline(text) is None
