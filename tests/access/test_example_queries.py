"""The example queries of docs/queries.sql: shown verbatim in the README, and answering their
question on the hand-made dataset (tests/access/research_data.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, text

from loader.access.queries import EXAMPLE_QUERIES, example_queries, parse_named_queries
from loader.access.summaries import refresh
from loader.access.views import raw_connection
from tests.access.research_data import ResearchData

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
QUERIES = example_queries()
EXPECTED_NAMES = {
    "incidents_per_group_per_year",
    "deaths_per_province",
    "incidents_with_several_sources_or_contested_claims",
    "claims_about_isk",
    "groups_isk_draws_members_from",
}


def run(connection: Connection, name: str) -> list[dict[str, Any]]:
    """The query's rows, after refreshing the summaries (as a load does) so they see the test's data."""
    refresh(raw_connection(connection))
    with raw_connection(connection).cursor() as cursor:
        cursor.execute(QUERIES[name].sql)
        columns = [column.name for column in cursor.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def test_docs_queries_sql_holds_the_questions_researchers_ask() -> None:
    assert EXAMPLE_QUERIES.name == "queries.sql"
    assert set(QUERIES) == EXPECTED_NAMES
    for query in QUERIES.values():
        assert query.description.strip(), query.name
        assert query.sql.startswith(("SELECT", "WITH")) and query.sql.endswith(";")


@pytest.mark.parametrize("name", sorted(EXPECTED_NAMES))
def test_the_readme_shows_each_query_as_docs_queries_sql_does(name: str) -> None:
    assert f"```sql\n{QUERIES[name].text}\n```" in README


def test_named_queries_are_parsed_with_their_descriptions() -> None:
    parsed = parse_named_queries(
        "-- header\n\n-- name: first\n-- What it asks,\n-- on two lines.\nSELECT 1;\n\n-- name: second\nSELECT\n  ';' AS x;\n"
    )
    assert list(parsed) == ["first", "second"]
    assert parsed["first"].description == "What it asks,\non two lines."
    assert parsed["first"].text == "-- What it asks,\n-- on two lines.\nSELECT 1;"
    assert parsed["second"].sql == "SELECT\n  ';' AS x;"
    with pytest.raises(ValueError, match="one statement"):
        parse_named_queries("-- name: broken\nSELECT 1\n")


def test_incidents_per_group_per_year(db_connection: Connection, research_data: ResearchData) -> None:
    # Peshawar counts once for IS-K although it is both claimed by and suspected of it.
    assert run(db_connection, "incidents_per_group_per_year") == [
        {"group_name": "Afghan Taliban", "year": 2019, "incidents": 1, "killed_at_least": 12},
        {"group_name": "Islamic State Khorasan", "year": 2018, "incidents": 1, "killed_at_least": 30},
        {"group_name": "Islamic State Khorasan", "year": 2019, "incidents": 1, "killed_at_least": 12},
    ]


def test_deaths_per_province(db_connection: Connection, research_data: ResearchData) -> None:
    assert run(db_connection, "deaths_per_province") == [
        {
            "country": "AF",
            "admin1_code": None,
            "admin1_name": None,
            "incidents": 1,
            "killed_low": 30,
            "killed_high": None,  # 'at least 30': open-ended
        },
        {
            "country": "PK",
            "admin1_code": "PK-KP",
            "admin1_name": "Khyber Pakhtunkhwa",
            "incidents": 1,
            "killed_low": 12,
            "killed_high": 14,
        },
        {
            "country": "PK",
            "admin1_code": "PK-BA",
            "admin1_name": "Balochistan",
            "incidents": 1,
            "killed_low": 5,
            "killed_high": 5,
        },
    ]


def test_incidents_with_several_sources_or_contested_claims(
    db_connection: Connection, research_data: ResearchData
) -> None:
    (peshawar,) = run(db_connection, "incidents_with_several_sources_or_contested_claims")
    assert peshawar["incident_id"] == research_data.peshawar
    assert (peshawar["killed_low"], peshawar["killed_high"]) == (12, 14)
    assert (peshawar["date_label"], peshawar["city"], peshawar["reporting_sources"]) == (
        "2019-06-01",
        "Peshawar",
        2,
    )
    # Two sources report it, and IS-K's claim of responsibility is countered by the Taliban's denial.
    assert (peshawar["several_sources"], peshawar["contested"]) == (True, True)


def test_each_reason_alone_lists_an_incident(db_connection: Connection, research_data: ResearchData) -> None:
    db_connection.execute(text("DELETE FROM claim_relations"))
    (only_sources,) = run(db_connection, "incidents_with_several_sources_or_contested_claims")
    assert (only_sources["several_sources"], only_sources["contested"]) == (True, False)

    db_connection.execute(
        text("DELETE FROM incident_reports WHERE source_id = :b"), {"b": research_data.source_b}
    )
    assert run(db_connection, "incidents_with_several_sources_or_contested_claims") == []

    # A denial supporting the Quetta incident contests it, with one source only.
    db_connection.execute(
        text(
            "INSERT INTO incident_claims (incident_id, claim_id, load_run_id, extractor_version) "
            "SELECT :quetta, :denial, load_run_id, extractor_version FROM claims WHERE id = :denial"
        ),
        {"quetta": research_data.quetta, "denial": research_data.claim_denial},
    )
    (quetta,) = run(db_connection, "incidents_with_several_sources_or_contested_claims")
    assert (quetta["incident_id"], quetta["several_sources"], quetta["contested"]) == (
        research_data.quetta,
        False,
        True,
    )

    # Contested incidents elsewhere are not asked about: the question is about Pakistan.
    db_connection.execute(
        text(
            "INSERT INTO incident_claims (incident_id, claim_id, load_run_id, extractor_version) "
            "SELECT :afghanistan, :denial, load_run_id, extractor_version FROM claims WHERE id = :denial"
        ),
        {"afghanistan": research_data.afghanistan_2018, "denial": research_data.claim_denial},
    )
    listed = run(db_connection, "incidents_with_several_sources_or_contested_claims")
    assert [row["incident_id"] for row in listed] == [research_data.quetta]
    assert db_connection.scalar(
        text("SELECT contested FROM research.incidents_several_sources_or_contested WHERE incident_id = :a"),
        {"a": research_data.afghanistan_2018},
    )


def test_claims_about_isk(db_connection: Connection, research_data: ResearchData) -> None:
    claims = run(db_connection, "claims_about_isk")
    assert [claim["claimant"] for claim in claims] == ["Islamic State Khorasan", "Daily Test", "Officials"]
    assert claims[0]["kind"] == "responsibility"
    assert claims[0]["quote"] == "The Islamic State Khorasan Province claimed responsibility for the attack."
    assert {claim["source_label"] for claim in claims} == {"Daily Test, 2019-06-02"}


def test_groups_isk_draws_members_from(db_connection: Connection, research_data: ResearchData) -> None:
    assert run(db_connection, "groups_isk_draws_members_from") == [
        {
            "draws_members_from": "Tehrik-i-Taliban Pakistan",
            "claimant": "Officials",
            "quote": "Officials said IS-K draws fighters from the Tehrik-i-Taliban Pakistan.",
            "source_label": "Daily Test, 2019-06-02",
        }
    ]
