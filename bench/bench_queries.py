"""Query speed at scale: the example queries of docs/queries.sql (and the filters researchers use)
on a database of generated incidents, with EXPLAIN showing which indexes they use.

usage: python bench/bench_queries.py [--incidents 1000000] [--repeat 5] [--keep] [--plans] [--reuse HOME]

It starts a throwaway embedded PostgreSQL server in a temporary EVENTSDB_HOME (never your data),
applies the migrations, fills the tables with bulk COPY (sources with texts, groups with aliases,
incidents with their claims, perpetrators and group relations; every quote is the exact span of its
source text), runs VACUUM ANALYZE, refreshes the research summaries as a load does (and prints
what that costs), then times each query: the median of --repeat runs after one
warm-up, client-side (execute and fetch every row). The target of issue 5 is under 200 ms each.
The generated data is deterministic (a fixed seed). Run it on a quiet machine: it is a benchmark,
not a test. `--keep` leaves the server and its data in place (the script prints where); `--reuse
HOME` times the queries again on that data, after re-applying the views, summaries and indexes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from loader.access.queries import example_queries
from loader.access.summaries import refresh
from loader.db import migrate, server
from loader.db.engine import make_engine
from loader.db.settings import libpq_url

EXTRACTOR = "bench"
SEED = 20261124
COUNTRIES = ("AF", "PK", "IQ", "SY", "NG", "SO", "ML", "YE", "IN", "PH", "CO", "EG", "LY", "BF", "CD")
COUNTRY_WEIGHTS = (18, 14, 14, 10, 9, 7, 5, 5, 4, 3, 3, 2, 2, 2, 2)
ATTACK_TYPES = ("bombing", "armed_assault", "assassination", "kidnapping", "facility_attack", "unknown")
TARGET_TYPES = ("private_citizens", "police", "military", "government_general", "religious", "business")
PUBLISHERS = ("Dawn", "Reuters", "AP", "AFP", "Khaama Press", "TOLOnews", "Premium Times", "Garowe Online")
FIRST_DAY = dt.date(1970, 1, 1)
DAYS = (dt.date(2025, 12, 31) - FIRST_DAY).days
INCIDENTS_PER_SOURCE = 10
ISK_ID = 2  # "Islamic State Khorasan", the group the example queries ask about
ACCESS_PREVIOUS_REVISION = "2026_11_24_0002"  # the revision before the views, summaries, indexes of issue 5

# Filters researchers put on the views, timed beside the example queries (with their EXPLAIN).
FILTER_QUERIES: dict[str, str] = {
    "filter_group_isk_incidents": "SELECT i.incident_id, i.date_label, i.country, i.killed_low "
    "FROM research.incident_perpetrators p JOIN research.incidents i USING (incident_id) "
    "WHERE p.group_id = research.group_id('IS-K') AND i.year = 2019",
    "filter_country_date_range": "SELECT incident_id, date_label, admin1_name, killed_low FROM research.incidents "
    "WHERE country = 'PK' AND date_range && daterange('2016-01-01', '2016-12-31', '[]')",
    "filter_province": "SELECT count(*), sum(killed_low) FROM research.incidents WHERE admin1_code = 'PK-BA'",
    "filter_date_range_all_countries": "SELECT country, count(*) FROM research.incidents "
    "WHERE date_start BETWEEN '2020-03-01' AND '2020-03-31' GROUP BY country",
    "filter_source_publisher": "SELECT count(*) FROM research.claims WHERE publisher = 'Garowe Online' "
    "AND published_on >= '2024-01-01'",
    "filter_one_source": "SELECT incident_id, claim_kind, quote FROM research.incident_sources WHERE source_id = 4242",
}


@dataclass
class Tables:
    """Rows to COPY, table by table (column names first)."""

    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def table(self, name: str, *columns: str) -> list[tuple[Any, ...]]:
        self.columns[name] = columns
        return self.rows.setdefault(name, [])


def subdivisions() -> dict[str, list[tuple[str, str]]]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pycountry

    found: dict[str, list[tuple[str, str]]] = {}
    for country in COUNTRIES:
        found[country] = [
            (sub.code, sub.name)
            for sub in pycountry.subdivisions.get(country_code=country) or []
            if sub.parent_code is None and len(sub.code) <= 6
        ]
    return found


def generate(n_incidents: int, seed: int = SEED) -> Tables:
    """Sources, groups, claims and incidents, consistent with every constraint of the schema."""
    rng = random.Random(seed)
    tables = Tables()
    provinces = subdivisions()

    groups = tables.table("groups", "id", "name", "parent_id", "reviewed", "load_run_id", "extractor_version")
    aliases = tables.table("group_aliases", "group_id", "alias", "origin", "load_run_id", "extractor_version")
    group_names = ["Islamic State", "Islamic State Khorasan", "Tehrik-i-Taliban Pakistan", "Afghan Taliban"]
    group_names += [f"Armed Group {number:03d}" for number in range(5, 301)]
    for group_id, name in enumerate(group_names, start=1):
        parent = 1 if group_id == ISK_ID or (group_id > 4 and group_id % 10 == 0) else None
        groups.append((group_id, name, parent, True, 1, EXTRACTOR))
        aliases.append((group_id, name, "reference", 1, EXTRACTOR))
        aliases.append(
            (group_id, f"AG{group_id}" if group_id > 4 else f"G{group_id}", "reference", 1, EXTRACTOR)
        )
    aliases.append((ISK_ID, "IS-K", "reference", 1, EXTRACTOR))
    aliases.append((ISK_ID, "ISKP", "reference", 1, EXTRACTOR))
    # Perpetrator shares roughly as in GTD: the Taliban ~9% of attributed incidents, Islamic State ~4%,
    # TTP and IS-K ~1.5% each, and a long tail of smaller groups for the rest.
    tail = [1.0 / (rank**0.7) for rank in range(1, len(group_names) - 3)]
    weights = [4.0, 1.4, 1.5, 9.0] + [84.0 * weight / sum(tail) for weight in tail]

    sources = tables.table(
        "sources", "id", "source_key", "version", "is_current", "kind", "media_type", "publisher",
        "published_on", "sha256", "text", "load_run_id", "extractor_version",
    )  # fmt: skip
    claims = tables.table(
        "claims", "id", "source_id", "char_start", "char_end", "quote", "kind", "claimant_text",
        "claimant_kind", "claimant_group_id", "about_group_id", "load_run_id", "extractor_version",
    )  # fmt: skip
    tables.table(
        "incidents", "id", "source_id", "char_start", "char_end", "quote", "date_start", "date_end",
        "date_precision", "country", "admin1_code", "admin1_name", "city", "latitude", "longitude",
        "location_precision", "attack_type", "suicide", "target_type", "killed_low", "killed_high",
        "wounded_low", "wounded_high", "summary", "load_run_id", "extractor_version",
    )  # fmt: skip
    incidents: list[list[Any]] = []  # rows as lists: their spans are filled in at the end
    incident_claims = tables.table(
        "incident_claims", "incident_id", "claim_id", "load_run_id", "extractor_version"
    )
    perpetrators = tables.table(
        "incident_perpetrators",
        "incident_id",
        "group_id",
        "attribution",
        "claim_id",
        "load_run_id",
        "extractor_version",
    )
    claim_relations = tables.table(
        "claim_relations", "claim_id", "related_claim_id", "kind", "load_run_id", "extractor_version"
    )
    group_relations = tables.table(
        "group_relations",
        "subject_group_id",
        "kind",
        "object_group_id",
        "claim_id",
        "load_run_id",
        "extractor_version",
    )

    n_sources = max(1, n_incidents // INCIDENTS_PER_SOURCE)
    source_sentences: list[list[tuple[str, list[int]]]] = [[] for _ in range(n_sources)]
    # Each sentence: its text, and the claim ids that quote it (filled below, spans fixed at the end).
    pending_claims: list[list[Any]] = []
    claim_id = 0

    def add_claim(source: int, sentence: int, kind: str, claimant: str, claimant_kind: str,
                  claimant_group: int | None, about: int | None) -> int:  # fmt: skip
        nonlocal claim_id
        claim_id += 1
        pending_claims.append(
            [claim_id, source, sentence, kind, claimant, claimant_kind, claimant_group, about]
        )
        return claim_id

    def sentence(source: int, text: str) -> int:
        source_sentences[source].append((text, []))
        return len(source_sentences[source]) - 1

    incident_spans: list[tuple[int, int, int]] = []  # (incident id, source, sentence)
    # Each source's account of an incident (incident_reports): (incident, source, sentence, fields).
    pending_reports: list[tuple[int, int, int, tuple[Any, ...]]] = []
    for incident_id in range(1, n_incidents + 1):
        source = (incident_id - 1) // INCIDENTS_PER_SOURCE % n_sources
        country = rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]
        code, province = rng.choice(provinces[country]) if provinces[country] else (None, None)
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        precision = rng.choices(("day", "month", "year"), (80, 15, 5))[0]
        if precision == "day":
            start = end = day
        elif precision == "month":
            start = day.replace(day=1)
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        else:
            start, end = day.replace(month=1, day=1), day.replace(month=12, day=31)
        killed = int(rng.expovariate(1 / 6))
        killed_high = (
            killed if rng.random() < 0.85 else (None if rng.random() < 0.5 else killed + rng.randint(1, 10))
        )
        wounded = int(rng.expovariate(1 / 10)) if rng.random() < 0.6 else None
        attack = rng.choice(ATTACK_TYPES)
        city = f"Town {rng.randrange(5000)}" if rng.random() < 0.7 else None
        text = (
            f"On {start.isoformat()} an attack ({attack}) in {city or province or country} killed {killed} people "
            f"(incident {incident_id})."
        )
        at = sentence(source, text)
        incident_spans.append((incident_id, source, at))
        has_group = rng.random() < 0.8
        group = rng.choices(range(1, len(group_names) + 1), weights)[0] if has_group else None
        reported = add_claim(
            source, at, "statement", PUBLISHERS[source % len(PUBLISHERS)], "source", None, group
        )
        incident_claims.append((incident_id, reported, 1, EXTRACTOR))
        other_report: tuple[int, int] | None = None
        if rng.random() < 0.10:  # a second source reports it too
            other = (source + 1 + rng.randrange(n_sources - 1)) % n_sources if n_sources > 1 else source
            again = sentence(
                other,
                f"Officials confirmed {killed} deaths in the attack of {start.isoformat()} (incident {incident_id}).",
            )
            second = add_claim(other, again, "estimate", "officials", "unknown", None, group)
            incident_claims.append((incident_id, second, 1, EXTRACTOR))
            other_report = (other, again)
        attribution: str | None = None
        if group is not None:
            attribution = "attributed"
            responsibility = None
            if rng.random() < 0.06:
                said = sentence(
                    source, f"{group_names[group - 1]} claimed responsibility (incident {incident_id})."
                )
                responsibility = add_claim(
                    source, said, "responsibility", group_names[group - 1], "group", group, group
                )
                incident_claims.append((incident_id, responsibility, 1, EXTRACTOR))
                attribution = "claimed"
                if rng.random() < 0.2:
                    denied = sentence(source, f"A spokesman denied it (incident {incident_id}).")
                    denial = add_claim(source, denied, "denial", "a spokesman", "unknown", None, group)
                    claim_relations.append((denial, responsibility, "counters", 1, EXTRACTOR))
            perpetrators.append((incident_id, group, attribution, responsibility or reported, 1, EXTRACTOR))
        account = (
            start,
            end,
            precision,
            country,
            code,
            province,
            city,
            attack,
            killed,
            killed_high,
            group,
            attribution,
        )
        pending_reports.append((incident_id, source, at, account))
        if other_report is not None:
            pending_reports.append((incident_id, *other_report, (*account[:10], None, None)))
        incidents.append([
            incident_id, source, None, None, None, start, end, precision, country, code, province, city,
            round(rng.uniform(-40, 60), 4) if city else None, round(rng.uniform(-20, 130), 4) if city else None,
            "city" if city else ("admin1" if code else "country"), attack, attack == "bombing" and rng.random() < 0.2,
            rng.choice(TARGET_TYPES), killed, killed_high, wounded, wounded,
            f"An attack in {city or province or country}.", 1, EXTRACTOR,
        ])  # fmt: skip

    # Group relations: IS-K draws members from three groups; others at random, each stated by a claim.
    related = [(ISK_ID, 3), (ISK_ID, 4), (ISK_ID, 7)] + [
        (rng.randrange(5, len(group_names) + 1), rng.randrange(1, 5)) for _ in range(400)
    ]
    for subject, obj in dict.fromkeys(related):
        source = rng.randrange(n_sources)
        said = sentence(source, f"{group_names[subject - 1]} recruits from {group_names[obj - 1]}.")
        stated = add_claim(source, said, "statement", "a report", "report", None, subject)
        group_relations.append((subject, "composed_of_members_of", obj, stated, 1, EXTRACTOR))

    # Texts and spans: each source's sentences joined by spaces; quotes are exact slices.
    offsets: list[list[tuple[int, int]]] = []
    start_day = dt.date(2000, 1, 1)
    for source, sentences in enumerate(source_sentences):
        text_parts, spans, position = [], [], 0
        for text, _ in sentences or [("Nothing to report.", [])]:
            spans.append((position, position + len(text)))
            text_parts.append(text)
            position += len(text) + 1
        text = " ".join(text_parts)
        offsets.append(spans)
        published = start_day + dt.timedelta(days=source * 9131 // n_sources)
        sources.append((
            source + 1, f"url:https://news.example/{source + 1}", 1, True, "news_article", "text/plain",
            PUBLISHERS[source % len(PUBLISHERS)], published, hashlib.sha256(text.encode()).hexdigest(), text,
            1, EXTRACTOR,
        ))  # fmt: skip
    texts = [row[9] for row in sources]
    for row in incidents:
        incident_id = row[0]
        _, source, at = incident_spans[incident_id - 1]
        begin, finish = offsets[source][at]
        row[1], row[2], row[3], row[4] = source + 1, begin, finish, texts[source][begin:finish]
    for number, source, at, kind, claimant, claimant_kind, claimant_group, about in pending_claims:
        begin, finish = offsets[source][at]
        claims.append((
            number, source + 1, begin, finish, texts[source][begin:finish], kind, claimant, claimant_kind,
            claimant_group, about, 1, EXTRACTOR,
        ))  # fmt: skip
    reports = tables.table(
        "incident_reports", "incident_id", "source_id", "char_start", "char_end", "quote", "date_start",
        "date_end", "date_precision", "country", "admin1_code", "admin1_name", "city", "attack_type",
        "killed_low", "killed_high", "perpetrator_group_id", "attribution", "load_run_id", "extractor_version",
    )  # fmt: skip
    for incident_id, source, at, account in pending_reports:
        begin, finish = offsets[source][at]
        reports.append(
            (incident_id, source + 1, begin, finish, texts[source][begin:finish], *account, 1, EXTRACTOR)
        )
    tables.rows["incidents"] = [tuple(row) for row in incidents]
    return tables


COPY_ORDER = (
    "groups",
    "group_aliases",
    "sources",
    "claims",
    "claim_relations",
    "incidents",
    "incident_claims",
    "incident_perpetrators",
    "incident_reports",
    "group_relations",
)


def fill(connection: psycopg.Connection[Any], tables: Tables) -> dict[str, int]:
    """COPY every table; triggers off (session_replication_role = replica): the data is consistent
    by construction, and the per-row span check would dominate the load time."""
    counts: dict[str, int] = {}
    with connection.transaction():
        connection.execute("SET LOCAL session_replication_role = replica")
        connection.execute(
            "INSERT INTO load_runs (id, extractor_version, status, finished_at) "
            "OVERRIDING SYSTEM VALUE VALUES (1, %s, 'succeeded', now())",
            (EXTRACTOR,),
        )
        for table in COPY_ORDER:
            columns = ", ".join(tables.columns[table])
            with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in tables.rows[table]:
                    copy.write_row(row)
            counts[table] = len(tables.rows[table])
        for table in (
            "load_runs",
            "groups",
            "group_aliases",
            "sources",
            "claims",
            "incidents",
            "incident_reports",
            "group_relations",
        ):
            connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    return counts


def index_scans(plan: dict[str, Any]) -> Iterator[str]:
    """Index names a JSON EXPLAIN plan scans."""
    if "Index Name" in plan:
        yield f"{plan['Node Type']} on {plan['Index Name']}"
    for child in plan.get("Plans", []):
        yield from index_scans(child)


def time_query(
    connection: psycopg.Connection[Any], query: str, repeat: int
) -> tuple[float, int, list[str], str]:
    """Median milliseconds (execute + fetch all), rows, index scans, and the EXPLAIN ANALYZE text."""
    connection.execute(query).fetchall()  # warm-up
    timings = []
    rows = 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(connection.execute(query).fetchall())
        timings.append((time.perf_counter() - started) * 1000)
    statement = query.rstrip().rstrip(";")
    (plan_json,) = connection.execute(f"EXPLAIN (FORMAT JSON) {statement}").fetchone() or [[]]
    scans = sorted(set(index_scans(plan_json[0]["Plan"])))
    analyzed = "\n".join(row[0] for row in connection.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {statement}"))
    return statistics.median(timings), rows, scans, analyzed


def report(connection: psycopg.Connection[Any], repeat: int, plans: bool) -> None:
    """Time every query and print the table (and the plans)."""
    settings = connection.execute(
        "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ') FROM pg_settings "
        "WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit')"
    ).fetchone()
    print(f"server settings: {settings[0] if settings else '?'}\n")
    queries = {name: query.sql for name, query in example_queries().items()} | FILTER_QUERIES
    print(f"{'query':52} {'median ms':>10} {'rows':>8}  index scans")
    analyzed_plans = []
    for name, query in queries.items():
        median, rows, scans, analyzed = time_query(connection, query, repeat)
        flag = "" if median < 200 else "  (over 200 ms)"
        print(
            f"{name:52} {median:10.1f} {rows:8,}  {', '.join(scans) or 'none (sequential)'}{flag}", flush=True
        )
        analyzed_plans.append((name, analyzed))
    if plans:
        for name, analyzed in analyzed_plans:
            print(f"\n== EXPLAIN ANALYZE {name}\n{analyzed}")


def refresh_summaries(connection: psycopg.Connection[Any]) -> None:
    """Refresh the research summaries as a load does at its end, and print what it costs."""
    for summary in refresh(connection):
        how = "concurrently" if summary.concurrently else "first fill"
        print(f"refreshed research.{summary.name} ({how}): {summary.rows:,} rows in {summary.seconds:.1f} s")


def reuse(home: Path, repeat: int, plans: bool) -> None:
    """Re-apply the access migration (views, indexes) on data a --keep run left, then time the queries."""
    status, _ = server.start(home)
    engine = make_engine(status.url())
    try:
        started = time.perf_counter()
        migrate.downgrade(engine, ACCESS_PREVIOUS_REVISION)
        migrate.upgrade(engine)
        print(f"re-applied the views and indexes in {time.perf_counter() - started:.1f} s ({home})")
    finally:
        engine.dispose()
    with psycopg.connect(libpq_url(status.url()), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
        refresh_summaries(connection)
        report(connection, repeat, plans)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (the median is shown)")
    parser.add_argument("--keep", action="store_true", help="leave the server and its data in place")
    parser.add_argument("--plans", action="store_true", help="print EXPLAIN ANALYZE of every query")
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="HOME",
        help="time the queries again on the data a --keep run left in HOME, with the views and indexes of "
        "the current migration (re-applied)",
    )
    args = parser.parse_args()
    if args.reuse:
        reuse(args.reuse, args.repeat, args.plans)
        return

    home = Path(tempfile.mkdtemp(prefix="eventsdb-bench-"))
    try:
        started = time.perf_counter()
        status, _ = server.start(home)
        url = status.url()
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()
        with psycopg.connect(libpq_url(url), autocommit=True) as connection:
            for setting, value in (
                ("fsync", "off"),
                ("synchronous_commit", "off"),
                ("full_page_writes", "off"),
            ):
                connection.execute(f"ALTER SYSTEM SET {setting} = {value}")  # a throwaway server
            connection.execute("SELECT pg_reload_conf()")
        print(f"server and migrations: {time.perf_counter() - started:.1f} s ({home})")

        started = time.perf_counter()
        tables = generate(args.incidents)
        print(f"generated {args.incidents:,} incidents in {time.perf_counter() - started:.1f} s")
        with psycopg.connect(libpq_url(url), autocommit=True) as connection:
            started = time.perf_counter()
            counts = fill(connection, tables)
            copied = time.perf_counter() - started
            listed = ", ".join(f"{table} {count:,}" for table, count in counts.items())
            print(f"COPY: {sum(counts.values()):,} rows in {copied:.1f} s ({listed})")
            del tables
            started = time.perf_counter()
            connection.execute("VACUUM ANALYZE")
            print(f"VACUUM ANALYZE: {time.perf_counter() - started:.1f} s")
            refresh_summaries(connection)  # filled behind the loader's back: refresh as a load would
            size = connection.execute(
                "SELECT pg_size_pretty(pg_database_size(current_database()))"
            ).fetchone()
            print(f"database size: {size[0] if size else '?'}")
            report(connection, args.repeat, args.plans)
    finally:
        if args.keep:
            print(
                f"\nkept: {home}; again with --reuse {home}; stop with: EVENTSDB_HOME={home} eventsdb db stop"
            )
        else:
            server.stop(home)
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
