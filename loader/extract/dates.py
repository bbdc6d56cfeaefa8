"""Dates in news text, with their precision, resolved against a publication date and the document's context.

What is found (the span covers the date words, not a leading "on"/"in"):

* absolute dates, precision 'day': "August 1, 2016", "Aug. 1, 2016", "1 August 2016", "23rd of December,
  2021", "2021-12-23", "(April 11, 2015)", "Sunday, December 19, 2021" (a weekday before a date is merged);
* month and day without a year, precision 'day': "on May 23", "February 19 night", "the night of
  October 24", "24 October"; a night or span of days gives its first day ("3-4 May", "May 5-6");
* month and year, precision 'month': "January 2010", "September, 2010", "March of 2016"; a month alone
  after a preposition, precision 'month': "in March", "since May", "mid-June", "last March";
* a bare year, precision 'year': a four-digit number 1900..2100 right after a date word (in, since,
  during, until, by, from, through, before, after, between, around, early, late, mid-, year, "the end of",
  "the summer of", ...), and years chained to it ("between 2001 and 2005", "in 2014, 2015 and 2016").
  "around 2000 people", "by 2000 votes" are counts: a year after a preposition other than
  in/since/during/year/"X of" must not be followed by a counted noun. Numbers anywhere else ("1,000",
  "2 people", "AK 47", "11 10 pm", "PS 128", "2016 people") are never years;
* relative to the document's context (``relative=True``): "that year", "later that year", "earlier that
  year", "the same year", "the following year", "a year later", "the previous year" (and the same with
  month and day: "that month", "the next day", "the day before");
* relative to the reference (publication) date (``relative=True``): "today", "tonight", "this morning",
  "yesterday", "last night", "the day before yesterday", "this week" / "last week" / "next week"
  (precision 'week': year/month/day are the Monday, ``date_range`` runs Monday..Sunday), "this month",
  "last month", "this year", "last year", "earlier this week", "three days ago", "two weeks ago", and
  weekdays: "on Sunday", "early Wednesday", "Friday night" -> the most recent such day on or before the
  reference ("last Sunday": strictly before; "next Sunday": strictly after). "Friday prayers", "Good
  Friday", "The Sunday Times" are not dates.

Without a reference date, expressions that need one are still returned (so a caller sees that a date is
mentioned) with year, month and day None.

Years for month-day dates without one ("May 23"): the year of the list or section they stand in, when a
list's lead ("Significant attacks in 2019 included:", text ending in a colon) or a heading (a short text
with no closing punctuation) wrote one (``DateContext.scope_year``: a later lead or heading replaces it,
one with no date clears it); else the reference year, or the year before when that would put the date
more than 30 days after the reference (a report of January 3 saying "December 30" means the previous
December); without a reference, the year of the document's context (the most recent explicit year, see
below) if there is one, else None. A month alone ("in March") follows the same rule. Weekdays and
"yesterday" always count from the reference.

Context: ``DateContext`` (and ``find_dates`` within one text) remembers the most recent *explicit* year
(written, or from a year expression such as "last year" or "that year") for "that year", and the most
recent month and day mentioned for "that month" / "the next day".  Years guessed for "May 23" or weekdays
do not change the year context.

``relative`` is True whenever a part of the value was not written in the expression itself (taken from
the reference date or the context).

Absolute date strings on their own go through python-dateutil (``parse_date``). ``find_dates`` reads the
parts straight from its own regex groups, which have already split them, so it needs no second parser.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

from dateutil.parser import ParserError
from dateutil.parser import parse as dateutil_parse

from loader.extract.numbers import word_to_int

__all__ = ["DateContext", "DatePrecisionName", "DateValue", "find_dates", "parse_date"]

DatePrecisionName = Literal["day", "month", "year", "week"]

# A list's lead ("Significant attacks in 2019 included:") and a heading are short.
_LEAD_MAX_CHARS = 300
_HEADING_MAX_CHARS = 80
_FINITE_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|said|says|told|killed|died|occurred|happened|took"
    r"|claimed|attacked|exploded|went|left|injured|wounded)\b",
    re.IGNORECASE,
)
# How far after the reference a month-day date may fall before it is taken as the previous year's.
FUTURE_TOLERANCE = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date mentioned in a text, as precise as the text makes it."""

    year: int | None
    month: int | None
    day: int | None
    precision: str  # 'day' | 'month' | 'year' | 'week' (week only for "this week" style)
    start: int
    end: int
    text: str
    relative: bool

    def date_range(self) -> tuple[date, date] | None:
        """First and last day covered, or None when the year is unknown."""
        if self.year is None:
            return None
        if self.month is None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.day is None or self.precision == "month":
            last_day = calendar.monthrange(self.year, self.month)[1]
            return date(self.year, self.month, 1), date(self.year, self.month, last_day)
        first = date(self.year, self.month, self.day)
        if self.precision == "week":
            return first, first + timedelta(days=6)
        return first, first


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NUMBER = {name[:3].lower(): number for number, name in enumerate(_MONTHS, start=1)}
_WEEKDAY_NUMBER = {name[:3].lower(): number for number, name in enumerate(_WEEKDAYS)}


def _month_alternation() -> str:
    # Case-sensitive on purpose: "may", "march" and "august" are also words.
    forms: list[str] = []
    for name in _MONTHS:
        forms += [name, name.upper()]
    for name in _MONTHS:
        if len(name) > 3:
            abbreviations = ["Sept", name[:3]] if name == "September" else [name[:3]]
            for abbreviation in abbreviations:
                forms += [abbreviation + r"\.?", abbreviation.upper() + r"\.?"]
    return "(?:" + "|".join(forms) + r")(?![A-Za-z])"


_MONTH = _month_alternation()
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS + [w.upper() for w in _WEEKDAYS]) + r")(?![A-Za-z])"
_DAY = r"(?<![\w.,:/-])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w|[.:]\d|,\d{3})"
_YEAR = r"[12]\d{3}(?!\w|[.,]\d)"
_BARE_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\w|[.,:/]\d|\s*(?:[ap]\.m\.|[ap]m\b|hrs\b|hours\b))"
_YEAR_SEPARATOR = r"(?:\s*,\s*|\s+)"

# Words after which a four-digit number is a year. Those in _OPEN_YEAR_TRIGGERS also introduce counts
# ("around 2000 people"), so there the year must not be followed by a counted noun.
_YEAR_TRIGGERS = (
    r"in|since|during|year|the\s+year"
    r"|(?:end|beginning|start|middle|half|quarter|summer|spring|autumn|fall|winter|rest|course|months?|weeks?)"
    r"\s+of"
)
_OPEN_YEAR_TRIGGERS = (
    r"until|till|by|from|through|throughout|before|after|between|around|circa|early|late|mid|as\s+of"
)
_COUNTED_NOUN = (
    r"\s+(?:more\s+|other\s+)?(?:people|persons|civilians|men|women|children|troops|soldiers|militants"
    r"|fighters|policemen|personnel|votes|voters|families|houses|homes|members|workers|students"
    r"|casualties|rupees|dollars|km|kilometres|kilometers|miles|metres|meters|feet|kg|tonnes|tons"
    r"|rounds|pilgrims|prisoners|refugees|supporters|protesters|worshippers|passengers|residents)\b"
)
_MONTH_TRIGGERS = (
    r"in|since|during|until|till|by|from|through|throughout|before|after|early|late|mid"
    r"|(?:end|beginning|start|middle)\s+of|last|this|next"
)
_UNIT = r"year|month|day"
_NUMBER_WORDS = (
    r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+couple\s+of|a\s+few|several"
)

_DAY_CORE = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w|[.:]\d|,\d{3})"

# The text is scanned by four regexes that each start with a literal or a digit (so the regex engine can
# skip ahead quickly); what must come before a match (a boundary, "in" before a year) is checked in code.
# Months first: "December 23rd, 2021", "December 2021", "December 23", "December" (needs a trigger).
_MONTH_LED_RE = re.compile(
    rf"(?P<m>{_MONTH})(?:(?P<mdy>\s*(?P<mdy_d>{_DAY}){_YEAR_SEPARATOR}(?P<mdy_y>{_YEAR}))"
    rf"|(?P<my>,?\s+(?:of\s+)?(?P<my_y>{_YEAR}))|(?P<md>\s*(?P<md_d>{_DAY})))?"
)
# Digits first: "2021-12-23", "23rd of December, 2021", "23 December", "2016" (needs a trigger).
_DIGIT_LED_RE = re.compile(
    r"(?P<iso>[12]\d{3}-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\d-]))"
    rf"|(?P<dm>(?P<dm_d>{_DAY_CORE})(?:\s*[-\u2013]\s*{_DAY_CORE})?(?:\s+of)?\s+(?P<dm_m>{_MONTH})"
    rf"(?:{_YEAR_SEPARATOR}(?P<dm_y>{_YEAR}))?)"
    rf"|(?P<yr>{_BARE_YEAR})"
)
_WEEKDAY_RE = re.compile(_WEEKDAY)
# Relative expressions, matched on the lower-cased text.
_RELATIVE_PATTERN = "|".join(
    [
        # "the day before yesterday" before "the day before"
        r"(?P<ref_day>(?:today|tonight|yesterday|the\s+day\s+before\s+yesterday|last\s+night"
        r"|this\s+(?:morning|afternoon|evening))\b)",
        rf"(?P<ctx_same>(?:(?:later|earlier)\s+(?:in\s+|on\s+)?that\s+(?:same\s+)?|that\s+(?:same\s+)?"
        rf"|the\s+same\s+)(?P<ctx_same_unit>{_UNIT})\b)",
        rf"(?P<ctx_next>the\s+(?:following|next)\s+(?P<ctx_next_unit>{_UNIT})\b)",
        rf"(?P<ctx_later>(?:a|one)\s+(?P<ctx_later_unit>{_UNIT})\s+later\b)",
        rf"(?P<ctx_prev>the\s+(?:(?:previous|preceding|prior)\s+(?P<ctx_prev_unit>{_UNIT})\b"
        rf"|(?P<ctx_before_unit>{_UNIT})\s+before\b))",
        r"(?P<ref_period>(?:(?:earlier|later)\s+)?(?P<ref_which>this|last|next)\s+(?P<ref_unit>week|month|year)\b)",
        rf"(?P<ago>(?P<ago_n>{_NUMBER_WORDS})\s+(?P<ago_unit>day|week|month|year)s?\s+ago\b)",
    ]
)
_RELATIVE_RE = re.compile(_RELATIVE_PATTERN)
_RELATIVE_ANY_CASE_RE = re.compile(_RELATIVE_PATTERN, re.IGNORECASE)
# Every relative expression holds one of these words; "the day before yesterday" is the longest lead-in.
_RELATIVE_ANCHOR_PATTERN = "day|night|morning|afternoon|evening|week|month|year"
_RELATIVE_ANCHOR_RE = re.compile(_RELATIVE_ANCHOR_PATTERN)
_RELATIVE_ANCHOR_ANY_CASE_RE = re.compile(_RELATIVE_ANCHOR_PATTERN, re.IGNORECASE)
_RELATIVE_LOOK_BACK_CHARS = 32
_WORD_RE = re.compile(r"[A-Za-z0-9][\w.]*")

_YEAR_TRIGGER_BEFORE_RE = re.compile(
    rf"(?i:\b(?:(?P<closed>{_YEAR_TRIGGERS})|(?P<open>{_OPEN_YEAR_TRIGGERS})))[\s-]+(?:the\s+)?$"
)
_MONTH_TRIGGER_BEFORE_RE = re.compile(rf"(?i:\b(?P<trigger>{_MONTH_TRIGGERS}))[\s-]+$")
_YEAR_CHAIN_GAP_RE = re.compile(
    r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through|until|till)\s+|\s*[-\u2013]\s*"
)
_DIGIT_AFTER_RE = re.compile(r"\s*,?\s*\d")
_COUNTED_NOUN_RE = re.compile(_COUNTED_NOUN, re.IGNORECASE)
_WEEKDAY_MODIFIER_RE = re.compile(r"(?i:\b(last|next|this\s+past|past|this)\s+)$")
_NOT_A_DATE_AFTER_WEEKDAY_RE = re.compile(
    r"\s+(?:prayers?|sermon|congregation|Times|Post|Express|Mail|Telegraph|Special|Magazine|edition"
    r"|market|bazaar|Bazaar|Market)\b"
)
_NOT_A_DATE_BEFORE_WEEKDAY_RE = re.compile(r"\b(?:Good|Black|Bloody|Easter|Palm|Ash|Holy|Maundy|Cyber)\s+$")
_CAPITALISED_WORD_BEFORE_RE = re.compile(r"\b[A-Z]\w*\s+$")
_WEEKDAY_TO_DATE_GAP_RE = re.compile(r",?\s+(?:the\s+)?")
_FOUR_DIGITS_RE = re.compile(r"\d{4}")
_ABSOLUTE_DAY_KINDS = frozenset({"iso", "mdy", "dmy", "md", "dm"})


def _relative_candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Relative expressions: each holds a unit word ("day", "week", "year", "tonight"...); the full pattern
    is tried only at the word starts just before one (scanning for the words is ~10x faster than trying the
    full pattern everywhere)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        anchor_re, relative_re, subject = _RELATIVE_ANCHOR_RE, _RELATIVE_RE, lowered
    else:  # lower-casing changed the length (rare Unicode): keep the offsets of the original
        anchor_re, relative_re, subject = _RELATIVE_ANCHOR_ANY_CASE_RE, _RELATIVE_ANY_CASE_RE, text
    found: list[tuple[int, int, str, re.Match[str]]] = []
    consumed = 0
    for anchor in anchor_re.finditer(subject):
        anchor_start = anchor.start()
        if anchor_start < consumed:
            continue
        window_start = max(consumed, anchor_start - _RELATIVE_LOOK_BACK_CHARS)
        starts = [word.start() for word in _WORD_RE.finditer(subject, window_start, anchor_start)]
        starts.append(anchor_start)
        for start in starts:
            if start and subject[start - 1].isalnum():
                continue
            match = relative_re.match(subject, start)
            if match is not None and match.end() > anchor_start:
                found.append((start, -match.end(), match.lastgroup or "", match))
                consumed = match.end()
                break
    return found


def _candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Possible date expressions from the four scanners as (start, -end, kind, match), in text order,
    longest first among those starting at the same place; left boundaries checked here."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for match in _MONTH_LED_RE.finditer(text):
        start = match.start()
        if start and text[start - 1].isalnum():
            continue
        kind = next((name for name in ("mdy", "my", "md") if match.group(name)), "mo")
        found.append((start, -match.end(), kind, match))
    for match in _DIGIT_LED_RE.finditer(text):
        start = match.start()
        kind = match.lastgroup or ""
        # "-" may stand before a year ("mid-2019", "2001-2005"): the trigger or chain check decides there.
        if start and (
            text[start - 1].isalnum() or text[start - 1] in ("_.,:/" if kind == "yr" else "_.,:/-")
        ):
            continue
        if kind == "dm" and match.group("dm_y"):
            kind = "dmy"
        found.append((start, -match.end(), kind, match))
    for match in _WEEKDAY_RE.finditer(text):
        start = match.start()
        if not (start and text[start - 1].isalnum()):
            found.append((start, -match.end(), "wd", match))
    found.extend(_relative_candidates(text))
    found.sort(key=lambda candidate: candidate[:2])
    return found


def _month_number(name: str) -> int:
    return _MONTH_NUMBER[name[:3].lower()]


def _day_number(text: str) -> int:
    return int(text.rstrip("stndrhSTNDRH"))


def _valid_day(year: int | None, month: int, day: int) -> bool:
    return day <= calendar.monthrange(year if year is not None else 2000, month)[1]


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


class DateContext:
    """Carries the reference date and the current year/month/day through a document, sentence by sentence.

    "that year" resolves to the most recent explicit year seen so far; "May 23" gets the reference year
    (or the previous one, see the module docstring) only when a reference is given.
    """

    def __init__(self, reference: date | None) -> None:
        self.reference = reference
        self.year: int | None = None
        # The year a list's lead or a section heading states ("Attacks in 2019 included:", "Incidents
        # in 2019"): month-day dates under it take this year rather than the reference's.
        self.scope_year: int | None = None
        self.month: tuple[int | None, int] | None = None
        self.day: tuple[int | None, int, int] | None = None

    def resolve(self, text: str, offset: int = 0) -> list[DateValue]:
        """The dates in `text` (offsets shifted by `offset`), updating the context as they are read."""
        values = self._scan(text)
        self._update_scope(text, values)
        if offset:
            values = [replace(v, start=v.start + offset, end=v.end + offset) for v in values]
        return values

    # -- scanning ---------------------------------------------------------------------------------------

    def _scan(self, text: str) -> list[DateValue]:
        values: list[DateValue] = []
        consumed = 0
        for start, _, kind, match in _candidates(text):
            if start < consumed:
                continue
            value = self._value(kind, match, text, values)
            if value is None:
                continue
            if kind in _ABSOLUTE_DAY_KINDS and values:
                value = _merge_weekday(values, value, text)
            values.append(value)
            consumed = max(match.end(), value.end)
        return values

    def _update_scope(self, text: str, values: list[DateValue]) -> None:
        """A lead ending in a colon or a short heading (no closing punctuation) sets the scope year to
        the year it writes, or clears it when it writes no date at all (a heading "On May 3, a bomb ..."
        without a full stop changes nothing)."""
        stripped = text.rstrip()
        if not stripped:
            return
        lead = stripped.endswith(":") and len(stripped) <= _LEAD_MAX_CHARS
        heading = (
            stripped[-1].isalnum()
            and len(stripped) <= _HEADING_MAX_CHARS
            and "\n" not in stripped
            and not _FINITE_VERB_RE.search(stripped)  # "The blast occurred in 2015" is a sentence
        )
        if not (lead or heading):
            return
        years = [v.year for v in values if v.year is not None and not v.relative]
        if years:
            self.scope_year = years[-1]
        elif not values:
            self.scope_year = None

    def _bare_year(self, match: re.Match[str], text: str, values: list[DateValue]) -> DateValue | None:
        """A four-digit year after a date word ("in 2016"), or chained to one ("between 2001 and 2005")."""
        start, end = match.span()
        previous = values[-1] if values else None
        chained = (
            previous is not None
            and previous.precision == "year"
            and _FOUR_DIGITS_RE.fullmatch(previous.text) is not None
            and _YEAR_CHAIN_GAP_RE.fullmatch(text, previous.end, start) is not None
        )
        if chained:
            counted_noun_matters = True
        else:
            trigger = _YEAR_TRIGGER_BEFORE_RE.search(text, max(0, start - 32), start)
            if trigger is None:
                return None
            counted_noun_matters = trigger.group("open") is not None
        if counted_noun_matters and _COUNTED_NOUN_RE.match(text, end):
            return None
        year = int(match.group())
        self._set_year(year)
        return DateValue(year, None, None, "year", start, end, text[start:end], False)

    def _set_year(self, year: int) -> None:
        if self.year != year:
            self.month = self.month if self.month and self.month[0] == year else None
            self.day = self.day if self.day and self.day[0] == year else None
        self.year = year

    def _value(self, kind: str, match: re.Match[str], text: str, values: list[DateValue]) -> DateValue | None:
        start, end = match.span()
        if kind in ("iso", "mdy", "dmy"):
            if kind == "iso":
                year, month, day = (
                    int(match.group()[:4]),
                    int(match.group("iso_m")),
                    int(match.group("iso_d")),
                )
            elif kind == "mdy":
                year = int(match.group("mdy_y"))
                month, day = _month_number(match.group("m")), _day_number(match.group("mdy_d"))
            else:
                year = int(match.group("dm_y"))
                month, day = _month_number(match.group("dm_m")), _day_number(match.group("dm_d"))
            if not _valid_day(year, month, day):
                return None
            self._set_year(year)
            self.month, self.day = (year, month), (year, month, day)
            return DateValue(year, month, day, "day", start, end, text[start:end], False)
        if kind in ("md", "dm"):
            month = _month_number(match.group("m" if kind == "md" else "dm_m"))
            day = _day_number(match.group(kind + "_d"))
            if not _valid_day(None, month, day):
                return None
            guessed = self._guess_year(month, day)
            if guessed is not None and not _valid_day(guessed, month, day):
                guessed = None
            self.month, self.day = (guessed, month), (guessed, month, day)
            return DateValue(guessed, month, day, "day", start, end, text[start:end], guessed is not None)
        if kind == "my":
            year, month = int(match.group("my_y")), _month_number(match.group("m"))
            self._set_year(year)
            self.month = (year, month)
            return DateValue(year, month, None, "month", start, end, text[start:end], False)
        if kind == "mo":
            return self._month_alone(match, text)
        if kind == "yr":
            return self._bare_year(match, text, values)
        if kind == "ref_day":
            return self._reference_day(match, text)
        if kind in ("ctx_same", "ctx_next", "ctx_later", "ctx_prev"):
            return self._from_context(kind, match, text)
        if kind == "ref_period":
            return self._reference_period(match, text)
        if kind == "ago":
            return self._ago(match, text)
        if kind == "wd":
            return self._weekday(match, text)
        return None

    # -- year guesses -----------------------------------------------------------------------------------

    def _guess_year(self, month: int, day: int) -> int | None:
        if self.scope_year is not None:
            return self.scope_year
        if self.reference is not None:
            year = self.reference.year
            if _valid_day(year, month, day) and date(year, month, day) > self.reference + FUTURE_TOLERANCE:
                year -= 1
            return year
        return self.year

    def _month_alone(self, match: re.Match[str], text: str) -> DateValue | None:
        """A month name after a date word ("in March", "mid-June", "last March"), not followed by a number."""
        start, end = match.span()
        if _DIGIT_AFTER_RE.match(text, end):
            return None
        trigger_match = _MONTH_TRIGGER_BEFORE_RE.search(text, max(0, start - 24), start)
        if trigger_match is None:
            return None
        month = _month_number(match.group("m"))
        trigger = trigger_match.group("trigger").lower()
        reference = self.reference
        year: int | None
        if trigger in ("last", "this", "next"):
            start = trigger_match.start()
            if reference is None:
                year = None
            elif trigger == "last":
                year = reference.year if month < reference.month else reference.year - 1
            elif trigger == "next":
                year = reference.year if month > reference.month else reference.year + 1
            else:
                year = reference.year
        else:
            year = self._guess_year(month, 1)
        self.month = (year, month)
        return DateValue(year, month, None, "month", start, end, text[start:end], year is not None)

    # -- context ----------------------------------------------------------------------------------------

    def _from_context(self, kind: str, match: re.Match[str], text: str) -> DateValue:
        start, end = match.span()
        unit_group = {
            "ctx_same": "ctx_same_unit",
            "ctx_next": "ctx_next_unit",
            "ctx_later": "ctx_later_unit",
        }.get(kind)
        if unit_group is None:
            unit_group = "ctx_prev_unit" if match.group("ctx_prev_unit") else "ctx_before_unit"
        unit = match.group(unit_group).lower()
        delta = {"ctx_same": 0, "ctx_next": 1, "ctx_later": 1, "ctx_prev": -1}[kind]
        quote = text[start:end]
        if unit == "year":
            if self.year is None:
                return DateValue(None, None, None, "year", start, end, quote, True)
            year = self.year + delta
            self._set_year(year)
            return DateValue(year, None, None, "year", start, end, quote, True)
        if unit == "month":
            if self.month is None:
                return DateValue(None, None, None, "month", start, end, quote, True)
            known_year, month = self.month
            shifted_year, month = _shift_months(known_year if known_year is not None else 2000, month, delta)
            month_year = shifted_year if known_year is not None else None
            self.month = (month_year, month)
            return DateValue(month_year, month, None, "month", start, end, quote, True)
        if self.day is None:
            return DateValue(None, None, None, "day", start, end, quote, True)
        known_year, month, day = self.day
        # A leap year stands in when the year is unknown, so that February 29 survives the arithmetic.
        shifted = date(known_year if known_year is not None else 2000, month, day) + timedelta(days=delta)
        day_year = shifted.year if known_year is not None else None
        self.day = (day_year, shifted.month, shifted.day)
        self.month = (day_year, shifted.month)
        return DateValue(day_year, shifted.month, shifted.day, "day", start, end, quote, True)

    # -- reference date ---------------------------------------------------------------------------------

    def _day_value(self, day: date | None, start: int, end: int, text: str) -> DateValue:
        if day is None:
            return DateValue(None, None, None, "day", start, end, text[start:end], True)
        self.day = (day.year, day.month, day.day)
        self.month = (day.year, day.month)
        return DateValue(day.year, day.month, day.day, "day", start, end, text[start:end], True)

    def _reference_day(self, match: re.Match[str], text: str) -> DateValue | None:
        start, end = match.span()
        words = " ".join(match.group().lower().split())
        if text[start].isupper() and _CAPITALISED_WORD_BEFORE_RE.search(text, max(0, start - 40), start):
            return None  # "Pakistan Today", "USA Today": a newspaper
        back = {"yesterday": 1, "last night": 1, "the day before yesterday": 2}.get(words, 0)
        reference = self.reference
        return self._day_value(reference - timedelta(days=back) if reference else None, start, end, text)

    def _reference_period(self, match: re.Match[str], text: str) -> DateValue:
        start, end = match.span()
        which = match.group("ref_which").lower()
        unit = match.group("ref_unit").lower()
        delta = {"this": 0, "last": -1, "next": 1}[which]
        quote = text[start:end]
        reference = self.reference
        if unit == "week":
            if reference is None:
                return DateValue(None, None, None, "week", start, end, quote, True)
            monday = _monday(reference) + timedelta(weeks=delta)
            return DateValue(monday.year, monday.month, monday.day, "week", start, end, quote, True)
        if unit == "month":
            if reference is None:
                return DateValue(None, None, None, "month", start, end, quote, True)
            year, month = _shift_months(reference.year, reference.month, delta)
            self.month = (year, month)
            return DateValue(year, month, None, "month", start, end, quote, True)
        if reference is None:
            return DateValue(None, None, None, "year", start, end, quote, True)
        self._set_year(reference.year + delta)
        return DateValue(reference.year + delta, None, None, "year", start, end, quote, True)

    def _ago(self, match: re.Match[str], text: str) -> DateValue | None:
        start, end = match.span()
        amount_text = " ".join(match.group("ago_n").lower().split())
        amount = {"a": 1, "an": 1, "a couple of": 2, "a few": 3, "several": 3}.get(amount_text)
        if amount is None:
            amount = word_to_int(amount_text)
        if amount is None:
            return None
        unit = match.group("ago_unit").lower()
        quote = text[start:end]
        precision = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
        reference = self.reference
        if reference is None:
            return DateValue(None, None, None, precision, start, end, quote, True)
        if unit == "day":
            return self._day_value(reference - timedelta(days=amount), start, end, text)
        if unit == "week":
            monday = _monday(reference - timedelta(weeks=amount))
            return DateValue(monday.year, monday.month, monday.day, "week", start, end, quote, True)
        if unit == "month":
            year, month = _shift_months(reference.year, reference.month, -amount)
            return DateValue(year, month, None, "month", start, end, quote, True)
        return DateValue(reference.year - amount, None, None, "year", start, end, quote, True)

    def _weekday(self, match: re.Match[str], text: str) -> DateValue | None:
        start, end = match.span()
        if _NOT_A_DATE_AFTER_WEEKDAY_RE.match(text, end) or _NOT_A_DATE_BEFORE_WEEKDAY_RE.search(
            text, max(0, start - 10), start
        ):
            return None
        modifier_match = _WEEKDAY_MODIFIER_RE.search(text, max(0, start - 12), start)
        modifier = " ".join(modifier_match.group(1).lower().split()) if modifier_match else ""
        if modifier in ("last", "next", "this past", "past") and modifier_match is not None:
            start = modifier_match.start()
        reference = self.reference
        if reference is None:
            return self._day_value(None, start, end, text)
        weekday = _WEEKDAY_NUMBER[match.group()[:3].lower()]
        back = (reference.weekday() - weekday) % 7
        if modifier in ("last", "this past", "past") and back == 0:
            back = 7
        if modifier == "next":
            forward = (weekday - reference.weekday()) % 7 or 7
            return self._day_value(reference + timedelta(days=forward), start, end, text)
        return self._day_value(reference - timedelta(days=back), start, end, text)


def _merge_weekday(values: list[DateValue], value: DateValue, text: str) -> DateValue:
    """ "Sunday, December 19": the weekday found just before a date is part of that date."""
    previous = values[-1]
    if (
        previous.precision == "day"
        and previous.relative
        and previous.text[:3].lower() in _WEEKDAY_NUMBER
        and _WEEKDAY_TO_DATE_GAP_RE.fullmatch(text, previous.end, value.start)
    ):
        values.pop()
        return replace(value, start=previous.start, text=text[previous.start : value.end])
    return value


def find_dates(
    text: str, *, reference: date | None = None, context_year: int | None = None
) -> list[DateValue]:
    """Every date expression in `text`, in order, resolved against `reference` (the publication date) and
    `context_year` (the year the surrounding text is about, for "that year")."""
    context = DateContext(reference)
    context.year = context_year
    return context.resolve(text)


_NUMERIC_DATE_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}")
_FIRST_DEFAULT = datetime(1904, 1, 1)
_SECOND_DEFAULT = datetime(1908, 2, 2)


def parse_date(text: str) -> date | None:
    """A whole absolute date string ("December 23rd, 2021", "23 Dec 2021", "2021-12-23", "Dec. 23, 2021")
    as a date; None when any of year, month or day is missing, when there is more than a date, or when
    day and month order is ambiguous ("03/04/2021")."""
    stripped = text.strip().strip("()")
    if not stripped or not any(ch.isdigit() for ch in stripped):
        return None
    numeric = _NUMERIC_DATE_RE.fullmatch(stripped)
    if (
        numeric
        and int(numeric.group(1)) <= 12
        and int(numeric.group(2)) <= 12
        and (numeric.group(1) != numeric.group(2))
    ):
        return None
    try:
        # Parsed twice with different defaults: a part the text lacks shows up as a difference.
        first = dateutil_parse(stripped, default=_FIRST_DEFAULT)
        second = dateutil_parse(stripped, default=_SECOND_DEFAULT)
    except (ParserError, ValueError, OverflowError):
        return None
    if first.date() != second.date():
        return None
    return first.date()
