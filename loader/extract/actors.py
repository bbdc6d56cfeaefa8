"""Groups, organisations and people: recognition against the shipped reference lists, plus rules
for names the lists do not know (titles, reporting verbs) and for anaphora ("the group", "the
militant outfit", "the IS faction") that resolve to the group a passage is about.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# Tokens of South Asian group names are spelled many ways; each maps to one regex.
_TOKEN_VARIANTS: dict[str, str] = {
    "tehrik": r"te?h?r[ei]+e?k",
    "tehreek": r"te?h?r[ei]+e?k",
    "jamaat": r"jama+t",
    "jamat": r"jama+t",
    "e": r"(?:e|i)",
    "i": r"(?:e|i)",
    "ul": r"(?:ul|al|-ul)",
    "mohammed": r"m[ou]?h?amm?[ae]d",
    "muhammad": r"m[ou]?h?amm?[ae]d",
    "baloch": r"balo?u?ch",
    "baluch": r"balo?u?ch",
    "balochistan": r"balo?u?chistan",
    "qaeda": r"qa[ei]da",
    "qaida": r"qa[ei]da",
}
_WORD_START = re.compile(r"(?<![\w-])[A-Za-z]")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z](?:-[A-Z]{1,2})?$")


def fold(text: str) -> str:
    """Case-, accent-, hyphen- and space-insensitive key for a name."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("'", "").replace("’", "")
    return re.sub(r"[\s\-–_.]+", " ", text).strip()


# The same spellings _TOKEN_VARIANTS matches, folded to one key.
_VARIANT_TOKENS = {
    "tehreek": "tehrik",
    "tahrik": "tehrik",
    "tehrik": "tehrik",
    "e": "i",
    "jamat": "jamaat",
    "muhammad": "mohammed",
    "mohammad": "mohammed",
    "muhammed": "mohammed",
    "baluch": "baloch",
    "baluchistan": "balochistan",
    "qaida": "qaeda",
}


def variant_key(name: str) -> str:
    return " ".join(_VARIANT_TOKENS.get(t, t) for t in fold(name).split())


def _first_letters(alias: str) -> set[str]:
    """The lower-case letters a match of `_alias_regex(alias)` can start with: the alias's first
    letter, or those the spelling variants of its first word allow ("e" -> e, i; "ul" -> u, a)."""
    parts = [p for p in re.split(r"[\s\-–]+", alias) if p]
    first = parts[0] if parts and not _ACRONYM.match(alias) else alias
    variant = _TOKEN_VARIANTS.get(first.lower().strip("'’")) if first is not alias else None
    if variant is None:
        return {first[:1].lower()}
    if variant.startswith("(?:"):
        return {alt.lstrip("-")[:1].lower() for alt in variant[3 : variant.index(")")].split("|")}
    if variant.startswith("["):
        return set(variant[1 : variant.index("]")].lower())
    return {variant[0].lower()}


def _alias_regex(alias: str) -> str:
    if _ACRONYM.match(alias):
        return re.escape(alias)
    parts = [p for p in re.split(r"[\s\-–]+", alias) if p]
    out = []
    for part in parts:
        key = part.lower().strip("'’")
        out.append(_TOKEN_VARIANTS.get(key, re.escape(part)))
    return r"[\s\-–]*".join(out) if len(out) > 1 else out[0]


@dataclass(frozen=True, slots=True)
class ActorRef:
    name: str
    kind: str  # group | organisation
    parent: str | None
    country: str | None
    subtype: str | None


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: ActorRef


class ActorIndex:
    """Compiled matchers for the reference groups and organisations."""

    def __init__(self, groups: list[dict[str, Any]], organisations: list[dict[str, Any]]) -> None:
        self.by_key: dict[str, ActorRef] = {}
        self.by_variant: dict[
            str, ActorRef
        ] = {}  # spelling variants the matcher accepts ("Tehreek-i-Taliban")
        self.by_name: dict[str, ActorRef] = {}
        self.context_acronyms: set[str] = set()
        # "Taliban" -> {"AF": "Afghan Taliban", "PK": "Tehrik-i-Taliban Pakistan"}
        self.resolve_by_country: dict[str, dict[str, str]] = {
            g["name"]: g["resolve_by_country"] for g in groups if g.get("resolve_by_country")
        }
        # Every spelling of a news medium, for the sentence splitter ("... reports Pajhwok Afghan News ...")
        self.media_aliases: list[str] = [
            n
            for o in organisations
            if o.get("subtype") == "media"
            for n in [o["name"], *o.get("aliases", [])]
        ]
        ci: list[tuple[str, str, set[str]]] = []
        cs: list[tuple[str, str, set[str]]] = []
        entries = [(g, "group") for g in groups] + [(o, "organisation") for o in organisations]
        for i, (entry, kind) in enumerate(entries):
            ref = ActorRef(
                name=entry["name"],
                kind="organisation" if entry.get("kind") == "political_party" else kind,
                parent=entry.get("parent"),
                country=entry.get("country"),
                subtype=entry.get("subtype") or entry.get("kind"),
            )
            self.by_name[ref.name] = ref
            self.context_acronyms.update(entry.get("acronyms_need_context", []))
            for alias in [entry["name"], *entry.get("aliases", [])]:
                self.by_key.setdefault(fold(alias), ref)
                self.by_variant.setdefault(variant_key(alias), ref)
                pattern = (f"a{i}", _alias_regex(alias), _first_letters(alias))
                (cs if _ACRONYM.match(alias) else ci).append(pattern)
        # The missions of a body ("United Nations" -> MINUSMA, UNAMA, ...), for "the UN mission in Mali".
        self.missions: dict[str, list[ActorRef]] = {}
        for o in organisations:
            if o.get("parent"):
                self.missions.setdefault(o["parent"], []).append(self.by_name[o["name"]])
        # One alternation per first letter: at a word start only the names that can begin with its
        # letter are tried (Python's re tries alternatives one by one).
        self._ci = self._compile_by_letter(ci, re.IGNORECASE)
        self._cs = self._compile_by_letter(cs, 0)
        # Try the big alternation only where a word starts as some alias starts: a cheap prefilter.
        prefixes = {alias[:2].lower() for e, _ in entries for alias in [e["name"], *e.get("aliases", [])]}
        prefixes |= {"te", "ta", "mu", "mo", "ba"}  # starts of the spelling variants in _TOKEN_VARIANTS
        self._prefixes = frozenset(prefixes)

    @classmethod
    def _compile_by_letter(
        cls, patterns: list[tuple[str, str, set[str]]], flags: int
    ) -> dict[str, re.Pattern[str]]:
        """`_compile` of the patterns that can match a word starting with each letter (lower case)."""
        by_letter: dict[str, list[tuple[str, str]]] = {}
        for name, rx, letters in patterns:
            for letter in letters:
                by_letter.setdefault(letter, []).append((name, rx))
        return {letter: cls._compile(group, flags) for letter, group in by_letter.items()}

    @staticmethod
    def _compile(patterns: list[tuple[str, str]], flags: int) -> re.Pattern[str]:
        # Longest alternatives first so that "Islamic State-Khorasan" wins over "Islamic State".
        patterns = sorted(patterns, key=lambda p: -len(p[1]))
        body = "|".join(f"(?:{rx})" for _, rx in patterns)
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w]|-[A-Za-z])", flags)

    def lookup(self, name: str) -> ActorRef | None:
        return self.by_key.get(fold(name)) or self.by_variant.get(variant_key(name))

    def find(self, text: str) -> list[ActorMention]:
        found: list[ActorMention] = []
        starts = [
            w.start()
            for w in _WORD_START.finditer(text)
            if text[w.start() : w.start() + 2].lower() in self._prefixes
        ]
        for by_letter in (self._ci, self._cs):
            for pos in starts:
                rx = by_letter.get(text[pos].lower())
                m = rx.match(text, pos) if rx is not None else None
                if m is None:
                    continue
                ref = self.lookup(m.group(0))
                if ref is None:
                    continue
                if m.group(0) in self.context_acronyms and not _acronym_in_context(text, m.start(), m.end()):
                    continue
                found.append(ActorMention(m.start(), m.end(), m.group(0), ref))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        out: list[ActorMention] = []
        last_end = -1
        for mention in found:
            if mention.start >= last_end:
                out.append(mention)
                last_end = mention.end
        if self.missions:
            out = self._missions(text, out)
        return [m for m in out if not _owned_elsewhere(text, m)]

    def _missions(self, text: str, found: list[ActorMention]) -> list[ActorMention]:
        """A body's mission named by the body: "the UN mission MINUSMA", "the U.N. peacekeeping mission,
        MINUSMA" (the body's mention gives way to the mission's), "the UN peacekeeping mission in Mali",
        "the African Union force in Somalia" (the mission of that body in that country)."""
        out: list[ActorMention] = []
        for i, m in enumerate(found):
            kids = self.missions.get(m.actor.name)
            if not kids:
                out.append(m)
                continue
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt is not None and nxt.actor in kids and _MISSION_GAP.fullmatch(text, m.end, nxt.start):
                continue
            where = _MISSION_IN.match(text, m.end)
            if where is not None:
                kid = _mission_in(kids, where.group("place"))
                if kid is not None:
                    end = m.end + len(where.group(0))
                    out.append(ActorMention(m.start, end, text[m.start : end], kid))
                    continue
            out.append(m)
        return out


_MISSION_WORDS = (
    r"(?i:(?:peacekeeping|peace-keeping|stabili[sz]ation|political|assistance|transition)\s+)?"
    r"(?i:mission|force|operation)"
)
# Between a body and its mission's acronym: "UN mission MINUSMA", "U.N. peacekeeping mission, MINUSMA".
_MISSION_GAP = re.compile(rf"(?:['’]s)?\s+{_MISSION_WORDS}\s*(?:,\s*|\(\s*)?(?i:the\s+)?")
# After a body: "'s peacekeeping mission in Mali", " force in the Central African Republic".
_MISSION_IN = re.compile(
    rf"(?:['’]s)?\s+{_MISSION_WORDS}\s+(?i:in|for|to)\s+(?i:the\s+)?"
    r"(?P<place>[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,4})"
)


_OWNER_BEFORE = re.compile(r"([A-Z][\w-]+)(?:’s|'s)?\s+$")


def _owned_elsewhere(text: str, m: ActorMention) -> bool:
    """A description that names one country's body ("army's media wing" is Pakistan's ISPR) said of
    another country's ("the Indian army's media wing"): not that body."""
    if m.actor.kind != "organisation" or m.actor.country is None or not m.text[:1].islower():
        return False
    owner = _OWNER_BEFORE.search(text, max(0, m.start - 40), m.start)
    if owner is None:
        return False
    from loader.extract.places import gazetteer  # late: places loads its data on first use

    country = gazetteer().country_of(owner.group(1))
    return country is not None and country != m.actor.country


def _mission_in(kids: list[ActorRef], place: str) -> ActorRef | None:
    """The mission of `kids` in the country `place` names, or whose name holds the place ("Congo")."""
    from loader.extract.places import gazetteer  # late: places loads its data on first use

    words = place.split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        country = gazetteer().country_of(name)
        hits = [k for k in kids if (country is not None and k.country == country) or f" {name}" in k.name]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None  # two missions in one country ("AMISOM", "ATMIS"): the text must name one
    return None


def _acronym_in_context(text: str, start: int, end: int) -> bool:
    """Ambiguous acronyms (SSP is also a police rank) count only in parentheses after a full name
    or beside a word that says what kind of thing they are."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 40].lower()
    if before.endswith("("):
        return False  # "(SSP)" after a name: the full name was matched already
    return bool(
        re.match(r"\W*(militants?|group|outfit|fighters?|cadres?|activists?|spokesman|chief|leader)", after)
    )


@cache
def actor_index() -> ActorIndex:
    data = resources.files("loader") / "data"
    groups = json.loads((data / "groups.json").read_text(encoding="utf-8"))["groups"]
    orgs = json.loads((data / "organisations.json").read_text(encoding="utf-8"))["organisations"]
    return ActorIndex(groups, orgs)


# --- people --------------------------------------------------------------------------------------

TITLE_WORDS = frozenset(
    [
        "president",
        "cdr",
        "cmdr",
        "comdr",
        "maj",
        "brig",
        "sgt",
        "insp",
        "supt",
        "gov",
        "adm",
        "admiral",
        "cpl",
        "vice",
        "prime",
        "minister",
        "former",
        "chief",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "director",
        "general",
        "deputy",
        "inspector",
        "superintendent",
        "police",
        "officer",
        "senior",
        "dr",
        "mr",
        "mrs",
        "ms",
        "maulana",
        "maulvi",
        "mullah",
        "sheikh",
        "commander",
        "governor",
        "ambassador",
        "judge",
        "station",
        "house",
        "sho",
        "dig",
        "ssp",
        "sp",
        "dg",
        "rpo",
        "igp",
        "aig",
        "dpo",
        "dsp",
        "asi",
        "si",
        "head",
        "secretary",
        "home",
        "interior",
        "foreign",
        "defence",
        "defense",
        "information",
        "minister's",
        "provincial",
        "federal",
        "district",
        "regional",
        "additional",
        "assistant",
        "sub",
        "constable",
        "captain",
        "colonel",
        "lt",
        "lieutenant",
        "major",
        "general",
        "brigadier",
        "gen",
        "col",
        "capt",
        "sergeant",
        "army",
        "chairman",
        "leader",
        "member",
        "official",
        "officials",
        "mna",
        "mpa",
        "senator",
        "spokesperson",
        "coordinator",
        "adviser",
        "advisor",
        "consul",
        "representative",
        "envoy",
        "emir",
        "amir",
        "mufti",
        "hafiz",
        "haji",
        "qari",
        "syed",
        "justice",
        "tehsildar",
        "administrator",
        "nazim",
        "cantonment",
        "city",
        "the",
        "a",
        "an",
        "of",
        "for",
        "and",
        "in",
        "to",
        "his",
        "her",
        "its",
        "their",
        "our",
        "crown",
        "prince",
        "princess",
        "king",
        "queen",
        "sultan",
        "mayor",
        "councillor",
        "councilor",
        "commissioner",
        "prosecutor",
        "attorney",
        "chancellor",
        "speaker",
        "egyptian",
        "nigerian",
        "somali",
        "syrian",
        "malian",
        "filipino",
        "saudi",
        "turkish",
        "french",
        "german",
        "israeli",
        "palestinian",
        "kenyan",
        "afghan",
        "pakistani",
        "indian",
        "us",
        "u.s.",
        "american",
        "british",
        "iranian",
        "iraqi",
        "chinese",
        "russian",
    ]
)
# Words that make a capitalised phrase an organisation, not a person's name.
ORG_WORDS = frozenset(
    [
        "mission",
        "ministry",
        "department",
        "council",
        "agency",
        "committee",
        "commission",
        "office",
        "force",
        "forces",
        "army",
        "police",
        "corps",
        "party",
        "front",
        "movement",
        "group",
        "network",
        "news",
        "times",
        "tribune",
        "post",
        "daily",
        "association",
        "union",
        "organization",
        "organisation",
        "institute",
        "university",
        "court",
        "bank",
        "company",
        "authority",
        "government",
        "assembly",
        "parliament",
        "directorate",
        "bureau",
        "service",
        "services",
        "brigade",
        "brigades",
        "battalion",
        "regiment",
        "command",
        "observatory",
        "rights",
        "watch",
        "foundation",
        "centre",
        "center",
        "crescent",
        "cross",
        "society",
        "federation",
        "coalition",
        "alliance",
        "monitor",
        "commission",
        "tribunal",
        "agency",
    ]
)
# Capitalised words that start sentences or name days, never people.
NOT_NAMES = frozenset(
    [
        "both",
        "all",
        "some",
        "many",
        "several",
        "each",
        "every",
        "other",
        "others",
        "meanwhile",
        "however",
        "later",
        "earlier",
        "yesterday",
        "today",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "residents",
        "witnesses",
        "sources",
        "unidentified",
        "unknown",
        "local",
        "security",
        "hospital",
        "medical",
        "rescue",
        "intelligence",
        "military",
        "top",
        "two",
        "three",
        "four",
        "several",
        "survivors",
        "villagers",
        "relatives",
        "doctors",
        "investigators",
        "prosecutors",
        "authorities",
    ]
)
# Lower-case particles inside names: "Mustafa al-Kadhimi", "Osama bin Laden", "Abu Bakr al-Baghdadi",
# "Ursula von der Leyen", "Luiz Inácio Lula da Silva", "Rodrigo Duterte" (no particle).
_PARTICLES = "al|el|ul|ud|ur|e|bin|bint|ibn|abu|abd|van|von|der|den|de|da|di|du|dos|das|del|della"
_JOINED_PARTICLES = "al|el|ul|ud|ur|ad|ar|as|ash|at|ath|an|az|bin|ibn|abu|abd"
_NAME_TOKEN = re.compile(
    rf"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*|[A-Z]\.|uddin|(?:{_PARTICLES})|(?:{_JOINED_PARTICLES})-[A-Z][a-z'’]+|"
    r"[A-Z][a-z]?-[A-Z][a-z'’]+"
)
# A particle joined to a capitalised name ("al-Kadhimi"): a name on its own, even at the start of a run.
_PARTICLE_NAME = re.compile(rf"(?:{_JOINED_PARTICLES})-[A-Z][a-z'’]+")


def person_name(phrase: str, *, places: set[str] | None = None) -> str | None:
    """The person's name in a claimant phrase, without titles: "Former Afghan president Hamid
    Karzai" -> "Hamid Karzai", "ITBP Director General (DG) Subhash Goswami" -> "Subhash Goswami"."""
    phrase = re.sub(r"\([^)]*\)", " ", phrase)
    tokens = re.findall(r"[\w.'’-]+|,", phrase)
    from loader.extract.places import gazetteer  # late: places loads its data on first use

    countries = gazetteer()
    runs: list[list[str]] = []
    titled: set[int] = set()
    current: list[str] = []
    index = actor_index()
    for i, tok in enumerate(tokens):
        low = tok.lower().strip(".")
        is_name = (
            bool(_NAME_TOKEN.fullmatch(tok))
            and not tok.endswith(("'s", "’s"))  # "Pakistan's foreign ministry": an owner, not a name
            and low not in TITLE_WORDS
            and low not in NOT_NAMES
            and not tok.isupper()
            and not (places and tok in places)
            and (
                countries.country_of(tok) is None
                # "Najib Danish said": a country's adjective after a first name, ending the run, is a surname.
                or (
                    len(current) == 1
                    and countries.is_demonym(tok)
                    and not (i + 1 < len(tokens) and tokens[i + 1][:1].isupper())
                )
            )
            and index.lookup(tok) is None
        )
        if is_name and (tok[0].isupper() or current or _PARTICLE_NAME.fullmatch(tok)):
            current.append(tok)
        else:
            if current:
                runs.append(current)
                if low in TITLE_WORDS and tok[0].isupper():
                    titled.add(id(current))  # "Farid Paikan Deputy Head of Kam Air": a name, then a title
            current = []
    if current:
        runs.append(current)
    runs = [
        r
        for r in runs
        if (r[0][0].isupper() or _PARTICLE_NAME.fullmatch(r[0]))
        and not any(t.lower() in ORG_WORDS for t in r)
        and index.lookup(" ".join(r)) is None
    ]
    for r in runs:
        while r and not r[-1][0].isupper() and not _PARTICLE_NAME.fullmatch(r[-1]):
            r.pop()  # "Hamid Karzai and": a trailing particle or article is no part of the name
    runs = [r for r in runs if r]
    if not runs:
        return None
    # Titles precede names ("spokesman Zabihullah Mujahid"); an appositive name comes first
    # ("Azam Tariq, a spokesman of the group"): prefer a multi-word run, the last one.
    multi = [r for r in runs if len(r) >= 2]
    named_before_title = [r for r in multi if id(r) in titled]
    chosen = named_before_title[0] if named_before_title else multi[-1] if multi else runs[-1]
    return " ".join(chosen)
