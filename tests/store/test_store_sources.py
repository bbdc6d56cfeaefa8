"""Storing sources: new, unchanged (same content), updated (same identity, new content) as a new
version that supersedes the old one, re-extracted (--force); citations; load runs (including runs
whose loader died) and quarantine."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import psycopg
from sqlalchemy import Engine

from loader.read import Document
from loader.store.load import connect
from loader.store.sources import (
    current_sources_by_sha256,
    finish_load_run,
    mark_abandoned_runs,
    record_rejected_input,
    source_key_for,
    start_load_run,
    store_source,
)


def document(body: str, **fields: object) -> Document:
    values: dict[str, object] = {
        "path": "reports/quetta.txt",
        "media_type": "text/plain",
        "raw_sha256": hashlib.sha256(body.encode()).hexdigest(),
        "text": body,
        "publisher": "The Frontier Post",
        "published_on": date(2016, 8, 9),
        "dateline": "QUETTA",
    }
    values.update(fields)
    return Document(**values)  # type: ignore[arg-type]


FIRST = "QUETTA: A suicide bomber struck the civil hospital on Monday, killing 70 people, officials said."
SECOND = "QUETTA: A suicide bomber struck the civil hospital on Monday, killing 74 people, officials said."


def new_run(conn: psycopg.Connection) -> int:
    return start_load_run(conn, inputs=["reports/quetta.txt"], extractor_version="test")


def test_source_identity_prefers_url_then_title_then_content() -> None:
    plain = document(FIRST)
    assert source_key_for(plain) == "sha256:" + plain.raw_sha256
    titled = replace(plain, title="  Blast at Quetta  Hospital ")
    assert source_key_for(titled) == "title:the frontier post|blast at quetta hospital|2016-08-09"
    linked = replace(titled, url="HTTPS://Example.COM/news/quetta-blast/#comments")
    assert source_key_for(linked) == "url:https://example.com/news/quetta-blast"


def test_new_unchanged_and_updated(pg: psycopg.Connection) -> None:
    run_id = new_run(pg)
    first = document(FIRST, url="https://example.com/quetta", cites=("Balochistan government statement",))
    stored = store_source(pg, first, load_run_id=run_id, extractor_version="test")
    assert (stored.outcome, stored.version, stored.replaced_id) == ("new", 1, None)
    row = pg.execute(
        "SELECT text, sha256, publisher, dateline, is_current, load_run_id FROM sources WHERE id = %s",
        (stored.id,),
    ).fetchone()
    assert row == (FIRST, first.raw_sha256, "The Frontier Post", "QUETTA", True, run_id)
    citations = pg.execute(
        "SELECT cited_title FROM source_citations WHERE citing_source_id = %s", (stored.id,)
    ).fetchall()
    assert citations == [("Balochistan government statement",)]

    again = store_source(pg, first, load_run_id=run_id, extractor_version="test")
    assert (again.outcome, again.id) == ("unchanged", stored.id)
    # The same bytes under another name or URL are still the same content: nothing new is written.
    renamed = replace(first, path="elsewhere/copy.txt", url="https://mirror.example.org/q")
    assert store_source(pg, renamed, load_run_id=run_id, extractor_version="test").outcome == "unchanged"
    assert current_sources_by_sha256(pg, [first.raw_sha256, "0" * 64]) == {first.raw_sha256: (stored.id, 1)}

    changed = document(SECOND, url="https://example.com/quetta/")
    updated = store_source(pg, changed, load_run_id=run_id, extractor_version="test")
    assert (updated.outcome, updated.version, updated.replaced_id) == ("updated", 2, stored.id)
    old = pg.execute(
        "SELECT is_current, superseded_by, superseded_at IS NOT NULL, source_key FROM sources WHERE id = %s",
        (stored.id,),
    ).fetchone()
    assert old == (False, updated.id, True, stored.source_key)
    versions = pg.execute(
        "SELECT version, is_current FROM sources WHERE source_key = %s ORDER BY version", (stored.source_key,)
    ).fetchall()
    assert versions == [(1, False), (2, True)]
    assert current_sources_by_sha256(pg, [first.raw_sha256]) == {}


def test_force_re_extracts_the_same_row_and_records_the_new_extractor_version(pg: psycopg.Connection) -> None:
    run_id = new_run(pg)
    first = document(FIRST)
    first = replace(first, url="https://example.com/quetta")
    stored = store_source(pg, first, load_run_id=run_id, extractor_version="1.0")
    forced = store_source(pg, first, load_run_id=run_id, extractor_version="2.0", force=True)
    assert (forced.outcome, forced.id, forced.replaced_id, forced.version) == (
        "reextracted",
        stored.id,
        stored.id,
        1,
    )
    assert pg.execute("SELECT extractor_version FROM sources WHERE id = %s", (stored.id,)).fetchone() == (
        "2.0",
    )
    # A reader that now cleans the same bytes differently makes a new version of that source, even
    # when the document no longer carries the identity it was stored under (here: a URL).
    recleaned = replace(first, text=FIRST + " (corrected)", url="https://elsewhere.example/q")
    newer = store_source(pg, recleaned, load_run_id=run_id, extractor_version="3.0", force=True)
    assert (newer.outcome, newer.version, newer.replaced_id, newer.source_key) == (
        "updated",
        2,
        stored.id,
        stored.source_key,
    )


def test_documents_without_shared_identity_are_separate_sources(pg: psycopg.Connection) -> None:
    run_id = new_run(pg)
    one = store_source(pg, document(FIRST), load_run_id=run_id, extractor_version="test")
    other = store_source(pg, document(SECOND), load_run_id=run_id, extractor_version="test")
    assert (one.outcome, other.outcome) == ("new", "new")
    assert one.source_key != other.source_key


def test_load_run_bookkeeping_and_quarantine(pg: psycopg.Connection) -> None:
    run_id = new_run(pg)
    record_rejected_input(
        pg,
        load_run_id=run_id,
        extractor_version="test",
        path="reports/empty.txt",
        reason="reports/empty.txt: the file is empty",
        stage="read",
        sha256=hashlib.sha256(b"").hexdigest(),
        size_bytes=0,
    )
    finish_load_run(pg, run_id, status="partial", counts={"new": 0, "failed": 1})
    run = pg.execute(
        "SELECT status, counts, inputs, extractor_version, finished_at >= started_at, pid, hostname "
        "FROM load_runs WHERE id = %s",
        (run_id,),
    ).fetchone()
    assert run is not None
    assert run[:5] == ("partial", {"new": 0, "failed": 1}, ["reports/quetta.txt"], "test", True)
    assert run[5] is not None and run[6]
    rejected = pg.execute(
        "SELECT path, stage, size_bytes FROM rejected_inputs WHERE load_run_id = %s", (run_id,)
    ).fetchall()
    assert rejected == [("reports/empty.txt", "read", 0)]


def test_a_run_whose_loader_is_gone_is_marked_abandoned_and_a_live_one_is_not(
    database: tuple[str, Engine],
) -> None:
    """The loader holds a session lock on its run for as long as it lives; a run whose lock is free
    was left behind by a loader that was killed or lost its connection."""
    engine = database[1]
    live, dead, observer = connect(engine), connect(engine), connect(engine)
    try:
        with live.transaction():
            live_run = start_load_run(live, inputs=["a.txt"], extractor_version="test")
        with dead.transaction():
            dead_run = start_load_run(dead, inputs=["b.txt"], extractor_version="test")
        dead.close()  # what SIGKILL does to the loader's connection
        abandoned = mark_abandoned_runs(observer)
        assert dead_run in abandoned and live_run not in abandoned
        statuses = dict(
            observer.execute(
                "SELECT id, status FROM load_runs WHERE id = ANY(%s)", ([live_run, dead_run],)
            ).fetchall()
        )
        assert statuses == {live_run: "running", dead_run: "abandoned"}
        finished = observer.execute(
            "SELECT finished_at, error FROM load_runs WHERE id = %s", (dead_run,)
        ).fetchone()
        assert finished is not None and finished[0] is None and "before finishing" in finished[1]
        assert dead_run not in mark_abandoned_runs(observer)  # once is enough
    finally:
        with live.transaction():
            finish_load_run(live, live_run, status="succeeded", counts={})
        for conn in (live, observer):
            conn.close()
