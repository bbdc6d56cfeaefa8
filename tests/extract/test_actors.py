"""Group and organisation recognition, and person names in claimant phrases."""

import pytest

from loader.extract.actors import actor_index, fold, person_name


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Tehreek-e-Taliban Pakistan", "Tehrik-i-Taliban Pakistan"),
        ("tehrik i taliban pakistan", "Tehrik-i-Taliban Pakistan"),
        ("ISIS-K", "Islamic State Khorasan"),
        ("Daesh", "Islamic State"),
        ("Baluch Liberation Front", "Balochistan Liberation Front"),
        ("Jamaat ul Ahrar", "Jamaat-ul-Ahrar"),
        ("al Qaida", "al-Qaeda"),
        ("Al-Shabab", "al-Shabaab"),
        ("State Department", "US State Department"),
    ],
)
def test_lookup_folds_spellings(text: str, canonical: str) -> None:
    ref = actor_index().lookup(text)
    assert ref is not None and ref.name == canonical


def test_find_prefers_longest_alias_and_keeps_offsets() -> None:
    text = "Fighters of the Islamic State-Khorasan Province and of the Islamic State clashed."
    found = actor_index().find(text)
    assert [(m.text, m.actor.name) for m in found] == [
        ("Islamic State-Khorasan Province", "Islamic State Khorasan"),
        ("Islamic State", "Islamic State"),
    ]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_acronyms_are_case_sensitive() -> None:
    assert actor_index().find("this is what it is") == []
    assert [m.actor.name for m in actor_index().find("IS claimed the attack")] == ["Islamic State"]


def test_ambiguous_acronym_needs_context() -> None:
    # SSP is a police rank as often as a group.
    assert actor_index().find("The SSP said the area was sealed.") == []
    assert [m.actor.name for m in actor_index().find("SSP militants opened fire.")] == [
        "Sipah-e-Sahaba Pakistan"
    ]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Interior Minister Rehman Malik", "Rehman Malik"),
        ("Provincial police chief Abdul Razziq", "Abdul Razziq"),
        ("Zabihullah Mujahid, a spokesman for the group", "Zabihullah Mujahid"),
        ("Deputy Inspector General (DIG) Kamran Ahmed", "Kamran Ahmed"),
        ("the spokesman", None),
    ],
)
def test_person_name_strips_titles(phrase: str, name: str | None) -> None:
    assert person_name(phrase) == name


def test_fold() -> None:
    assert fold("Tehrik-i-Taliban  Pakistan") == "tehrik i taliban pakistan"


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("However Farid Paikan Deputy Head of Kam Air airlines", "Farid Paikan"),
        ("the UN Assistance Mission in Afghanistan", None),
        ("Both Jamaat-ul-Ahrar and Islamic State", None),
    ],
)
def test_names_before_titles_and_no_names_in_organisations(phrase: str, name: str | None) -> None:
    assert person_name(phrase) == name
