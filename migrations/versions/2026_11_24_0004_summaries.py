"""Research summaries: materialized views for the example queries that read every incident.

Revision ID: 2026_11_24_0004
Revises: 2026_11_24_0003
Create Date: 2026-11-24

Hand-written. Two example queries of docs/queries.sql aggregate every incident ("incidents per
group per year"; "incidents with more than one source or with contested claims"): on a million
incidents they take one to two seconds however they are indexed, because they read and group every
row. These summaries store their answer once per load instead:

- research.incidents_per_group_year: one row per group and year (incidents, tolls);
- research.incidents_several_sources_or_contested: one row per incident that more than one source
  reports or that rests on a contested claim (about a tenth of the incidents), with the columns
  researchers filter it on.

They hold ids and counts, not names: names come from research.groups and research.incidents at query
time, so a renamed group shows its new name at once. The counts are as of the last refresh:
`loader.access.summaries.refresh` (called by the loader at the end of every load run that changed
something, and by `eventsdb db refresh`). Each has a unique index on column names only, so
`REFRESH MATERIALIZED VIEW CONCURRENTLY` can rebuild it while researchers keep reading it.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "2026_11_24_0004"
down_revision: str | None = "2026_11_24_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "research"
READER_ROLE = "eventsdb_reader"

# The year of an incident when its dates lie within one year, as research.incidents.year has it.
YEAR_SQL = (
    "CASE WHEN date_part('year', i.date_start) = date_part('year', i.date_end) "
    "THEN date_part('year', i.date_start)::integer END"
)

REFRESHED = (
    "As of the last refresh: the loader refreshes it at the end of every load run that changed "
    "something; `eventsdb db refresh` refreshes it after other writes (e.g. corrections)."
)

INCIDENTS_PER_GROUP_YEAR_SQL = f"""
SELECT
    p.group_id,
    {YEAR_SQL} AS year,
    count(*) AS incidents,
    count(*) FILTER (WHERE p.claimed) AS claimed_incidents,
    sum(i.killed_low) AS killed_low,
    CASE WHEN count(i.killed_high) = count(*) THEN sum(i.killed_high) END AS killed_high
FROM (SELECT incident_id, group_id, bool_or(attribution = 'claimed') AS claimed
        FROM public.incident_perpetrators
       GROUP BY incident_id, group_id) AS p
JOIN public.incidents i ON i.id = p.incident_id
GROUP BY p.group_id, 2
"""

# Contested claims start from the few denials, counters and 'counters' relations (indexed), not from
# every claim; several sources from the reports, grouped once.
SEVERAL_SOURCES_OR_CONTESTED_SQL = f"""
WITH several_sources AS (
    SELECT r.incident_id, count(DISTINCT r.source_id) AS reporting_sources
    FROM public.incident_reports r
    GROUP BY r.incident_id
    HAVING count(DISTINCT r.source_id) > 1
), contested_claims AS (
    SELECT c.id AS claim_id FROM public.claims c WHERE c.kind IN ('denial', 'counter')
    UNION
    SELECT r.claim_id FROM public.claim_relations r WHERE r.kind = 'counters'
    UNION
    SELECT r.related_claim_id FROM public.claim_relations r WHERE r.kind = 'counters'
), contested AS (
    SELECT ic.incident_id, count(*) AS contested_claims
    FROM contested_claims cc
    JOIN public.incident_claims ic ON ic.claim_id = cc.claim_id
    GROUP BY ic.incident_id
), flagged AS (
    SELECT coalesce(s.incident_id, c.incident_id) AS incident_id, s.reporting_sources,
           coalesce(c.contested_claims, 0) AS contested_claims
    FROM several_sources s
    FULL JOIN contested c ON c.incident_id = s.incident_id
)
SELECT
    f.incident_id,
    i.country,
    i.admin1_code,
    {YEAR_SQL} AS year,
    i.date_start,
    i.date_end,
    coalesce(f.reporting_sources,
             (SELECT count(DISTINCT r.source_id) FROM public.incident_reports r
               WHERE r.incident_id = f.incident_id)) AS reporting_sources,
    f.reporting_sources IS NOT NULL AS several_sources,
    f.contested_claims > 0 AS contested,
    f.contested_claims
FROM flagged f
JOIN public.incidents i ON i.id = f.incident_id
"""

# name, comment, select, column comments, unique index columns, other indexes (name suffix, columns)
SUMMARIES: list[tuple[str, str, str, dict[str, str], list[str], list[tuple[str, list[str]]]]] = [
    (
        "incidents_per_group_year",
        "Summary: one row per group and year, with how many incidents the group is tied to as a "
        "perpetrator (any attribution; an incident tied to two groups counts for each) and their "
        "tolls. Join research.groups on group_id for the name. " + REFRESHED,
        INCIDENTS_PER_GROUP_YEAR_SQL,
        {
            "group_id": "The group (research.groups.group_id); research.group_id('IS-K') finds it by any "
            "spelling.",
            "year": "Year of the incidents (research.incidents.year); null for incidents whose dates "
            "straddle years.",
            "incidents": "How many incidents the group is tied to in that year.",
            "claimed_incidents": "How many of them the group claimed.",
            "killed_low": "Sum of the fewest deaths the sources allow (research.incidents.killed_low).",
            "killed_high": "Sum of the most deaths the sources allow; null when some incident's toll is "
            "open-ended or unknown.",
        },
        ["group_id", "year"],
        [],
    ),
    (
        "incidents_several_sources_or_contested",
        "Summary: one row per incident that more than one source reports (research.incident_reports) "
        "or that rests on a contested claim: a denial, a counter-claim, or a claim another counters "
        "(research.claim_responses). Join research.incidents on incident_id for the details; "
        "research.incident_reports and research.incident_sources say who says what. " + REFRESHED,
        SEVERAL_SOURCES_OR_CONTESTED_SQL,
        {
            "incident_id": "The incident (research.incidents.incident_id).",
            "country": "Country (ISO 3166-1 alpha-2), as research.incidents.country.",
            "admin1_code": "Province or state (ISO 3166-2), as research.incidents.admin1_code.",
            "year": "Year of the incident (research.incidents.year); null when its dates straddle years.",
            "date_start": "Earliest date the incident may have happened on (research.incidents.date_start).",
            "date_end": "Latest date the incident may have happened on (research.incidents.date_end).",
            "reporting_sources": "How many sources report the incident (distinct sources of its "
            "research.incident_reports).",
            "several_sources": "True when more than one source reports the incident.",
            "contested": "True when a claim supporting the incident is a denial or a counter-claim, "
            "counters another claim, or is countered by one.",
            "contested_claims": "How many of the claims supporting the incident are contested that way.",
        },
        ["incident_id"],
        [("country_date_start", ["country", "date_start"]), ("date_start", ["date_start"])],
    ),
]


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def upgrade() -> None:
    for name, comment, select, columns, unique, indexes in SUMMARIES:
        op.execute(f"CREATE MATERIALIZED VIEW {SCHEMA}.{name} AS {select} WITH DATA")
        op.execute(f"COMMENT ON MATERIALIZED VIEW {SCHEMA}.{name} IS {quoted(comment)}")
        for column, column_comment in columns.items():
            op.execute(f"COMMENT ON COLUMN {SCHEMA}.{name}.{column} IS {quoted(column_comment)}")
        # NULLS NOT DISTINCT: the null year is one key, like any year (REFRESH ... CONCURRENTLY
        # needs a unique index on plain columns that covers every row).
        op.execute(
            f"CREATE UNIQUE INDEX uq_{name} ON {SCHEMA}.{name} ({', '.join(unique)}) NULLS NOT DISTINCT"
        )
        for suffix, index_columns in indexes:
            op.execute(f"CREATE INDEX ix_{name}_{suffix} ON {SCHEMA}.{name} ({', '.join(index_columns)})")
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{READER_ROLE}') THEN
                GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {READER_ROLE};
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    for name, *_ in reversed(SUMMARIES):
        op.execute(f"DROP MATERIALIZED VIEW {SCHEMA}.{name}")
