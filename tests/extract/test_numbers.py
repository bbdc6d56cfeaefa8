"""Counts with qualifiers, in digits and words; sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from loader.extract.numbers import (
    NUMBER_PATTERN,
    Quantity,
    find_quantities,
    is_vague,
    is_year_like,
    parse_quantity,
    word_to_int,
)

# GOLD.md conventions, plus the other qualifiers documented in the module.
PHRASES = [
    ("94", (94, 94)),
    ("1,000", (1000, 1000)),
    ("12,500", (12500, 12500)),
    ("over 50", (51, None)),
    ("more than 50", (51, None)),
    ("More Than 20", (21, None)),
    ("above 50", (51, None)),
    ("in excess of 50", (51, None)),
    ("well over 100", (101, None)),
    ("at least 8", (8, None)),
    ("At least eleven", (11, None)),
    ("no fewer than 8", (8, None)),
    ("not less than 8", (8, None)),
    ("a minimum of 8", (8, None)),
    ("upwards of 8", (8, None)),
    ("8 or more", (8, None)),
    ("8-plus", (8, None)),
    ("8+", (8, None)),
    ("an estimated 80", (80, 80)),
    ("estimated 80", (80, 80)),
    ("about 80", (80, 80)),
    ("around 80", (80, 80)),
    ("nearly 80", (80, 80)),
    ("almost 80", (80, 80)),
    ("approximately 80", (80, 80)),
    ("approx. 80", (80, 80)),
    ("some 80", (80, 80)),
    ("roughly 80", (80, 80)),
    ("close to 80", (80, 80)),
    ("80 or so", (80, 80)),
    ("a total of 80", (80, 80)),
    ("6-14", (6, 14)),
    ("6 – 14", (6, 14)),
    ("6 to 14", (6, 14)),
    ("between 6 and 14", (6, 14)),
    ("between six and fourteen", (6, 14)),
    ("from 6 to 14", (6, 14)),
    ("6 or 7", (6, 7)),
    ("six or seven", (6, 7)),
    ("two-three", (2, 3)),
    ("about 10-12", (10, 12)),
    ("up to 14", (None, 14)),
    ("as many as 14", (None, 14)),
    ("at most 14", (None, 14)),
    ("no more than 14", (None, 14)),
    ("14 or fewer", (None, 14)),
    ("fewer than 10", (None, 9)),
    ("less than 10", (None, 9)),
    ("under 10", (None, 9)),
    ("just under 10", (None, 9)),
    ("a dozen", (12, 12)),
    ("half a dozen", (6, 6)),
    ("two dozen", (24, 24)),
    ("over a dozen", (13, None)),
    ("nearly two dozen", (24, 24)),
    ("a hundred", (100, 100)),
    ("a couple", (2, 2)),
    ("a couple of", (2, 2)),
    ("a few", (2, None)),
    ("several", (3, None)),
    ("dozens", (24, None)),
    ("dozens of", (24, None)),
    ("scores of", (40, None)),
    ("hundreds", (200, None)),
    ("thousands", (2000, None)),
    ("tens of thousands", (20000, None)),
    ("hundreds of thousands", (200000, None)),
    ("several hundred", (300, None)),
    ("a few dozen", (24, None)),
    ("Thirty-three", (33, 33)),
    ("one hundred and fifteen", (115, 115)),
    ("Twenty nine", (29, 29)),
    ("TWENTY-NINE", (29, 29)),
    ("one", (1, 1)),
]


@pytest.mark.parametrize(("phrase", "expected"), PHRASES)
def test_parse_quantity_conventions(phrase: str, expected: tuple[int | None, int | None]) -> None:
    assert parse_quantity(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    ["a", "an", "people", "", "AK-47", "12-year-old", "4th", "1990s", "10 pm", "3.45am", "no one", "two and"],
)
def test_parse_quantity_rejects_non_quantities(phrase: str) -> None:
    assert parse_quantity(phrase) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("thirty-three", 33),
        ("one hundred and fifteen", 115),
        ("Twenty nine", 29),
        ("a dozen", 12),
        ("1,000", 1000),
        ("two", 2),
        ("one", 1),
        ("zero", 0),
        ("eleven hundred", 1100),
        ("three thousand five hundred", 3500),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("  Forty-Two ", 42),
    ],
)
def test_word_to_int(text: str, value: int) -> None:
    assert word_to_int(text) == value


@pytest.mark.parametrize("text", ["a", "an", "", "two three", "dozens", "several", "people", "1,00,0"])
def test_word_to_int_rejects(text: str) -> None:
    assert word_to_int(text) is None


def _spans(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(q.text, q.low, q.high) for q in find_quantities(text)]


def test_offsets_point_at_the_text_with_its_qualifier() -> None:
    text = "Police said at least 8 people died and more than twenty were hurt."
    quantities = find_quantities(text)
    assert [(q.low, q.high) for q in quantities] == [(8, None), (21, None)]
    for quantity in quantities:
        assert text[quantity.start : quantity.end] == quantity.text
    assert quantities[0].text == "at least 8"
    assert quantities[1].text == "more than twenty"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thirty-three were killed along with one hundred and fifteen wounded.",
            [("Thirty-three", 33, 33), ("one hundred and fifteen", 115, 115)],
        ),
        (
            "The blast killed 14 and injured dozens, officials said.",
            [("14", 14, 14), ("dozens", 24, None)],
        ),
        (
            "Between six and 14 villagers were abducted, up to 30 according to elders.",
            [("Between six and 14", 6, 14), ("up to 30", None, 30)],
        ),
        (
            "An estimated 80 people died; nearly 200 were hurt and some 40 are missing.",
            [("An estimated 80", 80, 80), ("nearly 200", 200, 200), ("some 40", 40, 40)],
        ),
        (
            "Each attacker carried one AK 47 rifle, six magazines and 17 grenades.",
            [("one", 1, 1), ("47", 47, 47), ("six", 6, 6), ("17", 17, 17)],
        ),
        ("They had supplies for two three days.", [("two three", 2, 3)]),
        ("Over 1,200 pilgrims were stranded.", [("Over 1,200", 1201, None)]),
        ("Six or seven gunmen escaped.", [("Six or seven", 6, 7)]),
        ('The toll (about 80) rose to "at least 95".', [("about 80", 80, 80), ("at least 95", 95, None)]),
        ("Fewer than ten students were inside.", [("Fewer than ten", None, 9)]),
        ("Half a dozen shops and a couple of cars burned.", [("Half a dozen", 6, 6), ("a couple", 2, 2)]),
    ],
)
def test_find_quantities_in_sentences(text: str, expected: list[tuple[str, int | None, int | None]]) -> None:
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A 12-year-old boy and a two-day-old infant were among the victims.",
        "The attack began at 3.45am and ended at 10 pm.",
        "Talks resumed at 10:30 in the morning.",
        "An F-16 and a COVID-19 ward were mentioned in the 1990s report.",
        "He was the 4th and the 21st victim.",
        "No one was hurt, and someone called the police.",
        "The fighters were often seen near the tent.",
        "Moreover, the police station was attacked.",
        "It was a three-member team.",
        "The siege began at around 10 00pm and ended at 11 30 am.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_years_are_returned_and_flagged_by_is_year_like() -> None:
    quantities = find_quantities("In 2016, 12 people were killed and 2,016 more fled; over 2000 came back.")
    assert [(q.text, is_year_like(q)) for q in quantities] == [
        ("2016", True),
        ("12", False),
        ("2,016", False),
        ("over 2000", False),
    ]
    assert not is_year_like(Quantity(1850, 1850, 0, 4, "1850"))
    assert not is_year_like(Quantity(2016, None, 0, 7, "2016+"))


def test_days_of_month_are_not_counts() -> None:
    text = "On May 23, 12 people died; on 3 March militants killed 4 and on Dec. 9 police shot 2 dead."
    assert _spans(text) == [("12", 12, 12), ("4", 4, 4), ("2", 2, 2)]
    # the year of a full date is still returned, for the caller to drop with is_year_like
    assert [(q.text, is_year_like(q)) for q in find_quantities("the November 26, 2011 strike killed 25")] == [
        ("2011", True),
        ("25", False),
    ]


def test_inverted_hyphen_range_keeps_the_first_number() -> None:
    assert _spans("The 2015-16 budget") == [("2015", 2015, 2015)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rescuers said 9people were missing.", [("9", 9, 9)]),
        ("The blast killed at least 14persons near the gate.", [("at least 14", 14, None)]),
        ("Eight were killed and 31injured.", [("Eight", 8, 8), ("31", 31, 31)]),
        (
            "Police counted 4 dead and 12wounded, and 3others fled.",
            [("4", 4, 4), ("12", 12, 12), ("3", 3, 3)],
        ),
        ("Over 20civilians died.", [("Over 20", 21, None)]),
    ],
)
def test_a_count_glued_to_the_noun_it_counts_is_read(
    text: str, expected: list[tuple[str, int | None, int | None]]
) -> None:
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text",
    ["The 9mm pistol and the 3rd round.", "The 4x4s carried 12kg of explosives.", "In the 1980s, 11peoples"],
)
def test_a_count_glued_to_other_letters_is_not_read(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AT LEAST 8 DIED", [("AT LEAST 8", 8, None)]),
        ("At least Seven people died.", [("At least Seven", 7, None)]),
        ("Over Fifty were hurt.", [("Over Fifty", 51, None)]),
        ("MORE THAN TWENTY died.", [("MORE THAN TWENTY", 21, None)]),
        ("Up To Ten were hurt.", [("Up To Ten", None, 10)]),
        ("An Estimated Eighty fled.", [("An Estimated Eighty", 80, 80)]),
        ("No Fewer Than Six died.", [("No Fewer Than Six", 6, None)]),
    ],
)
def test_qualifier_and_number_words_in_any_case(
    text: str, expected: list[tuple[str, int | None, int | None]]
) -> None:
    assert _spans(text) == expected


def test_is_vague() -> None:
    vague = {
        q.text: is_vague(q) for q in find_quantities("dozens died, 7 were hurt, several fled, 3-4 missing")
    }
    assert vague == {"dozens": True, "7": False, "several": True, "3-4": False}


def test_number_pattern_has_no_groups_and_embeds() -> None:
    assert re.compile(NUMBER_PATTERN).groups == 0
    killed = re.compile(rf"\bkill(?:ed|ing)\s+(?P<count>{NUMBER_PATTERN})\s+people", re.IGNORECASE)
    for phrase in ("killed at least 28 people", "Killing Twenty Nine people", "killed 6-14 people"):
        match = killed.search(phrase)
        assert match is not None
        assert parse_quantity(match.group("count")) is not None
    assert killed.search("killed AK-47 people") is None
    # usable without a group of its own around it
    bare = re.compile(rf"wounded {NUMBER_PATTERN} others", re.IGNORECASE)
    assert bare.search("wounded dozens others") is not None
    assert bare.search("dozens") is None


def test_find_quantities_scales_to_long_texts() -> None:
    # Not timed: a quadratic scan would make this half-million-character text take minutes, not milliseconds.
    sentence = "At least 12 people, including three children, were killed and about 40 wounded on Sunday. "
    quantities = find_quantities(sentence * 5000)
    assert len(quantities) == 15000
    assert quantities[-1].text == "about 40"
    assert quantities[-1].start == len(sentence) * 4999 + sentence.index("about 40")


def test_offsets_survive_text_whose_lower_case_is_longer() -> None:
    # "İ".lower() is two characters: the scanner must keep the original offsets.
    text = "İSTANBUL: at least Twelve people and 3 guards died."
    quantities = find_quantities(text)
    assert _spans(text) == [("at least Twelve", 12, None), ("3", 3, 3)]
    assert all(text[q.start : q.end] == q.text for q in quantities)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("1.5 million", (1_500_000, 1_500_000)),
        ("more than 2.3 million", (2_300_001, None)),
        ("some 40 thousand", (40_000, 40_000)),
        ("upward of 200", (200, None)),
    ],
)
def test_digits_times_a_scale_word_and_upward_of(
    phrase: str, expected: tuple[int | None, int | None]
) -> None:
    assert parse_quantity(phrase) == expected
    (found,) = find_quantities(f"Officials said {phrase} people had fled.")
    assert (found.low, found.high, found.text) == (*expected, phrase)


def test_a_decimal_without_a_scale_word_is_still_no_count() -> None:
    assert find_quantities("The blast left a crater 2.5 metres deep.") == []


@pytest.mark.parametrize(
    "text",
    ["On the night of 11-12 June, gunmen killed four guards.", "Gunmen killed four guards on June 11-12."],
)
def test_a_span_of_days_beside_a_month_is_no_count(text: str) -> None:
    assert [(q.low, q.high) for q in find_quantities(text)] == [(4, 4)]
