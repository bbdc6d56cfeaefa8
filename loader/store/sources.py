"""Writing sources (in versions), their citations, load runs and rejected inputs.

One source per transaction, the caller's: `store_source` takes a transaction-level advisory lock on
the source's identity so that concurrent loaders of the same document take turns instead of both
creating "version 1".
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from loader.read import Document
from schema import LoadRun, RejectedInput, Source, SourceCitation

SourceOutcome = Literal["new", "unchanged", "updated"]


@dataclass(frozen=True)
class StoredSource:
    """What `store_source` did: the row that now holds the document, and how it got there."""

    id: int
    source_key: str
    version: int
    outcome: SourceOutcome
    replaced_id: int | None = None
    """For `updated`: the previous version, now superseded."""


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


def _lock_source_key(session: Session, source_key: str) -> None:
    # Held until the transaction ends: a second loader of the same source waits, then sees our row.
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": source_key})


def store_source(
    session: Session, document: Document, *, load_run_id: int, extractor_version: str
) -> StoredSource:
    """Store `document` as a source, in the caller's transaction:

    - content already stored as a current source (same sha256) -> `unchanged`, nothing written;
    - a current version with the same identity but other content -> `updated`: a new version is
      written and becomes current, the old one stays, marked superseded;
    - otherwise -> `new`, version 1.
    """
    source_key = source_key_for(document)
    _lock_source_key(session, source_key)

    same_content = session.scalars(
        select(Source)
        .where(Source.sha256 == document.raw_sha256, Source.is_current)
        .order_by(Source.id)
        .limit(1)
    ).first()
    if same_content is not None:
        return StoredSource(
            id=same_content.id,
            source_key=same_content.source_key,
            version=same_content.version,
            outcome="unchanged",
        )

    current = session.scalars(
        select(Source).where(Source.source_key == source_key, Source.is_current)
    ).first()
    version = 1 if current is None else current.version + 1
    if current is not None:
        # The partial unique index allows one current row per key: retire the old one first.
        session.execute(
            update(Source).where(Source.id == current.id).values(is_current=False, superseded_at=func.now())
        )
    row = Source(
        source_key=source_key,
        version=version,
        is_current=True,
        kind=document.kind,
        media_type=document.media_type,
        title=document.title,
        publisher=document.publisher,
        author=document.author,
        url=document.url,
        published_on=document.published_on,
        dateline=document.dateline,
        language=document.language,
        path=document.path,
        sha256=document.raw_sha256,
        text=document.text,
        load_run_id=load_run_id,
        extractor_version=extractor_version,
    )
    session.add(row)
    session.flush()
    for cited_title in dict.fromkeys(document.cites):  # keeps order, drops repeats
        session.add(
            SourceCitation(
                citing_source_id=row.id,
                cited_title=cited_title,
                load_run_id=load_run_id,
                extractor_version=extractor_version,
            )
        )
    if current is None:
        session.flush()
        return StoredSource(id=row.id, source_key=source_key, version=version, outcome="new")
    session.execute(update(Source).where(Source.id == current.id).values(superseded_by=row.id))
    session.flush()
    return StoredSource(
        id=row.id, source_key=source_key, version=version, outcome="updated", replaced_id=current.id
    )


def start_load_run(
    session: Session,
    *,
    inputs: Sequence[str],
    extractor_version: str,
    options: Mapping[str, Any] | None = None,
) -> int:
    """Insert a `running` load run and return its id. Commit it at once (its own transaction), so a
    run killed midway stays visible as unfinished."""
    run = LoadRun(
        inputs=list(inputs),
        options=dict(options or {}),
        counts={},
        extractor_version=extractor_version,
        hostname=socket.gethostname(),
        pid=os.getpid(),
    )
    session.add(run)
    session.flush()
    return run.id


LoadRunStatus = Literal["succeeded", "partial", "failed"]


def finish_load_run(
    session: Session,
    run_id: int,
    *,
    status: LoadRunStatus,
    counts: Mapping[str, int],
    error: str | None = None,
) -> None:
    session.execute(
        update(LoadRun)
        .where(LoadRun.id == run_id)
        # The database's clock, not ours: finished_at >= started_at is a constraint.
        .values(status=status, counts=dict(counts), error=error, finished_at=func.clock_timestamp())
    )


RejectionStage = Literal["read", "extract", "store"]


def record_rejected_input(
    session: Session,
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
    session.add(
        RejectedInput(
            load_run_id=load_run_id,
            extractor_version=extractor_version,
            path=path,
            reason=reason,
            stage=stage,
            sha256=sha256,
            size_bytes=size_bytes,
        )
    )
    session.flush()
