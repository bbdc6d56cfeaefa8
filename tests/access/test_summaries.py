"""The research summaries (materialized views of migration 2026_11_24_0004): documented, refreshable
concurrently, and equal to the same aggregates computed from the plain views whatever the data."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from loader.access.summaries import SUMMARIES, refresh
from loader.access.views import raw_connection
from loader.cli import app
from loader.db.errors import DatabaseError
from loader.db.settings import libpq_url
from tests.access.research_data import ResearchData

# The same questions asked of the plain views (every incident read): what the summaries must equal.
PER_GROUP_YEAR_FROM_VIEWS = """
SELECT p.group_id, i.year, count(*) AS incidents,
       count(*) FILTER (WHERE p.attributions LIKE '%claimed%') AS claimed_incidents,
       sum(i.killed_low) AS killed_low,
       CASE WHEN count(i.killed_high) = count(*) THEN sum(i.killed_high) END AS killed_high
FROM research.incident_perpetrators AS p
JOIN research.incidents AS i USING (incident_id)
GROUP BY p.group_id, i.year
ORDER BY p.group_id, i.year
"""
SEVERAL_OR_CONTESTED_FROM_VIEWS = """
WITH reporting AS (
    SELECT incident_id, count(DISTINCT source_id) AS reporting_sources
    FROM research.incident_reports GROUP BY incident_id
), contested AS (
    SELECT s.incident_id, count(DISTINCT s.claim_id) AS contested_claims
    FROM research.incident_sources AS s
    WHERE s.claim_kind IN ('denial', 'counter')
       OR s.claim_id IN (SELECT claim_id FROM research.claim_responses WHERE kind = 'counters')
       OR s.claim_id IN (SELECT responds_to_claim_id FROM research.claim_responses WHERE kind = 'counters')
    GROUP BY s.incident_id
)
SELECT i.incident_id, i.country, i.admin1_code, i.year, i.date_start, i.date_end,
       coalesce(r.reporting_sources, 0) AS reporting_sources,
       coalesce(r.reporting_sources, 0) > 1 AS several_sources,
       c.incident_id IS NOT NULL AS contested, coalesce(c.contested_claims, 0) AS contested_claims
FROM research.incidents AS i
LEFT JOIN reporting AS r USING (incident_id)
LEFT JOIN contested AS c USING (incident_id)
WHERE coalesce(r.reporting_sources, 0) > 1 OR c.incident_id IS NOT NULL
ORDER BY i.incident_id
"""


def rows(connection: Connection, query: str, **parameters: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in connection.execute(text(query), parameters)]


def summary(connection: Connection, name: str, order: str) -> list[dict[str, Any]]:
    return rows(connection, f"SELECT * FROM research.{name} ORDER BY {order}")


def assert_summaries_match_the_views(connection: Connection) -> None:
    assert summary(connection, "incidents_per_group_year", "group_id, year") == rows(
        connection, PER_GROUP_YEAR_FROM_VIEWS
    )
    assert summary(connection, "incidents_several_sources_or_contested", "incident_id") == rows(
        connection, SEVERAL_OR_CONTESTED_FROM_VIEWS
    )


def test_the_summaries_are_documented_materialized_views_with_a_unique_index(
    db_connection: Connection,
) -> None:
    found = rows(
        db_connection,
        "SELECT c.relname, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'research' AND c.relkind = 'm'",
    )
    assert {view["relname"] for view in found} == set(SUMMARIES)
    assert all("last refresh" in view["comment"] for view in found)
    columns = rows(
        db_connection,
        "SELECT c.relname, a.attname, col_description(c.oid, a.attnum) AS comment FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'research' AND c.relkind = 'm' AND a.attnum > 0 AND NOT a.attisdropped",
    )
    assert len(columns) >= 10
    assert [f"{c['relname']}.{c['attname']}" for c in columns if not (c["comment"] or "").strip()] == []
    # What REFRESH ... CONCURRENTLY needs: a unique index on plain columns, covering every row.
    unique = rows(
        db_connection,
        "SELECT t.relname FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid "
        "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'research' AND x.indisunique "
        "AND x.indexprs IS NULL AND x.indpred IS NULL",
    )
    assert {index["relname"] for index in unique} == set(SUMMARIES)


def test_refreshed_summaries_equal_the_aggregates_of_the_views(
    db_connection: Connection, research_data: ResearchData
) -> None:
    refreshed = refresh(raw_connection(db_connection))
    assert [summary.name for summary in refreshed] == list(SUMMARIES)
    assert all(summary.concurrently for summary in refreshed)
    assert_summaries_match_the_views(db_connection)
    # IS-K: Peshawar 2019 (claimed, and also suspected: counted once) and Afghanistan 2018.
    isk = rows(
        db_connection,
        "SELECT year, incidents, claimed_incidents, killed_low, killed_high "
        "FROM research.incidents_per_group_year WHERE group_id = research.group_id('ISKP') ORDER BY year",
    )
    assert isk == [
        {"year": 2018, "incidents": 1, "claimed_incidents": 0, "killed_low": 30, "killed_high": None},
        {"year": 2019, "incidents": 1, "claimed_incidents": 1, "killed_low": 12, "killed_high": 14},
    ]
    (peshawar,) = summary(db_connection, "incidents_several_sources_or_contested", "incident_id")
    assert peshawar["incident_id"] == research_data.peshawar
    assert (peshawar["reporting_sources"], peshawar["several_sources"]) == (2, True)
    # IS-K's claim of responsibility, countered by the Taliban's denial (which supports no incident).
    assert (peshawar["contested"], peshawar["contested_claims"]) == (True, 1)


def test_summaries_follow_the_data_at_the_next_refresh_only(
    db_connection: Connection, research_data: ResearchData
) -> None:
    raw = raw_connection(db_connection)
    refresh(raw)
    db_connection.execute(text("DELETE FROM claim_relations"))
    db_connection.execute(
        text("UPDATE claims SET kind = 'statement' WHERE id = :denial"),
        {"denial": research_data.claim_denial},
    )
    db_connection.execute(
        text(
            "INSERT INTO incident_claims (incident_id, claim_id, load_run_id, extractor_version) "
            "SELECT :quetta, id, load_run_id, extractor_version FROM claims WHERE id = :claim"
        ),
        {"quetta": research_data.quetta, "claim": research_data.claim_denial},
    )
    db_connection.execute(
        text("UPDATE claims SET kind = 'counter' WHERE id = :claim"), {"claim": research_data.claim_hospital}
    )
    db_connection.execute(
        text("UPDATE incidents SET date_end = '2020-01-31' WHERE id = :peshawar"),
        {"peshawar": research_data.peshawar},
    )
    stale = summary(db_connection, "incidents_several_sources_or_contested", "incident_id")
    assert [row["incident_id"] for row in stale] == [research_data.peshawar]

    refresh(raw)
    assert_summaries_match_the_views(db_connection)
    flagged = summary(db_connection, "incidents_several_sources_or_contested", "incident_id")
    # Peshawar: two sources, and the hospital's figure is now a counter-claim; Quetta: no longer
    # contested (the denial became a statement), one source: gone.
    assert [(row["incident_id"], row["several_sources"], row["contested"]) for row in flagged] == [
        (research_data.peshawar, True, True)
    ]
    # Peshawar's dates now straddle 2019 and 2020: no year, a row of its own for each of its groups.
    years = rows(db_connection, "SELECT group_id, year FROM research.incidents_per_group_year ORDER BY year")
    assert [row["year"] for row in years] == [2018, None, None]


def test_a_summary_never_populated_is_refreshed_plainly(
    db_connection: Connection, research_data: ResearchData
) -> None:
    db_connection.execute(text("REFRESH MATERIALIZED VIEW research.incidents_per_group_year WITH NO DATA"))
    refreshed = {summary.name: summary for summary in refresh(raw_connection(db_connection))}
    assert refreshed["incidents_per_group_year"].concurrently is False
    assert refreshed["incidents_per_group_year"].rows == 3
    assert refreshed["incidents_several_sources_or_contested"].concurrently is True
    assert_summaries_match_the_views(db_connection)


def test_a_database_without_summaries_refreshes_nothing(db_connection: Connection) -> None:
    for name in SUMMARIES:
        db_connection.execute(text(f"DROP MATERIALIZED VIEW research.{name}"))
    assert refresh(raw_connection(db_connection)) == []


def test_a_refresh_the_database_refuses_says_the_data_is_kept(db_connection: Connection) -> None:
    savepoint = db_connection.begin_nested()
    try:
        db_connection.execute(text("CREATE ROLE summaries_not_owner"))
        db_connection.execute(text("GRANT USAGE ON SCHEMA research TO summaries_not_owner"))
        db_connection.execute(text("GRANT SELECT ON ALL TABLES IN SCHEMA research TO summaries_not_owner"))
        db_connection.execute(text("SET LOCAL ROLE summaries_not_owner"))
        with pytest.raises(
            DatabaseError, match=r"permission denied.*the loaded data is kept.*eventsdb db refresh"
        ):
            refresh(raw_connection(db_connection))
    finally:
        savepoint.rollback()


def test_eventsdb_db_refresh_reports_each_summary(research_url: URL) -> None:
    result = CliRunner().invoke(app, ["db", "refresh"], env={"DATABASE_URL": libpq_url(research_url)})
    assert result.exit_code == 0, result.output
    assert "refreshed research.incidents_per_group_year: 3 rows" in result.output
    assert "refreshed research.incidents_several_sources_or_contested: 1 rows" in result.output
