"""Attribution in wire copy of kinds the eval sets do not hold (sentences written for these tests)."""

import pytest

from loader.extract.claims import find_claims


def claims_of(sentence: str) -> list[tuple[str, str, str]]:
    return [(c.who, c.kind, sentence[c.start : c.end]) for c in find_claims(sentence, 0, len(sentence))]


@pytest.mark.parametrize(
    ("sentence", "who", "quote"),
    [
        (
            "Gunmen on motorbikes shot dead nine traders at a cattle market near Zamfara, local officials said on Tuesday.",
            "local officials",
            "Gunmen on motorbikes shot dead nine traders at a cattle market near Zamfara",
        ),
        (
            "The fighters burned the clinic and looted shops, residents told AFP by phone.",
            "residents",
            "The fighters burned the clinic and looted shops",
        ),
        (
            "Two bodies were pulled from the rubble, witnesses said late on Friday.",
            "witnesses",
            "Two bodies were pulled from the rubble",
        ),
        (
            "The convoy was hit by a roadside bomb, security sources said in a statement.",
            "security sources",
            "The convoy was hit by a roadside bomb",
        ),
        (
            "They took the teachers into the bush, a local councillor said.",
            "a local councillor",
            "They took the teachers into the bush",
        ),
        (
            "Fourteen of the wounded were in critical condition, hospital officials said last night.",
            "hospital officials",
            "Fourteen of the wounded were in critical condition",
        ),
    ],
)
def test_speaker_at_the_end_and_a_time_phrase_after_the_verb(sentence: str, who: str, quote: str) -> None:
    assert claims_of(sentence) == [(who, "statement", quote)]


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        # the content of "X said <clause>" is the whole clause, commas and "that" inside it included
        (
            "The navy said sailors intercepted a skiff off the coast, arresting four pirates.",
            "sailors intercepted a skiff off the coast, arresting four pirates",
        ),
        (
            "The ministry said gunmen ambushed a bus that was carrying pilgrims.",
            "gunmen ambushed a bus that was carrying pilgrims",
        ),
        # an adjunct of the verb is no part of the content
        ("The governor said on Sunday that the curfew was lifted.", "the curfew was lifted"),
        ("The mayor told reporters that the market would reopen.", "the market would reopen"),
        (
            "The prosecutor said in a televised address, the suspects had confessed.",
            "the suspects had confessed",
        ),
    ],
)
def test_content_of_a_leading_speaker(sentence: str, quote: str) -> None:
    assert [q for _, _, q in claims_of(sentence)] == [quote]


def test_hearer_of_told_is_not_the_speaker() -> None:
    sentence = "We planted the bomb, the commander, Abu Hamza, told a reporter by telephone."
    assert [w for w, _, _ in claims_of(sentence)] == ["the commander, Abu Hamza"]


def test_a_phrase_telling_a_deed_is_no_speaker() -> None:
    # "claimed" here belongs to the event, the victims make no statement
    assert (
        claims_of("A soldier was killed in a rebel claimed ambush near the border that wounded two others.")
        == []
    )


def test_run_on_text_speaker_named_before_said() -> None:
    sentence = "The attackers were killed during the assault Rahimi said the operation ended at noon"
    assert claims_of(sentence)[-1] == ("Rahimi", "statement", "the operation ended at noon")


def test_run_on_text_speaker_after_said_is_kept() -> None:
    sentence = "The bomber fired at the guards said the official He said the guards fired back"
    who, _, quote = claims_of(sentence)[0]
    assert who.startswith("the official") and quote == "The bomber fired at the guards"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "No group has claimed the bombing, but investigators suspected the Popular Resistance Front.",
            ("investigators", "allegation", "the Popular Resistance Front"),
        ),
        (
            "Prosecutors suspect that the explosives came from a quarry.",
            ("Prosecutors", "allegation", "the explosives came from a quarry"),
        ),
        (
            "The interior ministry held the separatists responsible for the ambush.",
            ("The interior ministry", "allegation", "the separatists responsible for the ambush"),
        ),
        (
            "Local authorities blamed the massacre on Fulani herdsmen.",
            ("Local authorities", "allegation", "the massacre on Fulani herdsmen"),
        ),
        (
            "Turkey's foreign ministry rejected the accusation as slander.",
            ("Turkey's foreign ministry", "denial", "the accusation as slander"),
        ),
        (
            "The rebel commander flatly denied any involvement in the killings.",
            ("The rebel commander", "denial", "any involvement in the killings"),
        ),
        (
            "A party spokesman denied its members were involved.",
            ("A party spokesman", "denial", "its members were involved"),
        ),
    ],
)
def test_suspicion_blame_and_denial(sentence: str, expected: tuple[str, str, str]) -> None:
    assert claims_of(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Troops arrested suspected militants in the forest.",
        "The driver is suspected of smuggling the explosives.",
        "The court rejected the appeal on Tuesday.",
    ],
)
def test_no_claim_in_suspected_as_adjective_or_rejections_of_other_things(sentence: str) -> None:
    assert claims_of(sentence) == []


def test_concessive_clause_holds_a_second_speaker() -> None:
    sentence = (
        "Though the rebels denied involvement in the raid, army officials believed that they had planned it."
    )
    assert claims_of(sentence) == [
        ("the rebels", "denial", "involvement in the raid"),
        ("army officials", "statement", "they had planned it"),
    ]


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        (
            "Army chief Lt. Gen. Roy Galido said investigators were looking into the blast.",
            "Army chief Lt. Gen. Roy Galido",
        ),
        (
            "President Joseph R. Biden Jr. said the attackers would be hunted down.",
            "President Joseph R. Biden Jr",
        ),
    ],
)
def test_titles_and_initials_with_periods_stay_in_the_speaker(sentence: str, who: str) -> None:
    assert [w for w, _, _ in claims_of(sentence)] == [who]


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        (
            "The Arakan Army takes responsibility for the attack on the police outpost.",
            "takes responsibility for the attack on the police outpost",
        ),
        (
            "The Front accepted full responsibility for the ambush.",
            "accepted full responsibility for the ambush",
        ),
        (
            "The group claimed responsibility in a statement on Telegram.",
            "claimed responsibility in a statement on Telegram",
        ),
    ],
)
def test_responsibility_wordings(sentence: str, quote: str) -> None:
    assert [(k, q) for _, k, q in claims_of(sentence)] == [("responsibility", quote)]


def test_rejection_in_apposition_to_an_allegation() -> None:
    sentence = "The mayor accused the army of shelling the market, a charge the defence ministry denied."
    assert claims_of(sentence) == [
        ("The mayor", "allegation", "the army of shelling the market"),
        ("the defence ministry", "denial", "a charge the defence ministry denied"),
    ]


def test_disputed_figure_is_a_counter_with_what_follows_saying() -> None:
    sentence = "A police spokesman disputed that figure, saying only six people died."
    assert claims_of(sentence) == [("A police spokesman", "counter", "only six people died")]


def test_hearer_of_told_is_not_content() -> None:
    sentence = "Survivors told The Guardian the gunmen shot at anyone who ran."
    assert claims_of(sentence) == [("Survivors", "statement", "the gunmen shot at anyone who ran")]


def test_speaker_asking_not_to_be_named() -> None:
    sentence = "The blast was caused by a magnetic bomb, a security official, speaking on condition of anonymity, said."
    assert claims_of(sentence) == [
        ("a security official", "statement", "The blast was caused by a magnetic bomb")
    ]


def test_accusation_and_a_second_statement_of_the_same_speaker() -> None:
    sentence = "The senator accused the militia of the ambush and said that two of his guards were missing."
    assert claims_of(sentence) == [
        ("The senator", "allegation", "the militia of the ambush"),
        ("The senator", "statement", "two of his guards were missing"),
    ]
