"""The example queries, the views and the exports against the loaded Dawn article
(examples/dawn-2021-12-23-isk.txt), loaded by `eventsdb load` into a database of its own.

The expected figures are the article's own: it lists four IS-K attacks in 2016 (7 + 80 + 94 + over
50 killed), five in 2017 (2 + 29 + more than 20 + 88 + 149) and three in 2019 (7 + 80 + 70), in
Afghanistan (Kabul, Nangarhar, and twice nowhere more precise) and Pakistan (Balochistan, Sindh).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from loader.access import frames
from loader.access.queries import example_queries
from loader.cli import app
from loader.db.engine import make_engine
from loader.db.settings import libpq_url
from tests.access.test_summaries import PER_GROUP_YEAR_FROM_VIEWS, SEVERAL_OR_CONTESTED_FROM_VIEWS

DAWN = Path(__file__).resolve().parents[2] / "examples" / "dawn-2021-12-23-isk.txt"
QUERIES = example_queries()
ISK = "Islamic State Khorasan"


@pytest.fixture(scope="module")
def dawn_url(create_database: Callable[[str], URL]) -> URL:
    url = create_database("dawn")
    result = CliRunner().invoke(app, ["load", str(DAWN)], env={"DATABASE_URL": libpq_url(url)})
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture(scope="module")
def dawn(dawn_url: URL) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(libpq_url(dawn_url)) as connection:
        connection.read_only = True
        yield connection


@pytest.fixture(scope="module")
def dawn_engine(dawn_url: URL) -> Iterator[Engine]:
    engine = make_engine(dawn_url)
    yield engine
    engine.dispose()


def run(connection: psycopg.Connection[Any], name: str) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(QUERIES[name].sql)
        columns = [column.name for column in cursor.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def test_incidents_per_group_per_year(dawn: psycopg.Connection[Any]) -> None:
    assert run(dawn, "incidents_per_group_per_year") == [
        {"group_name": ISK, "year": 2016, "incidents": 4, "killed_at_least": 7 + 80 + 94 + 51},
        {"group_name": ISK, "year": 2017, "incidents": 5, "killed_at_least": 2 + 29 + 21 + 88 + 149},
        {"group_name": ISK, "year": 2019, "incidents": 3, "killed_at_least": 7 + 80 + 70},
    ]


def test_eventsdb_load_refreshes_the_summaries(dawn: psycopg.Connection[Any]) -> None:
    """The summaries were created empty by the migrations; the load that wrote the article refreshed
    them, so they hold what the views give."""
    summary = dawn.execute(
        "SELECT group_id, year, incidents, claimed_incidents, killed_low, killed_high "
        "FROM research.incidents_per_group_year ORDER BY group_id, year"
    ).fetchall()
    assert summary == dawn.execute(PER_GROUP_YEAR_FROM_VIEWS).fetchall()
    assert [(row[1], row[2]) for row in summary] == [(2016, 4), (2017, 5), (2019, 3)]
    flagged = dawn.execute(
        "SELECT * FROM research.incidents_several_sources_or_contested ORDER BY incident_id"
    )
    assert flagged.fetchall() == dawn.execute(SEVERAL_OR_CONTESTED_FROM_VIEWS).fetchall() == []


def test_deaths_per_province(dawn: psycopg.Connection[Any]) -> None:
    found = {(row["country"], row["admin1_code"]): row for row in run(dawn, "deaths_per_province")}
    assert set(found) == {("PK", "PK-BA"), ("AF", "AF-KAB"), ("PK", "PK-SD"), ("AF", "AF-NAN"), ("AF", None)}
    balochistan = found["PK", "PK-BA"]
    assert (balochistan["admin1_name"], balochistan["incidents"]) == ("Balochistan", 3)
    assert (balochistan["killed_low"], balochistan["killed_high"]) == (94 + 51 + 149, None)  # 'over 50'
    kabul = found["AF", "AF-KAB"]
    assert (kabul["incidents"], kabul["killed_low"], kabul["killed_high"]) == (5, 80 + 2 + 21 + 7 + 80, None)
    assert (found["PK", "PK-SD"]["killed_low"], found["PK", "PK-SD"]["killed_high"]) == (88, 88)
    assert (found["AF", "AF-NAN"]["killed_low"], found["AF", "AF-NAN"]["killed_high"]) == (70, 70)
    assert (found["AF", None]["incidents"], found["AF", None]["killed_low"]) == (2, 7 + 29)
    # Ordered by deaths, most first.
    assert [row["killed_low"] for row in run(dawn, "deaths_per_province")] == [294, 190, 88, 70, 36]


def test_one_uncontested_article_has_no_incident_with_several_sources(dawn: psycopg.Connection[Any]) -> None:
    """One source; its contested claims (Karzai countering Imran Khan) are about IS-K, not about an
    attack, so no incident is listed."""
    assert run(dawn, "incidents_with_several_sources_or_contested_claims") == []
    responses = dawn.execute(
        "SELECT claimant, kind, responds_to_claimant FROM research.claim_responses"
    ).fetchall()
    assert ("Hamid Karzai", "counters", "Imran Khan") in responses


def test_every_claim_about_isk_with_its_quote_and_source(dawn: psycopg.Connection[Any]) -> None:
    claims = run(dawn, "claims_about_isk")
    assert len(claims) >= 10
    assert {claim["source_label"] for claim in claims} == {"Dawn, 2021-12-23"}
    by_claimant = {(claim["claimant"], claim["kind"]): claim["quote"] for claim in claims}
    assert by_claimant["Imran Khan", "allegation"] == (
        "IS-K was using its Afghan cell for launching attacks into Pakistan"
    )
    assert by_claimant["Hamid Karzai", "counter"] == (
        "the group was using Pakistani soil for launching attacks into Afghanistan"
    )
    assert ("Islamic State Khorasan", "responsibility") in by_claimant
    # Every quote is the source's text between char_start and char_end.
    mismatched = dawn.execute(
        "SELECT c.claim_id FROM research.claims c JOIN research.sources s USING (source_id) "
        "WHERE c.about_group_id = research.group_id('IS-K') "
        "AND substr(s.text, c.char_start + 1, c.char_end - c.char_start) <> c.quote"
    ).fetchall()
    assert mismatched == []


def test_the_groups_isk_draws_members_from(dawn: psycopg.Connection[Any]) -> None:
    relations = run(dawn, "groups_isk_draws_members_from")
    assert [relation["draws_members_from"] for relation in relations] == [
        "Afghan Taliban",
        "Islamic Movement of Uzbekistan",
        "Tehrik-i-Taliban Pakistan",
    ]
    for relation in relations:
        assert "composed primarily of former members of Tehrik-i-Taliban Pakistan" in relation["quote"]
        assert relation["source_label"] == "Dawn, 2021-12-23"
        assert relation["claimant"] == "US State Department"


def test_the_views_describe_the_article(dawn: psycopg.Connection[Any]) -> None:
    counts = dict(
        dawn.execute(
            "SELECT 'incidents', count(*) FROM research.incidents UNION ALL "
            "SELECT 'reports', count(*) FROM research.incident_reports UNION ALL "
            "SELECT 'sources', count(*) FROM research.sources UNION ALL "
            "SELECT 'unsupported', count(*) FROM research.incidents WHERE claim_count = 0"
        ).fetchall()
    )
    assert counts == {"incidents": 12, "reports": 12, "sources": 1, "unsupported": 0}
    years = dawn.execute(
        "SELECT DISTINCT date_precision, month, day, date_label FROM research.incidents ORDER BY date_label"
    ).fetchall()
    assert years == [("year", None, None, "2016"), ("year", None, None, "2017"), ("year", None, None, "2019")]
    (isk,) = dawn.execute(
        "SELECT name, parent_name, aliases FROM research.groups WHERE name = %s", (ISK,)
    ).fetchall()
    assert isk[1] == "Islamic State"
    assert "IS-K" in isk[2].split("; ")


def test_the_dawn_exports_open_in_pandas_with_their_types(
    dawn_url: URL, dawn_engine: Engine, tmp_path: Path
) -> None:
    for file_format in ("csv", "parquet", "json"):
        path = tmp_path / f"dawn-gtd.{file_format}"
        result = CliRunner().invoke(
            app,
            ["export", "incidents", "--gtd", "--format", file_format, "--output", str(path)],
            env={"DATABASE_URL": libpq_url(dawn_url)},
        )
        assert result.exit_code == 0, result.output
        gtd = frames.read_export(path)
        assert len(gtd) == 12
        assert gtd["iyear"].dtype == "Int64" and gtd["nkill"].dtype == "Int64"
        assert gtd["eventsdb_date_start"].dtype == "datetime64[s]"
        assert set(gtd["gname"]) == {ISK}
        assert set(gtd["imonth"]) == {0} and set(gtd["iday"]) == {0}  # the article gives years only
        assert set(gtd["country_txt"]) == {"Afghanistan", "Pakistan"}
        assert int(gtd["nkill"].sum()) == 232 + 289 + 157
    incidents = frames.incidents(dawn_engine, where="admin1_name = 'Balochistan'")
    assert sorted(incidents["killed_low"].tolist()) == [51, 94, 149]
    assert incidents["killed_high"].isna().sum() == 1  # 'over 50'
