"""Building extractions by hand (so that loader tests do not depend on the extractor's rules) and
writing them as the loader does."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg

from loader.model import Actor, Claim, ExtractedDocument, GroupRelation, Incident, Source, Span
from loader.read import Document
from loader.resolve import EntityResolver
from loader.store.extraction import ExtractionRejected, SourceInput, WriteContext, WriteCounts, write_sources
from loader.store.sources import StoredSource


def span(text: str, quote: str, occurrence: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return {"char_start": start, "char_end": start + len(quote), "quote": quote}


@dataclass
class Report:
    """A hand-made document and its extraction."""

    document: Document
    extraction: ExtractedDocument


def report(
    text: str,
    incidents: list[dict[str, Any]],
    claims: list[dict[str, Any]] | None = None,
    *,
    publisher: str | None = "Daily Example",
    url: str | None = None,
    title: str | None = None,
    groups: list[str] | None = None,
    relations: list[dict[str, Any]] | None = None,
    path: str = "report.txt",
) -> Report:
    """`incidents` and `claims` give a `quote` (found in `text`) plus the fields to set."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    document = Document(
        path=path,
        media_type="text/plain",
        raw_sha256=sha,
        text=text,
        title=title,
        publisher=publisher,
        url=url,
        published_on=date(2019, 5, 4),
    )
    built_incidents = []
    for fields in incidents:
        values = dict(fields)
        quote = values.pop("quote")
        built_incidents.append(Incident(**span(text, quote), **values))
    built_claims = []
    for fields in claims or []:
        values = dict(fields)
        quote = values.pop("quote")
        values.setdefault("claimant_kind", "unknown")
        values.setdefault("kind", "statement")
        built_claims.append(Claim(**span(text, quote), **values))
    built_relations = []
    for fields in relations or []:
        values = dict(fields)
        evidence = Span(**span(text, values.pop("quote")))
        built_relations.append(GroupRelation(evidence=evidence, **values))
    extraction = ExtractedDocument(
        source=Source(sha256=sha, text=text, publisher=publisher, url=url, title=title, path=path),
        incidents=built_incidents,
        claims=built_claims,
        groups=[Actor(name=name, kind="group", known=False) for name in groups or []],
        group_relations=built_relations,
    )
    return Report(document, extraction)


def new_run(conn: psycopg.Connection) -> int:
    row = conn.execute("INSERT INTO load_runs (extractor_version) VALUES ('test') RETURNING id").fetchone()
    assert row is not None
    return int(row[0])


def write(
    conn: psycopg.Connection,
    run_id: int,
    *written: Report,
    force: bool = False,
    resolver: EntityResolver | None = None,
) -> tuple[StoredSource, WriteCounts | None]:
    """Store and write reports in one (nested) transaction, as the loader writes a batch; returns
    the first one's outcome. A rejected extraction raises ExtractionRejected."""
    with conn.transaction():
        results = write_sources(
            conn,
            [SourceInput(w.document, w.extraction) for w in written],
            context=WriteContext(run_id, "test", resolver or EntityResolver()),
            force=force,
        )
    for result in results:
        if result.rejected is not None:
            raise ExtractionRejected(result.rejected)
    assert results[0].stored is not None
    return results[0].stored, results[0].written


def one(conn: psycopg.Connection, query: str, *params: object) -> Any:
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0] if len(row) == 1 else tuple(row)


def rows(conn: psycopg.Connection, query: str, *params: object) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in conn.execute(query, params).fetchall()]
