"""Storing sources: new, unchanged (same content), updated (same identity, new content) as a new
version that supersedes the old one; citations; load runs and quarantine."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from loader.read import Document
from loader.store.sources import (
    finish_load_run,
    record_rejected_input,
    source_key_for,
    start_load_run,
    store_source,
)
from schema import LoadRun, RejectedInput, Source, SourceCitation


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


def new_run(session: Session) -> int:
    return start_load_run(session, inputs=["reports/quetta.txt"], extractor_version="test")


def test_source_identity_prefers_url_then_title_then_content() -> None:
    plain = document(FIRST)
    assert source_key_for(plain) == "sha256:" + plain.raw_sha256
    titled = replace(plain, title="  Blast at Quetta  Hospital ")
    assert source_key_for(titled) == "title:the frontier post|blast at quetta hospital|2016-08-09"
    linked = replace(titled, url="HTTPS://Example.COM/news/quetta-blast/#comments")
    assert source_key_for(linked) == "url:https://example.com/news/quetta-blast"


def test_new_unchanged_and_updated(db_session: Session) -> None:
    run_id = new_run(db_session)
    first = document(FIRST, url="https://example.com/quetta", cites=("Balochistan government statement",))
    stored = store_source(db_session, first, load_run_id=run_id, extractor_version="test")
    assert (stored.outcome, stored.version, stored.replaced_id) == ("new", 1, None)
    row = db_session.get(Source, stored.id)
    assert row is not None
    assert (row.text, row.sha256, row.publisher, row.dateline, row.is_current) == (
        FIRST,
        first.raw_sha256,
        "The Frontier Post",
        "QUETTA",
        True,
    )
    citations = db_session.scalars(
        select(SourceCitation.cited_title).where(SourceCitation.citing_source_id == row.id)
    )
    assert list(citations) == ["Balochistan government statement"]

    again = store_source(db_session, first, load_run_id=run_id, extractor_version="test")
    assert (again.outcome, again.id) == ("unchanged", stored.id)
    # The same bytes under another name or URL are still the same content: nothing new is written.
    renamed = replace(first, path="elsewhere/copy.txt", url="https://mirror.example.org/q")
    assert (
        store_source(db_session, renamed, load_run_id=run_id, extractor_version="test").outcome == "unchanged"
    )

    changed = document(SECOND, url="https://example.com/quetta/")
    updated = store_source(db_session, changed, load_run_id=run_id, extractor_version="test")
    assert (updated.outcome, updated.version, updated.replaced_id) == ("updated", 2, stored.id)
    db_session.expire_all()
    old, new = db_session.get(Source, stored.id), db_session.get(Source, updated.id)
    assert old is not None and new is not None
    assert (old.is_current, old.superseded_by, old.superseded_at is not None) == (False, new.id, True)
    assert (new.is_current, new.superseded_by, new.source_key) == (True, None, old.source_key)
    versions = db_session.execute(
        text("SELECT version, is_current FROM sources WHERE source_key = :key ORDER BY version"),
        {"key": old.source_key},
    ).all()
    assert [tuple(v) for v in versions] == [(1, False), (2, True)]


def test_documents_without_shared_identity_are_separate_sources(db_session: Session) -> None:
    run_id = new_run(db_session)
    one = store_source(db_session, document(FIRST), load_run_id=run_id, extractor_version="test")
    other = store_source(db_session, document(SECOND), load_run_id=run_id, extractor_version="test")
    assert (one.outcome, other.outcome) == ("new", "new")
    assert one.source_key != other.source_key


def test_load_run_bookkeeping_and_quarantine(db_session: Session) -> None:
    run_id = new_run(db_session)
    record_rejected_input(
        db_session,
        load_run_id=run_id,
        extractor_version="test",
        path="reports/empty.txt",
        reason="reports/empty.txt: the file is empty",
        stage="read",
        sha256=hashlib.sha256(b"").hexdigest(),
        size_bytes=0,
    )
    finish_load_run(db_session, run_id, status="partial", counts={"new": 0, "failed": 1})
    db_session.expire_all()
    run = db_session.get(LoadRun, run_id)
    assert run is not None
    assert (run.status, run.counts, run.inputs, run.extractor_version) == (
        "partial",
        {"new": 0, "failed": 1},
        ["reports/quetta.txt"],
        "test",
    )
    assert run.finished_at is not None and run.finished_at >= run.started_at
    assert run.pid is not None and run.hostname
    rejected = db_session.scalars(select(RejectedInput).where(RejectedInput.load_run_id == run_id)).one()
    assert (rejected.path, rejected.stage, rejected.size_bytes) == ("reports/empty.txt", "read", 0)
