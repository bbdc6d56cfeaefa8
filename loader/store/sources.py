"""Writing sources (in versions), their citations, load runs and rejected inputs.

Everything here runs in the caller's transaction on a psycopg connection. `store_source` takes
transaction-level advisory locks on the source's identity and content, so that concurrent loaders
of the same document take turns instead of both creating "version 1".
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.types.json import Jsonb

from loader.read import Document

SourceOutcome = Literal["new", "unchanged", "updated", "reextracted"]
LoadRunStatus = Literal["succeeded", "partial", "failed"]
RejectionStage = Literal["read", "extract", "store"]


@dataclass(frozen=True)
class StoredSource:
    """What `store_source` did: the row that now holds the document, and how it got there."""

    id: int
    source_key: str
    version: int
    outcome: SourceOutcome
    replaced_id: int | None = None
    """The row whose extracted rows the new ones replace: the superseded previous version
    (`updated`), or the row itself (`reextracted`, same content read again with --force)."""


def _normalize_url(url: str) -> str:
    """A URL as an identity: scheme and host lower-cased, fragment and trailing slash dropped."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") if parts.path != "/" else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def _fold(value: str) -> str:
    return " ".join(value.casefold().split())


def source_key_for(document: Document) -> str:
    """The identity shared by all versions of a document (see the comment on sources.source_key):
    its URL when known; else publisher, title and date when a title is known; else its content."""
    if document.url:
        return "url:" + _normalize_url(document.url)
    if document.title:
        published = document.published_on.isoformat() if document.published_on else ""
        return f"title:{_fold(document.publisher or '')}|{_fold(document.title)}|{published}"
    return "sha256:" + document.raw_sha256


def lock_keys(conn: psycopg.Connection, keys: Sequence[str]) -> None:
    """Transaction-level advisory locks on `keys`, taken in sorted order (so that two transactions
    wanting overlapping keys cannot deadlock each other), held until commit or rollback."""
    unique = sorted(set(keys))
    if unique:
        conn.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(%s::text[]) AS k ORDER BY k",
            (unique,),
        )


SOURCE_LOCK = "eventsdb:source:"
CONTENT_LOCK = "eventsdb:content:"


@dataclass(frozen=True)
class SameContent:
    """A current source with the content (sha256) of a document being stored."""

    id: int
    source_key: str
    version: int
    text: str
    extractor_version: str


def source_states(
    conn: psycopg.Connection, digests: Sequence[str], keys: Sequence[str]
) -> tuple[dict[str, SameContent], dict[str, tuple[int, int]]]:
    """What the database holds for documents about to be stored: current sources by content
    ({sha256: SameContent}) and by identity ({source_key: (id, version)}). Two queries."""
    same_content = {
        row[0]: SameContent(*row[1:])
        for row in conn.execute(
            "SELECT DISTINCT ON (sha256) sha256, id, source_key, version, text, extractor_version FROM sources "
            "WHERE sha256 = ANY(%s) AND is_current ORDER BY sha256, id",
            (list(digests),),
        ).fetchall()
    }
    # The identities of the same-content rows too: with --force, a document whose cleaned text
    # changed becomes a new version of that row's source, whatever its own identity.
    wanted = sorted({*keys, *(row.source_key for row in same_content.values())})
    current = {
        key: (row_id, version)
        for key, row_id, version in conn.execute(
            "SELECT source_key, id, version FROM sources WHERE source_key = ANY(%s) AND is_current", (wanted,)
        ).fetchall()
    }
    return same_content, current


@dataclass(frozen=True)
class SourceDecision:
    """How a document will be stored (see `store_source`)."""

    outcome: SourceOutcome
    source_key: str
    version: int
    row_id: int = 0
    """The existing row: for `unchanged` and `reextracted`, the source itself."""
    replaced_id: int | None = None
    extractor_version: str | None = None

    def stored(self, row_id: int) -> StoredSource:
        return StoredSource(
            row_id or self.row_id, self.source_key, self.version, self.outcome, self.replaced_id
        )


def decide_source(
    document: Document,
    source_key: str,
    same_content: Mapping[str, SameContent],
    current: Mapping[str, tuple[int, int]],
    *,
    force: bool = False,
) -> SourceDecision:
    """The rules of `store_source`, given what `source_states` found."""
    stored = same_content.get(document.raw_sha256)
    if stored is not None:
        if not force:
            return SourceDecision("unchanged", stored.source_key, stored.version, row_id=stored.id)
        if stored.text == document.text:
            return SourceDecision(
                "reextracted", stored.source_key, stored.version, row_id=stored.id, replaced_id=stored.id,
                extractor_version=stored.extractor_version,
            )  # fmt: skip
        source_key = stored.source_key  # the reader changed: a new version of that very source
    previous = current.get(source_key)
    if previous is None:
        return SourceDecision("new", source_key, 1)
    return SourceDecision("updated", source_key, previous[1] + 1, replaced_id=previous[0])


def store_source(
    conn: psycopg.Connection,
    document: Document,
    *,
    load_run_id: int,
    extractor_version: str,
    force: bool = False,
) -> StoredSource:
    """Store `document` as a source, in the caller's transaction (the loader writes sources in
    batches through `loader.store.extraction.write_sources`, by the same rules):

    - content already stored as a current source (same sha256) -> `unchanged`, nothing written; with
      `force`, `reextracted`: the same row, whose extracted rows the caller replaces (its
      extractor_version is updated), or `updated` if the reader now cleans the text differently;
    - a current version with the same identity but other content -> `updated`: a new version is
      written and becomes current, the old one stays, marked superseded;
    - otherwise -> `new`, version 1.
    """
    source_key = source_key_for(document)
    lock_keys(conn, [SOURCE_LOCK + source_key, CONTENT_LOCK + document.raw_sha256])
    same_content, current = source_states(conn, [document.raw_sha256], [source_key])
    decision = decide_source(document, source_key, same_content, current, force=force)
    if decision.outcome == "unchanged":
        return decision.stored(0)
    if decision.outcome == "reextracted":
        if decision.extractor_version != extractor_version:
            conn.execute(
                "UPDATE sources SET extractor_version = %s WHERE id = %s",
                (extractor_version, decision.row_id),
            )
        return decision.stored(0)
    if decision.replaced_id is not None:
        # The partial unique index allows one current row per key: retire the old one first.
        conn.execute(
            "UPDATE sources SET is_current = false, superseded_at = now() WHERE id = %s",
            (decision.replaced_id,),
        )
    row = conn.execute(
        """
        INSERT INTO sources (source_key, version, is_current, kind, media_type, title, publisher, author,
                             url, published_on, dateline, language, path, sha256, text,
                             load_run_id, extractor_version)
        VALUES (%s, %s, true, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
        RETURNING id
        """,
        (
            decision.source_key,
            decision.version,
            document.kind,
            document.media_type,
            document.title,
            document.publisher,
            document.author,
            document.url,
            document.published_on,
            document.dateline,
            document.language,
            document.path,
            document.raw_sha256,
            document.text,
            load_run_id,
            extractor_version,
        ),
    ).fetchone()
    assert row is not None
    source_id = int(row[0])
    cited = list(dict.fromkeys(document.cites))  # keeps order, drops repeats
    if cited:
        with conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO source_citations (citing_source_id, cited_title, load_run_id, extractor_version) "
                "VALUES (%s, %s, %s, %s)",
                [(source_id, title, load_run_id, extractor_version) for title in cited],
            )
    if decision.replaced_id is not None:
        conn.execute("UPDATE sources SET superseded_by = %s WHERE id = %s", (source_id, decision.replaced_id))
    return decision.stored(source_id)


def current_sources_by_sha256(conn: psycopg.Connection, digests: Sequence[str]) -> dict[str, tuple[int, int]]:
    """{sha256: (source id, version)} for the digests stored as a current source: the inputs a load
    can skip without reading or extracting them."""
    if not digests:
        return {}
    rows = conn.execute(
        "SELECT DISTINCT ON (sha256) sha256, id, version FROM sources "
        "WHERE is_current AND sha256 = ANY(%s) ORDER BY sha256, id",
        (list(digests),),
    ).fetchall()
    return {digest: (row_id, version) for digest, row_id, version in rows}


# --- load runs -----------------------------------------------------------------------------------


def _run_lock_key(run_id: int) -> str:
    return f"eventsdb:load-run:{run_id}"


def start_load_run(
    conn: psycopg.Connection,
    *,
    inputs: Sequence[str],
    extractor_version: str,
    options: Mapping[str, Any] | None = None,
) -> int:
    """Insert a `running` load run and return its id, in the caller's transaction (commit it at
    once, so that a run killed midway stays visible as unfinished).

    The connection also takes a session-level advisory lock on the run, held until it closes: a
    later run that can take that lock knows the process is gone (`mark_abandoned_runs`). The lock
    is taken before the row is committed, so no one sees the row without it."""
    row = conn.execute(
        """
        INSERT INTO load_runs (inputs, options, counts, extractor_version, hostname, pid)
        VALUES (%s, %s, '{}'::jsonb, %s, %s, %s) RETURNING id
        """,
        (
            Jsonb(list(inputs)),
            Jsonb(dict(options or {})),
            extractor_version,
            socket.gethostname(),
            os.getpid(),
        ),
    ).fetchone()
    assert row is not None
    run_id = int(row[0])
    conn.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (_run_lock_key(run_id),))
    return run_id


def release_load_run(conn: psycopg.Connection, run_id: int) -> None:
    """Release the run's session lock (closing the connection does it too)."""
    conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (_run_lock_key(run_id),))


def mark_abandoned_runs(conn: psycopg.Connection, *, except_run: int | None = None) -> list[int]:
    """Mark as `abandoned` the runs still `running` whose loader is gone (killed, crashed, lost its
    connection): nobody holds their lock any more. Returns their ids. Their finished_at stays null:
    they never finished."""
    abandoned: list[int] = []
    running = conn.execute("SELECT id FROM load_runs WHERE status = 'running' ORDER BY id").fetchall()
    for (run_id,) in running:
        if run_id == except_run:
            continue  # our own lock: a session can always take it again
        key = _run_lock_key(run_id)
        got = conn.execute("SELECT pg_try_advisory_lock(hashtextextended(%s, 0))", (key,)).fetchone()
        if not (got and got[0]):
            continue  # its loader is alive
        try:
            updated = conn.execute(
                "UPDATE load_runs SET status = 'abandoned', error = %s WHERE id = %s AND status = 'running'",
                (
                    "the loader stopped before finishing (killed, crashed or disconnected); "
                    "sources it committed are kept, run the load again to complete the rest",
                    run_id,
                ),
            )
            if updated.rowcount:
                abandoned.append(run_id)
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (key,))
    return abandoned


def finish_load_run(
    conn: psycopg.Connection,
    run_id: int,
    *,
    status: LoadRunStatus,
    counts: Mapping[str, int],
    error: str | None = None,
) -> None:
    # The database's clock, not ours: finished_at >= started_at is a constraint.
    conn.execute(
        "UPDATE load_runs SET status = %s, counts = %s, error = %s, finished_at = clock_timestamp() "
        "WHERE id = %s",
        (status, Jsonb(dict(counts)), error, run_id),
    )


def record_rejected_input(
    conn: psycopg.Connection,
    *,
    load_run_id: int,
    extractor_version: str,
    path: str,
    reason: str,
    stage: RejectionStage,
    sha256: str | None = None,
    size_bytes: int | None = None,
) -> None:
    """Put an input in quarantine: which run refused it, where, and why."""
    conn.execute(
        """
        INSERT INTO rejected_inputs (load_run_id, extractor_version, path, reason, stage, sha256, size_bytes)
        VALUES (%s, %s, %s, %s, %s, %s, %s)
        ON CONFLICT (load_run_id, path) DO NOTHING
        """,
        (load_run_id, extractor_version, path, reason, stage, sha256, size_bytes),
    )
