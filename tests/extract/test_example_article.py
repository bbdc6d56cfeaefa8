"""The canonical example (examples/dawn-2021-12-23-isk.txt): a regression guard for the whole
pipeline on a report with enumerated attacks, an allegation, a counter-claim and an endorsement."""

from __future__ import annotations

from pathlib import Path

import pytest

from loader.extract.pipeline import extract_document
from loader.model import ExtractedDocument
from loader.read import read_document

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dawn-2021-12-23-isk.txt"
ISK = "Islamic State Khorasan"


@pytest.fixture(scope="module")
def doc() -> ExtractedDocument:
    return extract_document(read_document(EXAMPLE))


def test_twelve_attacks_with_their_facts(doc: ExtractedDocument) -> None:
    rows = [
        (
            i.year,
            i.country,
            i.admin1,
            i.city,
            i.attack_type,
            i.suicide,
            i.target_type,
            i.killed_low,
            i.killed_high,
            i.perpetrator,
            i.responsibility_claimed,
        )
        for i in doc.incidents
    ]
    assert rows == [
        (2016, "AF", None, None, "unknown", False, "government_diplomatic", 7, 7, ISK, False),
        (2016, "AF", "Kabul", "Kabul", "bombing", False, "private_citizens", 80, 80, ISK, False),
        (2016, "PK", "Balochistan", "Quetta", "bombing", True, "business", 94, 94, ISK, True),
        (2016, "PK", "Balochistan", None, "bombing", False, "religious", 51, None, ISK, False),
        (2017, "AF", "Kabul", "Kabul", "unknown", False, "government_diplomatic", 2, 2, ISK, False),
        (2017, "AF", None, None, "bombing", False, "religious", 29, 29, ISK, False),
        (2017, "AF", "Kabul", "Kabul", "bombing", True, "private_citizens", 21, None, ISK, True),
        (2017, "PK", "Sindh", None, "unknown", False, "religious", 88, 88, ISK, False),
        (2017, "PK", "Balochistan", None, "unknown", False, "government_general", 149, 149, ISK, False),
        (2019, "AF", "Kabul", "Kabul", "unknown", False, "government_general", 7, 7, ISK, True),
        (2019, "AF", "Kabul", "Kabul", "bombing", True, "private_citizens", 80, 80, ISK, True),
        (2019, "AF", "Nangarhar", None, "bombing", False, "religious", 70, 70, ISK, False),
    ]
    assert {i.date_precision for i in doc.incidents} == {"year"}


def test_claims_and_who_answers_whom(doc: ExtractedDocument) -> None:
    claims = [(c.claimant, c.kind, c.responds_to) for c in doc.claims]
    usdos = "US State Department"
    assert claims == [
        (usdos, "statement", None),
        (usdos, "estimate", None),
        (usdos, "statement", None),
        ("Imran Khan", "allegation", None),
        ("Hamid Karzai", "counter", 3),
        (usdos, "endorsement", 3),
        (usdos, "statement", None),
        (usdos, "statement", None),
        (usdos, "statement", None),
        (ISK, "responsibility", None),
        (ISK, "responsibility", None),
        (ISK, "responsibility", None),
        (ISK, "responsibility", None),
        (ISK, "responsibility", None),
    ]
    assert all(c.about == ISK for c in doc.claims)


def test_group_relations_and_actors(doc: ExtractedDocument) -> None:
    relations = {(r.subject, r.relation, r.object) for r in doc.group_relations}
    assert relations == {
        (ISK, "composed_of_members_of", "Tehrik-i-Taliban Pakistan"),
        (ISK, "composed_of_members_of", "Afghan Taliban"),
        (ISK, "composed_of_members_of", "Islamic Movement of Uzbekistan"),
        (ISK, "affiliate_of", "Islamic State"),
        (ISK, "pledged_allegiance_to", "Islamic State"),
    }
    assert {g.name for g in doc.groups} >= {
        ISK,
        "Islamic State",
        "Afghan Taliban",
        "Tehrik-i-Taliban Pakistan",
    }
    assert {p.name for p in doc.people} >= {"Imran Khan", "Hamid Karzai"}
    assert next(g for g in doc.groups if g.name == ISK).parent == "Islamic State"


def test_the_sidebar_gives_no_rows(doc: ExtractedDocument) -> None:
    end = doc.source.text.index("Later that year") + 200
    assert all(r.char_end <= end for r in [*doc.incidents, *doc.claims])
    assert "Updated 07 Sep" not in doc.source.text
