"""Researcher and BI access: the `research` schema of flat, documented views, a name look-up
function, and indexes for the filters researchers use.

Revision ID: 2026_11_24_0003
Revises: 2026_11_24_0002
Create Date: 2026-11-24

Hand-written. The views are the stable interface for SQL users and BI tools (Metabase, Superset,
Tableau, Power BI): one row per incident, claim, supporting claim, source, group, ... with names
instead of ids, so nobody needs the normalized schema's joins. They show the current version of
every source only (older versions stay in public.sources). Every view and every view column has a
comment, which BI tools show as descriptions and docs/schema.md is generated from.

Versions: when a source changes, the loader deletes the old version's claims and reports and
recomputes the incidents from the reports left, so claims, incidents and their links always belong
to current versions; only research.sources has to leave the old versions (kept in public.sources)
out. The views therefore join sources only for their columns.

Joins along foreign keys that cannot be null are written as LEFT JOINs: the result is the same (the
row always exists), and PostgreSQL drops a LEFT JOIN whose columns a query does not read, which an
inner join would cost it on every query.

Aggregates per row (perpetrators, source counts, ...) are correlated subqueries in the select
list, not joins: PostgreSQL evaluates them only for the columns a query reads, so a query that
counts incidents per year never pays for the perpetrator names.

Read access is granted to the group role eventsdb_reader when it exists (it is created by
`eventsdb db grant-reader`, which needs CREATEROLE; a migration must not).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_24_0003"
down_revision: str | None = "2026_11_24_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "research"
READER_ROLE = "eventsdb_reader"

SCHEMA_COMMENT = (
    "Flat, documented views for researchers and BI tools: incidents, incident_perpetrators, "
    "incident_reports, incident_sources, claims, claim_responses, sources, groups and group_relations, "
    "from the current version of every source. Read-only logins (eventsdb db grant-reader) can read "
    "them; the normalized tables are in public."
)

GROUP_ID_FUNCTION = """
CREATE FUNCTION research.group_id(spelling text) RETURNS bigint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN coalesce(
    (SELECT a.group_id FROM public.group_aliases a
      WHERE a.alias_normalized = public.normalize_name(group_id.spelling)),
    (SELECT g.id FROM public.groups g WHERE g.name_normalized = public.normalize_name(group_id.spelling))
)
"""
GROUP_ID_COMMENT = (
    "The group id (groups.id) for any known spelling of a group's name, or null: research.group_id('IS-K') "
    "= research.group_id('ISKP') = the id of Islamic State Khorasan. Matching folds case, accents and "
    "punctuation (normalize_name)."
)

# Ranking of attributions, strongest first: GTD's gname lists the claimed perpetrator first.
ATTRIBUTION_RANK = "array_position(ARRAY['claimed', 'attributed', 'suspected'], p.attribution)"


def date_part_sql(precision: str, value: str) -> str:
    """`value` (a date) written at `precision`: 2016, 2016-05 or 2016-05-03."""
    return (
        f"CASE {precision} WHEN 'year' THEN to_char({value}, 'YYYY') "
        f"WHEN 'month' THEN to_char({value}, 'YYYY-MM') ELSE to_char({value}, 'YYYY-MM-DD') END"
    )


DATE_LABEL_SQL = (
    f"{date_part_sql('i.date_precision', 'i.date_start')} || CASE WHEN "
    f"{date_part_sql('i.date_precision', 'i.date_end')} = {date_part_sql('i.date_precision', 'i.date_start')} "
    f"THEN '' ELSE '/' || {date_part_sql('i.date_precision', 'i.date_end')} END"
)

# A source as a citation: 'Dawn, 2021-12-23' (or its title, or its key when it has no publisher).
SOURCE_LABEL_SQL = "coalesce(s.publisher, s.title, s.source_key) || coalesce(', ' || to_char(s.published_on, 'YYYY-MM-DD'), '')"


# The year of an incident when its dates lie within one year (date_part: cheaper than date_trunc).
def year_sql(alias: str = "") -> str:
    return (
        f"CASE WHEN date_part('year', {alias}date_start) = date_part('year', {alias}date_end) "
        f"THEN date_part('year', {alias}date_start)::integer END"
    )


INCIDENTS_SQL = f"""
SELECT
    i.id AS incident_id,
    i.date_start,
    i.date_end,
    i.date_precision,
    {year_sql("i.")} AS year,
    CASE WHEN i.date_precision IN ('day', 'month')
              AND date_part('year', i.date_start) = date_part('year', i.date_end)
              AND date_part('month', i.date_start) = date_part('month', i.date_end)
         THEN date_part('month', i.date_start)::integer END AS month,
    CASE WHEN i.date_precision = 'day' AND i.date_start = i.date_end
         THEN date_part('day', i.date_start)::integer END AS day,
    {DATE_LABEL_SQL} AS date_label,
    i.date_range,
    i.country,
    i.admin1_code,
    i.admin1_name,
    i.admin2_name,
    i.city,
    i.latitude,
    i.longitude,
    i.location_precision,
    i.attack_type,
    i.suicide,
    i.target_type,
    i.target_description,
    i.killed_low,
    i.killed_high,
    i.wounded_low,
    i.wounded_high,
    (SELECT string_agg(ranked.name, '; ' ORDER BY ranked.rank, ranked.name)
       FROM (SELECT g.name, min({ATTRIBUTION_RANK}) AS rank
               FROM public.incident_perpetrators p JOIN public.groups g ON g.id = p.group_id
              WHERE p.incident_id = i.id GROUP BY g.name) AS ranked) AS perpetrators,
    (SELECT p.attribution FROM public.incident_perpetrators p
      WHERE p.incident_id = i.id ORDER BY {ATTRIBUTION_RANK} LIMIT 1) AS attribution,
    (EXISTS (SELECT 1 FROM public.incident_perpetrators p
              WHERE p.incident_id = i.id AND p.attribution = 'claimed')
     OR EXISTS (SELECT 1 FROM public.incident_claims ic JOIN public.claims c ON c.id = ic.claim_id
                 WHERE ic.incident_id = i.id AND c.kind = 'responsibility')) AS claimed,
    (SELECT count(DISTINCT c.source_id) FROM public.incident_claims ic
       JOIN public.claims c ON c.id = ic.claim_id
      WHERE ic.incident_id = i.id) AS source_count,
    (SELECT count(*) FROM public.incident_claims ic WHERE ic.incident_id = i.id) AS claim_count,
    (SELECT string_agg(DISTINCT coalesce(cs.publisher, cs.title, cs.source_key)
                       || coalesce(', ' || to_char(cs.published_on, 'YYYY-MM-DD'), ''), '; ')
       FROM public.incident_claims ic
       JOIN public.claims c ON c.id = ic.claim_id
       JOIN public.sources cs ON cs.id = c.source_id
      WHERE ic.incident_id = i.id) AS sources,
    i.summary,
    i.quote,
    i.source_id,
    i.char_start,
    i.char_end,
    i.load_run_id,
    i.extractor_version,
    i.created_at
FROM public.incidents i
"""

INCIDENT_PERPETRATORS_SQL = f"""
SELECT DISTINCT ON (p.incident_id, p.group_id)
    p.incident_id,
    p.group_id,
    g.name AS group_name,
    g.parent_id AS parent_group_id,
    pg.name AS parent_group_name,
    p.attribution,
    {ATTRIBUTION_RANK} AS attribution_rank,
    (SELECT string_agg(a.attribution, '; ' ORDER BY array_position(ARRAY['claimed', 'attributed', 'suspected'],
                                                                   a.attribution))
       FROM public.incident_perpetrators a
      WHERE a.incident_id = p.incident_id AND a.group_id = p.group_id) AS attributions,
    p.claim_id,
    c.quote AS claim_quote,
    c.source_id AS claim_source_id
FROM public.incident_perpetrators p
LEFT JOIN public.groups g ON g.id = p.group_id
LEFT JOIN public.groups pg ON pg.id = g.parent_id
LEFT JOIN public.claims c ON c.id = p.claim_id
ORDER BY p.incident_id, p.group_id, {ATTRIBUTION_RANK}
"""

CLAIMANT_SQL = "coalesce(cg.name, co.name, cp.name, c.claimant_text)"

INCIDENT_SOURCES_SQL = f"""
SELECT
    ic.incident_id,
    ic.claim_id,
    c.source_id,
    s.kind AS source_kind,
    s.publisher,
    s.title,
    s.author,
    s.url,
    s.published_on,
    {SOURCE_LABEL_SQL} AS source_label,
    {CLAIMANT_SQL} AS claimant,
    c.claimant_kind,
    c.kind AS claim_kind,
    c.quote,
    c.char_start,
    c.char_end
FROM public.incident_claims ic
LEFT JOIN public.claims c ON c.id = ic.claim_id
LEFT JOIN public.sources s ON s.id = c.source_id
LEFT JOIN public.groups cg ON cg.id = c.claimant_group_id
LEFT JOIN public.organisations co ON co.id = c.claimant_organisation_id
LEFT JOIN public.people cp ON cp.id = c.claimant_person_id
"""

CLAIMS_SQL = f"""
SELECT
    c.id AS claim_id,
    c.kind,
    {CLAIMANT_SQL} AS claimant,
    c.claimant_text,
    c.claimant_kind,
    c.claimant_group_id,
    c.claimant_organisation_id,
    c.claimant_person_id,
    c.about_group_id,
    ag.name AS about_group,
    c.cue,
    c.quote,
    (SELECT r.related_claim_id FROM public.claim_relations r
      WHERE r.claim_id = c.id ORDER BY r.related_claim_id LIMIT 1) AS responds_to_claim_id,
    (SELECT r.kind FROM public.claim_relations r
      WHERE r.claim_id = c.id ORDER BY r.related_claim_id LIMIT 1) AS response_kind,
    EXISTS (SELECT 1 FROM public.claim_relations r
             WHERE r.related_claim_id = c.id AND r.kind = 'counters') AS countered,
    (SELECT count(*) FROM public.incident_claims ic WHERE ic.claim_id = c.id) AS incident_count,
    cit.cited_title,
    c.source_id,
    s.kind AS source_kind,
    s.publisher,
    s.title,
    s.url,
    s.published_on,
    {SOURCE_LABEL_SQL} AS source_label,
    c.char_start,
    c.char_end,
    c.load_run_id,
    c.extractor_version,
    c.created_at
FROM public.claims c
LEFT JOIN public.sources s ON s.id = c.source_id
LEFT JOIN public.groups cg ON cg.id = c.claimant_group_id
LEFT JOIN public.organisations co ON co.id = c.claimant_organisation_id
LEFT JOIN public.people cp ON cp.id = c.claimant_person_id
LEFT JOIN public.groups ag ON ag.id = c.about_group_id
LEFT JOIN public.source_citations cit ON cit.id = c.citation_id
"""

SOURCES_SQL = """
SELECT
    s.id AS source_id,
    s.source_key,
    s.version,
    s.kind,
    s.title,
    s.publisher,
    s.author,
    s.url,
    s.published_on,
    s.dateline,
    s.language,
    s.media_type,
    (SELECT string_agg(sc.cited_title, '; ' ORDER BY sc.cited_title)
       FROM public.source_citations sc WHERE sc.citing_source_id = s.id) AS cites,
    (SELECT count(*) FROM public.claims c WHERE c.source_id = s.id) AS claim_count,
    (SELECT count(DISTINCT ic.incident_id) FROM public.claims c
       JOIN public.incident_claims ic ON ic.claim_id = c.id WHERE c.source_id = s.id) AS incident_count,
    char_length(s.text) AS text_length,
    s.sha256,
    s.retrieved_at,
    s.path,
    s.text,
    s.load_run_id,
    s.created_at
FROM public.sources s
WHERE s.is_current
"""

GROUPS_SQL = """
SELECT
    g.id AS group_id,
    g.name,
    (SELECT string_agg(a.alias, '; ' ORDER BY a.alias) FROM public.group_aliases a
      WHERE a.group_id = g.id AND a.alias_normalized <> g.name_normalized) AS aliases,
    g.parent_id AS parent_group_id,
    pg.name AS parent_name,
    g.description,
    g.wikidata_id,
    g.reviewed,
    (SELECT count(DISTINCT p.incident_id) FROM public.incident_perpetrators p
      WHERE p.group_id = g.id) AS incident_count,
    g.created_at
FROM public.groups g
LEFT JOIN public.groups pg ON pg.id = g.parent_id
"""

GROUP_RELATIONS_SQL = f"""
SELECT
    r.id AS relation_id,
    r.subject_group_id,
    sg.name AS subject_group,
    r.kind,
    r.object_group_id,
    og.name AS object_group,
    r.claim_id,
    {CLAIMANT_SQL} AS claimant,
    c.quote,
    c.source_id,
    {SOURCE_LABEL_SQL} AS source_label,
    s.published_on
FROM public.group_relations r
LEFT JOIN public.groups sg ON sg.id = r.subject_group_id
LEFT JOIN public.groups og ON og.id = r.object_group_id
LEFT JOIN public.claims c ON c.id = r.claim_id
LEFT JOIN public.sources s ON s.id = c.source_id
LEFT JOIN public.groups cg ON cg.id = c.claimant_group_id
LEFT JOIN public.organisations co ON co.id = c.claimant_organisation_id
LEFT JOIN public.people cp ON cp.id = c.claimant_person_id
"""

INCIDENT_REPORTS_SQL = f"""
SELECT
    r.incident_id,
    r.id AS report_id,
    r.source_id,
    s.publisher,
    s.title,
    s.published_on,
    {SOURCE_LABEL_SQL} AS source_label,
    r.date_start,
    r.date_end,
    r.date_precision,
    r.country,
    r.admin1_code,
    r.admin1_name,
    r.city,
    r.attack_type,
    r.suicide,
    r.target_type,
    r.target_description,
    r.killed_low,
    r.killed_high,
    r.wounded_low,
    r.wounded_high,
    r.perpetrator_group_id,
    g.name AS perpetrator,
    r.attribution,
    r.summary,
    r.quote,
    r.char_start,
    r.char_end
FROM public.incident_reports r
LEFT JOIN public.sources s ON s.id = r.source_id
LEFT JOIN public.groups g ON g.id = r.perpetrator_group_id
"""

RESPONDED_CLAIMANT_SQL = "coalesce(rg.name, ro.name, rp.name, rc.claimant_text)"

CLAIM_RESPONSES_SQL = f"""
SELECT
    r.claim_id,
    r.kind,
    r.related_claim_id AS responds_to_claim_id,
    {CLAIMANT_SQL} AS claimant,
    c.kind AS claim_kind,
    c.quote,
    {RESPONDED_CLAIMANT_SQL} AS responds_to_claimant,
    rc.kind AS responds_to_kind,
    rc.quote AS responds_to_quote,
    c.source_id,
    {SOURCE_LABEL_SQL} AS source_label
FROM public.claim_relations r
LEFT JOIN public.claims c ON c.id = r.claim_id
LEFT JOIN public.claims rc ON rc.id = r.related_claim_id
LEFT JOIN public.sources s ON s.id = c.source_id
LEFT JOIN public.groups cg ON cg.id = c.claimant_group_id
LEFT JOIN public.organisations co ON co.id = c.claimant_organisation_id
LEFT JOIN public.people cp ON cp.id = c.claimant_person_id
LEFT JOIN public.groups rg ON rg.id = rc.claimant_group_id
LEFT JOIN public.organisations ro ON ro.id = rc.claimant_organisation_id
LEFT JOIN public.people rp ON rp.id = rc.claimant_person_id
"""

SOURCE_ID = "The source the evidence is in (research.sources.source_id = sources.id)."
LOAD_RUN = "The load run that wrote the row (load_runs.id)."
EXTRACTOR = "Version of the eventsdb extractor that produced the row."
CREATED = "When the row was written."
CHAR_START = "Start of the quote in the source text (sources.text), in characters from 0."
CHAR_END = "End of the quote in the source text (exclusive), in characters."
LABEL = "The source as a short citation: publisher (else title), comma, publication date, e.g. 'Dawn, 2021-12-23'."

VIEWS: list[tuple[str, str, str, dict[str, str]]] = [
    (
        "incidents",
        "One row per incident (attack): when (date_start..date_end at date_precision; "
        "year, month and day only as far as the source says), where, what, the toll as low/high, the "
        "perpetrators by name and how many sources support it (each source's own account is in "
        "research.incident_reports). Filter on country, admin1_code, date_start/date_end, and on groups "
        "through research.incident_perpetrators.",
        INCIDENTS_SQL,
        {
            "incident_id": "Incident id (incidents.id); joins research.incident_sources and "
            "research.incident_perpetrators.",
            "date_start": "First day the incident may have happened on. At month or year precision this is "
            "the first day of the month or year, not a known day: read it with date_precision.",
            "date_end": "Last day the incident may have happened on (equal to date_start at day precision).",
            "date_precision": "How precisely the source dates the incident: day, month or year; null when "
            "the date is unknown.",
            "year": "Year of the incident when date_start..date_end lies within one year, else null.",
            "month": "Month (1-12) when the source gives at least the month, else null (never a made-up month).",
            "day": "Day of the month when the source gives the day, else null (never a made-up day 1).",
            "date_label": "The date as precisely as the source gives it, ISO 8601: '2016', '2016-05', "
            "'2016-05-03', or a range such as '2016/2017'.",
            "date_range": "The days date_start..date_end as a daterange, for 'may have happened between' "
            "filters that use the index on (country, date_range): country = 'PK' AND date_range && "
            "daterange('2016-01-01', '2016-12-31', '[]').",
            "country": "Country, ISO 3166-1 alpha-2 code (e.g. 'AF', 'PK').",
            "admin1_code": "Province or state, ISO 3166-2 code (e.g. 'PK-BA').",
            "admin1_name": "Province or state name as in ISO 3166-2 (e.g. 'Balochistan').",
            "admin2_name": "District (second-level subdivision), when known.",
            "city": "City, town or village, when known, spelled as in the source.",
            "latitude": "Latitude (WGS 84) of the place at location_precision.",
            "longitude": "Longitude (WGS 84) of the place at location_precision.",
            "location_precision": "What the place and coordinates stand for: city, admin2, admin1, country "
            "or region.",
            "attack_type": "GTD attack type: assassination, armed_assault, bombing, hijacking, "
            "hostage_barricade, kidnapping, facility_attack, unarmed_assault or unknown.",
            "suicide": "True for a suicide attack (GTD).",
            "target_type": "GTD target type, e.g. private_citizens, police, military, religious.",
            "target_description": "The target as the source describes it, e.g. 'a shrine in Balochistan'.",
            "killed_low": "Fewest people killed that the sources allow (e.g. 51 for 'over 50').",
            "killed_high": "Most people killed that the sources allow; null when unbounded or unknown.",
            "wounded_low": "Fewest people wounded that the sources allow.",
            "wounded_high": "Most people wounded that the sources allow; null when unbounded or unknown.",
            "perpetrators": "Names of the groups behind the incident, separated by '; ', the strongest "
            "attribution first (claimed, then attributed, then suspected).",
            "attribution": "The strongest attribution to a perpetrator: claimed (the group took "
            "responsibility), attributed (a source says it did) or suspected; null when no group is named.",
            "claimed": "True when a group claimed responsibility (GTD's claimed): a perpetrator with "
            "attribution claimed or a supporting claim of kind responsibility.",
            "source_count": "How many distinct sources support the incident.",
            "claim_count": "How many claims support the incident.",
            "sources": "The supporting sources as citations ('Dawn, 2021-12-23'), separated by '; '.",
            "summary": "One-sentence summary of the incident.",
            "quote": "The passage of the source that reports the incident.",
            "source_id": "The source whose text holds quote (sources.id).",
            "char_start": CHAR_START,
            "char_end": CHAR_END,
            "load_run_id": LOAD_RUN,
            "extractor_version": EXTRACTOR,
            "created_at": CREATED,
        },
    ),
    (
        "incident_perpetrators",
        "One row per incident and group said to be behind it, with the strongest way the sources tie "
        "the group to it (claimed, then attributed, then suspected). Count incidents per group here: an "
        "incident with two groups counts once for each.",
        INCIDENT_PERPETRATORS_SQL,
        {
            "incident_id": "The incident (research.incidents.incident_id).",
            "group_id": "The group (research.groups.group_id); research.group_id('IS-K') finds it by any "
            "spelling.",
            "group_name": "Canonical name of the group, e.g. 'Islamic State Khorasan'.",
            "parent_group_id": "The group's parent group (e.g. Islamic State for IS-K), when any.",
            "parent_group_name": "Canonical name of the parent group, when any.",
            "attribution": "The strongest attribution any source makes: claimed (the group took "
            "responsibility), attributed (a source says it did) or suspected.",
            "attribution_rank": "1 for claimed, 2 for attributed, 3 for suspected.",
            "attributions": "Every attribution the sources make, strongest first, separated by '; ' (e.g. "
            "'claimed; suspected' when one source has the claim and another only suspects the group).",
            "claim_id": "The claim making the strongest attribution (research.claims.claim_id), when "
            "recorded.",
            "claim_quote": "The quote of that claim.",
            "claim_source_id": "The source of that claim (sources.id).",
        },
    ),
    (
        "incident_reports",
        "One row per incident and source that reports it: what that source says (its date, place, "
        "types, toll and perpetrator), so differing accounts stay visible: the incident's own toll spans "
        "its reports' tolls. 'How many did IS-K kill, according to whom?' is answered here.",
        INCIDENT_REPORTS_SQL,
        {
            "incident_id": "The incident (research.incidents.incident_id).",
            "report_id": "Report id (incident_reports.id).",
            "source_id": "The source giving this account (research.sources.source_id).",
            "publisher": "Publisher of the source, e.g. 'Dawn'.",
            "title": "Title or headline of the source, when known.",
            "published_on": "Publication date of the source, when known.",
            "source_label": LABEL,
            "date_start": "First day the incident may have happened on, as this source dates it.",
            "date_end": "Last day the incident may have happened on, as this source dates it.",
            "date_precision": "How precisely this source dates it: day, month or year.",
            "country": "Country (ISO 3166-1 alpha-2), as this source places it.",
            "admin1_code": "Province or state (ISO 3166-2 code), as this source places it.",
            "admin1_name": "Province or state name, as this source places it.",
            "city": "City, town or village, as this source names it.",
            "attack_type": "GTD attack type, as this source describes the attack.",
            "suicide": "True when this source describes a suicide attack.",
            "target_type": "GTD target type, as this source describes the target.",
            "target_description": "The target in this source's words.",
            "killed_low": "Fewest killed this source allows.",
            "killed_high": "Most killed this source allows; null when open-ended or unknown.",
            "wounded_low": "Fewest wounded this source allows.",
            "wounded_high": "Most wounded this source allows; null when open-ended or unknown.",
            "perpetrator_group_id": "The group this source holds responsible (research.groups.group_id).",
            "perpetrator": "Canonical name of that group.",
            "attribution": "How this source ties the group to the incident: claimed, attributed or suspected.",
            "summary": "One-sentence summary in this source's terms.",
            "quote": "The passage of this source that reports the incident.",
            "char_start": CHAR_START,
            "char_end": CHAR_END,
        },
    ),
    (
        "incident_sources",
        "One row per claim supporting an incident (a report of it, a claim of responsibility, a toll "
        "estimate): which source says so, who in it, and the exact quote. An incident reported by two "
        "sources has (at least) two rows.",
        INCIDENT_SOURCES_SQL,
        {
            "incident_id": "The incident (research.incidents.incident_id).",
            "claim_id": "The supporting claim (research.claims.claim_id).",
            "source_id": SOURCE_ID,
            "source_kind": "What the source is: news_article, news_digest, government_report, statement, "
            "wiki_brief or other.",
            "publisher": "Publisher of the source, e.g. 'Dawn'.",
            "title": "Title or headline of the source, when known.",
            "author": "Author or byline of the source, when known.",
            "url": "Where the source was published, when known.",
            "published_on": "Publication date of the source, when known.",
            "source_label": LABEL,
            "claimant": "Who makes the claim: the canonical name of the group, organisation or person when "
            "resolved, else as the source names it.",
            "claimant_kind": "person, organisation, group, source (the source's own voice), report (a cited "
            "document) or unknown.",
            "claim_kind": "statement, allegation, denial, counter, endorsement, estimate or responsibility.",
            "quote": "The claim's exact words in the source.",
            "char_start": CHAR_START,
            "char_end": CHAR_END,
        },
    ),
    (
        "claims",
        "One row per claim (attributed statement): who says what, of which kind, "
        "about which group, with the exact quote, the source, and how it answers other claims.",
        CLAIMS_SQL,
        {
            "claim_id": "Claim id (claims.id).",
            "kind": "statement, allegation, denial, counter, endorsement, estimate or responsibility.",
            "claimant": "Who makes the claim: the canonical name of the group, organisation or person when "
            "resolved, else as the source names it.",
            "claimant_text": "The claimant as the source names it, e.g. 'Prime Minister Imran Khan'.",
            "claimant_kind": "person, organisation, group, source (the source's own voice), report (a cited "
            "document) or unknown.",
            "claimant_group_id": "The claimant when it is a militant group (research.groups.group_id).",
            "claimant_organisation_id": "The claimant when it is an organisation (organisations.id).",
            "claimant_person_id": "The claimant when it is a person (people.id).",
            "about_group_id": "The group the claim is about (research.groups.group_id); "
            "research.group_id('IS-K') finds it by any spelling.",
            "about_group": "Canonical name of the group the claim is about.",
            "cue": "The reporting verb or phrase that attributes the claim ('said', 'according to').",
            "quote": "The claim's exact words in the source.",
            "responds_to_claim_id": "The claim this one counters or endorses (research.claims.claim_id), "
            "when it answers one.",
            "response_kind": "counters or endorses, when the claim answers another.",
            "countered": "True when another claim counters this one: the claim is contested.",
            "incident_count": "How many incidents the claim supports.",
            "cited_title": "The cited document the claim is taken from, as the source names it, when the "
            "source reports on one (e.g. the US State Department's report).",
            "source_id": SOURCE_ID,
            "source_kind": "What the source is: news_article, news_digest, government_report, statement, "
            "wiki_brief or other.",
            "publisher": "Publisher of the source, e.g. 'Dawn'.",
            "title": "Title or headline of the source, when known.",
            "url": "Where the source was published, when known.",
            "published_on": "Publication date of the source, when known.",
            "source_label": LABEL,
            "char_start": CHAR_START,
            "char_end": CHAR_END,
            "load_run_id": LOAD_RUN,
            "extractor_version": EXTRACTOR,
            "created_at": CREATED,
        },
    ),
    (
        "claim_responses",
        "One row per claim that answers another: who counters or endorses whom, with both quotes (e.g. "
        "Karzai's counter to Imran Khan's allegation). Claims on either side of a 'counters' row are "
        "contested.",
        CLAIM_RESPONSES_SQL,
        {
            "claim_id": "The answering claim (research.claims.claim_id).",
            "kind": "counters or endorses.",
            "responds_to_claim_id": "The claim answered (research.claims.claim_id).",
            "claimant": "Who answers (canonical name when resolved, else as the source names them).",
            "claim_kind": "Kind of the answering claim: statement, allegation, denial, counter, ...",
            "quote": "The answering claim's exact words.",
            "responds_to_claimant": "Who made the claim answered.",
            "responds_to_kind": "Kind of the claim answered.",
            "responds_to_quote": "The exact words of the claim answered.",
            "source_id": "The source of the answering claim (research.sources.source_id).",
            "source_label": LABEL,
        },
    ),
    (
        "sources",
        "One row per source document in its current version (older versions stay in public.sources): "
        "metadata, how many claims and incidents it supports, and the cleaned full text every "
        "char_start/char_end points into.",
        SOURCES_SQL,
        {
            "source_id": "Source id of this version (sources.id).",
            "source_key": "Identity shared by every version of the source: 'url:...', 'title:...' or "
            "'sha256:...'.",
            "version": "Version number of the source: 1 for the first content seen, then 2, 3, ...",
            "kind": "What the source is: news_article, news_digest, government_report, statement, wiki_brief "
            "or other.",
            "title": "Title or headline, when known.",
            "publisher": "Publisher, e.g. 'Dawn'.",
            "author": "Author or byline, when known.",
            "url": "Where the source was published, when known.",
            "published_on": "Publication date, when known.",
            "dateline": "The dateline opening the text, e.g. 'WASHINGTON'.",
            "language": "Language of the text, a BCP 47 tag such as 'en'.",
            "media_type": "Format the source was read from: text/plain, text/markdown or text/html.",
            "cites": "Documents the source reports on, as it names them, separated by '; '.",
            "claim_count": "How many claims the source holds.",
            "incident_count": "How many incidents its claims support.",
            "text_length": "Length of the text in characters.",
            "sha256": "sha256 of the input bytes (lower-case hex).",
            "retrieved_at": "When the content was retrieved (by default: when it was loaded).",
            "path": "The input the text was read from, as given to eventsdb load.",
            "text": "The cleaned full text; char_start/char_end of claims and incidents point into it.",
            "load_run_id": LOAD_RUN,
            "created_at": CREATED,
        },
    ),
    (
        "groups",
        "One row per militant group under its canonical name, with its other spellings, its parent group "
        "and how many incidents it is tied to.",
        GROUPS_SQL,
        {
            "group_id": "Group id (groups.id).",
            "name": "Canonical name, e.g. 'Islamic State Khorasan'.",
            "aliases": "Other known spellings, separated by '; ', e.g. 'IS-K; ISKP; Wilayat Khorasan'.",
            "parent_group_id": "The group this one is a branch, province or faction of (groups.id).",
            "parent_name": "Canonical name of the parent group, e.g. 'Islamic State'.",
            "description": "Short description, when known.",
            "wikidata_id": "Wikidata item, e.g. 'Q19057911'.",
            "reviewed": "True once a person or the shipped reference list vouches for the group; false for "
            "names the loader met and could not resolve.",
            "incident_count": "How many incidents the group is tied to as a perpetrator (any attribution).",
            "created_at": CREATED,
        },
    ),
    (
        "group_relations",
        "Relations between groups as stated by a claim, with the quote and the "
        "source: e.g. IS-K composed_of_members_of Tehrik-i-Taliban Pakistan, according to the US report.",
        GROUP_RELATIONS_SQL,
        {
            "relation_id": "Relation id (group_relations.id).",
            "subject_group_id": "The group the relation is stated of (research.groups.group_id).",
            "subject_group": "Canonical name of that group.",
            "kind": "composed_of_members_of, pledged_allegiance_to, affiliate_of or splinter_of.",
            "object_group_id": "The other group (research.groups.group_id).",
            "object_group": "Canonical name of the other group.",
            "claim_id": "The claim stating the relation (research.claims.claim_id).",
            "claimant": "Who states it (canonical name when resolved, else as the source names them).",
            "quote": "The claim's exact words in the source.",
            "source_id": SOURCE_ID,
            "source_label": LABEL,
            "published_on": "Publication date of the source, when known.",
        },
    ),
]

# Indexes for the filters researchers use that the earlier migrations lack. The others are there
# already: group (incident_perpetrators.group_id, claims.about_group_id), country and date range
# (the GiST index on (country, date_range), and (date_start, country) for date ranges without a
# country), source (*.source_id).
# - the province, covering the toll so that totals per province read the index only;
# - the publisher of sources;
# - the few denials and counters, where finding contested incidents starts.
INDEXES: list[tuple[str, str, list[str], dict[str, object]]] = [
    (
        "ix_incidents_admin1_code_country_admin1_name",
        "incidents",
        ["admin1_code", "country", "admin1_name"],
        {"postgresql_include": ["killed_low", "killed_high"]},
    ),
    ("ix_sources_publisher", "sources", ["publisher"], {}),
    (
        "ix_claims_contesting_kind",
        "claims",
        ["kind"],
        {"postgresql_where": sa.text("kind IN ('denial', 'counter')")},
    ),
]


# Statistics on that expression, so that the planner knows how many incidents a year has (without
# them `year = 2019` gets a default guess, and joins go wrong at scale).
YEAR_STATISTICS = f"CREATE STATISTICS {SCHEMA}.incidents_year ON ({year_sql()}) FROM public.incidents"
YEAR_STATISTICS_COMMENT = (
    "Planner statistics on the year of incidents, as research.incidents.year computes it."
)


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA {SCHEMA}")
    op.execute(f"COMMENT ON SCHEMA {SCHEMA} IS {quoted(SCHEMA_COMMENT)}")
    op.execute(GROUP_ID_FUNCTION)
    op.execute(f"COMMENT ON FUNCTION {SCHEMA}.group_id(text) IS {quoted(GROUP_ID_COMMENT)}")
    for name, comment, select, columns in VIEWS:
        op.execute(f"CREATE VIEW {SCHEMA}.{name} AS {select}")
        op.execute(f"COMMENT ON VIEW {SCHEMA}.{name} IS {quoted(comment)}")
        for column, column_comment in columns.items():
            op.execute(f"COMMENT ON COLUMN {SCHEMA}.{name}.{column} IS {quoted(column_comment)}")
    for index_name, table, columns, options in INDEXES:
        op.create_index(index_name, table, columns, **options)
    op.execute(YEAR_STATISTICS)
    op.execute(f"COMMENT ON STATISTICS {SCHEMA}.incidents_year IS {quoted(YEAR_STATISTICS_COMMENT)}")
    # Readers created before this migration ran (e.g. after a downgrade and upgrade) keep access.
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{READER_ROLE}') THEN
                GRANT USAGE ON SCHEMA {SCHEMA} TO {READER_ROLE};
                GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {READER_ROLE};
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute(f"DROP STATISTICS {SCHEMA}.incidents_year")
    for index_name, table, _, _ in reversed(INDEXES):
        op.drop_index(index_name, table_name=table)
    for name, _, _, _ in reversed(VIEWS):
        op.execute(f"DROP VIEW {SCHEMA}.{name}")
    op.execute(f"DROP FUNCTION {SCHEMA}.group_id(text)")
    # CASCADE: default privileges granted to readers on the schema (eventsdb db grant-reader) go too.
    op.execute(f"DROP SCHEMA {SCHEMA} CASCADE")
