"""Load speed: 10,000 documents through `eventsdb load`, beside a plain COPY of the same rows.

usage: python bench/bench_load.py [--documents N] [--jobs N] [--dev DIR] [--batch-size N] [--per-source-floor] [--keep]

The corpus is made of copies of the dev set (../shared/eval/dev), each copy with its years shifted
(so that contents, hashes and incidents differ) and its own URL in a manifest, the form in which a
weekly batch arrives. On a throwaway embedded PostgreSQL server it measures:

1. reading and extraction of every document (jobs worker processes), timed apart;
2. the write part of the first load: `load_inputs` over the extracted documents, one transaction
   per source (sources, claims, incidents, reports, links, perpetrators, relations, entities,
   corrections), in documents/s and rows/s;
3. COPY of the same final rows straight into the same tables of a second, empty database (one
   COPY per table, one transaction; same triggers, constraints and indexes), and the ratio of (2)
   to this (target <= 1.5);
4. reloading the unchanged corpus (the full `eventsdb load` path: hashing, one query, nothing
   read or extracted), against the first load (extraction + write; target >= 20x faster);
5. with --per-source-floor: the cheapest writer that gives every source a transaction of its own,
   into a third empty database: the same final rows, each source's sent pipelined as BEGIN, one
   INSERT of its sources row, one INSERT ... WITH of its rows of the other tables (from JSON),
   COMMIT; no look-up at all, so a lower bound for any loader that commits source by source.

A benchmark, not a test: run it on a quiet machine. It takes a few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import re
import shutil
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

from loader.db import migrate, server
from loader.db.engine import make_engine
from loader.db.settings import libpq_url
from loader.store.inputs import read_manifest
from loader.store.load import DEFAULT_BATCH_SIZE, LoadOptions, load_inputs, prepare_all

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")

# The rows of each table that belong to a source, by the expression of their source id (for --per-source-floor).
SOURCE_OF = {
    "sources": "t.id",
    "source_citations": "t.citing_source_id",
    "claims": "t.source_id",
    "claim_relations": "(SELECT c.source_id FROM claims c WHERE c.id = t.claim_id)",
    "group_relations": "(SELECT c.source_id FROM claims c WHERE c.id = t.claim_id)",
    "incidents": "t.source_id",
    "incident_reports": "t.source_id",
    "incident_claims": "(SELECT c.source_id FROM claims c WHERE c.id = t.claim_id)",
    "incident_perpetrators": "(SELECT c.source_id FROM claims c WHERE c.id = t.claim_id)",
    "actor_mentions": "t.source_id",
}

# The tables a load writes, parents before children (the order COPY needs for the foreign keys).
TABLES = (
    "load_runs", "groups", "group_aliases", "organisations", "organisation_aliases", "people", "sources",
    "source_citations", "claims", "claim_relations", "group_relations", "incidents", "incident_reports",
    "incident_claims", "incident_perpetrators", "actor_mentions",
)  # fmt: skip


def make_corpus(dev: Path, folder: Path, documents: int) -> Path:
    """`documents` files (copies of the dev set, copy k with its years shifted by k) and a CSV
    manifest giving each a URL of its own."""
    originals = sorted(p for p in dev.iterdir() if p.suffix in (".txt", ".md", ".html"))
    rows = []
    for number in range(documents):
        original = originals[number % len(originals)]
        copy = number // len(originals)
        text = YEAR.sub(
            lambda m, shift=copy: str(int(m.group(1)) + shift), original.read_text(encoding="utf-8")
        )
        name = f"{original.stem}-copy{copy:03d}{original.suffix}"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append({"path": name, "url": f"https://bench.example.org/{copy}/{original.stem}"})
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["path", "url"])
        writer.writeheader()
        writer.writerows(rows)
    return manifest


def row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {
            table: int(
                conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
            )  # type: ignore[index]
            for table in TABLES
        }


def dump_rows(url: str) -> dict[str, tuple[list[str], bytes]]:
    """Every row of the loader's tables, as COPY text, with the columns COPY may write (computed
    columns are left to the database)."""
    dumped: dict[str, tuple[list[str], bytes]] = {}
    with psycopg.connect(url) as conn:
        for table in TABLES:
            columns = [
                row[0]
                for row in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s "
                    "AND is_generated = 'NEVER' ORDER BY ordinal_position",
                    (table,),
                ).fetchall()
            ]
            buffer = io.BytesIO()
            statement = sql.SQL("COPY (SELECT {} FROM {} ORDER BY 1) TO STDOUT").format(
                sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(table)
            )
            with conn.cursor().copy(statement) as copy:
                for block in copy:
                    buffer.write(block)
            dumped[table] = (columns, buffer.getvalue())
    return dumped


def copy_tables(
    conn: psycopg.Connection, dumped: dict[str, tuple[list[str], bytes]], tables: list[str]
) -> None:
    """COPY the dumped rows of `tables` (in that order) through `conn`."""
    for table in tables:
        columns, data = dumped[table]
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        with conn.cursor().copy(statement) as copy:
            for start in range(0, len(data), 1 << 20):
                copy.write(data[start : start + (1 << 20)])


def copy_rows(url: str, dumped: dict[str, tuple[list[str], bytes]]) -> float:
    """COPY the dumped rows into another database, one transaction; returns the seconds it took."""
    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        with conn.transaction():
            copy_tables(conn, dumped, list(TABLES))
        return time.perf_counter() - started


def per_source_floor(source_url: str, target_url: str, dumped: dict[str, tuple[list[str], bytes]]) -> float:
    """Write the rows of `source_url` into `target_url` one transaction per source, pipelined, with
    no look-up (see the module doc); the shared rows (runs, groups, ...) first, by COPY, untimed.
    Returns the seconds the per-source transactions took."""
    per_source = [t for t in TABLES if t in SOURCE_OF]
    rows: dict[int, dict[str, str]] = {}
    with psycopg.connect(source_url) as conn:
        for table in per_source:
            columns = dumped[table][0]
            pairs = ", ".join(f"'{c}', t.{c}" for c in columns)
            query = (
                f"SELECT {SOURCE_OF[table]}, json_agg(json_build_object({pairs})) FROM {table} t GROUP BY 1"
            )
            for source_id, values in conn.execute(query):  # type: ignore[arg-type]
                rows.setdefault(source_id, {})[table] = json.dumps(values)

    def insert(table: str) -> str:
        columns = ", ".join(dumped[table][0])
        return (
            f"INSERT INTO {table} ({columns}) SELECT {columns} "
            f"FROM jsonb_populate_recordset(NULL::{table}, %s::jsonb)"
        )

    # The sources row goes first, in a statement of its own: the span-check trigger of the other
    # tables must see it (a row inserted by the same statement is invisible to the trigger's query).
    others = "WITH " + ", ".join(f"w{n} AS ({insert(t)})" for n, t in enumerate(per_source[1:])) + " SELECT 1"
    with psycopg.connect(target_url, autocommit=True) as conn:
        with conn.transaction():
            copy_tables(conn, dumped, [table for table in TABLES if table not in SOURCE_OF])
        conn.execute("SET synchronous_commit = off")  # as the loader's own per-source commits
        started = time.perf_counter()
        with conn.pipeline():
            for source_id in sorted(rows):
                tables = rows[source_id]
                conn.execute("BEGIN")
                conn.execute(insert("sources"), [tables["sources"]], prepare=True)
                conn.execute(others, [tables.get(t, "[]") for t in per_source[1:]], prepare=True)
                conn.execute("COMMIT")
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for extraction")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="sources per transaction (1: one each)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the server and corpus (prints where)")
    parser.add_argument(
        "--per-source-floor",
        action="store_true",
        help="also time the cheapest writer with one transaction per source (see the module doc)",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="eventsdb-bench-"))
    home, corpus = work / "home", work / "corpus"
    corpus.mkdir()
    try:
        manifest = make_corpus(args.dev, corpus, args.documents)
        specs = read_manifest(manifest)
        status, _ = server.start(home)
        admin_url = libpq_url(status.url(database="postgres"))
        with psycopg.connect(admin_url, autocommit=True) as admin:
            for name in ("bench_load", "bench_copy", "bench_floor"):
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        load_url, copy_url = status.url(database="bench_load"), status.url(database="bench_copy")
        floor_url = status.url(database="bench_floor")
        for url in (load_url, copy_url, floor_url):
            engine = make_engine(url)
            migrate.upgrade(engine)
            engine.dispose()
        engine = make_engine(load_url)
        print(
            f"{len(specs)} documents, copies of {args.dev}; extraction with --jobs {args.jobs}; "
            f"{args.batch_size} sources per transaction; PostgreSQL in {home}"
        )

        started = time.perf_counter()
        prepared = {
            p.spec.path: p for p in prepare_all(specs, jobs=args.jobs, max_bytes=20_000_000, extractor=None)
        }
        extracting = time.perf_counter() - started
        # A load streams its inputs; this benchmark holds all of them in memory to time the write
        # apart. Exempt them from the garbage collector, which would otherwise walk them over and over.
        gc.freeze()
        words = sum(len(p.document.text.split()) for p in prepared.values() if p.document)
        failed = sum(1 for p in prepared.values() if p.error)
        print(
            f"read + extract    {extracting:8.2f} s  {len(specs) / extracting:8.1f} docs/s  {words / extracting:9.0f} words/s  ({failed} without incidents)"
        )

        started = time.perf_counter()
        first = load_inputs(engine, specs, LoadOptions(batch_size=args.batch_size), prepared=prepared)
        writing = time.perf_counter() - started
        counts = row_counts(libpq_url(load_url))
        rows = sum(counts.values())
        print(
            f"write (load)      {writing:8.2f} s  {len(specs) / writing:8.1f} docs/s  {rows / writing:9.0f} rows/s  "
            f"({rows} rows: {first.counts['new']} sources new, {counts['incidents']} incidents, {counts['claims']} claims, "
            f"{counts['incident_reports']} reports)"
        )
        first_load = extracting + writing
        print(
            f"first load        {first_load:8.2f} s  {len(specs) / first_load:8.1f} docs/s  {rows / first_load:9.0f} rows/s  (extraction + write)"
        )

        dumped = dump_rows(libpq_url(load_url))
        copying = copy_rows(libpq_url(copy_url), dumped)
        assert row_counts(libpq_url(copy_url)) == counts
        print(
            f"COPY same rows    {copying:8.2f} s  {rows / copying:9.0f} rows/s  -> write/COPY ratio {writing / copying:.2f} (target <= 1.5)"
        )

        if args.per_source_floor:
            floor = per_source_floor(libpq_url(load_url), libpq_url(floor_url), dumped)
            assert row_counts(libpq_url(floor_url)) == counts
            print(
                f"per-source floor  {floor:8.2f} s  {rows / floor:9.0f} rows/s  -> floor/COPY ratio {floor / copying:.2f} "
                "(one transaction per source, no look-ups)"
            )

        started = time.perf_counter()
        again = load_inputs(engine, specs, LoadOptions(jobs=args.jobs))
        reloading = time.perf_counter() - started
        assert again.counts["unchanged"] == first.counts["new"], again.counts
        assert row_counts(libpq_url(load_url)) == {**counts, "load_runs": counts["load_runs"] + 1}
        print(
            f"reload unchanged  {reloading:8.2f} s  {len(specs) / reloading:8.1f} docs/s  -> "
            f"{first_load / reloading:.0f}x faster than the first load (target >= 20x)"
        )
        engine.dispose()
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            server.stop(home)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
