"""The extraction stage: a read `Document` in, an `ExtractedDocument` out.

spaCy is the framework: a blank English pipeline whose rule components set sentence boundaries
(`eventsdb_sentences`) and actor spans (`eventsdb_actors`, in `doc.spans["actors"]`). Incidents and
claims are then read off the sentences by the rules in incidents/claims/casualties/vocab. Nothing is
statistical, so the same input always gives the same output, and nothing is downloaded.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from loader.extract.actors import NOT_NAMES, ORG_WORDS, ActorMention, actor_index, fold, person_name
from loader.extract.casualties import Toll, clause_toll
from loader.extract.claims import RawClaim, find_claims
from loader.extract.dates import DateContext, DateValue
from loader.extract.numbers import find_quantities
from loader.extract.places import Place, PlaceMention, gazetteer
from loader.extract.segment import Paragraph, Sentence, paragraphs, sentences
from loader.extract.vocab import (
    ATTACK_CUES,
    GENERIC_ATTACK,
    PROMINENT_VICTIM,
    SUICIDE,
    TARGET_LEXICON,
    attack_types_in,
    pick_attack_type,
)
from loader.model import (
    Actor,
    Claim,
    ExtractedDocument,
    GroupRelation,
    Incident,
    Mention,
    Source,
    Span,
)
from loader.read import Document


# --- spaCy pipeline -------------------------------------------------------------------------------
@Language.component("eventsdb_sentences")
def _sentence_component(doc: Doc) -> Doc:
    """Sentence starts from the rules in `segment` (datelines, run-on digests), set in one array write."""
    text = doc.user_data.get("eventsdb_text") or doc.text
    doc.user_data["eventsdb_text"] = text
    found = sentences(text)
    doc.user_data["eventsdb_sentences"] = found
    if len(doc):
        offsets = doc.to_array(IDX)
        flags = numpy.where(
            numpy.isin(offsets, numpy.array([s.start for s in found], dtype=offsets.dtype)), 1, -1
        )
        flags[0] = 1
        doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))  # type: ignore[arg-type]
    return doc


@Language.component("eventsdb_actors")
def _actor_component(doc: Doc) -> Doc:
    spans = []
    mentions = actor_index().find(doc.user_data.get("eventsdb_text") or doc.text)
    doc.user_data["eventsdb_actors"] = mentions
    for m in mentions:
        span = doc.char_span(m.start, m.end, label=m.actor.kind, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["actors"] = spans
    return doc


@cache
def nlp() -> Language:
    """The spaCy pipeline, built once per process."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("eventsdb_sentences")
    pipeline.add_pipe("eventsdb_actors")
    return pipeline


# --- helpers --------------------------------------------------------------------------------------
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|inside|of|across|around|on|from|within|between|to|into)\s+(?:the\s+)?"
    r"(?:(?:provincial|federal)\s+capital\s+|outskirts\s+of\s+|capital\s+)?(?:(?:upper|lower)\s+)?$)|^$|\($|,\s*$",
    re.I,
)
_NON_LOCATIVE = re.compile(r"\b(?:to|into|from|against|towards)\s+(?:the\s+)?$", re.IGNORECASE)
_LOCALITY = re.compile(
    r"\b(?:in|at|near|outside|of)\s+(?:the\s+)?(?P<name>(?:[A-Z][\w'’-]*\s+){1,3}?)(?P<kind>area|village|town|bazaar|"
    r"locality|neighbou?rhood|Town|Area|Village|Bazaar|checkpost|check post|Post|post|camp|mohalla|Colony|colony|"
    r"tehsil|Tehsil)\b"
)
_KEEP_SUFFIX = {"Bazaar", "Colony"}
# What follows the place of a news agency's dateline: "BEIRUT (AP) _", "KABUL, Afghanistan (Reuters) -".
_AGENCY_DATELINE = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*\((?:AP|Reuters|AFP|UPI|IANS|PTI|APP|dpa|Xinhua)\)\s*[_—–-]"
)
# A place the deed is done to is where it happened: "militants attacked Mosul", "overran Kunduz",
# "stormed Garissa University College", "raided the town of X".
_DEED_OBJECT = re.compile(
    r"\b(?:attacked|stormed|raided|overran|overrun|seized|captured|shelled|bombed|besieged|invaded)\s+$", re.I
)
_TOWN_OF = re.compile(
    r"\b(?:in|at|near|attacked|stormed|raided|overran|seized|captured|shelled|bombed)\s+the\s+(?:\w+\s+)?"
    r"(?:town|village|city|hamlet|district)\s+of\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
# "in Konduga, 35 km southeast of Maiduguri": the place named, measured from a reference city.
_NAMED_FROM = re.compile(
    r"\b(?:in|at)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?:\s+(?:village|town|area))?,\s+(?:about\s+|some\s+|around\s+|nearly\s+)?"
    r"\d+(?:\.\d+)?\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:\(\d+\s*\w+\)\s+)?(?:away\s+)?"
    r"(?:from|of|(?:north|south|east|west)\w*(?:\s+of)?)\b"
)
# "in the district", not "in the district of Zhob" nor "in the district's hospital".
_UNIT_ANAPHOR = re.compile(
    r"\b(?:in|across|of)\s+the\s+(?P<unit>district|province|agency|tehsil)\b(?!\s+(?:of|headquarters?)\b|['’])",
    re.I,
)
_DISTANCE = re.compile(
    r"\b(?:kilomet(?:er|re)s?|km|miles?)\s+(?:away\s+)?(?:from|of|(?:north|south|east|west)\w*\s+of)\s+$",
    re.I,
)


_DIRECTION_WORDS = re.compile(
    r"^(?:(?:north|south|east|west|central|centre|center|upper|lower|outer|inner)(?:ern|ward)?[\s-]*)+", re.I
)


def _strip_designator(name: str) -> str:
    """ "Wana town" -> "Wana", "Gilgit city" -> "Gilgit": the designator is not part of the name."""
    return re.sub(
        r"\s+(?:town|Town|city|City|village|Village|area|Area|District|district|Agency|agency|tehsil|Tehsil)$",
        "",
        name,
    )


_ANOTHER = re.compile(
    r"\b(?:another|separate|separately|second|In a separate|were also attacked|was also attacked|also set)\b",
    re.I,
)
_PLURAL_GENERIC = re.compile(
    r"\b(?:attacks|bombings|kidnappings|assaults|operations|killings|strikes|raids)\b", re.I
)
_SINGULAR_EVENT = re.compile(
    r"\b(?:an?|the)\s+(?:\w+\s+){0,3}?(?:attack|bombing|blast|explosion|ambush|assault|raid|"
    r"shooting|air ?strike|drone strike|encounter|clash)\b|\b(?:twin|double|triple)\s+(?:\w+\s+){0,2}?"
    r"(?:attacks?|bombings?|blasts?|explosions?)\b|\b(?:attacked|bombed|stormed|ambushed|blew up|blown up|targeted|"
    r"open(?:ed|s)? (?:(?!(?:a|an|the|its|their|his|her|new)\b)\w+ )?fir(?:e|ing)|set on fire|set ablaze|exploded|detonated|(?:came|coming|come) under (?:\w+ )?(?:attack|fire)|"
    r"shot dead|hurled|lobbed|abducted|kidnapped|attacking)\b",
    re.IGNORECASE,
)
# A finite verb of a particular deed (not "carried out attacks" or "launching attacks").
_EVENT_VERB = re.compile(
    r"\b(?:was|were)\s+(?:also\s+)?(?:set on fire|set ablaze|torched|blown up|bombed|attacked|stormed|abducted|kidnapped)\b|"
    r"\b(?:blew up|set (?:\w+ )?on fire|set ablaze|torched|open(?:ed|s)? (?:(?!(?:a|an|the|its|their|his|her|new)\b)\w+ )?fir(?:e|ing)|fired (?:on|at|upon)|exploded|detonated)\b",
    re.IGNORECASE,
)
# "a suicide bombing", "an attack": a new event, where "the attack" refers back to one already told.
_INDEFINITE_EVENT = re.compile(
    r"\b(?:an?|another|second|twin|double)\s+(?:\w+\s+){0,3}?(?:attack|bombing|bomb|blast|explosion|ambush|"
    r"assault|raid|shooting|strike)\b|\b(?:bombed|attacked|stormed)\s+(?:an?|another)\b",
    re.I,
)
_OTHER_EVENT = re.compile(
    r"\b(?:prior|previous|earlier|another|second|separately|in addition|additionally)\b", re.I
)
_HABITUAL = re.compile(
    r"\b(?:have|has)\s+(?:\w+\s+){0,3}?(?:killed|carried out|claimed|staged|conducted)\b[^.;]{0,80}\b(?:since|so far|"
    r"over the (?:past|last))\b|\bso far this year\b|"
    r"\b(?:regularly|routinely|frequently|often|usually|repeatedly|habitually|possible|potential|"
    r"planned|planning|plotting|threat of|threatened|would continue|will continue)\b",
    re.I,
)
# "the attack", "the killing of": a sentence that refers back to an event already told.
_DEFINITE_EVENT = re.compile(
    r"\b(?:the|this|that|same)\s+(?:\w+\s+){0,2}?(?:attack|assault|blast|explosion|bombing|incident|"
    r"killing|murder|encounter|clash|firing|raid|ambush|exchange of fire|gun ?battle|gunfight|firefight|shoot-?out|siege)\b",
    re.I,
)
# "In the deadliest attack, ...", "the second bombing": one event picked out of several, not the one told.
_RANKED_EVENT = re.compile(
    r"\b[Tt]he\s+(?:deadliest|worst|bloodiest|largest|biggest|first|second|third|fourth|earlier|previous|other)\s+"
    r"(?:\w+\s+)?(?:attack|assault|blast|explosion|bombing|incident|killing|raid|ambush|massacre)\b"
)
_DENIAL = re.compile(r"\b(?:denied|denies|distancing|disowned|rejected)\b", re.IGNORECASE)
_PARENT_CONTEXT = re.compile(
    r"\b(?:faction|splinter group|offshoot|wing|chapter|breakaway faction|affiliate)\s+of\s+(?:the\s+)?$",
    re.I,
)
# "the group", "the militant outfit", "the IS faction", "the al-Qaeda-linked group", "the jihadist
# group": the group the passage is about. A group named inside ("IS", "al-Qaeda-linked") is its
# family (`parent`), or one it is tied to (`linked`), never the group itself.
_ANAPHOR = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:(?P<linked>[\w’'-]+?)-(?:linked|affiliated|allied|aligned|backed|inspired|"
    r"connected|associated)\s+|(?P<parent>[A-Z][\w-]*)\s+)?(?:(?:militant|jihadist|jihadi|Islamist|extremist|"
    r"insurgent|terror|terrorist|armed|banned|outlawed|proscribed|rebel|separatist|radical|Sunni|Shia|Shiite|"
    r"Salafi|Salafist|little-known|hardline)\s+){0,2}(?:group|militant outfit|outfit|faction|organi[sz]ation|militia|"
    r"alliance)\b"
)
# "the al-Qaeda affiliate", "the IS branch": a group named as the family of the one meant.
_FAMILY_OF = re.compile(
    r"^(?:the|an?)\s+(?P<parent>.+?)(?:’s|'s)?\s+(?:(?:local|regional|\w+n|\w+i)\s+)?(?:affiliate|branch|franchise|"
    r"wing|offshoot|ally|arm|chapter|province)$",
    re.IGNORECASE,
)
# "The militants claimed responsibility": the fighters of the group the passage is about.
_FIGHTERS = re.compile(
    r"^(?:the\s+)?(?:militants|insurgents|jihadists|rebels|extremists|fighters|terrorists)$", re.I
)
_CLAIMED = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:the\s+)?(?:responsibility|credit|(?:the|a|an|this|that)\s+(?:\w+\s+){0,3}?(?:attack|bombing|blast|"
    r"killing|shooting|assault|explosion|abduction|kidnapping|raid|ambush|massacre)|it\b)|\btook\s+(?:the\s+)?credit\b|"
    r"\b(?:tak(?:e|es|ing)|took|accept(?:s|ed|ing)?|own(?:s|ed)?)\s+(?:full\s+|the\s+)?responsibility\b",
    re.IGNORECASE,
)
# Perpetrators the text names only by a description: "by Baloch separatists", "by religious extremists".
_GENERIC_PERPETRATOR = re.compile(
    r"\b(?:by|blamed on|suspect(?:ed)?|however,)\s+(?:the\s+)?(?P<g>(?:[A-Z][a-z]+|religious|sectarian)\s+"
    r"(?:separatists|nationalists|extremists|rebels|insurgents))\b"
)
_SUSPECTED = re.compile(r"\b(?:suspected|believed to be|blamed|alleged(?:ly)?)\b", re.IGNORECASE)
# A date that belongs to a report or a statement, not to the attack: "reports Bakhtar News on September 5",
# "confirmed on January 21 that", "claimed on February 19 that".
_REPORT_DATE = re.compile(
    r"(?:\b(?:reports?|reported|adds|added)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,4}\s+(?:on|dated)\s+|"
    r"\b(?:said|says|confirmed|told|claimed|informed|announced|stated|reported|added)\s+(?:on\s+)?)$"
)
_REPORT_WORD = re.compile(
    r"^(?:the\s+)?(?:(?:latest|annual|new|recent|same)\s+)*(?:(?P<owner>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*?)(?:’s|'s)?\s+)?(?:(?:annual|latest|new)\s+)?report\b",
    re.I,
)


@dataclass
class Loc:
    country: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None

    def rank(self) -> int:
        return {"city": 4, "admin2": 3, "admin1": 2, "country": 1, "region": 1}.get(self.precision or "", 0)


@dataclass
class Draft:
    """An incident while it is being assembled from one or more sentences."""

    start: int
    end: int
    paragraph: int
    date: DateValue | None = None
    loc: Loc = field(default_factory=Loc)
    attack_kinds: list[str] = field(default_factory=list)
    suicide: bool = False
    target_type: str | None = None
    target: str | None = None
    killed: tuple[int | None, int | None] | None = None
    wounded: tuple[int | None, int | None] | None = None
    perpetrator: str | None = None
    attribution: str | None = None
    claimed: bool = False
    claims: list[int] = field(default_factory=list)
    brief: bool = False


def _loc_from_place(place: Place, surface: str | None = None) -> Loc:
    """A location from a gazetteer place; the city keeps the spelling of the text (`surface`), as
    researchers search for the name the source used, and the province its ISO 3166-2 name."""
    loc = Loc(
        country=place.country or None,
        admin1=place.admin1,
        admin1_code=place.admin1_code,
        latitude=place.latitude,
        longitude=place.longitude,
        precision=place.kind,
    )
    if place.kind == "city":
        loc.city = surface or place.name
    elif place.kind == "admin1":
        loc.admin1 = place.name
    if place.kind in ("country", "region"):
        loc.latitude = loc.longitude = None
    return loc


def _merge_loc(base: Loc, new: Loc) -> Loc:
    """Refine a location with a more specific one that does not contradict it."""
    if new.rank() <= base.rank():
        return base
    if base.country and new.country and base.country != new.country:
        # A named town beats a country named in passing ("NATO forces in Afghanistan, in Jamrud").
        return new if new.rank() >= 3 and base.rank() <= 1 else base
    if base.admin1 and new.admin1 and fold(base.admin1) != fold(new.admin1):
        return base
    if base.city and new.city and fold(base.city) != fold(new.city):
        return base
    merged = Loc(**vars(new))
    merged.country = new.country or base.country
    merged.admin1 = new.admin1 or base.admin1
    merged.admin1_code = new.admin1_code or base.admin1_code
    return merged


class DocumentExtractor:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        # The components read the text from user_data: Doc.text is rebuilt from the tokens on each access.
        made = nlp().make_doc(self.text)
        made.user_data["eventsdb_text"] = self.text
        self.spacy_doc = nlp()(made)
        self.paras: list[Paragraph] = _story_paragraphs(paragraphs(self.text))
        self.sents: list[Sentence] = self.spacy_doc.user_data["eventsdb_sentences"]
        self.actor_mentions: list[ActorMention] = self.spacy_doc.user_data["eventsdb_actors"]
        self.gaz = gazetteer()
        self._place_mentions: list[PlaceMention] | None = None
        self._briefs = any(p.dateline_date for p in self.paras)  # datelined briefs need no place scan
        self._doc_country: tuple[str | None] | None = None
        self.claims: list[Claim] = []
        self.drafts: list[Draft] = []
        self.relations: list[GroupRelation] = []
        self.people: dict[str, list[Mention]] = {}
        self.unknown_orgs: dict[str, list[Mention]] = {}
        self.unknown_groups: dict[str, list[Mention]] = {}
        self.report_owner: str | None = None
        self._titles: list[tuple[str, str]] = []  # (title words, person) for "the SSP said"
        self._speaker_spans: list[tuple[int, int]] = []  # who speaks: never the target of an attack
        self.report_owner = self._find_report_owner()
        self._fallback_year: int | None = None  # a title's or a copyright notice's year, undated texts

    @property
    def place_mentions(self) -> list[PlaceMention]:
        """Place mentions of the whole text, found on first use (datelined briefs need none)."""
        if self._place_mentions is None:
            self._place_mentions = self.gaz.find(self.text)
        return self._place_mentions

    @property
    def doc_country(self) -> str | None:
        """The country the document is mostly about: of its datelines, else of its places."""
        if self._doc_country is None:
            countries = Counter(
                _country_of(p.dateline_country) for p in self.paras if p.dateline_date and p.dateline_country
            )
            countries.pop(None, None)
            if not countries:
                countries = Counter(pm.place.country for pm in self.place_mentions if pm.place.country)
            self._doc_country = (countries.most_common(1)[0][0] if countries else None,)
        return self._doc_country[0]

    # --- actors -----------------------------------------------------------------------------------
    def groups_in(self, start: int, end: int) -> list[ActorMention]:
        return [
            m for m in self.actor_mentions if start <= m.start and m.end <= end and m.actor.kind == "group"
        ]

    def resolve_group_name(self, name: str, country: str | None) -> str:
        ref = actor_index().lookup(name)
        if ref is None:
            return name
        data = actor_index().resolve_by_country.get(ref.name)
        if data:
            return data.get(country or self.doc_country or "", ref.name)
        return ref.name

    def salient_group(
        self, before: int, parent: str | None = None, *, exclude_parent: bool = False
    ) -> str | None:
        """The group the passage before `before` is about: the most named, the last named on a tie;
        with `parent`, one of that family first; with `exclude_parent`, never the parent itself
        ("the al-Qaeda-linked group" is not al-Qaeda)."""
        counts: Counter[str] = Counter()
        last: dict[str, int] = {}
        for m in self.actor_mentions:
            if m.start >= before or m.actor.kind != "group":
                continue
            counts[m.actor.name] += 1
            last[m.actor.name] = m.start
        pref = actor_index().lookup(parent) if parent else None
        if pref is not None:
            kids = [n for n in counts if actor_index().by_name[n].parent == pref.name]
            if kids:
                return max(kids, key=lambda n: (counts[n], last[n]))
            if exclude_parent:
                counts.pop(pref.name, None)
        if not counts:
            return None
        return max(counts, key=lambda n: (counts[n], last[n]))

    def resolve_anaphor(self, phrase: str, before: int, *, whole: bool = False) -> str | None:
        """The group an anaphoric phrase ("the group", "the al-Qaeda-linked group", "the IS faction",
        "the al-Qaeda affiliate", "the militants") refers to; with `whole`, only when the phrase is
        nothing else."""
        phrase = phrase.strip(" ,")
        an = _ANAPHOR.search(phrase)
        if an is not None and (not whole or (an.start() == 0 and an.end() == len(phrase))):
            if an.group("linked"):
                return self.salient_group(before, an.group("linked"), exclude_parent=True)
            if not an.group("parent"):
                named = self._apposed(an.group(0).split()[-1], before)
                if named:
                    return named
            return self.salient_group(before, an.group("parent"))
        fam = _FAMILY_OF.match(phrase)
        if fam is not None and actor_index().lookup(fam.group("parent")) is not None:
            return self.salient_group(before, fam.group("parent"), exclude_parent=True)
        if _FIGHTERS.match(phrase):
            return self.salient_group(before)
        return None

    def _apposed(self, head: str, before: int) -> str | None:
        """The name a passage gave a noun by apposition: "Dan Na Ambassagou, a Dogon militia, ..."
        makes "the militia" that name (the last such apposition in the 1,500 characters before)."""
        window_start = max(0, before - 1500)
        found = None
        for m in re.finditer(
            rf"(?P<name>[A-Z][\w’'-]*(?:\s+(?:(?:of|al|el|e|i|ul|wal|the|Na|na)\s+)*[A-Z][\w’'-]*){{0,5}})"
            rf"(?:\s+\([A-Z][\w-]+\))?,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(head)}\b",
            self.text[window_start:before],
        ):
            found = m
        if found is None:
            return None
        name = found.group("name")
        ref = actor_index().lookup(name)
        if ref is not None:
            return ref.name
        at = window_start + found.start("name")
        self.unknown_groups.setdefault(name, []).append(
            Mention(char_start=at, char_end=at + len(name), text=name)
        )
        return name

    # --- claims -----------------------------------------------------------------------------------
    def claimant(self, raw: RawClaim, sent: Sentence) -> tuple[str, str, str | None]:
        """(name, kind, about) for the speaker phrase of a claim."""
        who = re.sub(
            r"^(?:however|meanwhile|moreover|also|and|but|earlier|later|separately|elsewhere|additionally|"
            r"in addition|in a separate (?:attack|incident|statement))[, ]+",
            "",
            raw.who.strip(),
            flags=re.I,
        )
        # "In Congo, MONUSCO said": a leading place is no part of the speaker.
        who = re.sub(r"^(?:In|in)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3},\s+(?=\S)", "", who)
        who = re.split(r",\s*(?:which|who|whom|whose)\s+", who)[-1]  # "the murder, which the Police believe"
        who = re.sub(
            r"(?:,?\s*\b(?:however|also|further|had|has|have|then|today|later|earlier)\b[, ]*)+$",
            "",
            who,
            flags=re.I,
        ).strip(" ,")
        # A speaker inside a longer clause: keep the words after the last clause break.
        full_who = who
        if raw.kind == "responsibility":
            last_clause = re.split(r";", who)[-1].strip()
            if not last_clause or re.fullmatch(r"(?i)(?:and\s+)?(?:also\s+)?", last_clause):
                # A verb-led clause of an enumeration: its subject is the sentence's subject.
                who = _sentence_subject(sent.text) or who
            else:
                who = (
                    re.split(r",\s+(?=(?:and\s+)?[A-Z])|\bwhile\b|\bwhen\b", last_clause)[-1].strip()
                    or last_clause
                )
        groups = self._actors_in_phrase(who, raw) or (
            self._actors_in_phrase(full_who, raw) if raw.kind == "responsibility" else []
        )
        family = _FAMILY_OF.match(who.strip())
        if family is not None and groups:
            # "the al-Qaeda affiliate claimed ...": the group meant is of that family, not the family.
            meant = self.resolve_anaphor(who, max(sent.start, raw.who_start), whole=True)
            if meant is not None:
                return meant, "group", None
        mrep = _REPORT_WORD.match(who) or re.search(
            r"\b(?:in|of|by)\s+(?:the\s+)?(?:\w+\s+){0,3}?report$", who
        )
        if mrep:
            owner = mrep.groupdict().get("owner")
            ref = actor_index().lookup(owner) if owner else None
            if ref is not None:
                return ref.name, "report", None
            # "the report", "the US report": the report this document is about, named where its owner is.
            report_name = self.report_owner or (f"{owner} report" if owner else "report")
            return report_name, "report", None
        if _PRONOUN_RX.match(who):
            if who.lower() in ("they", "we") and self.claims:
                last = self.claims[-1]
                return last.claimant, last.claimant_kind, last.about
            person = self._last_person()
            return (person or who), "person", None
        title_ref = re.match(
            r"^(?:the|The)\s+(?P<t>[A-Z]{2,5}|official|officer|spokesman|minister|chief)$", who
        )
        if title_ref:
            for title, person in reversed(self._titles):
                if title_ref.group("t").lower() in title.lower():
                    return person, "person", None
            person = self._last_person()
            if person and title_ref.group("t").islower():
                return person, "person", None
        places = {
            pm.text
            for pm in (
                self.place_mentions
                if self._place_mentions is not None or not self._briefs
                else self.gaz.find(who)
            )
            if pm.text in who
        }
        name = person_name(who, places=places)
        short_name = name
        if name and " " not in name:
            # "said Sinha" after "Ambassador Amar Sinha": the full name given earlier.
            name = next((p for p in reversed(self.people) if p.endswith(" " + name)), name)
            if " " not in name:
                name = self._full_name_before(name, max(sent.start, raw.who_start)) or name
        spokes = re.search(r"\bspokes\w+\b", who, re.I) or re.search(r"\bspokes\w+\b", full_who, re.I)
        if name and not (groups and not spokes and any(fold(name) in fold(g.text) for g in groups)):
            self._titles.append((who, name))
            # The mention is the name as the sentence writes it ("Sinha" of "Amar Sinha" said earlier).
            at = max(sent.start, raw.who_start)
            mention = (
                self._name_span(name, at, sent.end)
                or self._name_span(short_name or name, at, sent.end)
                or self._name_span(name, sent.start, sent.end)
            )
            known = self.people.setdefault(name, [])
            if mention is not None and mention not in known:
                known.append(mention)
            about = None
            if spokes and groups:
                # The spokesman's own group: "spokesman of Ahrar ul Hind (AH), a splinter group of TTP",
                # "TTP spokesman", not the parent named in an apposition. Resolved ("Taliban" -> by
                # country) when the document is done.
                phrase = full_who if spokes.re.search(full_who) else who
                own = [g for g in groups if not _PARENT_CONTEXT.search(phrase[: max(0, phrase.find(g.text))])]
                about = (own or groups)[0].actor.name
            return name, "person", about
        if (
            groups
            and all(g.actor.kind == "organisation" for g in groups)
            and re.search(
                r"\b(?:officers?|officials?|spokes\w+|commanders?|chiefs?|personnel|sources?)\b", who, re.I
            )
        ):
            # "a senior ITBP officer": an unnamed member speaks, not the organisation itself.
            # A party's spokesman speaks for the party: "An MQM spokesman denied the party was involved".
            party = next((g.actor.name for g in groups if g.actor.subtype == "political_party"), None)
            return re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.I), "person", party
        members = re.match(
            r"^(?:the\s+)?(?P<g>.+?)\s+(?P<n>cadres|activists|workers|supporters|members|leaders|sources|officials)$",
            who,
            re.I,
        )
        if groups and members and actor_index().lookup(members.group("g")):
            # "ASWJ cadres claimed that ...": the members speak, about their group.
            return who.removeprefix("the ").removeprefix("The "), "group", groups[0].actor.name
        if groups:
            g = groups[-1] if raw.kind != "responsibility" else groups[0]
            if _PARENT_CONTEXT.search(who[: max(0, who.find(g.text))]) and len(groups) > 1:
                g = groups[0]
            kind = "group" if g.actor.kind == "group" else "organisation"
            return g.actor.name, kind, None
        g2 = self.resolve_anaphor(who, max(sent.start, raw.who_start), whole=raw.kind != "responsibility")
        if g2:
            return g2, "group", None
        named = _GROUP_LIKE.search(who) if raw.kind == "responsibility" else None
        if named:
            # A group the reference list does not know: "Jaish-e-Islam claimed responsibility".
            name = named.group("name").strip()
            mention = self._name_span(name, max(sent.start, raw.who_start), sent.end)
            self.unknown_groups.setdefault(name, []).extend([mention] if mention else [])
            return name, "group", name
        cleaned = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.I)
        cleaned = re.sub(r"\s+of the area$", "", cleaned)
        body = re.fullmatch(r"(?:the|The)\s+(mission|ministry|commission|observatory)", who)
        if body is not None:
            # "the mission said" after "the UN mission MINUSMA": the last body of that kind named before.
            named_body = self._last_named_org(body.group(1), max(sent.start, raw.who_start))
            if named_body is not None:
                return named_body, "organisation", None
        cleaned = re.sub(
            r"^[A-Z][\w.’'-]*-based\s+(?=[A-Z])", "", cleaned
        )  # "Britain-based Syrian Observatory"
        ref = actor_index().lookup(cleaned)
        if ref:
            return ref.name, ref.kind, None
        if len(cleaned.split()) > 8:
            cleaned = " ".join(cleaned.split()[-4:])
        mention = self._name_span(cleaned, max(sent.start, raw.who_start), sent.end)
        self.unknown_orgs.setdefault(cleaned, []).extend([mention] if mention else [])
        head = cleaned.split()[-1].lower() if cleaned.split() else ""
        if cleaned[:1].isupper() and not _PEOPLE_HEAD.fullmatch(head):
            return cleaned, "organisation", None
        if _PEOPLE_HEAD.fullmatch(head):
            return cleaned, "person", None  # "a local councillor", "witnesses", "hospital officials"
        if _BODY_HEAD.fullmatch(head):
            return cleaned, "organisation", None  # "police", "the army", "the interior ministry"
        return cleaned, "unknown", None

    def _full_name_before(self, surname: str, before: int) -> str | None:
        """The full name the text gave earlier to a person now named by one word: "Mujahid said"
        after "... Zabihullah Mujahid Taliban spokesman informed ..."."""
        found = None
        for m in re.finditer(rf"\b[A-Z][a-z’'-]+\s+{re.escape(surname)}\b", self.text[:before]):
            found = m
        if found is None:
            return None
        full = person_name(found.group(0))
        return full if full is not None and full.endswith(" " + surname) and " " in full else None

    def _last_named_org(self, head: str, before: int) -> str | None:
        """The last known organisation before `before` whose name has the word `head`."""
        rx = re.compile(rf"\b{head}\b", re.I)
        for m in reversed(self.actor_mentions):
            if m.start < before and m.actor.kind == "organisation" and rx.search(m.actor.name):
                return m.actor.name
        return None

    def _name_span(self, name: str, start: int, end: int) -> Mention | None:
        """The mention of `name` as written between `start` and `end` (its words may be split by
        any white space there), or None when the text does not write it there."""
        words = name.split()
        if not words:
            return None
        rx = re.compile(r"(?<![\w’'-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w’'-])")
        m = rx.search(self.text, start, end)
        if m is None:
            return None
        return Mention(char_start=m.start(), char_end=m.end(), text=m.group(0))

    def _find_report_owner(self) -> str | None:
        """The organisation behind "the report" of this document: "The US State Department's annual report"."""
        for m in re.finditer(
            r"(?P<owner>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5})(?:’s|'s)\s+(?:\w+\s+){0,2}?report\b|"
            r"\breport\s+(?:by|from|of)\s+(?:the\s+)?(?P<owner2>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5})",
            self.text,
        ):
            owner = m.group("owner") or m.group("owner2")
            for found in actor_index().find(owner):
                if found.actor.kind == "organisation":
                    return found.actor.name
        return None

    @staticmethod
    def _own_fighters_attacked(quote: str, group: str) -> bool:
        """A group's spokesman saying its own fighters attacked: "five Taliban militants had attacked the Hotel"."""
        for m in actor_index().find(quote):
            if m.actor.name == group and re.match(
                r"\s+(?:militants|fighters|mujahideen|members)\s+(?:had\s+|have\s+)?(?:in fact\s+)?"
                r"(?:attacked|killed|carried out|stormed|targeted|bombed)\b",
                quote[m.end :],
            ):
                return True
        return False

    def _actors_in_phrase(self, phrase: str, raw: RawClaim) -> list[ActorMention]:
        """Actor mentions inside a speaker phrase, read off the document's mentions where the phrase
        is found in the text (no second scan)."""
        if raw.who_start < 0:
            return actor_index().find(phrase)
        pos = self.text.find(
            phrase, max(0, raw.who_start - len(phrase) - 200), raw.who_start + len(raw.who) + 1
        )
        if pos < 0:
            return actor_index().find(phrase)
        return [m for m in self.actor_mentions if pos <= m.start and m.end <= pos + len(phrase)]

    def _last_person(self) -> str | None:
        for c in reversed(self.claims):
            if c.claimant_kind == "person":
                return c.claimant
        return None

    def add_claims(self, sent: Sentence) -> list[int]:
        new: list[int] = []
        for raw in find_claims(self.text, sent.start, sent.end):
            name, ckind, about = self.claimant(raw, sent)
            quote = self.text[raw.start : raw.end]
            if raw.kind != "responsibility" and raw.who_start >= 0 and len(raw.who) <= 100:
                self._speaker_spans.append((raw.who_start, raw.who_start + len(raw.who)))
            own_group = about
            if raw.kind in ("allegation", "denial"):
                # An allegation is about whom it accuses; a denial about whom it clears.
                about = self._accused(raw.start, raw.end, raw.cue) or (
                    about if raw.kind == "denial" else None
                )
            if about is None:
                gm = self.groups_in(raw.start, raw.end)
                if gm:
                    about = gm[0].actor.name
                elif raw.kind == "responsibility" and ckind == "group":
                    about = name
                elif ckind == "report" or _ANAPHOR.search(quote):
                    about = self.salient_group(raw.start)
            kind = raw.kind
            if (
                kind == "statement"
                and (about or ckind == "group")
                and ckind in ("person", "group")
                and (
                    _FIRST_PERSON_ATTACK.search(quote)
                    or (ckind == "group" and _ITS_FIGHTERS.search(quote))
                    or self._own_fighters_attacked(quote, about or name)
                )
            ):
                about = about or name
                kind = "responsibility"  # a group's spokesman: "We have killed him", "We have blown up the school"
            claim = Claim(
                char_start=raw.start,
                char_end=raw.end,
                quote=quote,
                claimant=name,
                claimant_kind=ckind,  # type: ignore[arg-type]
                kind=kind,  # type: ignore[arg-type]
                about=about,
                cue=raw.cue,  # type: ignore[arg-type]
            )
            if raw.kind == "denial":
                denier = own_group or (name if ckind == "group" else None)
                if ckind == "group" and _SELF_DENIED.match(quote):
                    claim.about = name  # "The militia denied it had carried out the massacre": itself
                claim.responds_to = self._denied(claim, denier)
                if claim.responds_to is not None and claim.about is None:
                    claim.about = self.claims[claim.responds_to].about
                claim.about = claim.about or denier
            if raw.kind in ("counter", "endorsement"):
                claim.responds_to = self._responds_to(raw, name)
                if claim.responds_to is not None and claim.about is None:
                    claim.about = self.claims[claim.responds_to].about
                if claim.responds_to is not None and raw.kind == "counter":
                    target = self.claims[claim.responds_to]
                    self.claims[claim.responds_to] = (
                        target.model_copy(update={"kind": "allegation"})
                        if target.kind == "statement"
                        else target
                    )
            self.claims.append(claim)
            new.append(len(self.claims) - 1)
        return new

    def _accused(self, start: int, end: int, cue: str = "") -> str | None:
        """The group an allegation accuses (or a denial clears): the first named of a known group, a
        political party, or a name the reference list does not know that reads as one ("police
        suspected the People's Liberation Front", "blamed the killings on Dan Na Ambassagou, a
        Dogon militia")."""
        known = next(
            (
                m
                for m in self.actor_mentions
                if start <= m.start
                and m.end <= end
                and (m.actor.kind == "group" or m.actor.subtype == "political_party")
            ),
            None,
        )
        head = start
        on = (
            re.search(r"\s+on\s+(?=(?:the\s+)?[A-Z])", self.text[start:end])
            if cue.startswith("blame")
            else None
        )
        if on is not None:
            head = start + on.end()  # "blamed the massacre on X": X is accused
        unknown = self._unknown_accused(head, end)
        if known is not None and (unknown is None or known.start <= unknown[0]):
            return known.actor.name
        if unknown is None:
            return None
        at, name = unknown
        self.unknown_groups.setdefault(name, []).append(
            Mention(char_start=at, char_end=at + len(name), text=name)
        )
        return name

    def _unknown_accused(self, start: int, end: int) -> tuple[int, str] | None:
        """A group-like name the reference list does not know, where an allegation's object starts."""
        content = self.text[start:end]
        named = _ACCUSED_NAME.match(content)
        if named is None:
            return None
        name = named.group("name")
        apposed = re.match(
            r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:militia|group|outfit|movement|faction|rebels|insurgents|party)\b",
            content[named.end() :],
        )
        if (
            _STATE_WORDS.search(name)
            or self.gaz.country_of(name) is not None
            or any(p.kind in ("country", "admin1", "region") for p in self.gaz.lookup(name))
            or not (
                _GROUP_LIKE.search(name) or _PARTY_WORDS.search(name) or named.group("acronym") or apposed
            )
        ):  # "accused Akbar Bugti of ordering the attack": a person, not a group
            return None
        return start + named.start("name"), name

    def _denied(self, denial: Claim, own_group: str | None) -> int | None:
        """The allegation a denial answers: the last one before it by someone else, about the group
        the denial clears where it names one (or the denier's own group)."""
        candidates = [
            i
            for i, c in enumerate(self.claims)
            if c.claimant != denial.claimant
            and denial.char_start - c.char_end < 1500
            and (c.kind == "allegation" or (c.kind == "statement" and c.about is not None))
        ]
        if not candidates:
            return None
        for target in (denial.about, own_group):
            if target:
                same = [
                    i
                    for i in candidates
                    if self.claims[i].about == target or fold(target) in fold(self.claims[i].quote)
                ]
                if same:
                    return same[-1]
        allegations = [i for i in candidates if self.claims[i].kind == "allegation"]
        return (allegations or candidates)[-1]

    def _responds_to(self, raw: RawClaim, claimant: str) -> int | None:
        owner = raw.extra.get("owner", "")
        candidates = [
            i for i, c in enumerate(self.claims) if c.claimant != claimant and c.kind != "responsibility"
        ]
        if not candidates:
            return None
        if owner.lower() in ("his", "her", "their"):
            persons = [i for i in candidates if self.claims[i].claimant_kind == "person"]
            return persons[-1] if persons else candidates[-1]
        if raw.kind == "counter":
            # "disputed that figure, saying ...": the last account by someone else, a group's claim included
            others = [i for i, c in enumerate(self.claims) if c.claimant != claimant]
            return others[-1] if others else candidates[-1]
        # "Pakistan's position": the disputed claim whose speaker is not tied to another country.
        country = self.gaz.country_of(owner.rstrip("’s").rstrip("'s")) if owner else None
        disputed = [
            i
            for i in candidates
            if self.claims[i].kind in ("allegation", "statement")
            and any(c.responds_to == i for c in self.claims)
        ]
        for i in reversed(disputed or candidates):
            speaker_country = self._speaker_country(self.claims[i])
            if country is None or speaker_country in (None, country):
                return i
        return candidates[-1]

    def _speaker_country(self, claim: Claim) -> str | None:
        sentence_text = self.text[max(0, claim.char_start - 200) : claim.char_start]
        phrase = sentence_text.split(".")[-1]
        for word in re.findall(r"[A-Z][a-z]+", phrase):
            c = self.gaz.country_of(word)
            if c:
                return c
        return None

    # --- incidents --------------------------------------------------------------------------------
    def place_loc(self, start: int, end: int, mentions: list[PlaceMention] | None = None) -> Loc:
        """Where the event of text[start:end] happened: places after locative words ("in", "at",
        "near", "of" in "X area of Y District"), not attributive ones ("a US drone", "Afghan forces").
        The biggest known city in the chain is the city ("Faqeer Colony area of Orangi Town of
        Karachi" -> Karachi); a named area or village is the city only where no known city is named."""
        loc = Loc()
        cities: list[tuple[int, str, Place]] = []
        segment = self.text[start:end]
        for pm in self.place_mentions if mentions is None else mentions:
            if pm.start < start or pm.end > end:
                continue
            before = self.text[max(start, pm.start - 40) : pm.start]
            after = self.text[pm.end : pm.end + 25]
            if _NON_LOCATIVE.search(before) and pm.place.kind != "country":
                continue
            if (
                not _LOCATIVE.search(before)
                and not _DISTANCE.search(before)
                and not _DEED_OBJECT.search(before)
            ):
                continue
            if cities and _DISTANCE.search(before):
                continue  # "in Konduga, 35 km southeast of Maiduguri": a reference point, not the place
            if re.match(
                r"\s*(?:border|government|police|officials?|forces|troops|embassy|consulate|drone|army)\b",
                after,
                re.I,
            ):
                continue
            if pm.place.kind == "country" and re.search(r"\b(?:an?)\s+$", before):
                continue  # "a US drone attack": an attribute, not a place
            if (
                _AGENCY_DATELINE.match(self.text, pm.end)
                and not self.text[self.text.rfind("\n", 0, pm.start) + 1 : pm.start].strip()
            ):
                continue  # "BEIRUT (AP) _": where the report was filed, not where it happened
            if re.match(r"\s+(?:Bazaar|Chowk|Road|Colony|Town|Mandi)\b", after) and pm.place.kind == "city":
                continue  # "Rustam Bazaar": part of a longer name the gazetteer does not know
            surface = _strip_designator(pm.text)
            unit = re.search(
                r"\b(?:District|district|Agency|agency|tehsil|Tehsil|Province|province|Division|division)$",
                pm.text,
            )
            place = pm.place
            if place.kind == "region" and place.admin1 and not unit:
                # "in western Kabul", "in central Baghdad": a direction narrows a city, which stays the
                # city; "southern Punjab" (a province) and "western Afghanistan" stay regions.
                place, surface = self._directed_city(place, surface)
            if place.kind == "admin2" and not unit:
                # "in Maidan Shahr, Wardak province": a district named for its town, written without
                # "District", is the town.
                towns = [
                    p
                    for p in self.gaz.lookup(place.name, country=place.country)
                    if p.kind == "city" and p.admin1 == place.admin1
                ]
                place = towns[0] if towns else place
            new = _loc_from_place(place, surface)
            if unit and place.kind == "city":
                new.city, new.precision, new.latitude, new.longitude = None, "admin2", None, None
            elif place.kind == "city":
                cities.append((place.population, surface, place))
            loc = _merge_loc(loc, new) if loc.precision else new
        if not loc.precision:
            loc = self._unit_anaphor(start, segment) or loc
        town_of = _TOWN_OF.search(segment) or next(
            (
                m
                for m in _NAMED_FROM.finditer(segment)
                if not any(p.kind != "city" for p in self.gaz.lookup(m.group("name")))
                and actor_index().lookup(m.group("name")) is None
            ),
            None,
        )
        if town_of:
            # "in the town of Konduga, 35 km southeast of Maiduguri": the town, not the reference city.
            known = [
                p
                for p in self.gaz.lookup(town_of.group("name"), country=loc.country)
                if p.kind in ("city", "admin2") and (loc.country is None or p.country == loc.country)
            ]
            town = _loc_from_place(known[0], town_of.group("name")) if known else Loc()
            town.city, town.precision = town_of.group("name"), "city"
            town.country = town.country or loc.country
            town.admin1 = town.admin1 or loc.admin1
            town.admin1_code = town.admin1_code or loc.admin1_code
            return town
        if cities:
            _, surface, place = max(cities, key=lambda c: c[0])
            best = _loc_from_place(place, surface)
            if not loc.admin1 or not place.admin1 or fold(loc.admin1) == fold(place.admin1):
                best.country = best.country or loc.country
                return best
        if loc.city is None:
            for m in _LOCALITY.finditer(segment):
                if m.group("kind").lower() == "tehsil":
                    continue
                name = m.group("name").strip()
                if m.group("kind") in _KEEP_SUFFIX:
                    name = f"{name} {m.group('kind')}"
                if actor_index().lookup(name) or any(p.kind != "city" for p in self.gaz.lookup(name)):
                    continue
                loc.city = name
                loc.precision = "city"
                loc.latitude = loc.longitude = None
                break
        return loc

    def _directed_city(self, region: Place, surface: str) -> tuple[Place, str]:
        """The city a direction word narrows ("western Kabul" -> Kabul), else the region itself."""
        base = _DIRECTION_WORDS.sub("", surface)
        if base == surface or not base:
            return region, surface
        best = self.gaz.best(base, country=region.country or None)
        if best is not None and best.kind == "city" and best.admin1 == region.admin1:
            return best, base
        return region, surface

    def _unit_anaphor(self, start: int, segment: str) -> Loc | None:
        """ "in the District", "in the province": the last district (province, agency) the text named
        before, in any role ("the MWM's Rajanpur District chief ... was shot dead in the district")."""
        m = _UNIT_ANAPHOR.search(segment)
        if m is None:
            return None
        unit = m.group("unit").lower()
        at = start + m.start()
        named = [
            pm
            for pm in self.place_mentions
            if pm.end <= at and re.search(rf"\b{unit}$", pm.text, re.IGNORECASE) and pm.place.country
        ]
        if not named:
            return None
        place = named[-1].place
        loc = _loc_from_place(place, _strip_designator(named[-1].text))
        if place.kind == "city":
            loc.city, loc.precision, loc.latitude, loc.longitude = None, "admin2", None, None
        return loc

    def run(self) -> ExtractedDocument:
        ctx = DateContext(self.document.published_on)
        if self.document.published_on is None:
            # No publication date: the one year a title states ("Attacks in Burkina Faso, 2019") scopes
            # month-day dates and dates what names no date; else the year of a copyright notice does.
            title_year = _title_year(self.document.title)
            ctx.year = self._fallback_year = title_year or self.document.published_year
            ctx.scope_year = title_year
        current: dict[int, Draft] = {}
        last_day: dict[int, DateValue] = {}  # the last dated day of each paragraph: a digest's lede date
        table = self._table_rows()
        table_drafts: dict[int, Draft] = {}
        for sent in self.sents:
            para = self.paras[sent.paragraph]
            claim_ids = self.add_claims(sent)
            rows = [r for r in table if r[0] < sent.end and sent.start < r[1]] if table else []
            if rows:
                for row_start, row_end, cells in rows:
                    if cells and row_start not in table_drafts:
                        table_drafts[row_start] = self._table_row(sent.paragraph, cells, ctx)
                    draft_here = table_drafts.get(row_start)
                    if draft_here is not None:
                        ids = [i for i in claim_ids if row_start <= self.claims[i].char_start < row_end]
                        self._attach_claims(draft_here, ids, row_start, row_end)
                continue
            clauses = _clauses(self.text, sent)
            clause_dates = [
                [
                    d
                    for d in ctx.resolve(self.text[a:b], a)
                    if not _REPORT_DATE.search(self.text[max(0, d.start - 60) : d.start])
                ]
                for a, b in clauses
            ]
            # "An unidentified man was killed ..., while another was injured ... on September 27":
            # a date stated once in a sentence dates all its clauses.
            sentence_date = next((ds[0] for ds in clause_dates if ds), None)
            for (c_start, c_end), dates in zip(clauses, clause_dates, strict=True):
                clause = self.text[c_start:c_end]
                if not dates and sentence_date is not None and len(clauses) > 1:
                    dates = [sentence_date]
                if para.dateline_date:
                    self._brief(sent, para, current, c_start, c_end, claim_ids)
                    continue
                # Prose follows one story across paragraphs ("The blast happened in ..."); a datelined
                # brief is its own record.
                key = _PROSE
                draft = current.get(key)
                refers_back = (
                    bool(_DEFINITE_EVENT.search(clause))
                    and not _INDEFINITE_EVENT.search(clause)
                    and not _RANKED_EVENT.search(clause)
                ) or (
                    # "The group said its fighters had killed 15": the named group's own account of the deed told
                    draft is not None
                    and draft.perpetrator is not None
                    and not _INDEFINITE_EVENT.search(clause)
                    and any(
                        self.claims[i].kind == "responsibility"
                        and self.claims[i].about == draft.perpetrator
                        and self._overlaps(i, c_start, c_end)
                        for i in claim_ids
                    )
                )
                same_paragraph = draft is not None and draft.paragraph == sent.paragraph
                if _is_aggregate(clause, clause_dates[clauses.index((c_start, c_end))], self.text):
                    # "Attacks by the group killed 456 people in 2019": a yearly total, no one event.
                    self._attach_claims(draft, claim_ids if len(clauses) == 1 else [], c_start, c_end)
                    continue
                if not self._is_event(clause):
                    if len(clauses) == 1 and draft is not None:
                        self._attach_claims(draft, claim_ids, c_start, c_end)
                        if same_paragraph or refers_back:
                            self._fill_toll(draft, clause)
                            self._held_responsible(draft, c_start, c_end)
                    continue
                date_here = dates[0] if dates else None
                start_new = (
                    draft is None
                    or (
                        not same_paragraph
                        and not refers_back
                        and (
                            _INDEFINITE_EVENT.search(clause) is not None
                            or clause_toll(clause).killed is not None
                        )
                    )
                    or (
                        date_here is not None
                        and draft.date is not None
                        and _date_key(date_here) != _date_key(draft.date)
                        and not refers_back
                    )
                    or (
                        date_here is not None
                        and draft.date is None
                        and date_here.year is not None
                        and draft.killed is not None
                    )
                    or bool(_ANOTHER.search(clause))
                    or (
                        len(clauses) > 1
                        and clause_toll(clause).killed is not None
                        and draft.end <= c_start
                        and _verb_led(clause)
                    )
                    or (sent.start > draft.end + 400 and not refers_back)
                    or (
                        draft.killed is not None
                        and c_start == sent.start
                        and _INDEFINITE_EVENT.search(clause) is not None
                        and clause_toll(clause).killed is not None
                    )
                )
                if start_new:
                    draft = Draft(start=c_start, end=c_end, paragraph=sent.paragraph)
                    draft.date = date_here or last_day.get(sent.paragraph) or ctx_date(ctx)
                    self.drafts.append(draft)
                    current[key] = draft
                    self._fill(draft, c_start, c_end, first=True)
                else:
                    assert draft is not None
                    if draft.date is None and date_here is not None:
                        draft.date = date_here
                    self._fill(draft, c_start, c_end, first=False)
                self._attach_claims(
                    draft, [i for i in claim_ids if self._overlaps(i, c_start, c_end)], c_start, c_end
                )
            for ds in clause_dates:
                for d in ds:
                    if d.day is not None and d.month is not None and not d.relative:
                        last_day[sent.paragraph] = d
        return self.finish()

    def _table_rows(self) -> list[tuple[int, int, list[tuple[str, int, int]]]]:
        """Rows of a table whose header names its columns ("| Date | Place | Description | Killed |"):
        (start, end, cells), each cell (column kind, start, end); the header and the rule line have
        no cells. A row is one incident, its cells read by what their column holds."""
        rows: list[tuple[int, int, list[tuple[str, int, int]]]] = []
        if "|" not in self.text:
            return rows
        kinds: list[str] | None = None
        last_end = -1
        # "| a | b | c |" or, as the Markdown reader leaves it, "a | b | c"
        for line in re.finditer(r"(?m)^[ \t]*([^\n|]*(?:\|[^\n|]*){2,})[ \t]*$", self.text):
            if kinds is not None and self.text[last_end : line.start()].strip():
                kinds = None  # prose between: the table ended
            last_end = line.end()
            a0 = line.start(1)
            body = line.group(1)
            if re.fullmatch(r"[\s:|-]+", body):
                if kinds is not None:
                    rows.append((a0, line.end(1), []))
                continue
            inner = re.fullmatch(r"\|?(.*?)\|?", body, re.S)
            assert inner is not None
            cells = [
                (a0 + inner.start(1) + m.start(1), a0 + inner.start(1) + m.end(1))
                for m in re.finditer(r"\s*([^|]*?)\s*(?:\||$)", inner.group(1))
                if m.end() > m.start()
            ]
            if kinds is None:
                found = [_column_kind(self.text[a:b]) for a, b in cells]
                if "description" in found or ("date" in found and ("place" in found or "killed" in found)):
                    kinds = found
                    rows.append((a0, line.end(1), []))
                continue
            if len(cells) == len(kinds):
                rows.append(
                    (
                        a0,
                        line.end(1),
                        [(k, a, b) for k, (a, b) in zip(kinds, cells, strict=True) if k and b > a],
                    )
                )
        return rows

    def _table_row(self, paragraph: int, cells: list[tuple[str, int, int]], ctx: DateContext) -> Draft:
        """An incident from one table row: the date, place and toll columns say what they hold, the
        description is read like prose for the method, target, toll and perpetrator."""
        start, end = min(a for _, a, _ in cells), max(b for _, _, b in cells)
        draft = Draft(start=start, end=end, paragraph=paragraph, brief=True)
        self.drafts.append(draft)
        for kind, a, b in cells:
            cell = self.text[a:b]
            if kind == "date":
                found = ctx.resolve(cell, a)
                draft.date = found[0] if found else draft.date
            elif kind == "place":
                draft.loc = Loc(**vars(_dateline_loc(cell, None)))
                if draft.loc.country is None and self.doc_country:
                    draft.loc.country = self.doc_country
        for kind, a, b in cells:
            if kind == "description":
                self._fill(draft, a, b, first=True, keep_location=bool(draft.loc.precision))
        for kind, a, b in cells:
            if kind in ("killed", "wounded"):
                counts = find_quantities(self.text[a:b])
                if counts and counts[0].start == 0:
                    value = (counts[0].low, counts[0].high)
                    if kind == "killed":
                        draft.killed = value
                    else:
                        draft.wounded = value
            elif kind == "perpetrator" and draft.perpetrator is None:
                groups = self.groups_in(a, b)
                if groups:
                    draft.perpetrator, draft.attribution = groups[0].actor.name, "attributed"
        if draft.date is None:
            draft.date = ctx_date(ctx)
        return draft

    def _overlaps(self, claim: int, start: int, end: int) -> bool:
        c = self.claims[claim]
        return c.char_start < end and start < c.char_end

    def _attach_claims(self, draft: Draft | None, claim_ids: list[int], start: int, end: int) -> None:
        if draft is None:
            return
        for i in claim_ids:
            c = self.claims[i]
            if i in draft.claims:
                continue
            if c.char_start < end + 300:
                draft.claims.append(i)
                if c.kind == "allegation" and c.about and draft.attribution != "claimed":
                    self._alleged_perpetrator(draft, c)
                if c.kind == "responsibility" and not _DENIAL.search(
                    self.text[max(0, c.char_start - 80) : c.char_start]
                ):
                    group = c.about if c.claimant_kind == "person" else c.claimant
                    if c.claimant_kind == "group" or c.about:
                        draft.perpetrator = (
                            group if c.claimant_kind != "person" else (c.about or draft.perpetrator)
                        )
                        draft.attribution = "claimed"
                        draft.claimed = True

    def _held_responsible(self, draft: Draft, start: int, end: int) -> None:
        """A sentence about the story that names who did it without telling the deed again: "the
        attack was planned by X", "X was behind the bombing", "X carried out the raid"."""
        if draft.perpetrator is not None:
            return
        for gm in self.groups_in(start, end):
            before = self.text[max(start, gm.start - 80) : gm.start]
            after = self.text[gm.end : min(end, gm.end + 60)]
            if _BY_GROUP.search(before) or _GROUP_DID.match(after):
                draft.perpetrator, draft.attribution = gm.actor.name, "attributed"
                return

    def _alleged_perpetrator(self, draft: Draft, claim: Claim) -> None:
        """ "Officials blamed X for the attack", "police suspected X", "accused X of orchestrating the
        murder": the group the text holds responsible, unless a claim of responsibility names one."""
        content = claim.quote
        if not (_ALLEGED_DEED.search(content) or _ACCUSED_NAME.fullmatch(content.strip(" .,"))):
            return  # "accused the group of stalling the talks": not about this attack
        kind = "suspected" if (claim.cue or "").lower().startswith("suspect") else "attributed"
        rank = {"claimed": 3, "attributed": 2, "suspected": 1}
        if draft.perpetrator is None or rank[kind] > rank.get(draft.attribution or "", 0):
            draft.perpetrator, draft.attribution = claim.about, kind

    def _is_event(self, clause: str) -> bool:
        if _HABITUAL.search(clause):
            return False
        has_specific = any(rx.search(clause) for _, rx in ATTACK_CUES)
        has_generic = bool(GENERIC_ATTACK.search(clause))
        if not (has_specific or has_generic):
            return False
        toll = clause_toll(clause)
        if toll.killed is not None or toll.wounded is not None:
            return True
        if _EVENT_VERB.search(clause):
            return True  # "the tube well was also set on fire": a deed, whatever else the sentence says
        if _SINGULAR_EVENT.search(clause):
            return not (
                _PLURAL_GENERIC.search(clause)
                and not re.search(r"\b(?:an?|the)\s+(?:\w+\s+){0,2}(?:attack|bombing|blast)\b", clause)
            )
        return False

    def _brief(
        self,
        sent: Sentence,
        para: Paragraph,
        current: dict[int, Draft],
        start: int,
        end: int,
        claim_ids: list[int],
    ) -> None:
        draft = current.get(sent.paragraph)
        if draft is None:
            draft = Draft(start=start, end=end, paragraph=sent.paragraph, brief=True)
            from loader.extract.dates import find_dates

            found = find_dates(para.dateline_date or "")
            draft.date = found[0] if found else None
            draft.loc = self._abroad(start, end, self._dateline_loc(para))
            self.drafts.append(draft)
            current[sent.paragraph] = draft
            self._fill(draft, start, end, first=True, keep_location=True)
        else:
            self._fill(draft, start, end, first=False, keep_location=True)
        self._attach_claims(draft, claim_ids, start, end)

    def _abroad(self, start: int, end: int, dateline: Loc) -> Loc:
        """Where a datelined brief happened: the dateline's place, unless its first clause tells of a
        place in another country ("BEIRUT, May 2 (AP) - A car bomb exploded in the Syrian border town
        of Azaz"): the named place, or that country where the place is unknown ("in a Syrian town")."""
        if dateline.country is None:
            return dateline
        country = _named_country(self.text[start:end])
        if country is None or country == dateline.country:
            # A place of another country the text does not say is abroad is more likely a namesake
            # ("GHANZI PROVINCE, AFGHANISTAN - ... in Ghanzi Province", not Botswana's).
            return dateline
        mentions = [
            replace(pm, start=pm.start + start, end=pm.end + start)
            for pm in self.gaz.find(self.text[start:end])
        ]
        named = self.place_loc(start, end, mentions)
        if named.precision in ("city", "admin2", "admin1"):
            if named.country == dateline.country:
                return dateline  # "near Miranshah ..., opting to focus on NATO forces in Afghanistan"
            if named.country == country:
                return named
        return Loc(country=country, precision="country")

    def _dateline_loc(self, para: Paragraph) -> Loc:
        return Loc(**vars(_dateline_loc(para.dateline_place or "", para.dateline_country)))

    def _fill(self, draft: Draft, start: int, end: int, *, first: bool, keep_location: bool = False) -> None:
        clause = self.text[start:end]
        draft.end = max(draft.end, end)
        kinds = attack_types_in(clause)
        if kinds or first:
            if not draft.attack_kinds or not draft.brief:
                draft.attack_kinds.extend(kinds)
            elif "assassination" in kinds and not _OTHER_EVENT.search(clause):
                draft.attack_kinds.append("assassination")  # "It is believed he was assassinated for ..."
        if SUICIDE.search(clause) and (first or not draft.brief or not _OTHER_EVENT.search(clause)):
            draft.suicide = True
        self._fill_toll(draft, clause)
        if not keep_location:
            loc = self.place_loc(start, end)
            if loc.precision:
                draft.loc = _merge_loc(draft.loc, loc) if draft.loc.precision else loc
        if draft.target_type is None:
            draft.target_type, draft.target = _target(self._without_speakers(start, end))
        if (
            "armed_assault" in kinds
            and re.search(r"\bshot dead\b|\bgunned down\b", clause)
            and PROMINENT_VICTIM.search(_victim_phrase(clause))
            and not draft.killed
        ) or (
            draft.killed
            and draft.killed[0] is not None
            and draft.killed[0] <= 3
            and re.search(r"\bshot dead\b", clause)
            and PROMINENT_VICTIM.search(_victim_phrase(clause))
        ):
            draft.attack_kinds.append("assassination")
        self._perpetrator(draft, start, end)

    def _without_speakers(self, start: int, end: int) -> str:
        """The clause text[start:end] with the speakers of its attributions blanked out: "local
        officials said" or "said X, a local councillor" tell who speaks, not who was hit."""
        clause = self.text[start:end]
        for a, b in self._speaker_spans:
            if a < end and start < b:
                a, b = max(a, start) - start, min(b, end) - start
                clause = clause[:a] + " " * (b - a) + clause[b:]
        return clause

    def _fill_toll(self, draft: Draft, clause: str) -> None:
        """Tolls come from the first sentence that states them; a later "N were also killed" adds."""
        if draft.killed is not None and draft.wounded is not None and not _MAY_ADD.search(clause):
            return
        toll = _victims_toll(clause, draft.brief)
        if toll.killed is not None and draft.killed is None:
            draft.killed = toll.killed
        elif toll.killed is not None and draft.killed != toll.killed and _OTHER_ACCOUNT.search(clause):
            draft.killed = _span_range(
                draft.killed, toll.killed
            )  # "Other sources said that three died": both figures stand
        if (
            toll.wounded is not None
            and draft.wounded is not None
            and toll.wounded != draft.wounded
            and _OTHER_ACCOUNT.search(clause)
        ):
            draft.wounded = _span_range(draft.wounded, toll.wounded)
        if toll.also_killed is not None and not draft.brief:
            if draft.killed is None:
                draft.killed = toll.also_killed
            else:
                lo = (draft.killed[0] or 0) + (toll.also_killed[0] or 0)
                hi = (
                    None
                    if draft.killed[1] is None or toll.also_killed[1] is None
                    else draft.killed[1] + toll.also_killed[1]
                )
                draft.killed = (lo, hi)
        if toll.wounded is not None and draft.wounded is None:
            draft.wounded = toll.wounded

    def _perpetrator(self, draft: Draft, start: int, end: int) -> None:
        """The group a clause holds responsible: claimed beats attributed beats suspected; a group
        named only as the parent of another ("a splinter group of the TTP"), as a victim ("eight LI
        militants were killed", "an LI base") or as denying is not the perpetrator."""
        if draft.attribution == "claimed":
            return
        rank = {"claimed": 3, "attributed": 2, "suspected": 1}
        best: tuple[int, str, str] | None = None
        parents: list[str] = []
        for gm in self.groups_in(start, end):
            before = self.text[max(start, gm.start - 60) : gm.start]
            after = self.text[gm.end : min(end, gm.end + 80)]  # this clause only
            if _DENIAL.search(after[:60]) or re.search(r"\b(?:against|anti)\s+(?:the\s+)?$", before):
                continue
            if _PARENT_CONTEXT.search(before) or re.match(
                r"\s*(?:splinter group|faction|offshoot|affiliate)\b", after
            ):
                parents.append(gm.actor.name)
                continue
            if re.match(
                r"\)?\s*(?:\([^()]{1,20}\)\s*)?(?:\w+\s+)?(?:base|camp|hideout|training camp|commander|leader)\b",
                after,
            ) and not re.search(r"\bby\s+(?:the\s+)?$", before):
                continue
            if re.search(r"\bincluding\s+(?:\w+\s+){0,2}$", before):
                continue
            # The claim verb must follow this group, not another one named after it ("blamed IS, but the Taliban claimed it").
            next_group = [g.start for g in self.groups_in(gm.end, end)]
            own = after[: (next_group[0] - gm.end) if next_group else 60]
            own = re.split(r"\bbut\b|;", own)[0][:60]
            claimed = (bool(_CLAIMED.search(own)) and not _DENIAL.search(own)) or bool(
                re.search(r"\bclaimed\s+by\s+(?:(?:a|an|the)\s+)?(?:\w+\s+){0,4}$", before)
            )
            suspected = bool(_SUSPECTED.search(before[-25:]))
            kind = "claimed" if claimed else "suspected" if suspected else "attributed"
            if best is None or rank[kind] > best[0]:
                best = (rank[kind], gm.actor.name, kind)
        if best is None and parents:
            # "claimed by a local affiliate of the Islamic State group": the family is all the text gives.
            claimed = bool(re.search(r"\bclaimed\s+by\b", self.text[start:end]))
            best = (
                rank["claimed" if claimed else "attributed"],
                parents[0],
                "claimed" if claimed else "attributed",
            )
        if best is None:
            generic = _GENERIC_PERPETRATOR.search(self.text[start:end])
            if generic:
                best = (1, generic.group("g"), "suspected")
        if best is not None and (draft.attribution is None or best[0] > rank.get(draft.attribution, 0)):
            draft.perpetrator, draft.attribution = best[1], best[2]
            draft.claimed = draft.claimed or best[2] == "claimed"
            if best[2] == "claimed":
                return
        clause = self.text[start:end]
        if draft.perpetrator is None and not draft.brief:
            # Enumerations whose subject is the passage's group: "In 2017, the militant outfit attacked ..."
            subject = re.match(
                r"^(?:(?:In|By|During|Later|Earlier|Also)\b[^,]*,\s*)?(?P<subj>the\s+(?:\w+\s+)?(?:group|outfit|faction)|"
                r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)\s+(?:also\s+)?(?:attacked|bombed|claimed|carried out|"
                r"killed|targeted|stormed|struck)",
                clause,
            )
            sentence_start = self._sentence_of(start)
            if subject is None and sentence_start < start:
                named = _sentence_subject(
                    self.text[sentence_start:end]
                )  # "In 2014, the Taliban attacked ...; bombed ..."
                subject = re.match(r"(?P<subj>.+)", named) if named else None
            if subject:
                subj = subject.group("subj")
                ref = actor_index().lookup(subj) or actor_index().lookup(re.sub(r"^(?:the|The)\s+", "", subj))
                if ref is not None and ref.kind == "group":
                    draft.perpetrator, draft.attribution = ref.name, "attributed"
                else:
                    g = self.resolve_anaphor(subj, start)
                    if g:
                        draft.perpetrator, draft.attribution = g, "attributed"
            if draft.perpetrator and _CLAIMED.search(clause[:80]) and re.search(r"\bclaim", clause):
                draft.attribution, draft.claimed = "claimed", True

    def _sentence_of(self, pos: int) -> int:
        for s in self.sents:
            if s.start <= pos < s.end + 1:
                return s.start
        return pos

    def _fallbacks(self) -> None:
        """What an incident's own sentences leave open, the document may say: a place only in the
        dateline ("PESHAWAR: A suicide bomber ..."), a year given by a neighbouring date of the same
        week ("on November 27 ... the November 26, 2011 attack")."""
        first = self.paras[0] if self.paras else None
        dateline_loc: Loc | None = None
        filed = first.dateline_place if first is not None and not first.dateline_date else None
        if first is not None and not first.dateline_place and self.document.dateline:
            # "BEIRUT (AP) _ ...": a dateline the reader found that the paragraphs keep in the text.
            opening = self.text[first.start : first.start + 120]
            named = self.document.dateline.split(",")[0].strip()
            if named and opening.startswith(named) and _AGENCY_DATELINE.match(opening, len(named)):
                filed = named
        if filed:
            place = self.gaz.best(filed.title() if filed.isupper() else filed)
            if place is not None and place.kind in ("city", "admin2", "admin1"):
                dateline_loc = _loc_from_place(place, place.name)
        full = [d.date for d in self.drafts if d.date and d.date.year and d.date.month and d.date.day]
        previous: Draft | None = None
        for d in self.drafts:
            if (
                previous is not None
                and not d.brief
                and not d.loc.precision
                and previous.paragraph == d.paragraph
                and _ANOTHER.search(self.text[d.start : d.end])
            ):
                d.loc = Loc(
                    **vars(previous.loc)
                )  # "the funeral prayers were also attacked": where the story is
            previous = d
            if dateline_loc is not None and not d.brief and not d.loc.precision:
                d.loc = self._dateline_fallback(d, dateline_loc)
            dv = d.date
            if dv is not None and dv.year is None and dv.month and dv.day:
                for other in full:
                    assert other is not None and other.year and other.month and other.day
                    gap = abs(
                        (
                            date(other.year, dv.month, min(dv.day, 28))
                            - date(other.year, other.month, min(other.day, 28))
                        ).days
                    )
                    if gap <= 7:
                        d.date = replace(dv, year=other.year)
                        break

    def _dateline_fallback(self, d: Draft, dateline: Loc) -> Loc:
        """The dateline's place for an incident whose text names none, unless its first sentence puts
        it in another country ("BEIRUT (AP) - A bomb exploded in a Syrian town": Syria) or on a
        border ("attacked a bus near the Somali border": the dateline's country only)."""
        first = self.text[d.start : min(d.end, self._sentence_end(d.start))]
        country = _named_country(first)
        if country is not None and country != dateline.country:
            return Loc(country=country, precision="country")
        if dateline.country and (_BORDER_AREA.search(first) or self._unknown_place(first)):
            return Loc(country=dateline.country, precision="country")
        return Loc(**vars(dateline))

    def _unknown_place(self, sentence: str) -> bool:
        """The sentence says where with a name nobody knows ("killed 160 villagers in Ogossagou on
        March 23"): a place, just not the dateline's city."""
        for m in _IN_UNKNOWN.finditer(sentence):
            name = m.group("name")
            if (
                name.lower() not in _NOT_PLACES
                and not self.gaz.lookup(name)
                and actor_index().lookup(name) is None
                and not re.match(r"\s*(?:[A-Z]|'s|’s)", sentence[m.end() :])
            ):
                return True
        return False

    def _sentence_end(self, pos: int) -> int:
        for s in self.sents:
            if s.start <= pos < s.end + 1:
                return s.end
        return len(self.text)

    def finish(self) -> ExtractedDocument:
        incidents: list[Incident] = []
        self._fallbacks()
        for d in self.drafts:
            if d.perpetrator:
                d.perpetrator = self.resolve_group_name(d.perpetrator, d.loc.country)
            start, end = _trim_span(self.text, d.start, d.end)
            dv = d.date
            if self._fallback_year and (dv is None or (dv.year, dv.month, dv.day) == (None, None, None)):
                # "on Sunday" in a text with no publication date: the year is all that is known.
                dv = DateValue(self._fallback_year, None, None, "year", 0, 0, "", True)
            year = dv.year if dv else None
            rng = dv.date_range() if dv else None
            killed = d.killed or (None, None)
            wounded = d.wounded or (None, None)
            inc = Incident(
                char_start=start,
                char_end=end,
                quote=self.text[start:end],
                year=year,
                month=dv.month if dv else None,
                day=dv.day if dv else None,
                date_start=rng[0].isoformat() if rng else None,
                date_end=rng[1].isoformat() if rng else None,
                date_precision=(dv.precision if dv and dv.precision in ("day", "month", "year") else None),  # type: ignore[arg-type]
                country=d.loc.country or self.doc_country,
                admin1=d.loc.admin1,
                admin1_code=d.loc.admin1_code,
                city=d.loc.city,
                latitude=d.loc.latitude,
                longitude=d.loc.longitude,
                location_precision=(d.loc.precision if d.loc.precision != "region" else "country"),  # type: ignore[arg-type]
                attack_type=pick_attack_type(d.attack_kinds),  # type: ignore[arg-type]
                suicide=d.suicide,
                target_type=d.target_type,  # type: ignore[arg-type]
                target=d.target,  # type: ignore[arg-type]
                killed_low=killed[0],
                killed_high=killed[1],
                wounded_low=wounded[0],
                wounded_high=wounded[1],
                perpetrator=d.perpetrator,
                attribution=d.attribution if d.perpetrator else None,  # type: ignore[arg-type]
                responsibility_claimed=d.claimed and d.perpetrator is not None,
                claims=sorted(set(d.claims)),
                summary=_summary(self.text[start:end]),
            )
            incidents.append(inc)
        for i, inc in enumerate(incidents):
            for ci in inc.claims:
                self.claims[ci].about_incidents.append(i)
        for ci, claim in enumerate(self.claims):
            country = incidents[claim.about_incidents[0]].country if claim.about_incidents else None
            update = {}
            if claim.about:
                update["about"] = self.resolve_group_name(claim.about, country)
            if claim.claimant_kind == "group":
                update["claimant"] = self.resolve_group_name(claim.claimant, country)
            self.claims[ci] = claim.model_copy(update=update)
        self._group_relations()
        return ExtractedDocument(
            source=_source(self.document),
            incidents=incidents,
            claims=self.claims,
            groups=self._actors("group"),
            organisations=self._actors("organisation"),
            people=[
                Actor(name=n, kind="person", known=False, mentions=ms)
                for n, ms in sorted(self.people.items())
                if self._is_person_name(n)
            ],
            group_relations=self.relations,
        )

    def _actors(self, kind: str) -> list[Actor]:
        by_name: dict[str, Actor] = {}
        for m in self.actor_mentions:
            if m.actor.kind != kind:
                continue
            name = (
                self.resolve_group_name(m.actor.name, self.doc_country) if kind == "group" else m.actor.name
            )
            ref = actor_index().by_name.get(name, m.actor)
            actor = by_name.setdefault(
                name,
                Actor(name=name, kind=kind, known=True, parent=ref.parent, subtype=ref.subtype),  # type: ignore[arg-type]
            )  # type: ignore[arg-type]
            actor.mentions.append(Mention(char_start=m.start, char_end=m.end, text=m.text))
        if kind == "group":
            for name, ms in sorted(self.unknown_groups.items()):
                if name not in by_name:
                    by_name[name] = Actor(name=name, kind="group", known=False, mentions=ms)
        if kind == "organisation":
            for name, ms in sorted(self.unknown_orgs.items()):
                if name not in by_name and is_organisation_name(name):
                    by_name[name] = Actor(name=name, kind="organisation", known=False, mentions=ms)
        return [by_name[n] for n in sorted(by_name)]

    def _is_person_name(self, name: str) -> bool:
        """A person actor needs a proper name: no pronoun, no common word that only starts a
        sentence ("Suspected", "Reports"), no body's word ("External Affairs"); a lone word must
        be written as a name inside a sentence somewhere ("said Kashif"), and be no place."""
        words = name.split()
        if not words or _PRONOUN_RX.match(name) or not name[:1].isupper():
            return False
        if any(
            w.lower() in NOT_NAMES or w.lower() in ORG_WORDS or w.lower() in _NOT_PERSON_WORDS for w in words
        ):
            return False
        if any(_GROUP_STEM.match(w) for w in words):
            return False  # "Jaishul Islam claimed ...": a group's name
        if len(words) > 1:
            return True
        if any(pm.text == name for pm in self.gaz.find(name)) or actor_index().lookup(name) is not None:
            return False
        if any(
            w.lower() in ORG_WORDS for w in re.findall(rf"\b{re.escape(name)}\s+([A-Z][a-z]+)\b", self.text)
        ):
            return False  # "according to Tolo News": the first word of a body's name
        return re.search(rf"[a-z,]\s+{re.escape(name)}\b", self.text) is not None

    def _group_relations(self) -> None:
        """Relations between groups stated in the text, each tied to the claim that states it."""
        patterns = [
            (
                "composed_of_members_of",
                re.compile(
                    r"\b(?:composed|made up|drawn)\s+(?:\w+\s+){0,2}?of\s+(?:\w+\s+){0,2}?(?:members|fighters|militants)\s+of\b",
                    re.I,
                ),
            ),
            ("affiliate_of", re.compile(r"\bparent (?:organi[sz]ation|group)\b", re.I)),
            ("pledged_allegiance_to", re.compile(r"\bpledged (?:its |their )?allegiance to\b", re.I)),
            (
                "splinter_of",
                re.compile(r"\b(?:splinter group|breakaway faction|faction|offshoot) of\b", re.I),
            ),
        ]
        for sent in self.sents:
            for kind, rx in patterns:
                m = rx.search(sent.text)
                if not m:
                    continue
                cue = sent.start + m.start()
                subject = self.salient_group(cue) if kind != "splinter_of" else None
                objects = [g for g in self.groups_in(sent.start + m.end(), sent.end)]
                if kind == "pledged_allegiance_to":
                    subject_m = [g for g in self.groups_in(sent.start, cue)]
                    subject = subject_m[-1].actor.name if subject_m else subject
                    objects = objects[:1]
                if kind == "splinter_of":
                    before = [g for g in self.groups_in(max(sent.start, cue - 80), cue)]
                    if not before or not objects:
                        continue
                    subject = before[0].actor.name
                    objects = objects[:1]
                if kind == "affiliate_of":
                    objects = objects[:1]
                claim = next(
                    (
                        i
                        for i, c in enumerate(self.claims)
                        if c.char_start <= cue <= c.char_end + 5
                        or (sent.start <= c.char_start and c.char_end <= sent.end)
                    ),
                    None,
                )
                for obj in objects:
                    if subject and obj.actor.name != subject:
                        self.relations.append(
                            GroupRelation(
                                subject=subject,
                                relation=kind,  # type: ignore[arg-type]
                                object=obj.actor.name,
                                claim=claim,  # type: ignore[arg-type]
                                evidence=Span(char_start=sent.start, char_end=sent.end, quote=sent.text),
                            )
                        )


# A name that says it is an armed group: "Jaish-e-Islam", "the Martyrs Brigade", "called, Jaish-ul-Muslimin".
_GROUP_LIKE = re.compile(
    r"(?:^|called,?\s+|^(?:the\s+)?(?:banned|outlawed|little-known)\s+)(?:the\s+)?(?P<name>(?:[A-Z][\w'’]*[\s-]+(?:(?:e|i|ul|al|ud|wal|of|the)[\s-]+)?){0,4}"
    r"(?:Jaish|Lashkar|Harkat|Tehreek|Tehrik|Jamaat|Jamiat|Hizb|Ansar|Jund|Sipah|Brigades?|Battalions?|Army|Front|"
    r"Movement|Mujahideen|Mujahidin|Liberation|Tigers|Fedayeen|Fidayeen|Taliban|Group)\b(?:[\s-]+(?:(?:e|i|ul|al|ud|wal|of|the)[\s-]+)?[A-Z][\w'’]*){0,4})\s*$"
)
# The accused named at the start of an allegation: "the Muttahida Qaumi Movement (MQM) of ...".
_ACCUSED_NAME = re.compile(
    r"^(?:the\s+)?(?P<name>[A-Z][\w’'-]*(?:\s+(?:(?:of|for|the|and|al|el|e|i|ul|wal)\s+)*[A-Z][\w’'-]*)*)"
    r"(?:\s+\((?P<acronym>[A-Z][\w-]{1,10})\))?"
)
_PARTY_WORDS = re.compile(
    r"\b(?:Party|League|Movement|Front|Organi[sz]ation|Congress|Alliance|Union|Tigers|Brigades?|Group|Network|"
    r"Council|Committee|Jamaat|Jamiat|Militia|Forces|Army|Battalions?)\b"
)
# Bodies of a state, which the text may blame but which are not the militant group behind an attack.
_STATE_WORDS = re.compile(
    r"\b(?:Government|Ministry|Police|Army|Forces|Intelligence|Agency|State|Authorities|Military|Security|"
    r"Navy|Air Force|Embassy|President|Prime|Minister|Council|Court|Parliament|Department|Office|ISI|RAW|CIA|"
    r"Mossad|NATO|UN|United Nations)\b"
)
# What an allegation about an attack speaks of: the deed, or the accused's part in it.
_ALLEGED_DEED = re.compile(
    r"\b(?:attacks?|bombings?|blasts?|explosions?|killings?|murders?|massacre|assassination|abductions?|"
    r"kidnappings?|raids?|ambush|shooting|carnage|violence|responsib\w*|involv\w*|behind|carried out|"
    r"orchestrat\w*|mastermind\w*|plann\w*|perpetrat\w*)\b",
    re.I,
)
# A denial whose content is the denier's own deed or part: "it had carried out", "any involvement".
_SELF_DENIED = re.compile(
    r"^(?:(?:it|they|its|their)\b|(?:any\s+)?(?:involvement|responsibility|role|part|hand|links?)\b)", re.I
)
# "planned by X", "carried out by the X": the deed's agent named after it.
_BY_GROUP = re.compile(
    r"\b(?:planned|carried out|masterminded|orchestrated|perpetrated|organi[sz]ed|executed|committed|staged|"
    r"plotted|ordered)\s+by\s+(?:the\s+)?(?:[\w’'-]+\s+){0,5}?(?:(?:and|or)\s+(?:the\s+)?)?$",
    re.I,
)
# "X was behind the attack", "X carried out the bombing"
_GROUP_DID = re.compile(
    r"\s*(?:\([^)]{1,12}\)\s*)?(?:militants\s+|fighters\s+)?(?:(?:was|were|had been)\s+(?:behind|responsible\s+for)|"
    r"(?:had\s+)?(?:carried out|masterminded|orchestrated|perpetrated|planned|staged))\b",
    re.I,
)
# Head nouns of unnamed speakers: people, or bodies.
_PEOPLE_HEAD = re.compile(
    r"(?:official|officer|spokes(?:man|men|woman|women|person|persons)|council+or|mayor|governor|commander|doctor|"
    r"witness|resident|survivor|villager|elder|relative|medic|nurse|paramedic|source|analyst|diplomat|prosecutor|"
    r"judge|investigator|activist|journalist|reporter|correspondent|worker|rescuer|aide|lawmaker|minister|chief)(?:s|es)?"
)
_BODY_HEAD = re.compile(
    r"police|army|military|government|ministry|authorities|court|agency|department|administration|forces|"
    r"troops|navy|presidency|observatory|monitor|mission|commission|council|committee|embassy|hospital"
)
# Words of a capitalised phrase that is no one's name.
_NOT_PERSON_WORDS = frozenset(
    [
        "affairs",
        "administration",
        "reports",
        "report",
        "though",
        "although",
        "suspected",
        "initial",
        "initially",
        "according",
        "officials",
        "police",
        "sources",
        "unnamed",
        "anonymous",
    ]
)
# The stems of militant groups' names, never of a person's: "Jaishul Islam", "Lashkar-e-Jhangvi".
_GROUP_STEM = re.compile(
    r"(?:Jaish|Lashkar|Harkat|Tehreek|Tehrik|Jamaat|Jamiat|Hizb|Sipah|Jund)(?:ul|ur|al|-|$)"
)
# Small words inside an organisation's name: "Syrian Observatory for Human Rights", "Ministry of the Interior".
_NAME_JOINERS = frozenset(
    ["of", "for", "and", "the", "in", "on", "de", "du", "des", "la", "le", "al", "el", "&"]
)


def is_organisation_name(name: str) -> bool:
    """An organisation actor needs a name, which the writer marks by capitals: every word of
    "Iraqi Health Ministry", "Afghanistan's Interior Ministry", "Syrian Observatory for Human
    Rights" (small joining words aside), or an acronym ("YPG"). A description is none: "Indian
    army", "Pakistan's foreign ministry", "the military's media wing" (a lower-case word), "Local
    officials", "Security sources", "Witnesses" (people, not a body), "Police", "Authorities" (a
    common noun alone, capitalised only as a sentence's first word). Such a speaker keeps its text
    on its claim; it just becomes no row of the organisations table."""
    name = name.strip()
    words = re.findall(r"[^\s,;:()]+", name)
    if not words or re.search(r"[,;:]", name):
        return False
    content = [w for w in words if w.lower() not in _NAME_JOINERS]
    if not content or words[-1].lower() in _NAME_JOINERS:
        return False
    if any(not w[:1].isupper() and not w[:1].isdigit() for w in content):
        return False
    last = content[-1].lower().rstrip(".")
    if (
        _PEOPLE_HEAD.fullmatch(last)
        or last in _NOT_PERSON_WORDS
        or last in ("staff", "personnel", "agencies")
    ):
        return False
    if len(content) == 1 and (_BODY_HEAD.fullmatch(last) or last in NOT_NAMES or last in _NOT_PERSON_WORDS):
        return False
    return not any(w.lower() in ("initially", "who", "which") for w in content)


def _story_paragraphs(paras: list[Paragraph]) -> list[Paragraph]:
    """A dated dateline only on the first of several paragraphs heads one story ("KABUL,
    Afghanistan, Jan. 5, 2009 (Reuters) - A suicide bomber ... \n\n The attack was claimed ..."),
    not a list of dated briefs: its paragraphs are prose (its date is the document's, which the
    reader takes from the dateline), and its place is the dateline's place."""
    if len(paras) < 2 or not paras[0].dateline_date or any(p.dateline_date for p in paras[1:]):
        return paras
    return [replace(paras[0], dateline_date=None), *paras[1:]]


_PROSE = -1  # the key of the story that prose paragraphs follow
_PRONOUN_RX = re.compile(r"^(?:he|she|they|we)$", re.IGNORECASE)
# A group saying its own fighters did it: "its fighters had killed 15", "their mujahideen attacked".
_ITS_FIGHTERS = re.compile(
    r"^(?:its|their)\s+(?:\w+\s+)?(?:fighters|militants|mujahideen|mujahidin|members|soldiers|men|martyrdom seekers?)\s+"
    r"(?:had\s+|have\s+)?(?:killed|attacked|carried out|stormed|targeted|bombed|shot|ambushed|abducted)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_ATTACK = re.compile(
    r"\bwe\s+(?:have\s+|had\s+)?(?:killed|shot|attacked|bombed|blown up|blew up|carried out|"
    r"abducted|kidnapped|executed|targeted)\b",
    re.IGNORECASE,
)


# A second account of the same toll: the incident's low..high spans both figures.
_OTHER_ACCOUNT = re.compile(
    r"\b(?:other|another|different)\s+(?:sources?|accounts?|reports?)\b|\bsaid\b[^.;]{3,80}\b(?:while|whereas|but)\b[^.;]{3,80}\bsaid\b",
    re.I,
)


# The attackers a count is of: "two terrorists", "three of the militants".
_ATTACKER_COUNT = re.compile(
    r"\s+(?:(?:of\s+the|other|more|armed|suspected|heavily|\w+ly)\s+)*(?:militants?|attackers?|insurgents?|terrorists?|"
    r"assailants?|gunmen|bombers?|fighters?|rebels?|jihadists?|miscreants|dacoits)\b",
    re.I,
)
_DEATH_AFTER = re.compile(
    r"[^,;.]{0,40}?\b(?:killed|dead|died|neutrali[sz]ed|eliminated|slain|shot dead|gunned down)\b", re.I
)


def _victims_toll(clause: str, summary: bool) -> Toll:
    """The toll of a clause where the deaths it counts first are the attackers' and it also counts
    someone else killed ("Sepoy X embraced martyrdom, while two terrorists were killed"): the
    victims' toll, as where attackers and victims are counted together ("19 militants and seven
    soldiers were killed" -> 7). Attackers alone killed stay the toll."""
    toll = clause_toll(clause, summary=summary)
    span = toll.killed_span
    if toll.killed is None or span is None or not _ATTACKER_COUNT.match(clause, span[1]):
        return toll
    death = _DEATH_AFTER.match(clause, span[1])
    end = death.end() if death else _ATTACKER_COUNT.match(clause, span[1]).end()  # type: ignore[union-attr]
    masked = clause[: span[0]] + " " * (end - span[0]) + clause[end:]
    victims = clause_toll(masked, summary=summary)
    if (
        victims.killed is None
        or victims.killed_span is None
        or _ATTACKER_COUNT.match(masked, victims.killed_span[1])
    ):
        return toll
    return replace(toll, killed=victims.killed, killed_span=victims.killed_span, also_killed=None)


def _span_range(
    a: tuple[int | None, int | None] | None, b: tuple[int | None, int | None]
) -> tuple[int | None, int | None]:
    if a is None:
        return b
    lows = [x for x in (a[0], b[0]) if x is not None]
    highs = [x for x in (a[1], b[1]) if x is not None]
    return (min(lows) if lows else None, max(highs) if highs and len(highs) == 2 else None)


@functools.lru_cache(maxsize=1024)
def _country_of(name: str) -> str | None:
    return gazetteer().country_of(name)


@functools.lru_cache(maxsize=4096)
def _dateline_loc(place: str, country_name: str | None) -> Loc:
    """Where a datelined brief happened: the first place its dateline names ("BANNU, BARA, PAKISTAN").

    A dateline names the town a report comes from; a district there is named for its main town,
    so an unknown name or a district is kept as the city. A province is only a province. Cached:
    a list of briefs repeats its datelines (callers copy the result)."""
    gaz = gazetteer()
    country = gaz.country_of(country_name) if country_name else None
    first = re.split(r",\s*", place)[0].strip()
    if not first or re.search(r"\s(?:and|AND|&)\s|/", first):  # "KUNDUZ AND KANDAHAR", "QUETTA/ISLAMABAD"
        return Loc(country=country, precision="country" if country else None)
    name = first.title() if first.isupper() else first
    name = re.sub(r"\s+(?:Province|District|Agency|Region)$", "", name)
    best = gaz.best(name, country=country)
    if best is not None and (country is None or best.country == country):
        loc = _loc_from_place(best, name)
        if best.kind == "admin2":
            loc.city, loc.precision = name, "city"
        elif best.kind in ("country", "region"):
            loc.city = None
        loc.country = loc.country or country
        return loc
    return Loc(country=country, city=name, precision="city")


# Where the object of "shot dead" ends: a place or time ("at his home", "in Quetta") or the next deed
# of the attackers ("and took away their official rifles", "and fled").
_OBJECT_END = re.compile(
    r"\s+(?:(?:at|in|near|outside|inside|on|while|when|as|after|before|during|from)\b|"
    r"and\s+(?:then\s+)?(?:\w+ed|took|fled|ran|left|made|stole|snatched|threw|hurled|went|got|set|shot)\b)",
    re.I,
)


def _victim_phrase(clause: str) -> str:
    """Who was shot: the words after "shot dead" or the subject before "was/were shot dead"."""
    after = re.search(r"\b(?:shot dead|gunned down)\s+([^,;.]{0,60})", clause)
    before = re.search(r"([^;.]{0,120})\b(?:was|were)\s+(?:\w+\s+)?(?:shot dead|gunned down)", clause)
    phrases = [before.group(1)] if before else []
    if after:
        end = _OBJECT_END.search(after.group(1))
        phrases.insert(0, after.group(1)[: end.start()] if end else after.group(1))
    return " ".join(phrases)


def _sentence_subject(sentence: str) -> str | None:
    """The subject of a sentence after an opening adverbial: "In 2017, the militant outfit attacked" -> "the militant outfit"."""
    m = re.match(
        r"^(?:(?:In|By|During|Later|Earlier|Also|Then)\b[^,]*,\s*)?(?P<subj>.+?)\s+(?:also\s+)?"
        r"(?:attacked|bombed|claimed|carried|killed|targeted|stormed|struck)\b",
        sentence,
    )
    return m.group("subj") if m else None


_COLUMN_KINDS = [
    ("date", r"date|day|when"),
    ("place", r"place|location|city|town|district|province|where|area"),
    ("killed", r"killed|dead|deaths?|fatalities|killed \(\w+\)|death toll"),
    ("wounded", r"wounded|injured|injuries|hurt"),
    ("perpetrator", r"perpetrators?|group|responsible|claimed by|attributed to|suspected perpetrators?"),
    ("description", r"description|details?|incident|event|attack|summary|notes?|what happened"),
]


def _column_kind(header: str) -> str:
    """What a table column holds, from its header ("Killed", "Location", "Description")."""
    words = header.strip().lower()
    for kind, rx in _COLUMN_KINDS:
        if re.fullmatch(rf"(?:no\.?\s+)?(?:{rx})(?:\s+\(.*\))?", words):
            return kind
    return ""


# A total over a period: "in 2019", "last year", "over the past year", "during 2018".
_PERIOD = re.compile(
    r"\b(?:in|during|throughout|over|for|since)\s+(?:the\s+(?:(?:whole|entire)\s+)?(?:year\s+(?:of\s+)?)?|all\s+of\s+)?"
    r"(?:19|20)\d\d\b(?!\s*[-–/]\s*\d)|\b(?:last|this|past|previous)\s+year\b|"
    r"\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:years?|months|decade)\b|\bannually\b|\bper year\b",
    re.I,
)
# What an aggregate counts: attacks in the plural, or violence in general.
_AGGREGATE_SUBJECT = re.compile(
    r"\b(?:attacks|bombings|blasts|explosions|killings|assaults|raids|ambushes|shootings|incidents|violence|"
    r"terrorism|militancy|insurgency|conflict|fighting|bloodshed|unrest)\b",
    re.I,
)
_STATEMENT_CUE = re.compile(
    r"\b(?:said|says|reported|released|published|issued|statement|report)\b[^.;]{0,40}$", re.I
)


def _is_aggregate(clause: str, dates: list[DateValue], text: str) -> bool:
    """A total over a period, not one event: "Attacks by the group killed 456 people in 2019", "more
    than 1,000 civilians were killed in attacks last year". A clause that dates a day or a month
    (but for when a report came out), or tells one attack ("an attack", "the bombing", "attacked a"),
    is an event."""
    if not _PERIOD.search(clause) or not _AGGREGATE_SUBJECT.search(clause):
        return False
    for d in dates:
        if d.month is not None and not _STATEMENT_CUE.search(text[max(0, d.start - 60) : d.start]):
            return False
    return not (_SINGULAR_EVENT.search(clause) or _INDEFINITE_EVENT.search(clause))


# A place the text describes by its country: "in a Syrian town", "the Iraqi border city of", "an
# Afghan village".
_COUNTRY_PLACE = re.compile(
    r"\b(?:in|at|near|outside|inside|of)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?P<adj>[A-Z][a-z]+)\s+"
    r"(?:(?:border|frontier|desert|mountain|mountainous|coastal|remote|rural|northern|southern|eastern|western|"
    r"central|north-?\w+|south-?\w+)\s+)*(?:town|city|village|hamlet|province|district|region|capital|port|"
    r"state|county|area|outpost)\b"
)
_BORDER_AREA = re.compile(
    r"\b(?:near|along|on|close to)\s+the\s+(?:[A-Z][\w-]+\s+)?border\b|\bborder\s+(?:area|region|town|village|district)\b"
)


# "killed 160 villagers in Ogossagou": a name after where the deed was done.
_IN_UNKNOWN = re.compile(
    r"\b(?:kill\w*|attack\w*|bomb\w*|explo\w+|ambush\w*|raid\w*|stormed|struck|shot|abduct\w*|kidnap\w*)\b"
    r"[^,;.]{0,40}?\b(?:in|at|near)\s+(?P<name>[A-Z][a-z]{3,})\b"
)
_NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "ramadan", "eid", "muharram", "parliament", "operation", "spring", "summer", "autumn", "winter",
}  # fmt: skip
_IN_NAME = re.compile(r"\b(?:in|inside)\s+(?P<name>[A-Z][a-z]+)\b(?![\s-]+[A-Z])")


def _named_country(segment: str) -> str | None:
    """The country of the first place `segment` describes by its country ("in a Syrian town")."""
    for m in _COUNTRY_PLACE.finditer(segment):
        country = _country_of(m.group("adj"))
        if country is not None:
            return country
    for m in _IN_NAME.finditer(segment):
        country = _country_of(m.group("name"))
        if country is not None:
            return country
    return None


def _title_year(title: str | None) -> int | None:
    """The one year a title states: "Attacks in Burkina Faso, 2019", "2019 attacks in Mali", "(2019)";
    none for a span ("2014-2015", "2014 to 2016") or two years."""
    if not title:
        return None
    years = set(re.findall(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/.-])", title))
    if len(years) != 1 or re.search(
        r"(?:19|20)\d\d\s*(?:[-–—/]|to\b|and\b)\s*(?:19|20)?\d\d|\b(?:since|after|before|until|till|from)\s+(?:19|20)\d\d",
        title,
        re.I,
    ):
        return None  # a span, or a year that only bounds one ("attacks since 2001")
    return int(years.pop())


def ctx_date(ctx: DateContext) -> DateValue | None:
    year = ctx.year
    if year:
        return DateValue(
            year=year, month=None, day=None, precision="year", start=0, end=0, text="", relative=True
        )
    return None


def _date_key(d: DateValue) -> tuple[Any, ...]:
    return (d.year, d.month, d.day)


def _verb_led(clause: str) -> bool:
    return bool(
        re.match(
            r"^\s*(?:and\s+)?(?:also\s+)?(?:attacked|bombed|claimed|killed|struck|stormed|targeted|blew|set)\b",
            clause,
        )
    )


def _clauses(text: str, sent: Sentence) -> list[tuple[int, int]]:
    """Enumerated events in one sentence are separated by semicolons or ", while another"."""
    cuts = [sent.start]
    for m in re.finditer(r";\s*|,\s*while\s+(?=another\b)|,\s*(?=and in another)", sent.text):
        cuts.append(sent.start + m.end())
    cuts.append(sent.end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


_ATTACK_OBJECT = re.compile(
    r"\b(?:attack(?:s|ed)?\s+(?:on|at|against)|attacked|bombed|bomb(?:ing)?\s+(?:at|of|on|outside|near)|"
    r"(?:blast|explosion|bombing|attack)\s+(?:at|near|in front of|outside|inside)|targeting|targeted|stormed|struck|"
    r"blew up|set (?:on fire|ablaze)|opened fire (?:on|at|upon)|fired (?:on|at|upon)|hurled [^,.;]{0,40}? (?:at|into)|lobbed [^,.;]{0,40}? at|"
    r"ambushed|raided|overran|came under attack (?:at|on)|hit)\s+"
    r"(?:(?:part|parts|portion|some|one|all|most)\s+of\s+)?(?P<obj>(?:the |a |an |their |his |her |two |three |several )?[^,;.]{3,70}?)"
    r"(?=\s+(?:in|near|at|of|on|that|which|who|when|as|killing|leaving|wounding|injuring|and|with|by)\b|[,;.]|$)",
    re.IGNORECASE,
)
_SETTING = re.compile(
    r"\b(?:at|in|inside|outside|near|on)\s+(?:the\s+|a\s+|an\s+)?(?P<obj>(?:[\w-]+\s+){0,4}?(?:mosque|shrine|church|temple|"
    r"imambargah|school|college|university|madrass?a|seminary|hospital|embassy|consulate|police station|checkpost|"
    r"check post|market|bazaar|hotel|courthouse|court|rally|wedding|funeral|prayers|procession|bank|airport))\b",
    re.IGNORECASE,
)
_GENERIC_VICTIMS = {"private_citizens", None}
_MAY_ADD = re.compile(
    r"\balso\b|\bother\s+(?:sources?|accounts?|reports?)\b|\bwhile\b|\bwhereas\b|\bbut\b", re.I
)
_CASUALTY_WORD = re.compile(r"\b(?:killed|dead|injured|wounded|hurt|injuries)\b", re.I)
_AGENT = re.compile(
    r"\b(?:militants?|terrorists?|attackers?|assailants?|bombers?|gunm[ae]n|insurgents?|persons|men)\s+"
    r"(?:\w+\s+){0,3}?(?:shot|killed|opened|attacked|stormed|hurled|lobbed|blew|detonated|fired|sprayed|ambushed)\b",
    re.I,
)


def _np_type(phrase: str) -> str | None:
    """GTD type of a noun phrase: its head noun, last; a police or army academy is that force's."""
    if re.search(
        r"\b(?:police|army|military|cadet)\b[\w\s]{0,20}\b(?:college|academy|school|training)", phrase, re.I
    ):
        return "police" if re.search(r"police", phrase, re.I) else "military"
    found: list[tuple[int, int, str]] = []
    for order, (kind, rx) in enumerate(TARGET_LEXICON):
        for m in rx.finditer(phrase):
            found.append((m.end(), -order, kind))
    return max(found)[2] if found else None


def _top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of a regex body, split at the "|" that are not inside a group."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch == "\\":
            continue
        if ch == "(" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif ch == ")" and pattern[i - 1] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _split_lexicon() -> tuple[dict[str, tuple[int, str]], re.Pattern[str]]:
    """Single plain words of the target lexicon go to a dict (one lookup per word of text); the
    phrases and patterns stay in one regex."""
    words: dict[str, tuple[int, str]] = {}
    rest: list[str] = []
    for order, (kind, rx) in enumerate(TARGET_LEXICON):
        body = rx.pattern[len(r"\b(?:") : -len(r")\b")]
        for alt in _top_level_alternatives(body):
            plain = re.fullmatch(r"([a-z]+)(s\?)?", alt, re.IGNORECASE)
            stem = re.fullmatch(r"([a-z]+)\\w\*", alt, re.IGNORECASE)
            if stem:
                _TARGET_STEMS.setdefault(stem.group(1).lower()[:4], []).append(
                    (stem.group(1).lower(), order, kind)
                )
            elif plain:
                for form in {plain.group(1), plain.group(1) + ("s" if plain.group(2) else "")}:
                    words.setdefault(form.lower(), (order, kind))
            else:
                rest.append(f"(?P<t{order}_{len(rest)}>{alt})")
    for alt in rest:
        _PHRASE_STARTS.update(_starts(re.sub(r"^\(\?P<\w+>", "", alt)))
    return words, re.compile(r"\b(?:" + "|".join(rest) + r")\b", re.IGNORECASE)


def _starts(alt: str) -> set[str]:
    """The lower-case letters (one or two) a match of a regex alternative can start with."""
    alt = re.sub(r"^\(\?<[!=][^)]*\)", "", alt)
    if alt.startswith("(?:"):
        depth, end = 0, 0
        for i, ch in enumerate(alt):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                end = i
                break
        rest = alt[end + 1 :]
        found: set[str] = set()
        for inner in _top_level_alternatives(alt[3:end]):
            found |= _starts(inner + rest)
        return found
    head = re.match(r"[A-Za-z]{1,2}", alt)
    if head is None:
        return {""}
    letters = head.group(0).lower()
    after = alt[len(letters) : len(letters) + 1]
    return {letters[0]} if len(letters) == 1 or after in ("?", "*", "{") else {letters}


_TARGET_STEMS: dict[str, list[tuple[str, int, str]]] = {}
_PHRASE_STARTS: set[str] = set()
_TARGET_WORDS, _TARGET_PHRASES = _split_lexicon()
_WORD = re.compile(r"[A-Za-z]+")


def _victim_type(victims: str) -> str | None:
    """GTD type of the people killed or hurt: a named category beats "people"; militants count
    only when nobody else was hit."""
    kinds: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(victims):
        word = m.group(0).lower()
        hit = _TARGET_WORDS.get(word)
        if hit:
            kinds.append((m.start(), *hit))
        for stem, order, kind in _TARGET_STEMS.get(word[:4], ()):
            if word.startswith(stem):
                kinds.append((m.start(), order, kind))
        if word[:2] in _PHRASE_STARTS or word[:1] in _PHRASE_STARTS or "" in _PHRASE_STARTS:
            phrase = _TARGET_PHRASES.match(victims, m.start())
            if phrase is not None:
                order = int((phrase.lastgroup or "t0_0")[1:].split("_")[0])
                kinds.append((m.start(), order, TARGET_LEXICON[order][0]))
    kinds.sort()
    specific = [k for _, _, k in kinds if k not in ("private_citizens", "terrorists_militia")]
    if specific:
        return specific[0]
    if any(k == "private_citizens" for _, _, k in kinds):
        return "private_citizens"
    return "terrorists_militia" if kinds else None


_POST = re.compile(r"\bcheck[- ]?(?:posts?|points?)\b", re.IGNORECASE)
_POLICE_OWNER = re.compile(r"\b(?:police\w*|policem[ae]n|constab\w*|levies|khasadars?|SHO)\b", re.IGNORECASE)


_CASUALTY_VERB = re.compile(r"\b(?:kill\w*|dead|injur\w*|wound\w*|hurt|martyred)\b", re.I)


def _victims_type(clause: str, words: re.Pattern[str] = _CASUALTY_WORD) -> str | None:
    """The GTD type of who was hit: the words around the casualty `words`, without the attackers."""
    text = _AGENT.sub(" ", clause)
    victims = " ".join(text[max(0, m.start() - 90) : m.end() + 60] for m in words.finditer(text))
    return _victim_type(victims) if victims else None


def _target(clause: str) -> tuple[str | None, str | None]:
    """The GTD target type of an attack: what was attacked, else who was hit, else where it happened."""
    obj = _ATTACK_OBJECT.search(clause)
    if obj:
        kind = _np_type(obj.group("obj"))
        possessed = re.match(r"(?:his|her|their)\s", obj.group("obj"))
        if (
            kind is not None
            and kind != "terrorists_militia"
            and not possessed
            and not _AGENT.match(obj.group("obj"))
            and (kind != "private_citizens" or not _SETTING.search(clause))
        ):
            if (
                kind == "police"
                and _POST.search(obj.group("obj"))
                and not _POLICE_OWNER.search(obj.group("obj"))
            ):
                # "a security check post": a post is manned by whoever was hit there (police by default).
                rest = clause[: obj.start("obj")] + " " + clause[obj.end("obj") :]
                victim_kind = _victims_type(rest, _CASUALTY_VERB)
                if victim_kind == "military":
                    return victim_kind, obj.group("obj").strip()
            return kind, obj.group("obj").strip()
    text = _AGENT.sub(" ", clause)
    victim_kind = _victims_type(clause)
    setting = _SETTING.search(clause)
    if victim_kind in _GENERIC_VICTIMS and setting:
        return _np_type(setting.group("obj")), setting.group("obj").strip()
    if victim_kind is not None:
        return victim_kind, None
    if setting:
        return _np_type(setting.group("obj")), setting.group("obj").strip()
    return _victim_type(text), None


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ;,\n":
        start += 1
    while end > start and text[end - 1] in " ;,\n":
        end -= 1
    return start, end


def _summary(quote: str) -> str:
    quote = re.sub(r"\[\d+\]", "", quote)
    return quote if len(quote) <= 240 else quote[:237].rsplit(" ", 1)[0] + "..."


def _source(doc: Document) -> Source:
    return Source(
        path=doc.path,
        kind=doc.kind if doc.kind in _SOURCE_KINDS else "other",  # type: ignore[arg-type]
        title=doc.title,  # type: ignore[arg-type]
        publisher=doc.publisher,
        author=doc.author,
        url=doc.url,
        published_on=doc.published_on.isoformat() if isinstance(doc.published_on, date) else None,
        dateline=doc.dateline,
        language=doc.language,
        sha256=doc.raw_sha256,
        cites=list(doc.cites),
        text=doc.text,
    )


_SOURCE_KINDS = {"news_article", "news_digest", "government_report", "statement", "wiki_brief", "other"}


def extract_document(document: Document) -> ExtractedDocument:
    """Extract incidents, claims and actors from one read document."""
    return DocumentExtractor(document).run()
