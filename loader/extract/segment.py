"""Paragraphs, datelines and sentences.

News digests often arrive with their punctuation stripped ("... reports Daily Times According to
the Police the bomber ..."), so besides the usual full-stop rule a sentence also starts where a
capitalised discourse opener ("According to", "The", "He", "Police said") follows a lower-case word
with no punctuation between: a boundary a human reader would put there too.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    dateline_place: str | None = None  # "QUETTA" in "QUETTA, PAKISTAN (August 8, 2016) - ..."
    dateline_country: str | None = None
    dateline_date: str | None = None
    body_start: int = 0  # where the text after the dateline starts


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


# "KABUL, AFGHANISTAN (August 1, 2016) - ", "KUNDUZ AND KANDAHAR, AFGHANISTAN (January 26, 2013) - "
_DATELINE_FULL = re.compile(
    r"^(?P<place>[A-Z][A-Za-z .,'’/\-]{1,100}?)(?:,\s*(?P<country>[A-Z][A-Za-z .'’\-]{1,40}))?\s*"
    r"\((?P<date>[A-Z][a-z]{2,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,9}\.? \d{4})\)\s*[-–—]+\s*"
)
# A wire story's dateline with its date before the agency: "BEIRUT, May 3, 2015 (AP) _ ",
# "KABUL, Afghanistan, Jan. 5, 2009 (Reuters) - ", "GAO, Mali, 12 May 2023 (AFP) — ".
_DATELINE_WIRE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'’/\-]{1,60}?)(?:,\s*(?P<country>[A-Z][A-Za-z .'’\-]{1,40}?))?,\s*"
    r"(?P<date>[A-Z][a-z]{2,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,9}\.? \d{4})\s*"
    r"\([A-Z][\w.&'’ -]{0,40}\)\s*(?:[-–—]+|_{1,2})\s*(?=\S)"
)
# "WASHINGTON: ", "ISLAMABAD, Dec 3 (Reuters) - ", "COLOMBO, Sri Lanka (AP) _ " (the wires' underscore
# dash of the 1990s)
_DATELINE_SHORT = re.compile(
    r"^(?P<place>[A-Z][A-Z .'’\-]{2,40})(?:,[^:\n]{0,40}?)?\s*(?::|[-–—]{1,2}|_{1,2})\s+(?=[A-Z“\"])"
)

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "capt",
        "maj",
        "sgt",
        "st",
        "no",
        "nos",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "approx",
        "govt",
        "dept",
        "prof",
        "rev",
        "sen",
        "rep",
        "gov",
        "fig",
    ]
)
_SENT_END = re.compile(r"[.!?]+[\"”’)\]]*(?:\[\d+\])*(?=\s+[\"“‘(]?[A-Z0-9])")
# A capitalised number word after a qualifier or a range word ("At least Seven people", "more than
# Twenty", "between Two and Five", "Three or Four") continues the count: it opens no sentence.
_QUALIFIER_ENDS = (
    "least", "than", "over", "above", "about", "around", "nearly", "almost", "approximately", "roughly",
    "some", "estimated", "as", "under", "below", "exactly", "precisely", "circa", "just", "between", "or",
    "another", "other",
)  # fmt: skip
# (the initials first: the look-behinds are tried only before a word that may be a number)
_NOT_AFTER_QUALIFIER = "(?=[EFNST])" + "".join(rf"(?<!(?i:\b{word}) )" for word in _QUALIFIER_ENDS)
# Run-on text: a discourse opener after a lower-case word (or a digit) and a single space.
_RUNON = re.compile(
    r"(?<=[a-z0-9])(?<!\breports)(?<!\breported)(?<!\bsaid)(?<!\badds)(?<!\bby)(?<!\bof)(?<!\bin)(?<!\bat)"
    r"(?<!\bon)(?<!\bto)(?<!\bthat)(?<!\band)(?<!\bthe)(?<!\bfor)(?<!\bwith)(?<!\bfrom) (?=(?:According to|These |Those |This |The (?:[A-Z]\w+|police|bomber|attackers?|assailants?|militants?|"
    r"deceased|injured|victims?|death toll|official|sources?|spokesman|incident|explosion|blast)\b|"
    rf"He |She |They |It |We |{_NOT_AFTER_QUALIFIER}(?:Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten) |Police said|"
    r"Sources said|Officials said|Meanwhile|However|Earlier|Later|Also|Moreover|Separately|In another))"
)


def _media_names() -> str:
    """Names of news media from the shipped reference list, longest first."""
    from loader.extract.actors import actor_index

    return "|".join(re.escape(n) for n in sorted(actor_index().media_aliases, key=len, reverse=True))


# "... reports Pajhwok Afghan News Police Spokesman ...": a known medium ends the report's attribution.
_RUNON_MEDIA = re.compile(
    rf"\b(?:reports?|reported|adds|added)\s+(?:{_media_names()})(?:\s+on\s+[A-Z][a-z]+\s+\d{{1,2}})?(?= [A-Z])"
)
_RUNON_PUBLISHER = re.compile(
    r"\b(?:reports?|reported|adds|added)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}"
    r"(?:\s+on\s+[A-Z][a-z]+\s+\d{1,2})?(?= [A-Z])"
)


# A line opened by a list marker is a list item: "- ", "* ", "• ", "– ", "1. ", "1) ", "(a) ", "a) ", "(iv) ".
# A numbered marker must be followed by a capital, a digit or a quotation mark ("1. On July 1, ...").
LIST_MARKER = re.compile(
    r"(?:[-*•–—▪◦·‣●■□➢►✓]|\(\s*(?:\d{1,3}|[a-z]|[ivx]{1,5})\s*\)|(?:\d{1,3}|[a-z]|[ivx]{1,5})\))[ \t]+(?=\S)"
    r"|\d{1,3}\.[ \t]+(?=[\"“‘(]?[A-Z0-9])"
)
_LINE_START = re.compile(r"(?<=\n)(?=[^\n])")
# A line that is an entry of a timeline ("March 3, 2015: ...", "12 May 2019 - ...", "2015-03-03: ...") or a
# row of a table ("12 May | Dablo | Gunmen attacked ..."): a paragraph of its own, the date kept in it.
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ENTRY_LINE = re.compile(
    rf"(?:(?:\d{{1,2}}\s+{_MONTH_NAME}|{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+\d{{4}})?|{_MONTH_NAME},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{4})\s*(?::|[-–—]\s)"
    r"|[^\n|]*\S\s+\|\s+\S"
)


def _blocks(text: str) -> list[tuple[int, int, int]]:
    """(start, end, body start) of each paragraph: blocks of text between blank lines, where every line
    opened by a list marker starts a block of its own (the marker left out of the body), and so does
    every entry of a timeline or row of a table; lines after a list item that open with no marker
    continue it."""
    out: list[tuple[int, int, int]] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        start, end = m.start(), m.end()
        cuts: list[tuple[int, int]] = []  # (line start, body start)
        for line in itertools.chain((start,), (lm.start() for lm in _LINE_START.finditer(text, start, end))):
            marker = LIST_MARKER.match(text, line, end)
            if marker is not None:
                cuts.append((line, marker.end()))
            elif line == start or _ENTRY_LINE.match(text, line, end):
                cuts.append((line, line))
        for (a, body), nxt in zip(cuts, [c[0] for c in cuts[1:]] + [end], strict=True):
            b = len(text[a:nxt].rstrip()) + a
            if b > body:
                out.append((a, b, body))
    return out


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of `text` (cached for the last few texts: the sentence component of the spaCy
    pipeline and the extractor both ask for them)."""
    return list(_paragraphs(text))


@functools.lru_cache(maxsize=4)
def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    for start, end, body_start in _blocks(text):
        if body_start > start:  # a list item: no dateline
            out.append(Paragraph(start, end, body_start=body_start))
            continue
        para = text[start:end]
        full = _DATELINE_FULL.match(para) or _DATELINE_WIRE.match(para)
        if full:
            out.append(
                Paragraph(
                    start,
                    end,
                    dateline_place=full.group("place").strip(),
                    dateline_country=(full.group("country") or "").strip() or None,
                    dateline_date=full.group("date"),
                    body_start=start + full.end(),
                )
            )
            continue
        short = _DATELINE_SHORT.match(para)
        if short and not out:
            out.append(
                Paragraph(
                    start, end, dateline_place=short.group("place").strip(), body_start=start + short.end()
                )
            )
            continue
        out.append(Paragraph(start, end, body_start=start))
    return tuple(out)


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12) : dot])
    if not word:
        return False
    w = word.group(1).lower().rstrip(".")
    return w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def sentences(text: str, paras: list[Paragraph] | None = None) -> list[Sentence]:
    paras = paras if paras is not None else paragraphs(text)
    out: list[Sentence] = []
    for pi, para in enumerate(paras):
        cuts = {para.body_start}
        body = text[para.body_start : para.end]
        for m in _SENT_END.finditer(body):
            if m.group(0).startswith(".") and len(m.group(0)) == 1 and _is_abbreviation(body, m.start()):
                continue
            cuts.add(para.body_start + m.end())
        # A text with almost no full stops is a run-on digest: add the discourse-opener rule.
        if (body.count(". ") + 1) * 250 < len(body) or (". " not in body and len(body) > 150):
            for m in _RUNON.finditer(body):
                cuts.add(para.body_start + m.end())
            media = list(_RUNON_MEDIA.finditer(body))
            for m in media or _RUNON_PUBLISHER.finditer(body):
                cuts.add(para.body_start + m.end())
        ordered = [*sorted(cuts), para.end]
        for a, b in itertools.pairwise(ordered):
            seg = text[a:b]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg.rstrip())
            if trail > lead:
                out.append(Sentence(a + lead, a + trail, text[a + lead : a + trail], pi))
    return out
