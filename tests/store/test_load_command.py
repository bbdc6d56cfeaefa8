"""`eventsdb load` as a user runs it, on a database of its own: what it prints, what it stores,
reloads (unchanged, changed, forced, corrected), bad inputs, manifests, --dry-run and --json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from loader.cli import app
from loader.model import ExtractedDocument
from loader.read import Document
from loader.store.inputs import InputSpec
from loader.store.load import LoadOptions, load_inputs
from tests.store.conftest import REPO, FreshDatabase, table_snapshot

EXAMPLE = "examples/dawn-2021-12-23-isk.txt"
runner = CliRunner()

BRIEF = (
    "PESHAWAR, Pakistan (May 3, 2019) - Gunmen attacked a police checkpoint in Peshawar, killing two "
    "officers, police said. The Tehrik-i-Taliban Pakistan claimed responsibility for the attack.\n"
)
OTHER_BRIEF = (
    "QUETTA, Pakistan (August 8, 2016) - A suicide bomber struck the civil hospital in Quetta, killing "
    "70 people. Jamaat-ul-Ahrar claimed responsibility.\n"
)


def read_specs(paths: list[Path]) -> list[InputSpec]:
    return [InputSpec(path=str(path)) for path in paths]


def load(database_url: str, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["load", *args], env={"DATABASE_URL": database_url}, input=input)
    return result.exit_code, result.stdout, result.stderr


def scalar(engine: Engine, query: str, **params: object) -> object:
    with engine.connect() as connection:
        return connection.execute(text(query), params).scalar()


def test_loading_the_dawn_article_stores_12_incidents_quoting_it_and_loading_it_again_changes_no_row(
    database: tuple[str, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    database_url, engine = database
    code, out, err = load(database_url, EXAMPLE)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert re.fullmatch(
        rf"new +{re.escape(EXAMPLE)}: source \d+ \(version 1\): 12 incidents \(12 new\), \d+ claims", lines[0]
    ), lines[0]
    assert sum(1 for line in lines if re.match(r"  incident \d+: ", line)) == 12
    assert any(
        "Quetta, PK-BA, PK, bombing (suicide), killed 94, Islamic State Khorasan (claimed)" in line
        for line in lines
    )
    assert re.fullmatch(r"load run \d+ succeeded: 1 new, 0 updated, 0 unchanged, 0 failed", lines[-1])
    assert "rows written" not in out  # a summary table only for batches

    with engine.connect() as connection:
        incidents = connection.execute(
            text(
                """
                SELECT i.id, count(*) FILTER (
                    WHERE c.quote = substr(s.text, c.char_start + 1, c.char_end - c.char_start)) AS quoting
                FROM incidents i JOIN incident_claims ic ON ic.incident_id = i.id
                JOIN claims c ON c.id = ic.claim_id JOIN sources s ON s.id = c.source_id
                GROUP BY i.id
                """
            )
        ).all()
    assert len(incidents) == 12 and all(row.quoting >= 1 for row in incidents)

    # Where the article names each actor: every mention quotes its span of the text exactly, and
    # the many spellings of IS-K are mentions of one group.
    with engine.connect() as connection:
        mentions = connection.execute(
            text(
                """
                SELECT m.actor_kind, m.actor, m.quote,
                       m.quote = substr(s.text, m.char_start + 1, m.char_end - m.char_start) AS exact
                FROM research.actor_mentions m JOIN sources s ON s.id = m.source_id
                """
            )
        ).all()
    assert mentions and all(row.exact for row in mentions)
    isk = {row.quote for row in mentions if row.actor == "Islamic State Khorasan"}
    assert "IS-K" in isk and len(isk) >= 2, isk
    assert ("person", "Hamid Karzai", "Hamid Karzai") in {(r.actor_kind, r.actor, r.quote) for r in mentions}

    before = table_snapshot(engine)
    code, out, err = load(database_url, EXAMPLE)
    assert (code, err) == (0, "")
    assert re.match(
        rf"unchanged +{re.escape(EXAMPLE)}: identical content is stored as source \d+ \(version 1\)", out
    )
    assert out.splitlines()[-1].endswith("succeeded: 0 new, 0 updated, 1 unchanged, 0 failed")
    assert table_snapshot(engine) == before
    runs = scalar(
        engine, "SELECT json_agg(json_build_array(status, counts->'unchanged') ORDER BY id) FROM load_runs"
    )
    assert runs == [["succeeded", 0], ["succeeded", 1]]


def test_each_bad_input_is_reported_on_one_line_quarantined_and_the_others_still_load(
    database: tuple[str, Engine], tmp_path: Path
) -> None:
    database_url, engine = database
    bad = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 20,
        "latin.txt": b"QUETTA: A bomb \xff\xfe\xfa killed \x80\x81 six people \xc3\x28 in Quetta on Monday.\n",
        "menu.html": b'<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>',
        "huge.txt": b"A bomb exploded in Quetta on Monday, killing six people, police said. " * 400,
        "scan.pdf": b"%PDF-1.4 something",
        "weather.txt": b"The weather in Lahore was pleasant on Sunday and the markets were busy, traders said.\n",
    }
    for name, content in bad.items():
        (tmp_path / name).write_bytes(content)
    good = tmp_path / "brief.txt"
    good.write_text(BRIEF)
    missing = tmp_path / "missing.txt"
    paths = [str(tmp_path / name) for name in bad] + [str(good), str(missing)]
    code, out, err = load(database_url, *paths, "--max-size", "0.02")

    assert code == 1
    errors = err.splitlines()
    assert len(errors) == len(bad) + 1
    expected_reasons = {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "latin.txt": "not valid UTF-8",
        "menu.html": "no article text",
        "huge.txt": "file too large",
        "scan.pdf": "unsupported file type '.pdf'",
        "weather.txt": "no incident found",
        "missing.txt": "file not found",
    }
    for line, name in zip(errors, [*bad, "missing.txt"], strict=True):
        assert line.startswith(f"eventsdb: {tmp_path / name}: "), line
        assert expected_reasons[name] in line, line
    assert re.search(rf"^new +{re.escape(str(good))}: source \d+", out, re.MULTILINE)
    assert re.search(r"^│ failed +│ +8 │$", out, re.MULTILINE)  # the summary table
    assert out.splitlines()[-1].endswith("partial: 1 new, 0 updated, 0 unchanged, 8 failed")
    assert "rejected inputs (quarantined in rejected_inputs):" in out
    with engine.connect() as connection:
        rejected = connection.execute(
            text("SELECT path, stage, reason FROM rejected_inputs ORDER BY id")
        ).all()
        assert connection.execute(text("SELECT count(*) FROM sources")).scalar() == 1
        assert connection.execute(text("SELECT path FROM sources")).scalar() == str(good)
        assert connection.execute(text("SELECT count(DISTINCT source_id) FROM claims")).scalar() == 1
        assert connection.execute(text("SELECT status FROM load_runs")).scalar() == "partial"
    assert [Path(r.path).name for r in rejected] == [*bad, "missing.txt"]
    assert {Path(r.path).name: r.stage for r in rejected}["weather.txt"] == "extract"
    assert [r.reason for r in rejected] == [line.removeprefix("eventsdb: ") for line in errors]


def test_a_changed_report_replaces_the_old_versions_rows(
    database: tuple[str, Engine], tmp_path: Path
) -> None:
    database_url, engine = database
    report = tmp_path / "report.txt"
    report.write_text(BRIEF)
    url = "https://news.example.org/peshawar"
    assert load(database_url, str(report), "--url", url)[0] == 0
    first_incident = scalar(engine, "SELECT id FROM incidents")
    report.write_text(BRIEF.replace("killing two officers", "killing three officers"))
    code, out, _ = load(database_url, str(report), "--url", url)
    assert code == 0
    assert re.search(
        r"^updated +\S+: source \d+ \(version 2, replaces source \d+\): 1 incident \(0 new, 1 kept\)",
        out,
        re.MULTILINE,
    )
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version, is_current FROM sources ORDER BY version")).all()
        incident = connection.execute(text("SELECT id, killed_low, source_id FROM incidents")).one()
        claim_sources = connection.execute(text("SELECT DISTINCT source_id FROM claims")).scalars().all()
        current = connection.execute(text("SELECT id FROM sources WHERE is_current")).scalar()
        mention_sources = (
            connection.execute(text("SELECT DISTINCT source_id FROM actor_mentions")).scalars().all()
        )
    assert [tuple(v) for v in versions] == [(1, False), (2, True)]
    assert (incident.id, incident.killed_low, incident.source_id) == (first_incident, 3, current)
    assert claim_sources == [current]
    assert mention_sources == [current]  # the new version's mentions replace the old one's


def test_force_re_extracts_unchanged_inputs_and_records_the_new_extractor_version(
    database: tuple[str, Engine], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database_url, engine = database
    report = tmp_path / "brief.txt"
    report.write_text(BRIEF)
    assert load(database_url, str(report))[0] == 0
    incident_id = scalar(engine, "SELECT id FROM incidents")
    monkeypatch.setattr("loader.store.load.EXTRACTOR_VERSION", "9.9.9")
    code, out, _ = load(database_url, str(report))
    assert code == 0 and "unchanged" in out  # an upgrade alone re-extracts nothing
    code, out, _ = load(database_url, str(report), "--force")
    assert code == 0
    assert re.search(
        r"^reextracted +\S+: source \d+ \(version 1\): 1 incident \(0 new, 1 kept\)", out, re.MULTILINE
    )
    assert out.splitlines()[-1].endswith("succeeded: 0 new, 0 updated, 1 reextracted, 0 unchanged, 0 failed")
    with engine.connect() as connection:
        versions = connection.execute(
            text(
                "SELECT (SELECT array_agg(DISTINCT extractor_version) FROM claims), "
                "(SELECT extractor_version FROM sources), (SELECT extractor_version FROM incident_reports), "
                "(SELECT extractor_version FROM load_runs ORDER BY id DESC LIMIT 1), "
                "(SELECT options FROM load_runs ORDER BY id DESC LIMIT 1), (SELECT id FROM incidents)"
            )
        ).one()
    assert tuple(versions) == (["9.9.9"], "9.9.9", "9.9.9", "9.9.9", {"force": True}, incident_id)


def test_a_correction_survives_a_reload_of_changed_content(
    database: tuple[str, Engine], tmp_path: Path
) -> None:
    database_url, engine = database
    env = {"DATABASE_URL": database_url}
    report = tmp_path / "brief.txt"
    report.write_text(BRIEF)
    url = "https://news.example.org/peshawar"
    assert load(database_url, str(report), "--url", url)[0] == 0
    incident_id = scalar(engine, "SELECT id FROM incidents")
    corrected = runner.invoke(
        app,
        ["correct", "incident", str(incident_id), "--field", "killed_low", "--value", "4", "--field",
         "killed_high", "--value", "4", "--by", "A. Researcher", "--why", "the hospital's list names four officers"],
        env=env,
    )  # fmt: skip
    assert corrected.exit_code == 0, corrected.output
    assert scalar(engine, "SELECT killed_low FROM incidents") == 4

    report.write_text(BRIEF.replace("police said", "a police spokesman said on Saturday"))
    code, out, _ = load(database_url, str(report), "--url", url)
    assert code == 0 and "updated" in out and "2 corrections re-applied" in out
    with engine.connect() as connection:
        row = connection.execute(text("SELECT id, killed_low, killed_high FROM incidents")).one()
        log = connection.execute(
            text(
                "SELECT author, reason, field, old_value, new_value, last_outcome FROM corrections ORDER BY id"
            )
        ).all()
    assert tuple(row) == (incident_id, 4, 4)
    assert [tuple(entry) for entry in log] == [
        ("A. Researcher", "the hospital's list names four officers", "killed_low", 2, 4, "applied"),
        ("A. Researcher", "the hospital's list names four officers", "killed_high", 2, 4, "applied"),
    ]
    listed = runner.invoke(app, ["correct", "list"], env=env)
    assert listed.exit_code == 0 and "A. Researcher: set_field incidents" in listed.stdout

    wrong = runner.invoke(
        app,
        ["correct", "incident", "999999", "--field", "city", "--value", "Kohat", "--by", "me", "--why", "x"],
        env=env,
    )
    assert (wrong.exit_code, wrong.stderr.strip()) == (1, "eventsdb: error: no incident 999999")


def test_a_manifest_gives_each_input_its_metadata(database: tuple[str, Engine], tmp_path: Path) -> None:
    database_url, engine = database
    (tmp_path / "week").mkdir()
    (tmp_path / "week" / "one.txt").write_text(BRIEF)
    (tmp_path / "week" / "two.txt").write_text(OTHER_BRIEF)
    manifest = tmp_path / "week.csv"
    manifest.write_text(
        "path,url,publisher,title,published\n"
        "week/one.txt,https://a.example/1,Frontier Daily,Checkpoint attacked,2019-05-04\n"
        "week/two.txt,,Balochistan Post,,\n"
    )
    code, out, err = load(database_url, "--manifest", str(manifest))
    assert (code, err) == (0, ""), out
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT url, publisher, title, published_on::text FROM sources ORDER BY id")
        ).all()
    assert [tuple(s) for s in stored] == [
        ("https://a.example/1", "Frontier Daily", "Checkpoint attacked", "2019-05-04"),
        (None, "Balochistan Post", None, "2016-08-08"),
    ]
    jsonl = tmp_path / "week.jsonl"
    jsonl.write_text(
        json.dumps({"path": str(tmp_path / "week" / "one.txt"), "url": "https://a.example/1"}) + "\n"
    )
    code, out, _ = load(database_url, "--manifest", str(jsonl))
    assert code == 0 and "unchanged" in out
    broken = tmp_path / "broken.csv"
    broken.write_text("file,url\nweek/one.txt,https://a.example/1\n")
    code, _, err = load(database_url, "--manifest", str(broken))
    assert code == 1 and "a CSV manifest needs a header row with a 'path' column" in err


def test_directories_globs_standard_input_and_repeats(database: tuple[str, Engine], tmp_path: Path) -> None:
    database_url, engine = database
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text(BRIEF)
    (folder / "sub" / "two.md").write_text(OTHER_BRIEF)
    (folder / "notes.csv").write_text("not a report\n")  # not a report format: not picked up from a folder
    code, out, err = load(database_url, str(folder), str(folder / "*.txt"), str(folder / "one.txt"))
    assert (code, err) == (0, ""), out
    assert scalar(engine, "SELECT count(*) FROM sources") == 2
    assert scalar(engine, "SELECT inputs FROM load_runs") == [
        str(folder / "one.txt"),
        str(folder / "sub" / "two.md"),
    ]

    code, out, _ = load(
        database_url, "-", "--publisher", "Lahore Ledger", "--published", "2020-02-02",
        input="LAHORE: A bomb exploded near a market on Sunday, killing four people, police said.\n",
    )  # fmt: skip
    assert code == 0 and re.search(r"^new +-: source \d+ \(version 1\): 1 incident", out, re.MULTILINE)
    stored = scalar(
        engine, "SELECT json_build_array(path, publisher, published_on) FROM sources WHERE path = '-'"
    )
    assert stored == ["-", "Lahore Ledger", "2020-02-02"]
    code, _, err = load(database_url, str(tmp_path / "nothing-*.txt"))
    assert code == 1 and "no file matches this pattern" in err


def test_dry_run_says_what_would_change_and_writes_nothing(
    database: tuple[str, Engine], tmp_path: Path
) -> None:
    database_url, engine = database
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(BRIEF)
    two.write_text(OTHER_BRIEF)
    assert load(database_url, str(one))[0] == 0
    before = table_snapshot(engine)
    runs = scalar(engine, "SELECT count(*) FROM load_runs")
    code, out, _ = load(database_url, str(one), str(two), "--dry-run")
    assert code == 0
    assert re.search(rf"^new +{re.escape(str(two))}: source \d+ \(version 1\): 1 incident", out, re.MULTILINE)
    assert (
        out.splitlines()[-1] == "dry run, nothing written: would be 1 new, 0 updated, 1 unchanged, 0 failed"
    )
    assert table_snapshot(engine) == before
    assert scalar(engine, "SELECT count(*) FROM load_runs") == runs


def test_json_output_describes_the_run(database: tuple[str, Engine], tmp_path: Path) -> None:
    database_url, engine = database
    good, empty = tmp_path / "brief.txt", tmp_path / "empty.txt"
    good.write_text(BRIEF)
    empty.write_text("")
    code, out, err = load(database_url, str(good), str(empty), "--json")
    assert code == 1 and err.startswith(f"eventsdb: {empty}: empty file")
    summary = json.loads(out)
    assert summary["status"] == "partial"
    assert summary["counts"] == {"new": 1, "updated": 0, "reextracted": 0, "unchanged": 0, "failed": 1}
    assert summary["migrated"] is None  # the test database was migrated already
    assert summary["rows"]["incidents_new"] == 1 and summary["rows"]["claims"] >= 1
    assert [(i["path"], i["outcome"]) for i in summary["inputs"]] == [
        (str(good), "new"),
        (str(empty), "failed"),
    ]
    assert summary["inputs"][0]["incident_ids"] == [scalar(engine, "SELECT id FROM incidents")]
    assert summary["run_id"] == scalar(engine, "SELECT id FROM load_runs")


def test_correcting_groups_merge_and_alias(fresh_database: FreshDatabase, tmp_path: Path) -> None:
    database_url, engine = fresh_database()
    env = {"DATABASE_URL": database_url}
    report = tmp_path / "brief.txt"
    report.write_text(
        "KHOST, Afghanistan (June 2, 2020) - Gunmen of the Khost Martyrs Brigade killed three soldiers at a "
        "checkpoint in Khost, officials said. The Khost Martyrs Brigade claimed responsibility.\n"
    )
    assert load(database_url, str(report))[0] == 0
    unknown = scalar(engine, "SELECT name FROM groups WHERE NOT reviewed")
    assert unknown is not None, "the extractor found no unknown group in the test text"
    mentioned = scalar(
        engine,
        "SELECT count(*) FROM actor_mentions m JOIN groups g ON g.id = m.group_id WHERE NOT g.reviewed",
    )
    assert isinstance(mentioned, int) and mentioned >= 1

    result = runner.invoke(
        app,
        ["correct", "merge-groups", str(unknown), "Haqqani network", "--by", "R", "--why", "one group"],
        env=env,
    )
    assert result.exit_code == 0, result.output
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM groups WHERE NOT reviewed")).scalar() == 0
        perpetrators = (
            connection.execute(
                text("SELECT DISTINCT g.name FROM incident_perpetrators p JOIN groups g ON g.id = p.group_id")
            )
            .scalars()
            .all()
        )
        aliases = (
            connection.execute(
                text(
                    "SELECT alias FROM group_aliases a JOIN groups g ON g.id = a.group_id WHERE g.name = 'Haqqani network'"
                )
            )
            .scalars()
            .all()
        )
    assert perpetrators == ["Haqqani network"] and unknown in aliases
    # Its mentions are the kept group's now (the text names no other group).
    assert (
        scalar(engine, "SELECT count(*) FROM research.actor_mentions WHERE actor = 'Haqqani network'")
        == mentioned
    )

    result = runner.invoke(
        app, ["correct", "add-alias", "Haqqani network", "HQN", "--by", "R", "--why", "usage"], env=env
    )
    assert result.exit_code == 0, result.output
    clash = runner.invoke(
        app, ["correct", "add-alias", "Islamic State", "HQN", "--by", "R", "--why", "x"], env=env
    )
    assert clash.exit_code == 1 and "already names 'Haqqani network'" in clash.stderr

    # A later load of the same group under its old name resolves to the merged row.
    report.write_text(report.read_text().replace("three soldiers", "four soldiers"))
    assert load(database_url, str(report))[0] == 0
    assert scalar(engine, "SELECT count(*) FROM groups WHERE NOT reviewed") == 0
    applied = runner.invoke(app, ["correct", "apply"], env=env)
    assert applied.exit_code == 0 and applied.stdout.startswith("2 corrections, 0 rows changed")


def test_corrections_travel_in_a_file(fresh_database: FreshDatabase, tmp_path: Path) -> None:
    """Corrections exported from one database (a file under version control) restore in a new one
    built from the same reports, where rows have other ids."""
    report = tmp_path / "brief.txt"
    report.write_text(BRIEF)
    other = tmp_path / "other.txt"
    other.write_text(OTHER_BRIEF)
    first_url, first = fresh_database()
    assert load(first_url, str(report))[0] == 0
    incident_id = scalar(first, "SELECT id FROM incidents")
    env = {"DATABASE_URL": first_url}
    args = ["--by", "R", "--why", "checked"]
    assert runner.invoke(app, ["correct", "incident", str(incident_id), "--field", "city", "--value", "Peshawar Cantonment", *args], env=env).exit_code == 0  # fmt: skip
    corrections_file = tmp_path / "corrections.jsonl"
    assert runner.invoke(app, ["correct", "export", str(corrections_file)], env=env).exit_code == 0
    assert len(corrections_file.read_text().splitlines()) == 1

    second_url, second = fresh_database()
    assert load(second_url, str(other), str(report))[0] == 0  # another order: other ids
    imported = runner.invoke(
        app, ["correct", "import", str(corrections_file)], env={"DATABASE_URL": second_url}
    )
    assert imported.exit_code == 0 and imported.stdout.strip().startswith("1 of 1 corrections added")
    assert scalar(second, "SELECT count(*) FROM incidents WHERE city = 'Peshawar Cantonment'") == 1
    again = runner.invoke(app, ["correct", "import", str(corrections_file)], env={"DATABASE_URL": second_url})
    assert again.stdout.strip().startswith("0 of 1 corrections added")


def _refused_extraction(document: Document) -> ExtractedDocument:
    """The real extraction, but a toll no integer column holds when the text says 'refuse me'."""
    from loader.extract.pipeline import extract_document

    extraction = extract_document(document)
    if "refuse me" in document.text:
        incidents = [
            i.model_copy(update={"killed_low": 10**12, "killed_high": 10**12}) for i in extraction.incidents
        ]
        extraction = extraction.model_copy(update={"incidents": incidents})
    return extraction


def test_a_source_the_database_refuses_is_rejected_alone(
    database: tuple[str, Engine], tmp_path: Path
) -> None:
    """The batch it was in is rolled back and written again one source per transaction."""
    engine = database[1]
    paths = []
    for name, body in (
        ("one", BRIEF),
        ("bad", BRIEF.replace("police said", "police said, refuse me")),
        ("two", OTHER_BRIEF),
    ):
        path = tmp_path / f"{name}.txt"
        path.write_text(body)
        paths.append(path)
    report = load_inputs(engine, read_specs(paths), LoadOptions(), extractor=_refused_extraction)
    assert [r.outcome for r in report.results] == ["new", "failed", "new"]
    failed = report.results[1]
    assert failed.stage == "store" and failed.error is not None
    assert (
        failed.error.startswith(f"{paths[1]}: the database refused it: ") and "out of range" in failed.error
    )
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT path FROM sources ORDER BY id")).scalars().all()
        rejected = connection.execute(text("SELECT path, stage FROM rejected_inputs")).all()
    assert stored == [str(paths[0]), str(paths[2])]
    assert [tuple(r) for r in rejected] == [(str(paths[1]), "store")]


def test_a_run_stopped_by_an_error_keeps_what_it_committed_and_refreshes_the_summaries(
    database: tuple[str, Engine], tmp_path: Path
) -> None:
    engine = database[1]
    paths = []
    for name, body in (("one", BRIEF), ("two", OTHER_BRIEF)):
        path = tmp_path / f"{name}.txt"
        path.write_text(body)
        paths.append(path)

    def stop_after_the_first(result: object) -> None:
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError, match="stopped"):
        load_inputs(engine, read_specs(paths), LoadOptions(batch_size=1), on_result=stop_after_the_first)
    assert scalar(engine, "SELECT status FROM load_runs") == "failed"
    assert scalar(engine, "SELECT count(*) FROM sources") == 1  # the first source was committed
    # ... and the research summaries show it (not only after the next load or `eventsdb db refresh`).
    assert scalar(engine, "SELECT sum(incidents) FROM research.incidents_per_group_year") == 1


def test_two_versions_of_one_source_in_one_load_are_stored_in_order(
    database: tuple[str, Engine], tmp_path: Path
) -> None:
    database_url, engine = database
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(BRIEF)
    new.write_text(BRIEF.replace("killing two officers", "killing three officers"))
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        "".join(json.dumps({"path": p.name, "url": "https://a.example/same"}) + "\n" for p in (old, new))
    )
    code, out, _ = load(database_url, "--manifest", str(manifest))
    assert code == 0 and out.splitlines()[-1].endswith("succeeded: 1 new, 1 updated, 0 unchanged, 0 failed")
    with engine.connect() as connection:
        versions = connection.execute(
            text("SELECT version, is_current, path FROM sources ORDER BY version")
        ).all()
        killed = connection.execute(text("SELECT killed_low FROM incidents")).scalars().all()
    assert [tuple(v) for v in versions] == [(1, False, str(old)), (2, True, str(new))]
    assert killed == [3]
