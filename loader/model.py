"""Typed records that flow between the stages: read -> extract -> resolve -> store.

The extraction output (`ExtractedDocument`) is the contract between `eventsdb extract` (its JSON
output, described by `loader/data/extraction.schema.json`) and the loader, which writes exactly
these records into Postgres. Field names of `Incident` follow ../shared/eval/GOLD.md.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EXTRACTOR_VERSION = "0.1.0"

AttackType = Literal[
    "assassination",
    "armed_assault",
    "bombing",
    "hijacking",
    "hostage_barricade",
    "kidnapping",
    "facility_attack",
    "unarmed_assault",
    "unknown",
]
TargetType = Literal[
    "business",
    "government_general",
    "police",
    "military",
    "government_diplomatic",
    "educational_institution",
    "journalists_media",
    "ngo",
    "private_citizens",
    "religious",
    "telecommunication",
    "terrorists_militia",
    "tourists",
    "transportation",
    "utilities",
    "violent_political_party",
    "airports_aircraft",
    "food_water",
    "maritime",
    "other",
    "unknown",
]
DatePrecision = Literal["day", "month", "year"]
LocationPrecision = Literal["city", "admin2", "admin1", "country", "region"]
ClaimKind = Literal[
    "statement", "allegation", "denial", "counter", "endorsement", "estimate", "responsibility"
]
ClaimantKind = Literal["person", "organisation", "group", "source", "report", "unknown"]
Attribution = Literal["claimed", "attributed", "suspected"]
SourceKind = Literal["news_article", "news_digest", "government_report", "statement", "wiki_brief", "other"]
GroupRelationKind = Literal["composed_of_members_of", "pledged_allegiance_to", "affiliate_of", "splinter_of"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A character span into the source's cleaned text; `quote == text[char_start:char_end]`."""

    char_start: int = Field(ge=0)
    char_end: int = Field(ge=0)
    quote: str


class Source(Record):
    path: str | None = None
    kind: SourceKind = "news_article"
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published_on: str | None = Field(default=None, description="ISO date YYYY-MM-DD")
    dateline: str | None = None
    language: str = "en"
    sha256: str = Field(description="sha256 of the raw input bytes")
    cites: list[str] = Field(default_factory=list, description="names of sources this one reports on")
    text: str = Field(description="the cleaned full text that every char_start/char_end points into")


class Mention(Record):
    char_start: int
    char_end: int
    text: str


class Actor(Record):
    """A group, organisation or person named in the text, with its canonical name."""

    name: str
    kind: Literal["group", "organisation", "person"]
    known: bool = Field(description="true when the name resolved to the shipped reference list")
    parent: str | None = None
    subtype: str | None = Field(default=None, description="e.g. government, media, ministry, coalition")
    mentions: list[Mention] = Field(default_factory=list)


class Claim(Span):
    claimant: str
    claimant_kind: ClaimantKind
    kind: ClaimKind
    about: str | None = Field(default=None, description="canonical name of the group the claim is about")
    about_incidents: list[int] = Field(default_factory=list, description="indices into incidents")
    responds_to: int | None = Field(
        default=None, description="index of the claim this one counters or endorses"
    )
    cue: str | None = Field(default=None, description="the reporting verb or phrase that attributes it")


class Incident(Span):
    year: int | None = None
    month: int | None = None
    day: int | None = None
    date_start: str | None = None
    date_end: str | None = None
    date_precision: DatePrecision | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    admin1: str | None = Field(default=None, description="province/state name as in ISO 3166-2")
    admin1_code: str | None = Field(default=None, description="ISO 3166-2 code")
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    location_precision: LocationPrecision | None = None
    attack_type: AttackType = "unknown"
    suicide: bool = False
    target_type: TargetType | None = None
    target: str | None = Field(default=None, description="the target as the text describes it")
    killed_low: int | None = None
    killed_high: int | None = None
    wounded_low: int | None = None
    wounded_high: int | None = None
    perpetrator: str | None = None
    attribution: Attribution | None = None
    responsibility_claimed: bool = False
    claims: list[int] = Field(default_factory=list, description="indices of supporting claims")
    summary: str | None = None


class GroupRelation(Record):
    subject: str
    relation: GroupRelationKind
    object: str
    claim: int | None = Field(default=None, description="index of the claim stating it")
    evidence: Span


class ExtractedDocument(Record):
    extractor_version: str = EXTRACTOR_VERSION
    source: Source
    incidents: list[Incident] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    groups: list[Actor] = Field(default_factory=list)
    organisations: list[Actor] = Field(default_factory=list)
    people: list[Actor] = Field(default_factory=list)
    group_relations: list[GroupRelation] = Field(default_factory=list)
