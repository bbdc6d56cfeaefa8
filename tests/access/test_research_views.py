"""The research views: documented to the last column, typed as loader.access.views says, and showing
what they promise (names, dates at their precision, tolls, sources, current versions only)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from loader.access.summaries import SUMMARIES
from loader.access.views import RESEARCH_SCHEMA, VIEWS, column_kind
from tests.access.research_data import ResearchData

SQL_KINDS = {
    "bigint": "integer",
    "integer": "integer",
    "double precision": "float",
    "boolean": "boolean",
    "date": "date",
    "timestamp with time zone": "timestamp",
    "text": "text",
    "character": "text",
    "daterange": "text",
}


def rows(connection: Connection, query: str, **parameters: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in connection.execute(text(query), parameters)]


def test_the_research_schema_has_the_views_the_summaries_and_nothing_else(db_connection: Connection) -> None:
    relations = rows(
        db_connection,
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = :schema AND c.relkind <> 'i'",
        schema=RESEARCH_SCHEMA,
    )
    assert {relation["relname"] for relation in relations if relation["relkind"] == "v"} == set(VIEWS)
    assert {relation["relname"] for relation in relations if relation["relkind"] == "m"} == set(SUMMARIES)
    assert len(relations) == len(VIEWS) + len(SUMMARIES)


def test_every_view_and_every_view_column_has_a_comment(db_connection: Connection) -> None:
    described = rows(
        db_connection,
        "SELECT c.relname, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'research' AND c.relkind = 'v'",
    )
    assert len(described) == len(VIEWS)
    assert [view["relname"] for view in described if not (view["comment"] or "").strip()] == []
    columns = rows(
        db_connection,
        "SELECT c.relname, a.attname, col_description(c.oid, a.attnum) AS comment FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'research' AND c.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped",
    )
    assert len(columns) > 100
    undocumented = [f"{c['relname']}.{c['attname']}" for c in columns if not (c["comment"] or "").strip()]
    assert undocumented == []
    schema_comment = db_connection.scalar(text("SELECT obj_description('research'::regnamespace)"))
    function_comment = db_connection.scalar(
        text("SELECT obj_description('research.group_id(text)'::regprocedure)")
    )
    assert schema_comment and function_comment


def test_the_column_kinds_in_code_match_the_database(db_connection: Connection) -> None:
    """CSV exports are read back with these kinds, so they must be the database's."""
    columns = rows(
        db_connection,
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'research'",
    )
    mismatched = [
        (c["table_name"], c["column_name"], c["data_type"])
        for c in columns
        if SQL_KINDS[c["data_type"]] != column_kind(c["column_name"])
    ]
    assert mismatched == []


def test_incidents_show_names_places_tolls_and_sources(
    db_connection: Connection, research_data: ResearchData
) -> None:
    (peshawar,) = rows(
        db_connection, "SELECT * FROM research.incidents WHERE incident_id = :id", id=research_data.peshawar
    )
    assert peshawar["perpetrators"] == "Islamic State Khorasan; Afghan Taliban"  # claimed before suspected
    assert peshawar["attribution"] == "claimed"
    assert peshawar["claimed"] is True
    assert (peshawar["country"], peshawar["admin1_code"], peshawar["admin1_name"], peshawar["city"]) == (
        "PK",
        "PK-KP",
        "Khyber Pakhtunkhwa",
        "Peshawar",
    )
    assert (peshawar["killed_low"], peshawar["killed_high"], peshawar["suicide"]) == (12, 14, True)
    assert (peshawar["source_count"], peshawar["claim_count"]) == (2, 3)
    assert peshawar["sources"] == "Daily Test, 2019-06-02; Other Paper, 2019-06-03"
    assert peshawar["quote"].startswith("A suicide bomber killed 12 people")


def test_dates_are_shown_at_their_precision_never_with_a_made_up_day(
    db_connection: Connection, research_data: ResearchData
) -> None:
    found = {
        row["incident_id"]: row
        for row in rows(
            db_connection,
            "SELECT incident_id, date_start, date_end, date_precision, year, month, day, date_label "
            "FROM research.incidents",
        )
    }
    peshawar, quetta, afghanistan = (
        found[research_data.peshawar],
        found[research_data.quetta],
        found[research_data.afghanistan_2018],
    )
    assert (peshawar["year"], peshawar["month"], peshawar["day"], peshawar["date_label"]) == (
        2019,
        6,
        1,
        "2019-06-01",
    )
    assert (quetta["year"], quetta["month"], quetta["day"], quetta["date_label"]) == (
        2019,
        5,
        None,
        "2019-05",
    )
    assert (str(quetta["date_start"]), str(quetta["date_end"])) == ("2019-05-01", "2019-05-31")
    assert (afghanistan["year"], afghanistan["month"], afghanistan["day"]) == (2018, None, None)
    assert (afghanistan["date_label"], afghanistan["date_precision"]) == ("2018", "year")


def test_an_incident_spanning_two_years_has_no_single_year(
    db_connection: Connection, research_data: ResearchData
) -> None:
    db_connection.execute(
        text("UPDATE incidents SET date_end = '2019-12-31' WHERE id = :id"),
        {"id": research_data.afghanistan_2018},
    )
    (row,) = rows(
        db_connection,
        "SELECT year, month, day, date_label FROM research.incidents WHERE incident_id = :id",
        id=research_data.afghanistan_2018,
    )
    assert row == {"year": None, "month": None, "day": None, "date_label": "2018/2019"}


def test_research_sources_shows_current_versions_only(
    db_connection: Connection, research_data: ResearchData
) -> None:
    source_ids = set(db_connection.scalars(text("SELECT source_id FROM research.sources")))
    assert source_ids == {research_data.source_a, research_data.source_b}
    (a,) = rows(
        db_connection, "SELECT * FROM research.sources WHERE source_id = :id", id=research_data.source_a
    )
    assert (a["version"], a["claim_count"], a["incident_count"]) == (2, 6, 3)
    assert a["text_length"] == len(a["text"])


def test_incident_reports_keep_each_sources_account(
    db_connection: Connection, research_data: ResearchData
) -> None:
    reports = rows(
        db_connection,
        "SELECT publisher, killed_low, killed_high, perpetrator, attribution, source_label "
        "FROM research.incident_reports WHERE incident_id = :id ORDER BY report_id",
        id=research_data.peshawar,
    )
    assert reports == [
        {
            "publisher": "Daily Test",
            "killed_low": 12,
            "killed_high": 12,
            "perpetrator": "Islamic State Khorasan",
            "attribution": "claimed",
            "source_label": "Daily Test, 2019-06-02",
        },
        {
            "publisher": "Other Paper",
            "killed_low": 14,
            "killed_high": 14,
            "perpetrator": None,
            "attribution": None,
            "source_label": "Other Paper, 2019-06-03",
        },
    ]


def test_claim_responses_show_both_sides(db_connection: Connection, research_data: ResearchData) -> None:
    (response,) = rows(db_connection, "SELECT * FROM research.claim_responses")
    assert (response["claim_id"], response["responds_to_claim_id"], response["kind"]) == (
        research_data.claim_denial,
        research_data.claim_responsibility,
        "counters",
    )
    assert (response["claimant"], response["claim_kind"], response["quote"]) == (
        "Afghan Taliban",
        "denial",
        "The Taliban denied any role.",
    )
    assert (response["responds_to_claimant"], response["responds_to_kind"]) == (
        "Islamic State Khorasan",
        "responsibility",
    )
    assert (
        response["responds_to_quote"]
        == "The Islamic State Khorasan Province claimed responsibility for the attack."
    )


def test_incident_sources_has_one_row_per_supporting_claim(
    db_connection: Connection, research_data: ResearchData
) -> None:
    supporting = rows(
        db_connection,
        "SELECT claim_id, source_id, publisher, claimant, claim_kind, quote, source_label "
        "FROM research.incident_sources WHERE incident_id = :id ORDER BY claim_id",
        id=research_data.peshawar,
    )
    assert [row["claim_id"] for row in supporting] == sorted(
        [research_data.claim_police, research_data.claim_responsibility, research_data.claim_hospital]
    )
    hospital = next(row for row in supporting if row["claim_id"] == research_data.claim_hospital)
    assert hospital["publisher"] == "Other Paper"
    assert hospital["claim_kind"] == "estimate"
    assert hospital["source_label"] == "Other Paper, 2019-06-03"
    responsibility = next(row for row in supporting if row["claim_id"] == research_data.claim_responsibility)
    assert responsibility["claimant"] == "Islamic State Khorasan"  # the canonical name, not the text's


def test_claims_name_claimant_about_group_and_contest(
    db_connection: Connection, research_data: ResearchData
) -> None:
    claims = {
        row["claim_id"]: row
        for row in rows(
            db_connection,
            "SELECT claim_id, claimant, claimant_text, about_group, responds_to_claim_id, response_kind, "
            "countered, incident_count, publisher FROM research.claims",
        )
    }
    responsibility = claims[research_data.claim_responsibility]
    assert responsibility["claimant"] == "Islamic State Khorasan"
    assert responsibility["claimant_text"] == "Islamic State Khorasan Province"
    assert responsibility["about_group"] == "Islamic State Khorasan"
    assert responsibility["countered"] is True
    assert responsibility["incident_count"] == 1
    denial = claims[research_data.claim_denial]
    assert (denial["responds_to_claim_id"], denial["response_kind"]) == (
        research_data.claim_responsibility,
        "counters",
    )
    assert denial["countered"] is False
    assert claims[research_data.claim_police]["claimant"] == "police"  # unresolved: as the source names it


def test_groups_list_aliases_parent_and_incidents(
    db_connection: Connection, research_data: ResearchData
) -> None:
    (isk,) = rows(db_connection, "SELECT * FROM research.groups WHERE group_id = :id", id=research_data.isk)
    assert isk["name"] == "Islamic State Khorasan"
    assert (
        isk["aliases"] == "IS-K; ISKP; Islamic State Khorasan Province"
    )  # the canonical name is not repeated
    assert (isk["parent_group_id"], isk["parent_name"]) == (research_data.islamic_state, "Islamic State")
    assert isk["incident_count"] == 2  # Peshawar (claimed and suspected) counts once
    (relation,) = rows(db_connection, "SELECT * FROM research.group_relations")
    assert (relation["subject_group"], relation["kind"], relation["object_group"]) == (
        "Islamic State Khorasan",
        "composed_of_members_of",
        "Tehrik-i-Taliban Pakistan",
    )
    assert relation["quote"] == "Officials said IS-K draws fighters from the Tehrik-i-Taliban Pakistan."
    assert relation["source_label"] == "Daily Test, 2019-06-02"


def test_group_id_finds_a_group_by_any_spelling(
    db_connection: Connection, research_data: ResearchData
) -> None:
    for spelling in ("IS-K", "is k", "ISKP", "Islamic State Khorasan", "islamic state  khorasan province"):
        found = db_connection.scalar(text("SELECT research.group_id(:name)"), {"name": spelling})
        assert found == research_data.isk, spelling
    assert db_connection.scalar(text("SELECT research.group_id('Nobody At All')")) is None


def test_incident_perpetrators_rank_attributions(
    db_connection: Connection, research_data: ResearchData
) -> None:
    found = rows(
        db_connection,
        "SELECT group_name, attribution, attribution_rank, attributions, parent_group_name, claim_quote "
        "FROM research.incident_perpetrators WHERE incident_id = :id ORDER BY attribution_rank",
        id=research_data.peshawar,
    )
    # One row per incident and group: IS-K is claimed by one claim and suspected by another source.
    assert [
        (row["group_name"], row["attribution"], row["attribution_rank"], row["attributions"]) for row in found
    ] == [
        ("Islamic State Khorasan", "claimed", 1, "claimed; suspected"),
        ("Afghan Taliban", "suspected", 3, "suspected"),
    ]
    assert found[0]["parent_group_name"] == "Islamic State"
    assert (
        found[0]["claim_quote"]
        == "The Islamic State Khorasan Province claimed responsibility for the attack."
    )
