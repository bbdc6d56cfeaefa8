"""Only names become actors; every actor mention is the name's own span (sentences written for these
tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loader.extract.pipeline import extract_document, is_organisation_name
from loader.model import ExtractedDocument
from loader.read import read_bytes, read_document


def extract(text: str) -> ExtractedDocument:
    return extract_document(read_bytes(text.encode("utf-8"), name="report.txt"))


GENERIC_SPEAKERS = (
    "SRINAGAR, March 4, 2019 - Gunmen attacked a paramilitary convoy near Anantnag on Sunday, killing "
    "three troopers, Indian officials said. The Indian army said the attackers fled into the forest. "
    "Security sources said the gunmen had crossed the border a week earlier. Witnesses said they heard "
    "two blasts. A local councillor said the road was closed. The police's media cell said two soldiers "
    "were wounded. Pakistan's foreign ministry rejected the allegation that it had sheltered the attackers. "
    "Local officials said the convoy was unescorted."
)


def test_generic_speakers_keep_their_claims_but_are_no_actors() -> None:
    doc = extract(GENERIC_SPEAKERS)
    claimants = {c.claimant for c in doc.claims}
    assert "Indian officials" in claimants
    assert "Witnesses" in claimants or "witnesses" in {c.lower() for c in claimants}
    assert doc.organisations == []
    assert doc.people == []


def test_generic_people_speakers_are_persons_not_organisations() -> None:
    doc = extract(GENERIC_SPEAKERS)
    kinds = {c.claimant: c.claimant_kind for c in doc.claims}
    assert kinds["Indian officials"] == "person"


def test_named_speakers_become_actors() -> None:
    doc = extract(
        "MOGADISHU, Aug. 9, 2022 - A car bomb exploded outside a hotel in Mogadishu on Monday, killing "
        "nine people, the Somali Interior Ministry said. Abdirahman Hassan Ali, a police spokesman, said "
        "the attackers were killed. The Hiiraan Relief Foundation said it had treated 30 wounded."
    )
    assert [p.name for p in doc.people] == ["Abdirahman Hassan Ali"]
    orgs = {o.name for o in doc.organisations}
    assert "Somali Interior Ministry" in orgs
    assert "Hiiraan Relief Foundation" in orgs


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Iraqi Health Ministry", True),
        ("Afghanistan's Interior Ministry", True),
        ("Syrian Observatory for Human Rights", True),
        ("YPG", True),
        ("Indian army", False),
        ("Indian officials", False),
        ("Pakistan's foreign ministry", False),
        ("military's media wing", False),
        ("Local officials", False),
        ("Security sources", False),
        ("Witnesses", False),
        ("Police", False),
        ("Authorities", False),
        ("Herat Police Chief", False),
        ("Hospital staff", False),
        ("Local police, who", False),
        ("The", False),
        ("Ministry of", False),
    ],
)
def test_organisation_name_rule(name: str, ok: bool) -> None:
    assert is_organisation_name(name) is ok


def test_sentence_initial_words_are_no_people() -> None:
    doc = extract(
        "LAGOS, Feb. 3, 2020 - Gunmen killed four farmers in Kaduna on Monday. Reports said the gunmen "
        "escaped on motorcycles. Suspected herders said they were not involved. Initial reports said six "
        "were missing. The attack was condemned by governor Nasir El-Rufai, and a resident, Musa, said "
        "the village was deserted; later Musa said he had fled."
    )
    names = {p.name for p in doc.people}
    assert not names & {"Reports", "Suspected", "Initial"}


def _assert_mentions_are_spans(text: str, doc: ExtractedDocument) -> int:
    count = 0
    for actor in [*doc.groups, *doc.organisations, *doc.people]:
        for m in actor.mentions:
            assert text[m.char_start : m.char_end] == m.text, (actor.name, m)
            count += 1
    return count


def test_person_mention_is_the_name_not_the_sentence() -> None:
    text = (
        "KABUL, June 1, 2017 - A truck bomb exploded in Kabul's diplomatic quarter on Wednesday, killing 90 "
        "people, Interior Ministry spokesman Nasrat Rahimi said. Taliban spokesman Zabihullah Mujahid said "
        "the group had no part in it. Later Rahimi said the toll could rise."
    )
    doc = extract(text)
    people = {p.name: p for p in doc.people}
    assert "Nasrat Rahimi" in people and "Zabihullah Mujahid" in people
    assert [m.text for m in people["Nasrat Rahimi"].mentions] == ["Nasrat Rahimi", "Rahimi"]
    assert [m.text for m in people["Zabihullah Mujahid"].mentions] == ["Zabihullah Mujahid"]
    _assert_mentions_are_spans(text, doc)


@pytest.mark.parametrize(
    "text",
    [
        GENERIC_SPEAKERS,
        "QUETTA, Jan. 7, 2021 - Ten coal miners were shot dead in Machh, Levies officials said. Jaish ul Adl "
        "claimed responsibility. Spokesman Abu Bakar\nSiddiqui said the miners were targeted.",
        "BAMAKO, 12 May 2023 - Jihadists attacked a convoy of the UN mission MINUSMA near Gao, killing two "
        "peacekeepers, the mission said. The Sahel Research Bureau said the attack was the third this month.",
    ],
)
def test_every_actor_mention_is_its_text(text: str) -> None:
    _assert_mentions_are_spans(text, extract(text))


def test_every_actor_mention_of_the_example_is_its_text() -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "dawn-2021-12-23-isk.txt"
    document = read_document(path)
    assert _assert_mentions_are_spans(document.text, extract_document(document)) > 5


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Pakistani military's media wing said two soldiers died.", ["Inter-Services Public Relations"]),
        ("The military's media wing said two soldiers died.", ["Inter-Services Public Relations"]),
        ("The Indian army's media wing said two soldiers died.", []),
        ("India's army's media wing said two soldiers died.", []),
    ],
)
def test_a_description_of_one_countrys_body_said_of_another_country_is_not_that_body(
    sentence: str, expected: list[str]
) -> None:
    from loader.extract.actors import actor_index

    assert [m.actor.name for m in actor_index().find(sentence)] == expected


def test_person_names_in_unpunctuated_and_titled_text() -> None:
    doc = extract(
        "KABUL, Jan. 21, 2018 - Gunmen stormed a hotel in Kabul killing 22 people Yaqub Hamidi Taliban "
        "spokesman informed through an e mail that the fighters had attacked. Hamidi said the attack ended at "
        "dawn adds Kabul News. Also according to Kabul News 43 persons were killed. Interior Ministry "
        "spokesman Omar Danish said the toll could rise. Cdr Nasir Wazir said his men had fled. Jaishul "
        "Furqan said its men were not involved."
    )
    names = {p.name for p in doc.people}
    assert "Yaqub Hamidi" in names  # "Hamidi said": the full name given earlier
    assert "Omar Danish" in names  # a country's adjective as a surname
    assert "Nasir Wazir" in names  # "Cdr" is a title
    assert not names & {"Hamidi", "Kabul", "Omar", "Jaishul Furqan", "Cdr Nasir Wazir"}
