"""Attributed statements in single sentences written for these tests."""

import pytest

from loader.extract.claims import find_claims


def claims_of(sentence: str) -> list[tuple[str, str, str]]:
    return [(c.who, c.kind, sentence[c.start : c.end]) for c in find_claims(sentence, 0, len(sentence))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Two soldiers were killed in a roadside blast in Kurram, reports The Nation.",
            [("The Nation", "statement", "Two soldiers were killed in a roadside blast in Kurram")],
        ),
        (
            "According to police, the attackers fled on a motorcycle.",
            [("police", "statement", "the attackers fled on a motorcycle")],
        ),
        (
            "The bomb was planted in a rickshaw, according to the bomb disposal squad.",
            [("the bomb disposal squad", "statement", "The bomb was planted in a rickshaw")],
        ),
        (
            "Interior Minister Rehman Malik said that foreign hands were involved in the attack.",
            [("Interior Minister Rehman Malik", "statement", "foreign hands were involved in the attack")],
        ),
        (
            "The Pakistani Taliban claimed responsibility for the bombing in a phone call to reporters.",
            [
                (
                    "The Pakistani Taliban",
                    "responsibility",
                    "claimed responsibility for the bombing in a phone call to reporters",
                )
            ],
        ),
        (
            "The ministry denied that any civilians had been killed.",
            [("The ministry", "denial", "any civilians had been killed")],
        ),
        (
            "The UN report estimates that 3,000 civilians were killed in 2015.",
            [("The UN report", "estimate", "3,000 civilians were killed in 2015")],
        ),
        (
            "The opposition leader accused the government of covering up the death toll.",
            [("The opposition leader", "allegation", "the government of covering up the death toll")],
        ),
        (
            "We will continue our attacks, said Ehsanullah Ehsan, a spokesman for the group.",
            [("Ehsanullah Ehsan, a spokesman for the group", "statement", "We will continue our attacks")],
        ),
    ],
)
def test_attribution_patterns(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert claims_of(sentence) == expected


def test_two_propositions_joined_by_and_that_are_two_claims() -> None:
    sentence = "The commander alleged that the police had fired first and that two villagers were detained."
    assert [q for _, _, q in claims_of(sentence)] == [
        "the police had fired first",
        "two villagers were detained",
    ]


def test_counter_keeps_its_cue_and_owner() -> None:
    sentence = "The former minister, however, countered his argument by alleging that the army had shelled the village."
    (claim,) = find_claims(sentence, 0, len(sentence))
    assert claim.kind == "counter"
    assert claim.extra["owner"] == "his"
    assert sentence[claim.start : claim.end] == "the army had shelled the village"


def test_unattributed_sentence_has_no_claim() -> None:
    assert claims_of("The explosion destroyed three shops in the bazaar.") == []


def test_speaker_set_off_by_commas_before_told() -> None:
    sentence = "We will strike again, the group's spokesman, Qari Yousaf, told reporters by telephone."
    assert claims_of(sentence) == [
        ("the group's spokesman, Qari Yousaf", "statement", "We will strike again")
    ]


def test_the_accused_is_a_noun_not_an_accusation() -> None:
    sentence = "The judge said that the accused belonged to a banned group."
    assert [(k, q) for _, k, q in claims_of(sentence)] == [
        ("statement", "the accused belonged to a banned group")
    ]
