"""Writing sources and their extractions as normalized rows, in the caller's transaction.

`write_sources` stores a batch of read documents as sources (new, unchanged, a new version of a
known source, or re-extracted with --force; see loader.store.sources) and writes for each:

- claims, each with its span, claimant (resolved to a group, organisation or person) and topic;
- one incident report per extracted incident (what this source says: span, date, place, types,
  toll, perpetrator), attached to an incident: the same incident as in the source's previous
  version when it is still reported (so incident ids survive reloads), else an incident of another
  source that passes the duplicate rule of `loader.store.dedup`, else a new incident;
- incident_claims: each report's supporting claims (those the extraction lists, plus the claims
  about that incident); an incident with none gets a claim by the source itself (kind
  'statement', claimant the publisher, quote the incident's span);
- incident_perpetrators from the reports (attribution claimed / attributed / suspected), with the
  claim that makes it;
- claim_relations (responds_to: counters, endorses) and group_relations, each tied to its claim
  (a relation stated by no claim gets a claim by the source itself, quoting the evidence);
- actor_mentions: where the source names each group, organisation and person it resolved.

The batch is planned in Python from a few queries (source states, previous reports, names, merge
candidates, ids drawn from the sequences) and written with one COPY per table. When a source
replaces a previous version (or is re-extracted), the previous version's claims, reports and
mentions are deleted first, incidents left without a report are deleted and the others recomputed from the
reports they keep. Human corrections of the incidents touched are then re-applied
(loader.store.corrections).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import psycopg

from loader.model import Claim, ExtractedDocument, Incident
from loader.read import Document
from loader.resolve import ActorKey, ActorKind, ActorName, EntityResolver, organisation_kind
from loader.store import corrections
from loader.store.dedup import IncidentFacts, Toll, best_match
from loader.store.sources import (
    CONTENT_LOCK,
    SOURCE_LOCK,
    SourceDecision,
    StoredSource,
    decide_source,
    lock_keys,
    source_key_for,
    source_states,
)

# Fields of an incident taken from its first report (the toll is the span of all its reports').
FIRST_REPORT_FIELDS = (
    "date_start", "date_end", "date_precision", "country", "admin1_code", "admin1_name", "city",
    "latitude", "longitude", "location_precision", "attack_type", "suicide", "target_type",
    "target_description", "summary", "source_id", "char_start", "char_end", "quote",
)  # fmt: skip
TOLL_FIELDS = ("killed_low", "killed_high", "wounded_low", "wounded_high")
REPORT_VALUE_FIELDS = (
    "date_start", "date_end", "date_precision", "country", "admin1_code", "admin1_name", "city",
    "latitude", "longitude", "location_precision", "attack_type", "suicide", "target_type",
    "target_description", *TOLL_FIELDS, "summary",
)  # fmt: skip

_COUNTRY = re.compile(r"[A-Z]{2}")
_ADMIN1 = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
_RESPONDS = {"counter": "counters", "denial": "counters", "allegation": "counters", "endorsement": "endorses"}
SOURCE_VOICE_FALLBACK = "the source"


class ExtractionRejected(ValueError):
    """The extraction cannot be stored as it is (e.g. a span that does not match the text); the
    message is the one-line reason."""


@dataclass(frozen=True)
class WriteContext:
    load_run_id: int
    extractor_version: str
    resolver: EntityResolver


@dataclass
class WriteCounts:
    """Rows written (or removed) for one source."""

    claims: int = 0
    incidents_new: int = 0
    incidents_merged: int = 0
    """Reports attached to an incident another source reported (cross-source duplicates)."""
    incidents_kept: int = 0
    """Incidents of the source's previous version that the new version still reports."""
    incidents_removed: int = 0
    reports: int = 0
    incident_claims: int = 0
    perpetrators: int = 0
    claim_relations: int = 0
    group_relations: int = 0
    mentions: int = 0
    """actor_mentions rows: where the source names each group, organisation and person."""
    corrections_applied: int = 0
    incident_ids: list[int] = field(default_factory=list)
    report_incidents: list[tuple[int, str]] = field(default_factory=list)
    """For each extracted incident, in order: the incident it was written to, and how (new, kept,
    merged)."""

    @property
    def incidents(self) -> int:
        return self.incidents_new + self.incidents_merged + self.incidents_kept

    @property
    def rows(self) -> int:
        """Rows inserted (incidents counted once, when created)."""
        return (
            self.claims
            + self.incidents_new
            + self.reports
            + self.incident_claims
            + self.perpetrators
            + self.claim_relations
            + self.group_relations
            + self.mentions
        )


# --- turning the extraction's values into column values --------------------------------------------


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _dates(incident: Incident) -> tuple[date | None, date | None, str | None]:
    start, end = _date(incident.date_start), _date(incident.date_end)
    if start is None and incident.year:
        # Only the parts: build the span they stand for.
        try:
            if incident.month and incident.day:
                start = end = date(incident.year, incident.month, incident.day)
            elif incident.month:
                start = date(incident.year, incident.month, 1)
                end = date(incident.year + incident.month // 12, incident.month % 12 + 1, 1)
                end = date.fromordinal(end.toordinal() - 1)
            else:
                start, end = date(incident.year, 1, 1), date(incident.year, 12, 31)
        except ValueError:
            return None, None, None
    if start is None:
        return None, None, None
    end = end if end is not None and end >= start else start
    precision = incident.date_precision or (
        "day" if incident.day else "month" if incident.month else "year" if start != end else "day"
    )
    return start, end, precision


def _toll(low: int | None, high: int | None) -> tuple[int | None, int | None]:
    low = low if low is not None and low >= 0 else None
    high = high if high is not None and high >= 0 else None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, high


def report_values(incident: Incident) -> dict[str, Any]:
    """The incident report's columns (REPORT_VALUE_FIELDS) from an extracted incident, made to fit
    the table's constraints (an impossible code is dropped rather than failing the source)."""
    start, end, precision = _dates(incident)
    country = incident.country if incident.country and _COUNTRY.fullmatch(incident.country) else None
    admin1_code = incident.admin1_code
    if not (admin1_code and country and _ADMIN1.fullmatch(admin1_code) and admin1_code[:2] == country):
        admin1_code = None
    latitude, longitude = incident.latitude, incident.longitude
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        latitude = longitude = None
    killed = _toll(incident.killed_low, incident.killed_high)
    wounded = _toll(incident.wounded_low, incident.wounded_high)
    return {
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "country": country,
        "admin1_code": admin1_code,
        "admin1_name": incident.admin1,
        "city": incident.city,
        "latitude": latitude,
        "longitude": longitude,
        "location_precision": incident.location_precision,
        "attack_type": incident.attack_type,
        "suicide": incident.suicide,
        "target_type": incident.target_type,
        "target_description": incident.target,
        "killed_low": killed[0],
        "killed_high": killed[1],
        "wounded_low": wounded[0],
        "wounded_high": wounded[1],
        "summary": incident.summary,
    }


def facts_of(values: dict[str, Any]) -> IncidentFacts:
    return IncidentFacts(
        date_start=values["date_start"],
        date_precision=values["date_precision"],
        country=values["country"],
        city=values["city"],
        attack_type=values["attack_type"],
        killed=Toll(values["killed_low"], values["killed_high"]),
        wounded=Toll(values["wounded_low"], values["wounded_high"]),
    )


def attribution_of(incident: Incident) -> str | None:
    if not incident.perpetrator:
        return None
    return incident.attribution or ("claimed" if incident.responsibility_claimed else "attributed")


def check_span(text: str, what: str, start: int, end: int, quote: str) -> None:
    if not (0 <= start < end <= len(text)) or text[start:end] != quote:
        raise ExtractionRejected(
            f"{what} quotes {quote[:40]!r} but the text between characters {start} and {end} differs"
        )


# --- planning the rows -----------------------------------------------------------------------------


@dataclass
class PlannedClaim:
    char_start: int
    char_end: int
    quote: str
    kind: str
    claimant_text: str
    claimant_kind: str
    claimant_group_id: int | None = None
    claimant_organisation_id: int | None = None
    claimant_person_id: int | None = None
    cue: str | None = None
    about_group_id: int | None = None
    id: int = 0


@dataclass
class PlannedReport:
    values: dict[str, Any]
    char_start: int
    char_end: int
    quote: str
    perpetrator_group_id: int | None
    attribution: str | None
    claims: list[int]  # indices into the planned claims
    incident_id: int | None = None  # the incident it joins; None for a new one
    how: str = "new"  # new | kept | merged
    id: int = 0

    @cached_property
    def facts(self) -> IncidentFacts:
        return facts_of(self.values)

    @property
    def incident(self) -> int:
        """The incident id, once decided."""
        assert self.incident_id is not None
        return self.incident_id


@dataclass(frozen=True)
class PreviousReport:
    """A report of the version being replaced: which incident it was of, and what it said."""

    incident_id: int
    values: dict[str, Any]
    quote: str
    perpetrator_group_id: int | None

    @property
    def facts(self) -> IncidentFacts:
        return facts_of(self.values)


class _ClaimPlanner:
    def __init__(self, text: str, voice: str) -> None:
        self.text = text
        self.voice = voice
        self.claims: list[PlannedClaim] = []
        self._by_key: dict[tuple[int, int, str, str], int] = {}

    def add(self, claim: PlannedClaim) -> int:
        # The table is unique on (source, span, kind, claimant): a repeat is the same claim.
        key = (claim.char_start, claim.char_end, claim.kind, claim.claimant_text)
        index = self._by_key.get(key)
        if index is None:
            index = self._by_key[key] = len(self.claims)
            self.claims.append(claim)
        return index

    def by_source(self, start: int, end: int, quote: str) -> int:
        """The source's own claim (its reporting) over a span."""
        return self.add(PlannedClaim(start, end, quote, "statement", self.voice, "source"))


def _actor_names(extraction: ExtractedDocument) -> list[ActorName]:
    names: list[ActorName] = []
    for actor in extraction.groups:
        names.append(ActorName("groups", actor.name, parent=actor.parent, known=actor.known))
    for actor in extraction.organisations:
        subtype = organisation_kind(actor.subtype)
        names.append(ActorName("organisations", actor.name, organisation_kind=subtype, known=actor.known))
    for actor in extraction.people:
        names.append(ActorName("people", actor.name, known=actor.known))
    listed = {(name.kind, name.name) for name in names}
    for claim in extraction.claims:
        table = _claimant_table(claim)
        # A claimant the extraction did not list as an actor ('the report') is looked up, not created.
        if table is not None and (table, claim.claimant) not in listed:
            names.append(ActorName(table, claim.claimant, create=False))
        if claim.about:
            names.append(ActorName("groups", claim.about))
    for incident in extraction.incidents:
        if incident.perpetrator:
            names.append(ActorName("groups", incident.perpetrator))
    for relation in extraction.group_relations:
        names.append(ActorName("groups", relation.subject))
        names.append(ActorName("groups", relation.object))
    return names


@dataclass(frozen=True)
class PlannedMention:
    """An actor_mentions row: where the source names an actor (its span is the name as written)."""

    column: str  # group_id, organisation_id or person_id
    actor_id: int
    char_start: int
    char_end: int
    quote: str


_MENTION_COLUMNS: tuple[tuple[str, ActorKind, str], ...] = (
    ("groups", "groups", "group_id"),
    ("organisations", "organisations", "organisation_id"),
    ("people", "people", "person_id"),
)


def _plan_mentions(
    extraction: ExtractedDocument, text: str, ids: dict[ActorKey, int]
) -> list[PlannedMention]:
    """The mentions of the extraction's actors, one per span (the first actor listed for a span
    keeps it), each quoting the text at its span (the extractor gives the name's own span)."""
    planned: dict[tuple[int, int], PlannedMention] = {}
    for attribute, kind, column in _MENTION_COLUMNS:
        for actor in getattr(extraction, attribute):
            actor_id = ids.get((kind, actor.name))
            if actor_id is None:
                continue
            for mention in actor.mentions:
                start, end = mention.char_start, mention.char_end
                if not (0 <= start < end <= len(text)):
                    continue
                planned.setdefault(
                    (start, end), PlannedMention(column, actor_id, start, end, text[start:end])
                )
    return sorted(planned.values(), key=lambda m: (m.char_start, m.char_end))


def _claimant_table(claim: Claim) -> ActorKind | None:
    tables: dict[str, ActorKind] = {
        "group": "groups",
        "organisation": "organisations",
        "report": "organisations",
        "person": "people",
    }
    return tables.get(claim.claimant_kind)


def _plan_claims(
    extraction: ExtractedDocument, planner: _ClaimPlanner, ids: dict[ActorKey, int]
) -> list[int]:
    """Plan the extracted claims; returns each extracted claim's index among the planned ones."""
    indices: list[int] = []
    for claim in extraction.claims:
        table = _claimant_table(claim)
        claimant_id = ids.get((table, claim.claimant)) if table else None  # type: ignore[arg-type]
        claimant_kind = claim.claimant_kind
        if claimant_kind == "group" and claimant_id is None:
            claimant_kind = "unknown"
        planned = PlannedClaim(
            claim.char_start,
            claim.char_end,
            claim.quote,
            claim.kind,
            claim.claimant.strip() or planner.voice,
            claimant_kind,
            claimant_group_id=claimant_id if table == "groups" else None,
            claimant_organisation_id=claimant_id if table == "organisations" else None,
            claimant_person_id=claimant_id if table == "people" else None,
            cue=claim.cue,
            about_group_id=ids.get(("groups", claim.about)) if claim.about else None,
        )
        indices.append(planner.add(planned))
    return indices


def _plan_reports(
    extraction: ExtractedDocument,
    planner: _ClaimPlanner,
    claim_indices: list[int],
    ids: dict[ActorKey, int],
) -> list[PlannedReport]:
    about: dict[int, list[int]] = {}
    for number, claim in enumerate(extraction.claims):
        for incident_number in claim.about_incidents:
            about.setdefault(incident_number, []).append(claim_indices[number])
    reports: list[PlannedReport] = []
    for number, incident in enumerate(extraction.incidents):
        supporting = [claim_indices[i] for i in incident.claims if 0 <= i < len(claim_indices)]
        supporting = list(dict.fromkeys([*supporting, *about.get(number, [])]))
        if not supporting:
            supporting = [planner.by_source(incident.char_start, incident.char_end, incident.quote)]
        perpetrator = ids.get(("groups", incident.perpetrator)) if incident.perpetrator else None
        reports.append(
            PlannedReport(
                values=report_values(incident),
                char_start=incident.char_start,
                char_end=incident.char_end,
                quote=incident.quote,
                perpetrator_group_id=perpetrator,
                attribution=attribution_of(incident) if perpetrator is not None else None,
                claims=supporting,
            )
        )
    return reports


def _plan_relations(
    extraction: ExtractedDocument,
    planner: _ClaimPlanner,
    claim_indices: list[int],
    ids: dict[ActorKey, int],
) -> tuple[list[tuple[int, int, str]], list[tuple[int, str, int, int]]]:
    """(claim relations as (claim, related claim, kind), group relations as (subject, kind, object,
    claim)) with planned-claim indices."""
    claim_relations: dict[tuple[int, int], str] = {}
    for number, claim in enumerate(extraction.claims):
        kind = _RESPONDS.get(claim.kind)
        if claim.responds_to is None or kind is None or not 0 <= claim.responds_to < len(claim_indices):
            continue
        this, other = claim_indices[number], claim_indices[claim.responds_to]
        if this != other:
            claim_relations.setdefault((this, other), kind)
    group_relations: dict[tuple[int, str, int, int], None] = {}
    for relation in extraction.group_relations:
        subject, obj = ids.get(("groups", relation.subject)), ids.get(("groups", relation.object))
        if subject is None or obj is None or subject == obj:
            continue
        if relation.claim is not None and 0 <= relation.claim < len(claim_indices):
            stating = claim_indices[relation.claim]
        else:
            evidence = relation.evidence
            stating = planner.by_source(evidence.char_start, evidence.char_end, evidence.quote)
        group_relations[(subject, relation.relation, obj, stating)] = None
    return [(a, b, kind) for (a, b), kind in claim_relations.items()], list(group_relations)


# --- reading what is there -------------------------------------------------------------------------

_REPORT_SELECT = ", ".join(f"r.{name}" for name in REPORT_VALUE_FIELDS)


def previous_reports(conn: psycopg.Connection, source_ids: Sequence[int]) -> dict[int, list[PreviousReport]]:
    """The reports of the versions being replaced, by source id."""
    found: dict[int, list[PreviousReport]] = {source_id: [] for source_id in source_ids}
    if not source_ids:
        return found
    rows = conn.execute(
        f"SELECT r.source_id, r.incident_id, r.quote, r.perpetrator_group_id, {_REPORT_SELECT} "
        "FROM incident_reports r WHERE r.source_id = ANY(%s) ORDER BY r.id",
        (list(source_ids),),
    ).fetchall()
    for row in rows:
        found[row[0]].append(
            PreviousReport(
                incident_id=row[1],
                quote=row[2],
                perpetrator_group_id=row[3],
                values=dict(zip(REPORT_VALUE_FIELDS, row[4:], strict=True)),
            )
        )
    return found


def _reuse_score(report: PlannedReport, previous: PreviousReport) -> int | None:
    """How surely a report of the new version is the same incident as a report of the old one; None
    when it cannot be (another day, another place)."""
    if report.quote == previous.quote:
        return 100
    new, old = report.values, previous.values
    if new["date_start"] is None or new["date_start"] != old["date_start"]:
        return None
    if new["country"] != old["country"]:
        return None
    score = 4
    for name, weight in (("city", 3), ("admin1_code", 2), ("attack_type", 1), ("target_type", 1)):
        if new[name] is not None and old[name] is not None:
            if name == "city" and new[name] != old[name]:
                return None
            score += weight if new[name] == old[name] else 0
    if report.perpetrator_group_id == previous.perpetrator_group_id:
        score += 1
    return score


def _match_previous(reports: list[PlannedReport], previous: list[PreviousReport]) -> None:
    """Attach reports to the incidents the previous version reported, best pairs first."""
    pairs = sorted(
        (
            (score, -r, -p)
            for r, report in enumerate(reports)
            for p, old in enumerate(previous)
            if (score := _reuse_score(report, old)) is not None
        ),
        reverse=True,
    )
    used_reports: set[int] = set()
    used_incidents: set[int] = set()
    for _, negative_r, negative_p in pairs:
        report, old = reports[-negative_r], previous[-negative_p]
        if -negative_r in used_reports or old.incident_id in used_incidents:
            continue
        used_reports.add(-negative_r)
        used_incidents.add(old.incident_id)
        report.incident_id, report.how = old.incident_id, "kept"


@dataclass(frozen=True)
class Candidate:
    """An incident a report may join, and the sources reporting it within the batch being written
    (in the database, no incident has a report of a source being written: a replaced version's
    reports are deleted before the look-up)."""

    id: int
    facts: IncidentFacts
    source_keys: frozenset[str] = frozenset()


def _merge_candidates(conn: psycopg.Connection, reports: Iterable[PlannedReport]) -> list[Candidate]:
    """Incidents dated to the day of a report, in its country and city (one query for a batch;
    the city is compared loosely here, exactly by the dedup rule afterwards)."""
    keys = sorted({(r.values["date_start"], r.values["country"], r.values["city"]) for r in reports})
    if not keys:
        return []
    rows = conn.execute(
        """
        SELECT DISTINCT i.id, i.date_start, i.date_precision, i.country, i.city, i.attack_type,
               i.killed_low, i.killed_high, i.wounded_low, i.wounded_high
        FROM unnest(%s::date[], %s::text[], %s::text[]) AS k(day, country, city)
        -- LATERAL: one index look-up per key, whatever the statistics of a table a load is filling
        CROSS JOIN LATERAL (
            SELECT * FROM incidents i
            WHERE i.date_start = k.day AND i.country = k.country AND i.date_precision = 'day'
              AND normalize_name(i.city) = normalize_name(k.city)
        ) i
        ORDER BY i.id
        """,
        ([k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys]),
    ).fetchall()
    return [
        Candidate(
            row[0],
            IncidentFacts(row[1], row[2], row[3], row[4], row[5], Toll(row[6], row[7]), Toll(row[8], row[9])),
        )
        for row in rows
    ]


def _allocate_ids(conn: psycopg.Connection, **counts: int) -> dict[str, list[int]]:
    """Ids for the rows about to be written, drawn from each table's sequence (one query; the
    sequences are looked up once, not once per id)."""
    tables = list(counts)
    sequences = ", ".join(f"pg_get_serial_sequence('{table}', 'id')::regclass AS {table}" for table in tables)
    arrays = ", ".join(f"array(SELECT nextval(s.{table}) FROM generate_series(1, %s))" for table in tables)
    row = conn.execute(
        f"WITH s AS MATERIALIZED (SELECT {sequences}) SELECT {arrays} FROM s", [counts[t] for t in tables]
    ).fetchone()
    assert row is not None
    return {table: list(ids) for table, ids in zip(tables, row, strict=True)}


def copy_rows(
    conn: psycopg.Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> int:
    """COPY `rows` into `table` (one round trip)."""
    if not rows:
        return 0
    with conn.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    return len(rows)


SOURCE_COLUMNS = (
    "id", "source_key", "version", "is_current", "kind", "media_type", "title", "publisher", "author", "url",
    "published_on", "dateline", "language", "path", "sha256", "text", "load_run_id", "extractor_version",
)  # fmt: skip
CLAIM_COLUMNS = (
    "id", "source_id", "char_start", "char_end", "quote", "kind", "claimant_text", "claimant_kind",
    "claimant_group_id", "claimant_organisation_id", "claimant_person_id", "cue", "about_group_id",
    "load_run_id", "extractor_version",
)  # fmt: skip
INCIDENT_COLUMNS = (
    "id", *REPORT_VALUE_FIELDS, "source_id", "char_start", "char_end", "quote", "load_run_id",
    "extractor_version",
)  # fmt: skip
REPORT_COLUMNS = (
    "id", "incident_id", *REPORT_VALUE_FIELDS, "perpetrator_group_id", "attribution", "source_id",
    "char_start", "char_end", "quote", "load_run_id", "extractor_version",
)  # fmt: skip


# --- writing a batch of sources --------------------------------------------------------------------


@dataclass(frozen=True)
class SourceInput:
    """A read document and its extraction, to be written."""

    document: Document
    extraction: ExtractedDocument

    @property
    def source_key(self) -> str:
        return source_key_for(self.document)


@dataclass
class SourceWriteResult:
    """What became of one input of a batch: stored (new, updated, re-extracted or unchanged) with the
    rows written, or rejected with a one-line reason (and then nothing was written for it)."""

    stored: StoredSource | None = None
    written: WriteCounts | None = None
    rejected: str | None = None


@dataclass
class _Work:
    """One source of a batch being written."""

    index: int
    item: SourceInput
    stored: StoredSource
    new_row: bool  # a new sources row (new or updated), not the same row re-extracted
    planner: _ClaimPlanner
    reports: list[PlannedReport]
    claim_relations: list[tuple[int, int, str]]
    group_relations: list[tuple[int, str, int, int]]
    mentions: list[PlannedMention] = field(default_factory=list)
    counts: WriteCounts = field(default_factory=WriteCounts)


def check_spans(extraction: ExtractedDocument, text: str) -> None:
    """Every span of the extraction quotes `text` exactly (the database checks it too, but a
    rejected source must be known before anything is written for it)."""
    for number, claim in enumerate(extraction.claims):
        check_span(text, f"claim {number}", claim.char_start, claim.char_end, claim.quote)
    for number, incident in enumerate(extraction.incidents):
        check_span(text, f"incident {number}", incident.char_start, incident.char_end, incident.quote)
    for number, relation in enumerate(extraction.group_relations):
        evidence = relation.evidence
        check_span(text, f"group relation {number}", evidence.char_start, evidence.char_end, evidence.quote)


def write_sources(
    conn: psycopg.Connection,
    items: Sequence[SourceInput],
    *,
    context: WriteContext,
    force: bool = False,
) -> list[SourceWriteResult]:
    """Store the documents as sources and write their extractions, in the caller's transaction.

    Each source is decided as in `store_source` (new, unchanged, updated, re-extracted with
    `force`) and all its rows are written, or it is rejected before anything is written for it (an
    extraction whose spans do not match its text). The batch is written with one COPY per table.
    The items must not share a source identity or content (the loader starts a new batch instead);
    a batch of one is one source in one transaction."""
    run, version = context.load_run_id, context.extractor_version
    keys = [item.source_key for item in items]
    digests = [item.document.raw_sha256 for item in items]
    if len(set(keys)) != len(keys) or len(set(digests)) != len(digests):
        raise ValueError("a batch must not hold two documents of one source or with one content")
    lock_keys(conn, [SOURCE_LOCK + key for key in keys] + [CONTENT_LOCK + digest for digest in digests])
    same_content, current = source_states(conn, digests, keys)

    results = [SourceWriteResult() for _ in items]
    decided: list[tuple[int, SourceInput, SourceDecision]] = []
    for index, item in enumerate(items):
        decision = decide_source(item.document, keys[index], same_content, current, force=force)
        if decision.outcome == "unchanged":
            results[index].stored = decision.stored(0)
            continue
        try:
            check_spans(item.extraction, item.document.text)
        except ExtractionRejected as error:
            results[index].rejected = str(error)
            continue
        decided.append((index, item, decision))
    if not decided:
        return results

    names = [name for _, item, _ in decided for name in _actor_names(item.extraction)]
    ids = context.resolver.resolve(conn, names, load_run_id=run, extractor_version=version)

    new_rows = [d for d in decided if d[2].outcome in ("new", "updated")]
    allocated = _allocate_ids(conn, sources=len(new_rows))
    source_ids = iter(allocated["sources"])
    work: list[_Work] = []
    for index, item, decision in decided:
        stored = decision.stored(
            next(source_ids) if decision.outcome in ("new", "updated") else decision.row_id
        )
        planner = _ClaimPlanner(
            item.document.text,
            item.document.publisher or item.extraction.source.publisher or SOURCE_VOICE_FALLBACK,
        )
        claim_indices = _plan_claims(item.extraction, planner, ids)
        reports = _plan_reports(item.extraction, planner, claim_indices, ids)
        claim_relations, group_relations = _plan_relations(item.extraction, planner, claim_indices, ids)
        work.append(
            _Work(
                index,
                item,
                stored,
                decision.outcome in ("new", "updated"),
                planner,
                reports,
                claim_relations,
                group_relations,
                _plan_mentions(item.extraction, item.document.text, ids),
            )
        )

    replaced = [w.stored.replaced_id for w in work if w.stored.replaced_id is not None]
    previous = previous_reports(conn, replaced)
    # Candidates for a merge are looked up and attached under a lock per (day, country, city), so that
    # two loaders of two reports of one attack cannot both create it. The previous versions'
    # incidents are locked too: they may be deleted below.
    lock_keys(
        conn,
        [r.facts.bucket for w in work for r in w.reports if r.facts.mergeable]
        + [p.facts.bucket for reports in previous.values() for p in reports if p.facts.mergeable],
    )
    if replaced:
        conn.execute("DELETE FROM incident_reports WHERE source_id = ANY(%s)", (replaced,))
        conn.execute("DELETE FROM claims WHERE source_id = ANY(%s)", (replaced,))
        conn.execute("DELETE FROM actor_mentions WHERE source_id = ANY(%s)", (replaced,))
    superseded = [(w.stored.replaced_id, w.stored.id) for w in work if w.stored.outcome == "updated"]
    if superseded:
        # The partial unique index allows one current row per key: retire the old ones first.
        conn.execute(
            "UPDATE sources SET is_current = false, superseded_at = now() WHERE id = ANY(%s)",
            ([old for old, _ in superseded],),
        )
    reextracted = [w.stored.id for w in work if w.stored.outcome == "reextracted"]
    if reextracted:
        conn.execute(
            "UPDATE sources SET extractor_version = %s WHERE id = ANY(%s) AND extractor_version <> %s",
            (version, reextracted, version),
        )

    _attach_reports(conn, work, previous)

    new_reports = [r for w in work for r in w.reports if r.incident_id is not None and r.incident_id < 0]
    provisional = sorted({r.incident_id for r in new_reports if r.incident_id is not None}, reverse=True)
    allocated = _allocate_ids(
        conn,
        claims=sum(len(w.planner.claims) for w in work),
        incident_reports=sum(len(w.reports) for w in work),
        incidents=len(provisional),
    )
    real = dict(zip(provisional, allocated["incidents"], strict=True))
    claim_ids, report_ids = iter(allocated["claims"]), iter(allocated["incident_reports"])
    for w in work:
        for claim in w.planner.claims:
            claim.id = next(claim_ids)
        for report in w.reports:
            report.id = next(report_ids)
            if report.incident_id is not None and report.incident_id < 0:
                report.incident_id = real[report.incident_id]

    _copy_batch(conn, work, run, version)
    if superseded:
        conn.execute(
            "UPDATE sources s SET superseded_by = n.new FROM unnest(%s::bigint[], %s::bigint[]) AS n(old, new) "
            "WHERE s.id = n.old",
            ([old for old, _ in superseded], [new for _, new in superseded]),
        )

    # Incidents whose reports changed other than by being created here: recompute them.
    created = {r.incident for w in work for r in w.reports if r.how == "new"}
    reports_per_new: dict[int, int] = {}
    for w in work:
        for r in w.reports:
            if r.incident in created:
                reports_per_new[r.incident] = reports_per_new.get(r.incident, 0) + 1
    touched = sorted(
        {r.incident for w in work for r in w.reports if r.how != "new" and r.incident not in created}
        | {p.incident_id for reports in previous.values() for p in reports}
        | {incident for incident, count in reports_per_new.items() if count > 1}
    )
    removed: set[int] = set()
    if touched:
        removed = delete_unreported_incidents(conn, touched)
        remaining = [i for i in touched if i not in removed]
        recompute_incidents(conn, remaining)
        recomputed = recompute_perpetrators(conn, remaining)
        work[0].counts.perpetrators += recomputed
    for w in work:
        previous_ids = {p.incident_id for p in previous.get(w.stored.replaced_id or 0, [])}
        w.counts.incidents_removed = len(previous_ids & removed)
        w.counts.incident_ids = sorted({r.incident_id for r in w.reports if r.incident_id is not None})
        w.counts.report_incidents = [(r.incident_id or 0, r.how) for r in w.reports]
        w.counts.incidents_new = sum(1 for r in w.reports if r.how == "new")
        w.counts.incidents_kept = sum(1 for r in w.reports if r.how == "kept")
        w.counts.incidents_merged = sum(1 for r in w.reports if r.how == "merged")

    applied = corrections.reapply_for_incidents(
        conn,
        sorted({i for w in work for i in w.counts.incident_ids}),
        source_keys=[w.stored.source_key for w in work],
        load_run_id=run,
    )
    work[0].counts.corrections_applied = applied
    for w in work:
        results[w.index] = SourceWriteResult(stored=w.stored, written=w.counts)
    return results


def _attach_reports(
    conn: psycopg.Connection, work: list[_Work], previous: dict[int, list[PreviousReport]]
) -> None:
    """Decide the incident of every report: the previous version's (kept), one reported by another
    source (merged, by the rule of loader.store.dedup), or a new one (a provisional negative id)."""
    for w in work:
        _match_previous(w.reports, previous.get(w.stored.replaced_id or 0, []))
    candidates = _merge_candidates(
        conn, [r for w in work for r in w.reports if r.incident_id is None and r.facts.mergeable]
    )
    # Candidates by (day, country, city): a report only ever joins an incident of its own bucket.
    by_bucket: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.facts.mergeable:
            by_bucket.setdefault(candidate.facts.bucket, []).append(candidate)
    next_provisional = -1
    for w in work:
        taken = {r.incident_id for r in w.reports if r.incident_id is not None}
        for report in w.reports:
            if report.incident_id is not None:
                continue
            facts = report.facts
            if facts.mergeable:
                options = [
                    (c.id, c.facts)
                    for c in by_bucket.get(facts.bucket, ())
                    if c.id not in taken and w.stored.source_key not in c.source_keys
                ]
                match = best_match(facts, options)
                if match is not None:
                    report.incident_id, report.how = match, "merged"
                    taken.add(match)
                    continue
            report.incident_id, report.how = next_provisional, "new"
            taken.add(next_provisional)
            if facts.mergeable:  # an incident created earlier in this batch is a candidate too
                by_bucket.setdefault(facts.bucket, []).append(
                    Candidate(next_provisional, facts, frozenset({w.stored.source_key}))
                )
            next_provisional -= 1


def _copy_batch(conn: psycopg.Connection, work: list[_Work], run: int, version: str) -> None:
    sources = [w for w in work if w.new_row]
    copy_rows(
        conn,
        "sources",
        SOURCE_COLUMNS,
        [
            (
                w.stored.id,
                w.stored.source_key,
                w.stored.version,
                True,
                d.kind,
                d.media_type,
                d.title,
                d.publisher,
                d.author,
                d.url,
                d.published_on,
                d.dateline,
                d.language,
                d.path,
                d.raw_sha256,
                d.text,
                run,
                version,
            )
            for w in sources
            for d in (w.item.document,)
        ],
    )
    copy_rows(
        conn,
        "source_citations",
        ("citing_source_id", "cited_title", "load_run_id", "extractor_version"),
        [
            (w.stored.id, title, run, version)
            for w in sources
            for title in dict.fromkeys(w.item.document.cites)
        ],
    )
    copy_rows(
        conn,
        "claims",
        CLAIM_COLUMNS,
        [
            (
                c.id,
                w.stored.id,
                c.char_start,
                c.char_end,
                c.quote,
                c.kind,
                c.claimant_text,
                c.claimant_kind,
                c.claimant_group_id,
                c.claimant_organisation_id,
                c.claimant_person_id,
                c.cue,
                c.about_group_id,
                run,
                version,
            )
            for w in work
            for c in w.planner.claims
        ],
    )
    created: set[int] = set()
    incident_rows = []
    for w in work:
        for r in w.reports:
            if r.how == "new" and r.incident_id not in created:
                created.add(r.incident_id or 0)
                incident_rows.append(
                    (
                        r.incident_id,
                        *(r.values[f] for f in REPORT_VALUE_FIELDS),
                        w.stored.id,
                        r.char_start,
                        r.char_end,
                        r.quote,
                        run,
                        version,
                    )
                )
    copy_rows(conn, "incidents", INCIDENT_COLUMNS, incident_rows)
    copy_rows(
        conn,
        "incident_reports",
        REPORT_COLUMNS,
        [
            (
                r.id,
                r.incident_id,
                *(r.values[f] for f in REPORT_VALUE_FIELDS),
                r.perpetrator_group_id,
                r.attribution,
                w.stored.id,
                r.char_start,
                r.char_end,
                r.quote,
                run,
                version,
            )
            for w in work
            for r in w.reports
        ],
    )
    links: dict[tuple[int, int], _Work] = {}
    for w in work:
        for r in w.reports:
            for c in r.claims:
                links.setdefault((r.incident_id or 0, w.planner.claims[c].id), w)
    copy_rows(
        conn,
        "incident_claims",
        ("incident_id", "claim_id", "load_run_id", "extractor_version"),
        [(incident_id, claim_id, run, version) for incident_id, claim_id in links],
    )
    copy_rows(
        conn,
        "claim_relations",
        ("claim_id", "related_claim_id", "kind", "load_run_id", "extractor_version"),
        [
            (w.planner.claims[a].id, w.planner.claims[b].id, kind, run, version)
            for w in work
            for a, b, kind in w.claim_relations
        ],
    )
    copy_rows(
        conn,
        "group_relations",
        ("subject_group_id", "kind", "object_group_id", "claim_id", "load_run_id", "extractor_version"),
        [
            (s, kind, o, w.planner.claims[c].id, run, version)
            for w in work
            for s, kind, o, c in w.group_relations
        ],
    )
    copy_rows(
        conn,
        "actor_mentions",
        ("source_id", "char_start", "char_end", "quote", "group_id", "organisation_id", "person_id",
         "load_run_id", "extractor_version"),
        [
            (
                w.stored.id,
                m.char_start,
                m.char_end,
                m.quote,
                *(m.actor_id if m.column == column else None for column in ("group_id", "organisation_id", "person_id")),
                run,
                version,
            )
            for w in work
            for m in w.mentions
        ],
    )  # fmt: skip
    perpetrators: dict[tuple[int, int, str], tuple[Any, ...]] = {}
    for w in work:
        for report in w.reports:
            if (
                report.incident_id not in created
                or report.perpetrator_group_id is None
                or report.attribution is None
            ):
                continue
            responsibility = [c for c in report.claims if w.planner.claims[c].kind == "responsibility"]
            claim = w.planner.claims[(responsibility or report.claims)[0]].id
            key = (report.incident_id, report.perpetrator_group_id, report.attribution)
            if key not in perpetrators:
                perpetrators[key] = (*key, claim, run, version)
                w.counts.perpetrators += 1
    copy_rows(
        conn,
        "incident_perpetrators",
        ("incident_id", "group_id", "attribution", "claim_id", "load_run_id", "extractor_version"),
        list(perpetrators.values()),
    )
    for w in work:
        w.counts.claims = len(w.planner.claims)
        w.counts.reports = len(w.reports)
        w.counts.claim_relations = len(w.claim_relations)
        w.counts.group_relations = len(w.group_relations)
        w.counts.mentions = len(w.mentions)
        w.counts.incident_claims = sum(1 for owner in links.values() if owner is w)


def delete_unreported_incidents(conn: psycopg.Connection, incident_ids: Sequence[int]) -> set[int]:
    """Delete the incidents among `incident_ids` that no report supports any more."""
    rows = conn.execute(
        "DELETE FROM incidents i WHERE i.id = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM incident_reports r WHERE r.incident_id = i.id) RETURNING i.id",
        (list(incident_ids),),
    ).fetchall()
    return {row[0] for row in rows}


_FIRST_COLUMNS = ", ".join(FIRST_REPORT_FIELDS)
_ALL_COLUMNS = ", ".join((*FIRST_REPORT_FIELDS, *TOLL_FIELDS))

RECOMPUTE_INCIDENTS = f"""
WITH first_report AS (
    SELECT DISTINCT ON (r.incident_id) r.incident_id, {", ".join("r." + f for f in FIRST_REPORT_FIELDS)}
    FROM incident_reports r WHERE r.incident_id = ANY(%(ids)s)
    ORDER BY r.incident_id, r.id
), toll AS (
    SELECT r.incident_id,
           min(r.killed_low) AS killed_low,
           CASE WHEN bool_or(r.killed_low IS NOT NULL AND r.killed_high IS NULL) THEN NULL
                ELSE max(r.killed_high) END AS killed_high,
           min(r.wounded_low) AS wounded_low,
           CASE WHEN bool_or(r.wounded_low IS NOT NULL AND r.wounded_high IS NULL) THEN NULL
                ELSE max(r.wounded_high) END AS wounded_high
    FROM incident_reports r WHERE r.incident_id = ANY(%(ids)s)
    GROUP BY r.incident_id
), computed AS (
    SELECT f.incident_id, {", ".join("f." + f for f in FIRST_REPORT_FIELDS)},
           {", ".join("t." + f for f in TOLL_FIELDS)}
    FROM first_report f JOIN toll t USING (incident_id)
)
UPDATE incidents i SET ({_ALL_COLUMNS}) = ROW({", ".join("c." + f for f in (*FIRST_REPORT_FIELDS, *TOLL_FIELDS))})
FROM computed c
WHERE i.id = c.incident_id
  AND ({", ".join("i." + f for f in (*FIRST_REPORT_FIELDS, *TOLL_FIELDS))})
      IS DISTINCT FROM ({", ".join("c." + f for f in (*FIRST_REPORT_FIELDS, *TOLL_FIELDS))})
"""


def recompute_incidents(conn: psycopg.Connection, incident_ids: Sequence[int]) -> int:
    """Set each incident's fields from its reports: its first report's date, place, types and span;
    the toll spanning all of them. Only rows that change are written. Returns their number."""
    if not incident_ids:
        return 0
    return conn.execute(RECOMPUTE_INCIDENTS, {"ids": list(incident_ids)}).rowcount


RECOMPUTE_PERPETRATORS = """
INSERT INTO incident_perpetrators (incident_id, group_id, attribution, claim_id, load_run_id, extractor_version)
SELECT DISTINCT ON (r.incident_id, r.perpetrator_group_id, r.attribution)
       r.incident_id, r.perpetrator_group_id, r.attribution,
       (SELECT c.id FROM incident_claims ic JOIN claims c ON c.id = ic.claim_id
        WHERE ic.incident_id = r.incident_id AND c.source_id = r.source_id
        ORDER BY c.kind = 'responsibility' DESC, c.id LIMIT 1),
       r.load_run_id, r.extractor_version
FROM incident_reports r
WHERE r.incident_id = ANY(%(ids)s) AND r.perpetrator_group_id IS NOT NULL AND r.attribution IS NOT NULL
ORDER BY r.incident_id, r.perpetrator_group_id, r.attribution, r.id
"""


def recompute_perpetrators(conn: psycopg.Connection, incident_ids: Sequence[int]) -> int:
    """Rebuild the perpetrators of these incidents from their reports: every (group, attribution)
    some source gives, with the claim that makes it (the first report's)."""
    if not incident_ids:
        return 0
    conn.execute("DELETE FROM incident_perpetrators WHERE incident_id = ANY(%s)", (list(incident_ids),))
    return conn.execute(RECOMPUTE_PERPETRATORS, {"ids": list(incident_ids)}).rowcount
