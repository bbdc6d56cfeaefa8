"""Counts in news text: digits and English number words, with their qualifiers, as (low, high) ranges.

Conventions follow ../shared/eval/GOLD.md (a bound the text does not give is None):

==============================================  ==================
text                                            (low, high)
==============================================  ==================
"94", "ninety-four", "a total of 94"            (94, 94)
"over / more than / above / in excess of 50"    (51, None)
"at least / no fewer than / a minimum of 8",
"8 or more", "8-plus", "8+", "8-odd",
"upwards of 8"                                  (8, None)
"an estimated / about / around / nearly /
almost / approximately / some / roughly 80",
"80 or so", "close to 80"                       (80, 80)
"6-14", "6 to 14", "between 6 and 14",
"from 6 to 14", "6 or 7", "two-three"           (6, 14) ...
"up to / as many as / at most / no more than"   (None, 14)
"fewer than / less than / under / below 10"     (None, 9)
"a dozen", "half a dozen", "two dozen"          (12, 12), (6, 6), (24, 24)
"a couple (of)"                                 (2, 2)
==============================================  ==================

Vague counts (``is_vague`` tells them apart; GOLD.md leaves such tolls null, so a caller filling a toll
usually drops them) get the smallest value the word allows, open above:
"a few" -> (2, None), "several" -> (3, None), "dozens" -> (24, None), "scores of" -> (40, None),
"hundreds" -> (200, None), "thousands" -> (2000, None), "tens of thousands" -> (20000, None),
"hundreds of thousands" -> (200000, None), "several hundred" -> (300, None), "a few dozen" -> (24, None).

What is *not* a quantity here: ordinals ("4th"), numbers glued to letters or codes ("1990s", "AK-47",
"F-16", "COVID-19"; a number glued to the noun or participle it counts, "11people", "20injured", is a
typo and counts), clock times ("10 pm", "3.45am", "10:30", "10 00pm"), either half of a decimal
("10.5"), compound modifiers ("12-year-old", "two-day"), "no one", bare "a"/"an", and days of month next
to a month name ("May 23", "23 May"). Years are returned like any number; the caller filters them with
``is_year_like``.  Word numbers are converted by text2num (a compiled, maintained
parser); the regexes here only find where they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

__all__ = [
    "NUMBER_PATTERN",
    "Quantity",
    "find_quantities",
    "is_vague",
    "is_year_like",
    "parse_quantity",
    "word_to_int",
]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count found in a text: its bounds (GOLD.md conventions) and where it is, qualifier included."""

    low: int | None
    high: int | None
    start: int
    end: int
    text: str


_UNIT_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALE_WORDS = ("hundred", "thousand", "million")

# Longest first so the alternation does not stop at "four" inside "fourteen".
_SMALL = "(?:" + "|".join(sorted(_UNIT_WORDS + _TENS_WORDS, key=len, reverse=True)) + r")\b"
_SCALE = r"(?:hundred|thousand|million)\b(?:\s+and(?=\s+" + _SMALL + "))?"
_TOKEN = rf"(?:{_SMALL}|{_SCALE}|dozen\b)"
# "a hundred", "half a dozen": an article is part of a number only before a scale word.
_WORD_HEAD = r"(?:(?:a|an)\s+(?=(?:hundred|thousand|million|dozen)\b)|half\s+a\s+(?=dozen\b))?"
# Not part of a hyphenated modifier ("two-day", "twenty-nine-year-old"), except the "-plus"/"-odd" suffixes.
_MODIFIER_GUARD = r"(?!-(?!plus\b|odd\b)[a-z])"
_WORD_BODY = rf"{_WORD_HEAD}{_TOKEN}(?:(?:\s+|\s*-\s*){_TOKEN})*{_MODIFIER_GUARD}"
_WORD_NUMBER = rf"(?<![\w-])(?<!\bno\s){_WORD_BODY}"

# A typo may glue a count to the noun or participle it counts ("killing 11people", "20injured"): the
# only words a number may run into.
_GLUED_NOUN = (
    r"(?:people|persons?|individuals|civilians|soldiers|troops|policemen|personnel|militants|insurgents"
    r"|terrorists|attackers|others|men|women|children|killed|dead|died|injured|wounded|hurt)\b"
)
# "1.5 million", "40 thousand": digits, a decimal allowed, times a scale word.
_SCALED_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:thousand|million|billion)\b"
_DIGIT_BODY = (
    rf"{_SCALED_DIGITS}|"
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)"
    # not a decimal, a time, an ordinal, a code or a modifier ("12-year-old")
    rf"(?!(?!{_GLUED_NOUN})[\w%]|[.,:]\d|(?:\s\d\d)?\s*(?:[ap]\.m\.|[ap]m\b|hrs\b|GMT\b|IST\b|PST\b|PKT\b))"
    + _MODIFIER_GUARD
)
# "AK-47", "PS-128", "#3", "$5", "10.5", "3:45" are not counts.
_DIGIT_NUMBER = r"(?<![\w.,:/#$£€-])(?:" + _DIGIT_BODY + ")"

_NUMBER = rf"(?:{_DIGIT_NUMBER}|{_WORD_NUMBER})"
# The second number of a range may follow a hyphen directly ("6-14").
_RANGE_END = rf"(?:(?:{_DIGIT_BODY})|{_WORD_BODY})"
_DASH = "[-\u2013\u2014]"

_LOWER_EXCLUSIVE = (
    r"(?:(?:just|well|slightly|a\s+little)\s+)?(?:over|more\s+than|above|greater\s+than)|in\s+excess\s+of"
)
_LOWER_INCLUSIVE = (
    r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|(?:a\s+)?minimum\s+of|upwards?\s+of"
)
_APPROXIMATE = (
    r"an\s+estimated|estimated|about|around|nearly|almost|approximately|approx\.?|some|roughly"
    r"|close\s+to|circa|an\s+approximate|just\s+about"
)
_EXACT = r"a\s+total\s+of|total\s+of|exactly|precisely"
_UPPER_INCLUSIVE = (
    r"up\s+to|as\s+many\s+as|at\s+most|(?:a\s+)?maximum\s+of|no\s+more\s+than|not\s+more\s+than"
)
_UPPER_EXCLUSIVE = r"(?:just\s+)?(?:fewer\s+than|less\s+than|under|below)"

_QUALIFIER = (
    rf"(?P<lower_excl>{_LOWER_EXCLUSIVE})|(?P<lower_incl>{_LOWER_INCLUSIVE})|(?P<upper_incl>{_UPPER_INCLUSIVE})"
    rf"|(?P<upper_excl>{_UPPER_EXCLUSIVE})|(?P<approx>{_APPROXIMATE})|(?P<exact>{_EXACT})"
)
_SUFFIX = (
    r"(?P<or_more>\s+or\s+(?:more|above|over)\b|\+|-?plus\b|-odd\b)"
    r"|(?P<or_less>\s+or\s+(?:fewer|less|under)\b)|(?P<or_so>\s+or\s+so\b)"
)
_RANGE = (
    rf"(?:between|from)\s+(?P<between_low>{_NUMBER})(?:\s+(?:and|to)\s+|\s*{_DASH}\s*)(?P<between_high>{_RANGE_END})"
    rf"|(?P<range_low>{_NUMBER})(?:\s*{_DASH}\s*|\s+(?:to|or)\s+)(?P<range_high>{_RANGE_END})"
)
_VAGUE_SCALED = (
    r"(?P<vague_scaled_head>several|a\s+few|a\s+couple\s+of|a\s+couple)"
    r"\s+(?P<vague_scale>dozen|hundred|thousand)\b"
)
_VAGUE = (
    rf"{_VAGUE_SCALED}"
    r"|(?P<vague_plural>tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores(?=\s+of\b)"
    r"|hundreds|thousands|millions)\b"
    r"|(?P<vague_word>several|a\s+few|a\s+couple)\b"
)
_QUANTITY = (
    rf"(?:\b(?:{_QUALIFIER})\s*(?<=\s|\.))?(?:{_RANGE}|(?P<single>{_NUMBER}))(?:{_SUFFIX})?"
    rf"|(?<![\w-])(?:{_VAGUE})"
)

_QUANTITY_RE = re.compile(_QUANTITY, re.IGNORECASE)
NUMBER_PATTERN: str = "(?:" + re.sub(r"\(\?P<\w+>", "(?:", _QUANTITY) + ")"
"""One number expression with its optional qualifier, without capturing groups (for use inside bigger
regexes compiled with re.IGNORECASE)."""

_WORD_TOKEN_RE = re.compile(rf"{_WORD_HEAD}{_TOKEN}", re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_SPACES_RE = re.compile(r"[\s-]+")
_FOUR_DIGITS_RE = re.compile(r"\d{4}")

_VAGUE_WORD_LOW = {"several": 3, "a few": 2, "a couple": 2, "a couple of": 2}
_VAGUE_PLURAL_LOW = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2_000_000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
}
_SCALE_VALUE = {"dozen": 12, "hundred": 100, "thousand": 1000}
_SCALED_RE = re.compile(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(thousand|million|billion)", re.IGNORECASE)
_BIG_SCALE = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def _normalise(text: str) -> str:
    return _SPACES_RE.sub(" ", text.strip().lower())


@lru_cache(maxsize=4096)
def word_to_int(text: str) -> int | None:
    """The value of one number written in digits or English words, or None.

    "thirty-three" -> 33, "one hundred and fifteen" -> 115, "Twenty nine" -> 29, "a dozen" -> 12,
    "two dozen" -> 24, "half a dozen" -> 6, "1,000" -> 1000, "two" -> 2, "one" -> 1; "a", "two three",
    "dozens" -> None.
    """
    stripped = text.strip()
    if _DIGITS_RE.fullmatch(stripped):
        return int(stripped.replace(",", ""))
    scaled = _SCALED_RE.fullmatch(stripped)
    if scaled:
        return round(float(scaled.group(1).replace(",", "")) * _BIG_SCALE[scaled.group(2).lower()])
    words = _normalise(stripped)
    if not words:
        return None
    if words == "half a dozen":
        return 6
    multiplier = 1
    if words == "dozen" or words.endswith(" dozen"):
        multiplier = 12
        words = words.removesuffix("dozen").strip() or "one"
    if words.startswith(("a ", "an ")):
        _article, _, rest = words.partition(" ")
        if not rest.startswith(_SCALE_WORDS):
            return None
        words = "one " + rest
    elif words in ("a", "an"):
        words = "one" if multiplier == 12 else ""
    if not words or any(ch.isdigit() for ch in words):
        return None
    try:
        value = text2num(words, "en")
    except ValueError:
        return None
    return int(value) * multiplier


def _word_pieces(text: str, base: int) -> list[tuple[int, int, int]]:
    """Split a run of number words that is not one number ("two three") into (value, start, end) pieces,
    each the longest run of tokens that is one number."""
    tokens = [(m.start() + base, m.end() + base) for m in _WORD_TOKEN_RE.finditer(text)]
    pieces: list[tuple[int, int, int]] = []
    index = 0
    full = text
    while index < len(tokens):
        for last in range(len(tokens) - 1, index - 1, -1):
            value = word_to_int(full[tokens[index][0] - base : tokens[last][1] - base])
            if value is not None:
                pieces.append((value, tokens[index][0], tokens[last][1]))
                index = last + 1
                break
        else:
            index += 1
    return pieces


def _apply_qualifier(match: re.Match[str], low: int, high: int) -> tuple[int | None, int | None]:
    if match.group("lower_excl"):
        return low + 1, None
    if match.group("lower_incl") or match.group("or_more"):
        return low, None
    if match.group("upper_incl") or match.group("or_less"):
        return None, high
    if match.group("upper_excl"):
        return None, high - 1
    return low, high


def _vague_bounds(match: re.Match[str]) -> tuple[int | None, int | None]:
    scaled_head = match.group("vague_scaled_head")
    if scaled_head is not None:
        head = _normalise(scaled_head)
        scale = _SCALE_VALUE[match.group("vague_scale").lower()]
        if head.startswith("a couple"):
            return 2 * scale, 2 * scale
        return _VAGUE_WORD_LOW[head] * scale, None
    plural = match.group("vague_plural")
    if plural is not None:
        return _VAGUE_PLURAL_LOW[_normalise(plural)], None
    word = _normalise(match.group("vague_word"))
    if word.startswith("a couple"):
        return 2, 2
    return _VAGUE_WORD_LOW[word.removesuffix(" of")], None


def _bounds(match: re.Match[str]) -> list[tuple[int | None, int | None, int, int]]:
    """(low, high, start, end) for one regex match: usually one quantity; a run of words that is not
    one number may give several, and an inverted range ("2015-16") gives only its first number."""
    if match.group("vague_scaled_head") or match.group("vague_plural") or match.group("vague_word"):
        low, high = _vague_bounds(match)
        return [(low, high, match.start(), match.end())]
    for low_name, high_name in (("between_low", "between_high"), ("range_low", "range_high")):
        if match.group(low_name) is None:
            continue
        first, second = word_to_int(match.group(low_name)), word_to_int(match.group(high_name))
        if first is not None and second is not None and first < second:
            return [(*_apply_qualifier(match, first, second), match.start(), match.end())]
        if low_name == "between_low" or first is None:
            return []
        # Not a range: keep the first number with its qualifier only.
        end = match.end(low_name)
        return [(*_apply_qualifier(match, first, first), match.start(), end)]
    single = match.group("single")
    value = word_to_int(single)
    if value is not None:
        return [(*_apply_qualifier(match, value, value), match.start(), match.end())]
    pieces = _word_pieces(single, match.start("single"))
    if len(pieces) == 2 and pieces[0][0] < pieces[1][0] and pieces[0][2] <= pieces[1][1]:
        # "two three days", "two-three": an informal range
        return [(*_apply_qualifier(match, pieces[0][0], pieces[1][0]), match.start(), match.end())]
    results: list[tuple[int | None, int | None, int, int]] = []
    for index, (piece_value, piece_start, piece_end) in enumerate(pieces):
        if index == 0:
            results.append((*_apply_qualifier(match, piece_value, piece_value), match.start(), piece_end))
        else:
            results.append((piece_value, piece_value, piece_start, piece_end))
    return results


# Every quantity contains one of these. Scanning for them (plain literals, on lower-cased text) and then
# trying the full pattern only at the few word starts just before each is ~10x faster than letting the
# full pattern, whose optional qualifier can start with almost any letter, try every position.
_ANCHOR_WORDS = (
    *_UNIT_WORDS,
    *_TENS_WORDS,
    *_SCALE_WORDS,
    "dozen",
    "several",
    "few",
    "couple",
    "score",
    "tens",
)
_ANCHOR_PATTERN = "[0-9]+|" + "|".join(sorted(_ANCHOR_WORDS, key=len, reverse=True))
_ANCHOR_RE = re.compile(_ANCHOR_PATTERN)
_ANCHOR_ANY_CASE_RE = re.compile(_ANCHOR_PATTERN, re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z.]*")
# First words of what may stand before the anchor: qualifiers, "between"/"from", "a dozen", "half a dozen".
_LEAD_WORDS = frozenset(
    re.findall(
        r"[a-z.]+",
        "over more above greater in at no not a minimum upwards upward an estimated about around nearly",
    )
    + re.findall(
        r"[a-z.]+", "almost approximately approx approx. some roughly close circa just well slightly"
    )
    + re.findall(
        r"[a-z.]+", "little total exactly precisely up as maximum fewer less under below between from half"
    )
)
# Longest qualifier plus a head: "a little more than", "between", "half a dozen".
_LOOK_BACK_CHARS = 28


def find_quantities(text: str) -> list[Quantity]:
    """Every count in `text`, in order, with offsets covering the qualifier ("at least 8")."""
    lowered = text.lower()
    anchors = (
        _ANCHOR_RE.finditer(lowered) if len(lowered) == len(text) else _ANCHOR_ANY_CASE_RE.finditer(text)
    )
    found: list[Quantity] = []
    consumed = 0
    for anchor in anchors:
        anchor_start = anchor.start()
        if anchor_start < consumed:
            continue
        window_start = max(consumed, anchor_start - _LOOK_BACK_CHARS)
        starts = [
            word.start()
            for word in _WORD_RE.finditer(text, window_start, anchor_start)
            if word.group().lower() in _LEAD_WORDS
        ]
        starts.append(anchor_start)
        for start in starts:
            match = _QUANTITY_RE.match(text, start)
            if match is None or match.end() <= anchor_start:
                continue
            consumed = match.end()
            if _is_day_of_month(match, text):
                break
            for low, high, quantity_start, quantity_end in _bounds(match):
                found.append(
                    Quantity(low, high, quantity_start, quantity_end, text[quantity_start:quantity_end])
                )
            break
    return found


_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTH_NAME}|{_MONTH_NAME.upper()})\s*$")
_MONTH_AFTER_RE = re.compile(rf"\s+(?:of\s+)?(?:{_MONTH_NAME}|{_MONTH_NAME.upper()})(?![A-Za-z])")


def _is_day_of_month(match: re.Match[str], text: str) -> bool:
    """ "May 23", "23 May", "3-4 May", "May 5-6": the number is a day of a date (or a span of days), not
    a count (years are left to the caller)."""
    single = match.group("single")
    low, high = match.group("range_low"), match.group("range_high")
    if low is not None and high is not None and match.start() == match.start("range_low"):
        if not (low.isdigit() and high.isdigit() and 1 <= int(low) < int(high) <= 31):
            return False
    elif (
        single is None
        or match.start() != match.start("single")
        or match.end() != match.end("single")
        or not single.isdigit()
        or not 1 <= int(single) <= 31
    ):
        return False
    start, end = match.span()
    return bool(_MONTH_BEFORE_RE.search(text, max(0, start - 12), start) or _MONTH_AFTER_RE.match(text, end))


def parse_quantity(text: str) -> tuple[int | None, int | None] | None:
    """(low, high) for a phrase that is exactly one quantity ("more than 20" -> (21, None)), else None."""
    stripped = text.strip()
    length = len(stripped)
    # "dozens of", "scores of", "a couple of": the trailing "of" belongs to the phrase, not the count
    # (and "scores" is only a count before it), so it is matched but not required to be covered.
    if stripped.lower().endswith(" of"):
        length = len(stripped[:-3].rstrip())
    match = _QUANTITY_RE.match(stripped)
    if match is None or match.end() != length:
        return None
    bounds = _bounds(match)
    if len(bounds) != 1 or bounds[0][2] != 0 or bounds[0][3] != length:
        return None
    return bounds[0][0], bounds[0][1]


def is_year_like(quantity: Quantity) -> bool:
    """A bare four-digit number 1900..2100 with no qualifier: probably a year, not a count."""
    return (
        quantity.low is not None
        and quantity.low == quantity.high
        and 1900 <= quantity.low <= 2100
        and _FOUR_DIGITS_RE.fullmatch(quantity.text) is not None
    )


def is_vague(quantity: Quantity) -> bool:
    """A count given only as a word like "dozens", "several", "hundreds" (no number stated)."""
    match = _QUANTITY_RE.fullmatch(quantity.text)
    return (
        match is not None
        and match.group("single") is None
        and match.group("range_low") is None
        and (match.group("between_low") is None)
    )
