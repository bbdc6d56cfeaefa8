"""Death and injury tolls of one clause: "killing an estimated 80 people", "At least 13 persons,
including eight militants, were killed and four others got injured", "Twenty nine militants and
four soldiers were killed" (conjoined counts add up), "shot dead a commander along with his aide".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from loader.extract.numbers import Quantity, find_quantities, is_year_like

_KILL = (
    r"kill\w*|dead|died|die|deaths?|death toll|lives|perished|slain|martyred|beheaded|gunned down|lynched|"
    r"executed|shot dead|shot to death|succumbed"
)
_WOUND = r"injur\w*|wound\w*|hurt|injuries|maimed"
# A count after an active verb: "killing 94", "killed at least 28 people", "leaving more than 20 dead".
_FORWARD = re.compile(
    r"\b(?P<verb>kill(?:s|ed|ing)?|shot dead|shoot(?:s|ing)? dead|shooting dead|gunned down|gunning down|"
    r"execut(?:ed|es|ing)|behead(?:ed|s|ing)|leaving|left|injur(?:e|es|ed|ing)|wound(?:s|ed|ing)?|"
    r"claimed the lives of|caused (?:the )?death of|death of)\s+(?:(?:another|an additional|a further|all(?: the)?|an?)\s+)?$",
    re.IGNORECASE,
)
_PASSIVE_AFTER = re.compile(
    rf"^(?P<np>(?:[^,;.]|,\s*(?:including|among them|identified as|of whom)[^,;.]*?,?|,(?=[^,;.]{{3,60}},\s*(?:were|was|have|had)\b)|,(?=\s*(?:were|was|have|had)\b)){{0,120}}?)\s*"
    rf"(?:(?:were|was|have been|had been|has been|are|got|were also|was also|have also been|had also been)\s+)?"
    rf"(?:also\s+|reportedly\s+|seriously\s+|critically\s+|severely\s+)?"
    rf"(?P<verb>{_KILL}|{_WOUND}|sustained (?:\w+ )?injuries|received (?:\w+ )?injuries)\b",
    re.IGNORECASE,
)
_IS_KILL = re.compile(rf"^(?:{_KILL})", re.IGNORECASE)
# "One paramilitary was killed and another wounded"
_ANOTHER_WOUNDED = re.compile(
    r"\band\s+another\s+(?:\w+\s+)?(?:was\s+|got\s+)?(?P<what>wounded|injured|hurt|killed)\b", re.I
)
_ARTICLE_SUBJECT = re.compile(
    r"(?:\b(?P<q>an?|one|another)\s+(?:\w+\s+){0,5}?|\b[A-Z][a-z]+(?: [A-Z][a-z]+){0,3} )(?P<verb>was|has been|had been|got)\s+(?:also\s+|reportedly\s+|"
    r"seriously\s+|critically\s+)?(?P<what>kill\w*|shot dead|injur\w*|wound\w*|martyred|hurt|gunned down|beheaded)|"
    # "Sepoy Ahmed Khan, 24, embraced martyrdom": a named soldier killed (South Asian military idiom)
    r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}(?:,\s+\d{1,2},)?\s+(?P<verb2>embraced)\s+(?P<what2>martyrdom|shahadat)",
    re.IGNORECASE,
)
_ARTICLE_OBJECT = re.compile(
    r"\b(?P<verb>killing|killed|shot dead|shooting dead|gunned down|beheaded|injuring|wounding|injured|wounded)\s+(?:an?|one)\s+"
    r"(?!number|total|series|couple|few|lot|dozen)",
    re.IGNORECASE,
)
_ALONG_WITH = re.compile(
    r"\balong with (?:his|her|their|an?)\s+(?:\w+\s+){0,2}?(?:aide|guard|son|driver|brother|friend|"
    r"colleague|companion|wife|daughter|bodyguard)\b",
    re.IGNORECASE,
)
_ATTACKERS = re.compile(
    r"(?:\w+\s+){0,2}?(?:militants?|attackers?|insurgents?|terrorists?|assailants?|gunmen|bombers?|fighters?|rebels?)\b",
    re.I,
)
_ANY_CASUALTY = re.compile(
    r"kill|dead|died|\bdie|death|lives|perish|slain|martyr|shahadat|behead|gunned|lynch|execut|succumb|"
    r"injur|wound|hurt|maim",
    re.IGNORECASE,
)


def _not_a_count(text: str, start: int, end: int) -> bool:
    """An age after a name ("Azhar Hussain (59)"), a constituency or unit code ("PS 128", "NA-246")."""
    if text[max(0, start - 1) : start] == "(" and text[end : end + 1] == ")":
        return True
    return bool(re.search(r"\b[A-Z]{2,4}[\s-]$", text[max(0, start - 5) : start]))


# "The SHO of New Saryab Police Station, a constable and driver were shot dead": three people
_LISTED_VICTIMS = re.compile(
    r"^(?:[^,;.]{0,40},\s*)?(?P<subj>(?:the|an?)\s+[^.;]{3,160}?)\s+were\s+(?:\w+ly\s+)?(?P<verb>shot dead|killed|gunned down|injured|wounded)\b",
    re.IGNORECASE,
)
# One person in a list of victims: no count, and a head noun that is not plural.
_SINGULAR_ITEM = re.compile(
    r"^(?!.*\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|some)\b)[^,]*?(?:[^s\W]|ss)\)?$",
    re.IGNORECASE,
)
_SINGULAR_PASSIVE = re.compile(
    r"\b(?:was|has been|had been)\s+(?:\w+ly\s+)?(?P<what>shot dead|killed|gunned down|murdered|assassinated|beheaded|"
    r"martyred|injured|wounded|hurt)\b",
    re.IGNORECASE,
)
# "The SHO, Noorul Anwar, sustained injuries", "a passer-by received bullet wounds": one person hurt.
_SUSTAINED = re.compile(
    r"\s+(?:also\s+)?(?:sustained|received|suffered)\s+(?:\w+\s+){0,2}?(?:injuries|wounds)\b", re.IGNORECASE
)
_SUBJECT_BEFORE = re.compile(r"[^,;.()]{1,100}$")
_CLAUSE_OPENER = re.compile(
    r".*\b(?:when|while|whereas|but|as|after|that|(?:killed|dead|died|wounded|injured|hurt),?\s+and)\s+",
    re.IGNORECASE,
)
_PLURAL_HEAD = re.compile(
    r"(?:[^s\W]s|men|people|police|personnel|staff|forces|security|others|both|all|they|we|he|she|who)$",
    re.IGNORECASE,
)
_COMPANIONS_BEFORE = re.compile(
    r"\b(?:killed|dead|died|shot dead|gunned down|martyred|injured|wounded|hurt),?\s+along\s+with\s+(?:(?:his|her|their)\s+)?$",
    re.I,
)
_ALONG_WITH_COUNT = re.compile(r",?\s+along\s+with\s+(?:(?:his|her|their)\s+)?", re.I)
# "along with 115 wounded": the count has its own casualty word, so it is no companion of the dead.
_OWN_VERB = re.compile(rf"\s*(?:{_KILL}|{_WOUND})\b", re.I)
_SEPARATE_INCIDENTS = re.compile(
    r"\bin (?:\w+ )?(?:separate|different) (?:incidents|attacks)\b", re.IGNORECASE
)
_NOT_CASUALTY_NP = re.compile(
    r"\b(?:arrested|rescued|recovered|detained|held|guarding|sleeping|deployed)\b", re.I
)


@dataclass
class Toll:
    killed: tuple[int | None, int | None] | None = None
    wounded: tuple[int | None, int | None] | None = None
    killed_span: tuple[int, int] | None = None
    wounded_span: tuple[int, int] | None = None
    also_killed: tuple[int | None, int | None] | None = None  # "two assailants were also killed"


def _add(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> tuple[int | None, int | None]:
    low = (a[0] or 0) + (b[0] or 0) if a[0] is not None or b[0] is not None else None
    high = a[1] + b[1] if a[1] is not None and b[1] is not None else None
    return (low, high)


_NP_WORD = r"(?!(?:of|including|among|mostly|most|all|both|whom|them|and)\b)[\w'’“”\"-]+"
_NP = rf"(?:{_NP_WORD}\s+){{0,3}}?{_NP_WORD}"
# Between two conjoined objects of "killed": the first one's noun phrase, then a comma or "and".
_OBJECT_GAP = re.compile(rf"\s+(?P<np>{_NP})(?P<sep>,\s*(?:and\s+)?|\s+and\s+)", re.IGNORECASE)
# A last object with an article: "killing two workers, two police officers, and a candidate".
_LAST_ARTICLE_OBJECT = re.compile(
    rf"\s+(?P<head>{_NP})(?P<sep>,\s*and\s+|\s+and\s+)(?:an?|one)\s+(?P<np>{_NP})"
    r"(?=\s+(?:and|in|at|on|near|when|while|as|after|during|outside|inside|from)\b|\s*[,.;]|\s*$)",
    re.IGNORECASE,
)
_QUOTES = " \"'“”‘’"
_GENERIC_COUNTED = re.compile(r"(?:people|persons|individuals|others)", re.IGNORECASE)


def _has_own_verb(text: str, end: int) -> bool:
    """The count ending at `end` is the subject of its own casualty verb ("and three others were hurt")."""
    m = _PASSIVE_AFTER.match(text[end:])
    return m is not None and not re.search(r"\band\s*$", m.group("np"))


def _conjoined_objects(
    text: str, quantities: list[Quantity], i: int, value: tuple[int | None, int | None]
) -> tuple[tuple[int | None, int | None], list[int]]:
    """ "killed two workers, two police officers and a candidate": conjoined objects of an active
    casualty verb add up (5). Left out: an apposition that breaks a total down ("killed 10 people,
    4 soldiers and 6 civilians"), a count with its own verb ("and three others were hurt") and, as in
    the passive reading, attackers named beside victims. Returns the toll and the indices it used."""
    first = quantities[i]
    items: list[tuple[int, tuple[int | None, int | None], str]] = []  # (index or -1, bounds, what)
    separators: list[str] = []
    first_np: str | None = None
    previous = first
    for j in range(i + 1, len(quantities)):
        gap = _OBJECT_GAP.fullmatch(text, previous.end, quantities[j].start)
        if gap is None or _has_own_verb(text, quantities[j].end):
            break
        first_np = gap.group("np") if first_np is None else first_np
        separators.append(gap.group("sep"))
        items.append(
            (j, (quantities[j].low, quantities[j].high), text[quantities[j].end : quantities[j].end + 40])
        )
        previous = quantities[j]
    last = _LAST_ARTICLE_OBJECT.match(text, previous.end)
    if last is not None:
        first_np = last.group("head") if first_np is None else first_np
        separators.append(last.group("sep"))
        items.append((-1, (1, 1), last.group("np")))
    if not items or first_np is None:
        return value, []
    if "," in separators[0]:
        total = items[0][1]
        for _, bounds, _what in items[1:]:
            total = _add(total, bounds)
        serial = any(sep.startswith(",") and "and" in sep for sep in separators[1:])  # "X, Y, and Z"
        if _GENERIC_COUNTED.fullmatch(first_np.split()[-1]) or (total[0] == value[0] and not serial):
            return value, []  # "killed 10 people, 4 soldiers and 6 civilians": the same 10, broken down
    first_attackers = bool(_ATTACKERS.match(first_np.strip(_QUOTES)))
    victims = [bounds for _, bounds, what in items if not _ATTACKERS.match(what.strip(_QUOTES))]
    if first_attackers and victims:
        value = victims[0]  # "killing 19 militants and seven soldiers": the toll is the victims'
        victims = victims[1:]
    elif first_attackers:
        victims = [bounds for _, bounds, _what in items]
    for bounds in victims:
        value = _add(value, bounds)
    return value, [j for j, *_ in items if j >= 0]


@functools.lru_cache(
    maxsize=1024
)  # a clause is read for its toll up to three times; callers do not mutate the result
def clause_toll(text: str, *, summary: bool = False) -> Toll:
    """Tolls stated in one clause or sentence (offsets relative to `text`).

    `summary`: the text is one record summarising an event (a datelined brief), so a total over
    "two separate attacks" is still its toll."""
    toll = Toll()
    if not _ANY_CASUALTY.search(text):
        return toll
    if not summary and _SEPARATE_INCIDENTS.search(text):
        return toll  # a total over several incidents is no one incident's toll
    quantities = [
        q for q in find_quantities(text) if not is_year_like(q) and not _not_a_count(text, q.start, q.end)
    ]
    used: set[int] = set()

    def record(kind: str, value: tuple[int | None, int | None], span: tuple[int, int], also: bool) -> None:
        if kind == "killed":
            if also:
                toll.also_killed = value
            elif toll.killed is None:
                toll.killed, toll.killed_span = value, span
        elif toll.wounded is None:
            toll.wounded, toll.wounded_span = value, span

    for i, q in enumerate(quantities):
        before = text[max(0, q.start - 45) : q.start]
        fwd = _FORWARD.search(before)
        if fwd:
            verb = fwd.group("verb").lower()
            after = text[q.end : q.end + 60]
            kind = "wounded" if verb.startswith(("injur", "wound")) else "killed"
            if verb.startswith("wound") and verb == "wounded" and re.match(r"\s*(?:by|in|at)\b", after):
                continue
            if verb in ("leaving", "left"):
                m = re.match(rf"\s*(?:\w+\s+){{0,3}}?(?P<v>dead|{_WOUND}|{_KILL})", after, re.IGNORECASE)
                if not m:
                    continue
                kind = "killed" if _IS_KILL.match(m.group("v")) else "wounded"
            value: tuple[int | None, int | None] = (q.low, q.high)
            along_one = _ALONG_WITH.search(after[:40])
            if along_one and kind == "killed" and value[0] is not None:
                value = _add(value, (1, 1))
            along_n = re.match(r"\s*(?:\w+\s+){0,3}?along with\s+", after)
            if along_n:
                following = [p for p in quantities[i + 1 :] if p.start <= q.end + along_n.end() + 2]
                if following:
                    value = _add(value, (following[0].low, following[0].high))
                    used.add(i + 1)
            if not along_n and verb not in ("leaving", "left"):
                value, conjoined = _conjoined_objects(text, quantities, i, value)
                used.update(conjoined)
            record(kind, value, (q.start, q.end), False)
            used.add(i)
    # Subjects of passive verbs: "N people were killed", "Twenty nine militants and four soldiers were killed".
    for i, q in enumerate(quantities):
        if i in used:
            continue
        if _COMPANIONS_BEFORE.search(text, max(0, q.start - 40), q.start) and not _OWN_VERB.match(
            text, q.end
        ):
            continue  # "X was killed along with three guards": counted with X below
        m = _PASSIVE_AFTER.match(text[q.end :])
        if (
            not m
            or _NOT_CASUALTY_NP.search(m.group("np"))
            or re.search(r"\b(?:killing|injuring|wounding)\b", m.group("np"))
        ):
            continue
        if re.search(
            r"\b(?:was|were|is|are)\b(?!\s+(?:\w+ly\s+)?(?:reported|believed|said|feared|confirmed)\b)",
            m.group("np"),
        ):
            continue  # the count is the subject of another verb: "one of them was Spanish and seven others were wounded"
        np = m.group("np")
        # Numbers inside "including eight militants" belong to the count before them.
        value = (q.low, q.high)
        j = i + 1
        chained = True  # counts joined by "and" add up; after an apposition ("Six persons, four ...") they break it down
        while j < len(quantities) and quantities[j].start < q.end + m.start("verb"):
            between = text[quantities[j - 1].end : quantities[j].start]
            inner = quantities[j]
            if re.search(r"\b(?:including|among them|of whom|of them)\b", between) or "," in between:
                used.add(j)
                chained = False
            elif (
                chained
                and re.search(r"\band\b", between)
                and not re.search(r"\b(?:including|among)\b", np[: inner.start - q.end])
            ):
                # "19 militants and seven soldiers were killed": the toll is the victims'.
                first_attackers = _ATTACKERS.match(
                    text[q.end : quantities[j - 1].end + len(between)].strip() or "x"
                )
                inner_np = text[inner.end : inner.end + 40]
                if _ATTACKERS.match(text[q.end :].strip()) and not _ATTACKERS.match(inner_np.strip()):
                    value = (inner.low, inner.high)
                elif not _ATTACKERS.match(inner_np.strip()) or first_attackers:
                    value = _add(value, (inner.low, inner.high))
                used.add(j)
            else:
                used.add(j)
            j += 1
        verb = m.group("verb")
        kind = "killed" if _IS_KILL.match(verb) else "wounded"
        if verb.lower().startswith("succumbed"):
            kind = "killed"
        also = bool(re.search(r"\balso\b", m.group(0)))
        record(kind, value, (q.start, q.end), also)
        used.add(i)
    for m in _ARTICLE_SUBJECT.finditer(text):
        if any(q.start <= m.start() < q.end for q in quantities):
            continue
        what = m.group("what") or "killed"  # "embraced martyrdom"
        kind = "killed" if _IS_KILL.match(what) or what.lower() == "shot dead" else "wounded"
        value = (1, 1)
        after = text[m.end() : m.end() + 80]
        if _ALONG_WITH.search(after):
            value = (2, 2)
        along_n = re.search(r"\balong with\s+", after)
        if along_n:
            following = [
                q for q in quantities if m.end() + along_n.end() <= q.start <= m.end() + along_n.end() + 2
            ]
            if following:
                value = _add(value, (following[0].low, following[0].high))
        record(kind, value, (m.start(), m.end()), "also" in m.group(0).lower())
    for m in _ARTICLE_OBJECT.finditer(text):
        kind = "wounded" if m.group("verb").lower().startswith(("injur", "wound")) else "killed"
        value = (2, 2) if _ALONG_WITH.search(text[m.end() : m.end() + 50]) else (1, 1)
        record(kind, value, (m.start(), m.end()), False)
    if toll.killed is None or toll.wounded is None:
        listed = _LISTED_VICTIMS.search(text)
        if listed and not any(q.start < listed.end("subj") for q in quantities):
            items = [i for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed.group("subj")) if i.strip()]
            kind = (
                "killed"
                if _IS_KILL.match(listed.group("verb")) or listed.group("verb").startswith("shot")
                else "wounded"
            )
            if len(items) >= 2 and all(_SINGULAR_ITEM.match(i.strip()) for i in items):
                record(kind, (len(items), len(items)), (listed.start(), listed.end()), False)
    for m in _ANOTHER_WOUNDED.finditer(text):
        record(
            "killed" if m.group("what").lower() == "killed" else "wounded",
            (1, 1),
            (m.start(), m.end()),
            False,
        )
    # A singular subject however long ("The president ..., identified as Dr X (61), was shot dead"): one.
    for m in _SINGULAR_PASSIVE.finditer(text):
        value = (1, 1)
        along_n = _ALONG_WITH_COUNT.match(text, m.end())
        if along_n:
            following = [q for q in quantities if along_n.end() <= q.start <= along_n.end() + 2]
            if following and not _OWN_VERB.match(text, following[0].end):
                value = _add(value, (following[0].low, following[0].high))
        record(
            "wounded" if m.group("what").lower().startswith(("injur", "wound", "hurt")) else "killed",
            value,
            (m.start(), m.end()),
            False,
        )
    if toll.wounded is None:
        for m in _SUSTAINED.finditer(text):
            stretch = _SUBJECT_BEFORE.search(text, max(0, m.start() - 100), m.start())
            if stretch is None:
                continue
            opener = _CLAUSE_OPENER.match(stretch.group())
            subject_start = stretch.start() + (opener.end() if opener else 0)
            subject = text[subject_start : m.start()].strip()
            if (
                subject
                and not re.search(r"\band\b|\d", subject)
                and not any(subject_start <= q.start < m.end() for q in quantities)
                and not _PLURAL_HEAD.search(subject)
            ):
                record("wounded", (1, 1), (m.start(), m.end()), False)
                break
    if re.search(r"\bsuccumbed to (?:his|her) injur", text, re.IGNORECASE) and toll.killed is None:
        toll.killed = (1, 1)
        toll.killed_span = (0, len(text))
    return toll
