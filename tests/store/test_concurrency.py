"""Real processes: two `eventsdb load` at once over overlapping files, and a load killed with
SIGKILL midway then run again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import psycopg

from tests.store.conftest import FreshDatabase

CITIES = ["Peshawar", "Quetta", "Karachi", "Lahore", "Bannu", "Kohat", "Mardan", "Multan", "Sukkur", "Gwadar"]


def brief(number: int, *, second_account: bool = False) -> str:
    """A one-incident brief, on its own day; a second account words the same attack differently."""
    day = date(2019, 1, 1) + timedelta(days=number * 3)
    city = CITIES[number % len(CITIES)]
    when = f"{day:%B} {day.day}, {day.year}"
    killed = 3 + number % 17
    if second_account:
        return (
            f"{city.upper()}, Pakistan ({when}) - Militants stormed a police post in {city}, and {killed} "
            "policemen were killed in the assault, spokesman Imran Shah said.\n"
        )
    return (
        f"{city.upper()}, Pakistan ({when}) - Gunmen attacked a police checkpoint in {city}, killing "
        f"{killed} officers, police chief Ali Khan said.\n"
    )


def loader(database_url: str, *arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "loader.cli", "load", "--no-details", *arguments],
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def query(database_url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(database_url, autocommit=True) as conn:
        return [tuple(row) for row in conn.execute(sql).fetchall()]  # type: ignore[arg-type]


def test_two_loaders_at_once_over_overlapping_files_write_no_duplicate(
    fresh_database: FreshDatabase, tmp_path: Path
) -> None:
    database_url, _ = fresh_database()
    # 20 briefs, and for the first 10 a second account of the same attack (numbers 20..29).
    files = [tmp_path / f"brief-{n:02d}.txt" for n in range(30)]
    for n, path in enumerate(files):
        path.write_text(brief(n % 20, second_account=n >= 20))
    first = loader(database_url, *map(str, files[:20]))
    second = loader(database_url, *map(str, reversed(files[10:])))  # meet the first in the middle
    outputs = [process.communicate(timeout=180) for process in (first, second)]
    for process, (out, err) in zip((first, second), outputs, strict=True):
        assert (process.returncode, err) == (0, ""), out

    assert query(database_url, "SELECT count(*), count(DISTINCT sha256) FROM sources") == [(30, 30)]
    # Each attack is one incident; the ten told twice have a report and a claim from each source.
    assert query(database_url, "SELECT count(*) FROM incidents") == [(20,)]
    reports = query(
        database_url,
        "SELECT n, count(*) FROM (SELECT incident_id, count(*) AS n FROM incident_reports GROUP BY 1) x GROUP BY n ORDER BY n",
    )
    assert reports == [(1, 10), (2, 10)]
    assert query(
        database_url,
        "SELECT count(*) FROM (SELECT incident_id, count(DISTINCT c.source_id) AS n FROM incident_claims ic "
        "JOIN claims c ON c.id = ic.claim_id GROUP BY 1) x WHERE n = 2",
    ) == [(10,)]
    # People met by both loaders exist once; so do groups and aliases (unique constraints).
    assert query(database_url, "SELECT name, count(*) FROM people GROUP BY name ORDER BY name") == [
        ("Ali Khan", 1),
        ("Imran Shah", 1),
    ]
    assert query(database_url, "SELECT count(*) - count(DISTINCT name_normalized) FROM groups") == [(0,)]
    outcomes = query(
        database_url,
        "SELECT sum((counts->>'new')::int), sum((counts->>'unchanged')::int), array_agg(status) FROM load_runs",
    )
    assert outcomes == [(30, 10, ["succeeded", "succeeded"])]


def test_a_load_killed_midway_leaves_whole_sources_and_running_it_again_completes_it(
    fresh_database: FreshDatabase, tmp_path: Path
) -> None:
    database_url, _ = fresh_database()
    folder = tmp_path / "batch"
    folder.mkdir()
    total = 300
    for n in range(total):
        (folder / f"brief-{n:03d}.txt").write_text(brief(n))
    process = loader(database_url, str(folder), "--batch-size", "10")
    deadline = time.monotonic() + 120
    committed = 0
    while time.monotonic() < deadline and process.poll() is None:
        committed = int(query(database_url, "SELECT count(*) FROM sources")[0][0])  # type: ignore[call-overload]
        if committed >= 5:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL

    stored = int(query(database_url, "SELECT count(*) FROM sources")[0][0])  # type: ignore[call-overload]
    assert 5 <= stored < total, "the loader was not killed midway"
    # Every source that made it has all of its rows; nothing else was written.
    assert query(
        database_url,
        "SELECT count(*) FROM sources s WHERE NOT EXISTS (SELECT 1 FROM incident_reports r WHERE r.source_id = s.id) "
        "OR NOT EXISTS (SELECT 1 FROM claims c WHERE c.source_id = s.id)",
    ) == [(0,)]
    assert query(database_url, "SELECT count(*) FROM incidents") == [(stored,)]
    assert query(database_url, "SELECT status, finished_at FROM load_runs") == [("running", None)]

    rerun = loader(database_url, str(folder))
    out, err = rerun.communicate(timeout=180)
    assert (rerun.returncode, err) == (0, ""), out
    assert "load run 1 had stopped before finishing (killed or crashed): marked abandoned" in out
    assert (
        out.splitlines()[-1]
        == f"load run 2 succeeded: {total - stored} new, 0 updated, {stored} unchanged, 0 failed"
    )
    assert query(database_url, "SELECT id, status, finished_at IS NULL FROM load_runs ORDER BY id") == [
        (1, "abandoned", True),
        (2, "succeeded", False),
    ]
    assert query(database_url, "SELECT count(*), count(DISTINCT sha256) FROM sources") == [(total, total)]
    assert query(database_url, "SELECT count(*) FROM incidents") == [(total,)]
