"""`eventsdb export` and loader.access.frames: typed DataFrames, files that open in pandas with their
types, GTD column names, and filters that can filter but never write."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from loader.access import frames
from loader.access.export import export_view
from loader.cli import app
from loader.db.engine import make_engine
from loader.db.errors import DatabaseError
from loader.db.settings import libpq_url
from tests.access.research_data import ResearchData

runner = CliRunner()


@pytest.fixture(scope="module")
def engine(research_url: URL) -> Iterator[Engine]:
    created = make_engine(research_url)
    yield created
    created.dispose()


def eventsdb(url: URL, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"DATABASE_URL": libpq_url(url)})
    return result.exit_code, result.stdout, result.stderr


def test_incident_frames_have_their_types(
    engine: Engine, research_database: tuple[URL, ResearchData]
) -> None:
    data = research_database[1]
    incidents = frames.incidents(engine).set_index("incident_id", drop=False)
    assert list(incidents.index) == sorted([data.peshawar, data.quetta, data.afghanistan_2018])
    dtypes = incidents.dtypes
    assert (dtypes["incident_id"], dtypes["killed_low"], dtypes["year"], dtypes["month"]) == ("Int64",) * 4
    assert dtypes["date_start"] == "datetime64[s]" and dtypes["date_end"] == "datetime64[s]"
    assert dtypes["suicide"] == "boolean" and dtypes["claimed"] == "boolean"
    assert dtypes["latitude"] == "float64"
    assert dtypes["country"] == "string" and dtypes["perpetrators"] == "string"
    assert str(dtypes["created_at"]) == "datetime64[us, UTC]"
    afghanistan = incidents.loc[data.afghanistan_2018]
    assert afghanistan["killed_high"] is pd.NA  # unbounded: a missing value, not NaN or 0
    assert afghanistan["month"] is pd.NA and afghanistan["day"] is pd.NA
    assert incidents.loc[data.peshawar, "date_start"] == pd.Timestamp("2019-06-01")


def test_frames_filter_with_sql_on_the_view(engine: Engine) -> None:
    assert len(frames.incidents(engine, where="country = 'PK'")) == 2
    assert list(frames.incidents(engine, where="city LIKE 'Pesh%'")["city"]) == ["Peshawar"]
    isk_claims = frames.claims(engine, where="about_group_id = research.group_id('ISKP')")
    assert set(isk_claims["about_group"]) == {"Islamic State Khorasan"}
    assert len(isk_claims) == 3
    assert len(frames.incidents(engine, limit=1)) == 1
    assert frames.sources(engine)["version"].dtype == "Int64"
    assert (
        frames.groups(engine, where="name = 'Islamic State Khorasan'")["aliases"].iloc[0].startswith("IS-K")
    )


def test_gtd_columns_follow_the_gtd_codebook(
    engine: Engine, research_database: tuple[URL, ResearchData]
) -> None:
    data = research_database[1]
    gtd = frames.incidents(engine, gtd=True).set_index("eventid")
    peshawar = gtd.loc[data.peshawar]
    assert (peshawar["iyear"], peshawar["imonth"], peshawar["iday"]) == (2019, 6, 1)
    assert peshawar["approxdate"] is pd.NA
    assert (peshawar["country_txt"], peshawar["provstate"], peshawar["city"]) == (
        "Pakistan",
        "Khyber Pakhtunkhwa",
        "Peshawar",
    )
    assert (peshawar["attacktype1"], peshawar["attacktype1_txt"]) == (3, "Bombing/Explosion")
    assert (peshawar["targtype1"], peshawar["targtype1_txt"]) == (3, "Police")
    assert (peshawar["gname"], peshawar["gname2"], peshawar["gname3"]) == (
        "Islamic State Khorasan",
        "Afghan Taliban",
        pd.NA,
    )
    assert (peshawar["claimed"], peshawar["suicide"], peshawar["guncertain1"]) == (1, 1, 0)
    assert (peshawar["nkill"], peshawar["eventsdb_killed_high"], peshawar["specificity"]) == (12, 14, 1)
    quetta = gtd.loc[data.quetta]
    assert (quetta["imonth"], quetta["iday"], quetta["approxdate"]) == (5, 0, "2019-05")  # GTD: 0 = unknown
    assert quetta["gname"] == "Unknown"
    afghanistan = gtd.loc[data.afghanistan_2018]
    assert (afghanistan["imonth"], afghanistan["iday"], afghanistan["approxdate"]) == (0, 0, "2018")
    assert (afghanistan["country_txt"], afghanistan["specificity"]) == ("Afghanistan", 5)
    assert afghanistan["eventsdb_date_start"] == pd.Timestamp("2018-01-01")


@pytest.mark.parametrize("file_format", ["csv", "parquet", "json"])
@pytest.mark.parametrize(
    "view",
    ["incidents", "claims", "sources", "incident-sources", "incident-reports", "claim-responses", "groups"],
)
def test_exports_open_in_pandas_with_the_frames_types(
    research_url: URL, engine: Engine, tmp_path: Path, file_format: str, view: str
) -> None:
    path = tmp_path / f"{view}.{file_format}"
    code, stdout, stderr = eventsdb(
        research_url, "export", view, "--format", file_format, "--output", str(path)
    )
    assert code == 0, stderr
    assert stdout == ""
    assert stderr.startswith("exported ") and f"to {path} ({file_format})" in stderr
    exported = frames.read_export(path)
    expected = frames.view_frame(view, engine)
    assert_frame_equal(exported, expected, check_dtype=True)


@pytest.mark.parametrize("file_format", ["csv", "parquet", "json"])
def test_gtd_exports_open_in_pandas_with_their_types(
    research_url: URL, engine: Engine, tmp_path: Path, file_format: str
) -> None:
    path = tmp_path / f"gtd.{file_format}"
    code, _, stderr = eventsdb(
        research_url, "export", "incidents", "--gtd", "-f", file_format, "-o", str(path)
    )
    assert code == 0, stderr
    assert "with GTD column names" in stderr
    assert_frame_equal(frames.read_export(path), frames.incidents(engine, gtd=True))


def test_plain_pandas_reads_parquet_and_json_with_types(research_url: URL, tmp_path: Path) -> None:
    parquet, json = tmp_path / "i.parquet", tmp_path / "i.json"
    assert eventsdb(research_url, "export", "incidents", "-f", "parquet", "-o", str(parquet))[0] == 0
    assert eventsdb(research_url, "export", "incidents", "-f", "json", "-o", str(json))[0] == 0
    from_parquet = pd.read_parquet(parquet)
    assert from_parquet["killed_high"].dtype == "Int64"
    assert {type(value) for value in from_parquet["date_start"]} == {dt.date}  # Parquet dates are dates
    from_json = pd.read_json(json, orient="table")
    assert from_json["killed_high"].dtype == "Int64"
    assert pd.api.types.is_datetime64_dtype(from_json["date_start"])


def test_csv_goes_to_standard_output_with_iso_dates_and_empty_nulls(research_url: URL) -> None:
    code, stdout, _ = eventsdb(research_url, "export", "incidents", "--where", "country = 'AF'")
    assert code == 0
    header, row = stdout.splitlines()[:2]
    columns = dict(
        zip(
            header.split(","),
            next(iter(pd.read_csv(io.StringIO(stdout), dtype=str).itertuples(index=False))),
            strict=True,
        )
    )
    assert header.startswith("incident_id,date_start,date_end,date_precision,year,month,day,date_label,")
    assert (columns["date_start"], columns["date_end"], columns["date_label"]) == (
        "2018-01-01",
        "2018-12-31",
        "2018",
    )
    assert ",2018-01-01,2018-12-31,year,2018,,,2018," in row  # no month, no day


def test_an_empty_result_still_has_its_columns(research_url: URL, tmp_path: Path) -> None:
    for file_format in ("csv", "parquet", "json"):
        path = tmp_path / f"none.{file_format}"
        code, _, stderr = eventsdb(
            research_url, "export", "claims", "-f", file_format, "-o", str(path), "-w", "false"
        )
        assert code == 0, stderr
        assert "exported 0 rows" in stderr
        empty = frames.read_export(path)
        assert len(empty) == 0
        assert "quote" in empty.columns and empty["claim_id"].dtype == "Int64"


def test_chunked_exports_equal_one_piece(engine: Engine) -> None:
    whole, chunked = io.BytesIO(), io.BytesIO()
    assert export_view(engine, "claims", "csv", whole).rows == 7
    assert export_view(engine, "claims", "csv", chunked, chunk_rows=2).rows == 7
    assert whole.getvalue() == chunked.getvalue()


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("1=1); DELETE FROM incidents; SELECT (1", "cannot insert multiple commands"),
        ("setval('load_runs_id_seq', 1) > 0", "read-only transaction"),
        ("nextval('load_runs_id_seq') > 0", "read-only transaction"),
        ("lo_create(0) > 0", "read-only transaction"),
        ("no_such_column = 1", "no_such_column"),
    ],
)
def test_a_filter_can_filter_but_never_write(
    research_url: URL, engine: Engine, where: str, reason: str
) -> None:
    with engine.connect() as connection:
        before = connection.execute(
            text("SELECT count(*), (SELECT last_value FROM load_runs_id_seq) FROM incidents")
        ).one()
    code, stdout, stderr = eventsdb(research_url, "export", "incidents", "--where", where)
    assert code == 1
    assert stdout == ""
    assert stderr.startswith(f"eventsdb: error: the filter {where!r} on research.incidents failed: ")
    assert reason in stderr
    assert len(stderr.strip().splitlines()) == 1
    with engine.connect() as connection:
        after = connection.execute(
            text("SELECT count(*), (SELECT last_value FROM load_runs_id_seq) FROM incidents")
        ).one()
    assert after == before


def test_unknown_views_and_gtd_for_claims_are_errors(research_url: URL) -> None:
    code, _, stderr = eventsdb(research_url, "export", "people")
    assert code == 1 and "there is no research view 'people'" in stderr
    code, _, stderr = eventsdb(research_url, "export", "claims", "--gtd")
    assert code == 1 and "GTD column names exist for incidents only" in stderr


def test_frames_work_inside_a_callers_transaction(db_connection: object, research_data: ResearchData) -> None:
    """On a Connection, frames read rows the caller has not committed, and leave it writable."""
    from sqlalchemy import Connection

    assert isinstance(db_connection, Connection)
    incidents = frames.incidents(db_connection)
    assert research_data.peshawar in set(incidents["incident_id"])
    db_connection.execute(
        text("UPDATE incidents SET killed_low = 13 WHERE id = :id"), {"id": research_data.peshawar}
    )


def test_view_names_are_checked_before_connecting() -> None:
    with pytest.raises(DatabaseError, match="incident-sources"):
        frames.view_frame("nothing")
