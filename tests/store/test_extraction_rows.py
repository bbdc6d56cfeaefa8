"""An extraction as normalized rows: claims with spans, incidents with perpetrators and supporting
claims, relations; cross-source duplicates; a new version replacing the old one's rows."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from loader.extract.pipeline import extract_document
from loader.read import read_document
from loader.resolve import EntityResolver
from loader.store.extraction import ExtractionRejected, SourceInput, WriteContext, write_sources
from tests.store.conftest import DAWN
from tests.store.helpers import new_run, one, report, rows, write

PESHAWAR = (
    "PESHAWAR: Gunmen attacked a police checkpoint in Peshawar on Friday, killing ten officers, "
    "police said. The Tehrik-i-Taliban Pakistan claimed responsibility."
)
PESHAWAR_LATER = (
    "PESHAWAR: Twelve policemen died when militants stormed a checkpoint in Peshawar on Friday, "
    "officials said."
)


def peshawar_attack(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "date_start": "2019-05-03",
        "date_end": "2019-05-03",
        "date_precision": "day",
        "country": "PK",
        "admin1_code": "PK-KP",
        "city": "Peshawar",
        "attack_type": "armed_assault",
        "target_type": "police",
        "killed_low": 10,
        "killed_high": 10,
    }
    fields.update(overrides)
    return fields


def test_the_dawn_article_gives_12_incidents_each_with_a_claim_quoting_its_source(
    pg: psycopg.Connection,
) -> None:
    document = read_document(DAWN)
    extraction = extract_document(document)
    from tests.store.helpers import Report

    stored, counts = write(pg, new_run(pg), Report(document, extraction))
    assert counts is not None and counts.incidents_new == 12
    checked = rows(
        pg,
        """
        SELECT i.id, count(*) FILTER (WHERE c.quote = substr(s.text, c.char_start + 1, c.char_end - c.char_start))
        FROM incidents i
        JOIN incident_claims ic ON ic.incident_id = i.id
        JOIN claims c ON c.id = ic.claim_id
        JOIN sources s ON s.id = c.source_id
        WHERE s.id = %s
        GROUP BY i.id
        """,
        stored.id,
    )
    assert len(checked) == 12 and all(quoting >= 1 for _, quoting in checked)
    # Every row carries its load run and extractor version, and every span quotes its source.
    for table in ("claims", "incidents", "incident_reports", "incident_claims", "incident_perpetrators"):
        assert (
            one(pg, f"SELECT count(*) FROM {table} WHERE load_run_id IS NULL OR extractor_version IS NULL")
            == 0
        )
    assert one(pg, "SELECT count(*) FROM incident_perpetrators WHERE claim_id IS NULL") == 0
    isk = rows(
        pg,
        "SELECT DISTINCT g.name FROM incident_perpetrators p JOIN groups g ON g.id = p.group_id",
    )
    assert isk == [("Islamic State Khorasan",)]
    # Karzai counters Khan; the US report endorses Pakistan's position.
    relations = rows(
        pg,
        """
        SELECT a.claimant_text, r.kind, b.claimant_text FROM claim_relations r
        JOIN claims a ON a.id = r.claim_id JOIN claims b ON b.id = r.related_claim_id ORDER BY r.kind
        """,
    )
    assert relations == [
        ("Hamid Karzai", "counters", "Imran Khan"),
        ("US State Department", "endorses", "Imran Khan"),
    ]
    assert one(pg, "SELECT count(*) FROM group_relations") >= 3


def test_an_incident_or_relation_without_a_claim_is_supported_by_the_source_itself(
    pg: psycopg.Connection,
) -> None:
    text = "QUETTA: A bomb killed six people at a market in Quetta on Monday. The Hizbul Front is a splinter of the Southern Front."
    written = report(
        text,
        [{"quote": "A bomb killed six people at a market in Quetta on Monday", "attack_type": "bombing"}],
        groups=["Hizbul Front", "Southern Front"],
        relations=[
            {
                "quote": "The Hizbul Front is a splinter of the Southern Front.",
                "subject": "Hizbul Front",
                "relation": "splinter_of",
                "object": "Southern Front",
            }
        ],
        publisher="Quetta Voice",
    )
    write(pg, new_run(pg), written)
    claims = rows(pg, "SELECT kind, claimant_text, claimant_kind, quote FROM claims ORDER BY char_start")
    assert claims == [
        ("statement", "Quetta Voice", "source", "A bomb killed six people at a market in Quetta on Monday"),
        ("statement", "Quetta Voice", "source", "The Hizbul Front is a splinter of the Southern Front."),
    ]
    supported = one(pg, "SELECT count(*) FROM incidents i JOIN incident_claims ic ON ic.incident_id = i.id")
    assert supported == 1
    relation = one(
        pg,
        """
        SELECT s.name, r.kind, o.name, c.claimant_kind FROM group_relations r
        JOIN groups s ON s.id = r.subject_group_id JOIN groups o ON o.id = r.object_group_id
        JOIN claims c ON c.id = r.claim_id
        """,
    )
    assert relation == ("Hizbul Front", "splinter_of", "Southern Front", "source")


def test_an_extraction_whose_span_does_not_match_the_text_writes_nothing(pg: psycopg.Connection) -> None:
    written = report(PESHAWAR, [{"quote": "killing ten officers", "attack_type": "armed_assault"}])
    broken = written.extraction.model_copy(
        update={"incidents": [written.extraction.incidents[0].model_copy(update={"char_start": 3})]}
    )
    written.extraction = broken
    run_id = new_run(pg)
    with pytest.raises(ExtractionRejected, match="incident 0 quotes 'killing ten officers'"):
        write(pg, run_id, written)
    assert one(pg, "SELECT count(*) FROM sources") == 0
    assert one(pg, "SELECT count(*) FROM claims") == 0


def test_the_same_attack_from_two_sources_is_one_incident_with_two_claims_and_a_spanning_toll(
    pg: psycopg.Connection,
) -> None:
    run_id = new_run(pg)
    resolver = EntityResolver()
    first = report(
        PESHAWAR,
        [
            {
                "quote": "Gunmen attacked a police checkpoint in Peshawar on Friday, killing ten officers",
                "perpetrator": "Tehrik-i-Taliban Pakistan",
                "attribution": "claimed",
                "claims": [0],
                **peshawar_attack(),
            }
        ],
        [
            {
                "quote": "The Tehrik-i-Taliban Pakistan claimed responsibility",
                "claimant": "Tehrik-i-Taliban Pakistan",
                "claimant_kind": "group",
                "kind": "responsibility",
            }
        ],
        publisher="Daily Example",
        path="one.txt",
    )
    second = report(
        PESHAWAR_LATER,
        [
            {
                "quote": "Twelve policemen died when militants stormed a checkpoint in Peshawar on Friday",
                **peshawar_attack(killed_low=12, killed_high=12, city="peshawar"),
            }
        ],
        publisher="Frontier Times",
        path="two.txt",
    )
    _, one_counts = write(pg, run_id, first, resolver=resolver)
    stored_two, two_counts = write(pg, run_id, second, resolver=resolver)
    assert one_counts is not None and two_counts is not None
    assert (two_counts.incidents_new, two_counts.incidents_merged) == (0, 1)
    assert one_counts.incident_ids == two_counts.incident_ids
    incident = one(pg, "SELECT id, killed_low, killed_high, quote FROM incidents")
    assert incident[1:] == (
        10,
        12,
        "Gunmen attacked a police checkpoint in Peshawar on Friday, killing ten officers",
    )
    supporting = rows(
        pg,
        """
        SELECT s.publisher, c.kind, c.claimant_text FROM incident_claims ic
        JOIN claims c ON c.id = ic.claim_id JOIN sources s ON s.id = c.source_id
        WHERE ic.incident_id = %s ORDER BY s.id
        """,
        incident[0],
    )
    assert supporting == [
        ("Daily Example", "responsibility", "Tehrik-i-Taliban Pakistan"),
        ("Frontier Times", "statement", "Frontier Times"),
    ]
    tolls = rows(pg, "SELECT source_id, killed_low, killed_high FROM incident_reports ORDER BY id")
    assert [t[1:] for t in tolls] == [(10, 10), (12, 12)] and tolls[1][0] == stored_two.id
    perpetrators = rows(pg, "SELECT attribution FROM incident_perpetrators")
    assert perpetrators == [("claimed",)]


@pytest.mark.parametrize(
    ("difference", "why"),
    [
        ({"city": "Mardan"}, "another city"),
        ({"date_start": "2019-05-04", "date_end": "2019-05-04"}, "another day"),
        ({"date_start": "2019-05-01", "date_end": "2019-05-31", "date_precision": "month"}, "only the month"),
        ({"killed_low": None, "killed_high": None}, "a toll against none"),
        ({"killed_low": 40, "killed_high": 40}, "a toll far apart"),
        ({"attack_type": "kidnapping"}, "another attack type"),
        ({"city": None, "location_precision": "admin1"}, "no city"),
    ],
)
def test_reports_that_disagree_stay_separate_incidents(
    pg: psycopg.Connection, difference: dict[str, Any], why: str
) -> None:
    run_id = new_run(pg)
    quote = "Gunmen attacked a police checkpoint in Peshawar on Friday, killing ten officers"
    first = report(PESHAWAR, [{"quote": quote, **peshawar_attack()}], path="one.txt")
    other_quote = "Twelve policemen died when militants stormed a checkpoint in Peshawar on Friday"
    second = report(PESHAWAR_LATER, [{"quote": other_quote, **peshawar_attack(**difference)}], path="two.txt")
    write(pg, run_id, first)
    _, counts = write(pg, run_id, second)
    assert counts is not None and counts.incidents_new == 1, why
    assert one(pg, "SELECT count(*) FROM incidents") == 2


def test_two_incidents_of_one_report_are_never_merged_together(pg: psycopg.Connection) -> None:
    text = "PESHAWAR: Two blasts hit Peshawar on Friday. The first killed ten people. The second killed ten people."
    written = report(
        text,
        [
            {"quote": "The first killed ten people", **peshawar_attack(attack_type="bombing")},
            {"quote": "The second killed ten people", **peshawar_attack(attack_type="bombing")},
        ],
    )
    _, counts = write(pg, new_run(pg), written)
    assert counts is not None and counts.incidents_new == 2


def test_a_new_version_replaces_the_old_rows_and_keeps_the_ids_of_incidents_it_still_reports(
    pg: psycopg.Connection,
) -> None:
    run_id = new_run(pg)
    url = "https://news.example.org/peshawar"
    v1_text = PESHAWAR + " Separately, a bomb killed three people in Mardan on Friday."
    v1 = report(
        v1_text,
        [
            {"quote": "Gunmen attacked a police checkpoint in Peshawar on Friday, killing ten officers", **peshawar_attack()},
            {"quote": "a bomb killed three people in Mardan on Friday", **peshawar_attack(city="Mardan", killed_low=3, killed_high=3, attack_type="bombing")},
        ],
        url=url,
    )  # fmt: skip
    v2_text = (
        "PESHAWAR: Gunmen attacked a police checkpoint in Peshawar on Friday, killing eleven officers, "
        "police said. A day earlier, a bomb killed two people in Kohat."
    )
    v2 = report(
        v2_text,
        [
            {"quote": "Gunmen attacked a police checkpoint in Peshawar on Friday, killing eleven officers", **peshawar_attack(killed_low=11, killed_high=11)},
            {"quote": "a bomb killed two people in Kohat", **peshawar_attack(city="Kohat", date_start="2019-05-02", date_end="2019-05-02", killed_low=2, killed_high=2, attack_type="bombing")},
        ],
        url=url,
    )  # fmt: skip
    stored_v1, counts_v1 = write(pg, run_id, v1)
    assert counts_v1 is not None
    peshawar_id, mardan_id = counts_v1.incident_ids
    stored_v2, counts_v2 = write(pg, run_id, v2)
    assert counts_v2 is not None
    assert stored_v2.outcome == "updated" and stored_v2.replaced_id == stored_v1.id
    assert (counts_v2.incidents_kept, counts_v2.incidents_new, counts_v2.incidents_removed) == (1, 1, 1)
    assert counts_v2.report_incidents[0] == (peshawar_id, "kept")
    kept = one(pg, "SELECT killed_low, source_id, quote FROM incidents WHERE id = %s", peshawar_id)
    assert kept == (
        11,
        stored_v2.id,
        "Gunmen attacked a police checkpoint in Peshawar on Friday, killing eleven officers",
    )
    assert one(pg, "SELECT count(*) FROM incidents WHERE id = %s", mardan_id) == 0
    # The old version stays, superseded; its rows are gone, the new version's are there.
    assert one(pg, "SELECT is_current, superseded_by FROM sources WHERE id = %s", stored_v1.id) == (
        False,
        stored_v2.id,
    )
    assert one(pg, "SELECT count(*) FROM claims WHERE source_id = %s", stored_v1.id) == 0
    assert one(pg, "SELECT count(*) FROM incident_reports WHERE source_id = %s", stored_v1.id) == 0
    assert one(pg, "SELECT count(DISTINCT source_id) FROM claims") == 1
    assert one(pg, "SELECT count(*) FROM incidents") == 2


def test_replacing_one_source_of_a_shared_incident_keeps_the_other_sources_account(
    pg: psycopg.Connection,
) -> None:
    run_id = new_run(pg)
    quote = "Gunmen attacked a police checkpoint in Peshawar on Friday, killing ten officers"
    first = report(PESHAWAR, [{"quote": quote, **peshawar_attack()}], url="https://a.example/1", path="a.txt")
    later_quote = "Twelve policemen died when militants stormed a checkpoint in Peshawar on Friday"
    second = report(
        PESHAWAR_LATER,
        [{"quote": later_quote, **peshawar_attack(killed_low=12, killed_high=12)}],
        url="https://b.example/1",
        path="b.txt",
    )
    _, counts = write(pg, run_id, first)
    stored_b, _ = write(pg, run_id, second)
    assert counts is not None
    incident_id = counts.incident_ids[0]
    assert one(pg, "SELECT killed_low, killed_high FROM incidents WHERE id = %s", incident_id) == (10, 12)
    # Source A's new version no longer reports the attack.
    retraction = report(
        "PESHAWAR: An earlier report of an attack on a checkpoint was wrong. Separately, a bomb killed one person in Bannu on Friday.",
        [{"quote": "a bomb killed one person in Bannu on Friday", **peshawar_attack(city="Bannu", killed_low=1, killed_high=1, attack_type="bombing")}],
        url="https://a.example/1",
        path="a.txt",
    )  # fmt: skip
    _, retracted = write(pg, run_id, retraction)
    assert retracted is not None and retracted.incidents_removed == 0
    remaining = one(
        pg, "SELECT killed_low, killed_high, source_id, quote FROM incidents WHERE id = %s", incident_id
    )
    assert remaining == (12, 12, stored_b.id, later_quote)
    supporting = one(
        pg,
        "SELECT count(*) FROM incident_claims ic JOIN claims c ON c.id = ic.claim_id WHERE ic.incident_id = %s",
        incident_id,
    )
    assert supporting == 1


def test_force_replaces_the_rows_of_the_same_version_and_keeps_incident_ids(pg: psycopg.Connection) -> None:
    run_id = new_run(pg)
    quote = "Gunmen attacked a police checkpoint in Peshawar on Friday, killing ten officers"
    written = report(PESHAWAR, [{"quote": quote, **peshawar_attack()}])
    stored, counts = write(pg, run_id, written)
    claim_ids = rows(pg, "SELECT id FROM claims")
    again, unchanged = write(pg, run_id, written)
    assert (again.outcome, unchanged) == ("unchanged", None)
    forced, recounts = write(pg, run_id, written, force=True)
    assert counts is not None and recounts is not None
    assert (forced.outcome, forced.id) == ("reextracted", stored.id)
    assert recounts.incident_ids == counts.incident_ids and recounts.incidents_kept == 1
    assert rows(pg, "SELECT id FROM claims") != claim_ids  # rewritten
    assert one(pg, "SELECT count(*) FROM claims") == len(claim_ids)


def test_two_reports_of_one_attack_in_one_batch_are_one_incident(pg: psycopg.Connection) -> None:
    run_id = new_run(pg)
    quote = "Gunmen attacked a police checkpoint in Peshawar on Friday, killing ten officers"
    first = report(PESHAWAR, [{"quote": quote, **peshawar_attack()}], path="one.txt")
    later_quote = "Twelve policemen died when militants stormed a checkpoint in Peshawar on Friday"
    second = report(
        PESHAWAR_LATER,
        [{"quote": later_quote, **peshawar_attack(killed_low=12, killed_high=12)}],
        path="two.txt",
    )
    with pg.transaction():
        results = write_sources(
            pg,
            [SourceInput(w.document, w.extraction) for w in (first, second)],
            context=WriteContext(run_id, "test", EntityResolver()),
        )
    hows = [result.written.report_incidents[0][1] for result in results if result.written]
    assert hows == ["new", "merged"]
    assert one(pg, "SELECT count(*), min(killed_low), max(killed_high) FROM incidents") == (1, 10, 12)
    assert one(pg, "SELECT count(*) FROM incident_reports") == 2


def test_a_batch_with_a_rejected_extraction_writes_the_others_and_nothing_for_it(
    pg: psycopg.Connection,
) -> None:
    run_id = new_run(pg)
    quote = "Gunmen attacked a police checkpoint in Peshawar on Friday, killing ten officers"
    good = report(PESHAWAR, [{"quote": quote, **peshawar_attack()}], path="good.txt")
    bad = report(
        PESHAWAR_LATER, [{"quote": "Twelve policemen died", **peshawar_attack(city="Kohat")}], path="bad.txt"
    )
    bad.extraction = bad.extraction.model_copy(
        update={
            "incidents": [bad.extraction.incidents[0].model_copy(update={"quote": "Eleven policemen died"})]
        }
    )
    with pg.transaction():
        results = write_sources(
            pg,
            [SourceInput(w.document, w.extraction) for w in (good, bad)],
            context=WriteContext(run_id, "test", EntityResolver()),
        )
    assert results[0].stored is not None and results[0].rejected is None
    assert results[1].stored is None and results[1].rejected is not None
    assert "incident 0 quotes 'Eleven policemen died'" in results[1].rejected
    assert rows(pg, "SELECT path FROM sources") == [("good.txt",)]


def test_a_batch_may_not_hold_one_source_twice(pg: psycopg.Connection) -> None:
    written = report(
        PESHAWAR, [{"quote": "killing ten officers", **peshawar_attack()}], url="https://a.example/1"
    )
    changed = report(
        PESHAWAR_LATER, [{"quote": "Twelve policemen died", **peshawar_attack()}], url="https://a.example/1"
    )
    with pytest.raises(ValueError, match="two documents of one source"):
        write_sources(
            pg,
            [SourceInput(w.document, w.extraction) for w in (written, changed)],
            context=WriteContext(new_run(pg), "test", EntityResolver()),
        )
