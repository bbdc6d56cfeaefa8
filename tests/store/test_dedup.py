"""The conservative duplicate rule, on its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from loader.store.dedup import IncidentFacts, Toll, best_match, fold_place, same_incident, tolls_agree

BASE = IncidentFacts(
    date_start=date(2021, 3, 9),
    date_precision="day",
    country="AF",
    city="Mazar-i-Sharif",
    attack_type="bombing",
    killed=Toll(8, 8),
    wounded=Toll(None, None),
)


def test_place_names_fold_case_accents_and_punctuation() -> None:
    assert fold_place("Mazar-i-Sharif") == fold_place("mazar i  sharif") == "mazar i sharif"
    assert fold_place("Lâhore") == fold_place("LAHORE")
    assert fold_place(None) == ""


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (Toll(10, 10), Toll(12, 12), True),  # early and later counts
        (Toll(51, None), Toll(60, 60), True),  # 'over 50' and 60
        (Toll(6, 14), Toll(9, 9), True),  # a range and a count inside it
        (Toll(100, 100), Toll(118, 118), True),  # within 20 %
        (Toll(10, 10), Toll(40, 40), False),
        (Toll(1, 1), Toll(5, 5), False),
        (Toll(0, 0), Toll(2, 2), True),
    ],
)
def test_tolls_agree_when_close_or_overlapping(a: Toll, b: Toll, agree: bool) -> None:
    assert tolls_agree(a, b) is agree and tolls_agree(b, a) is agree


def test_the_rule_needs_day_place_type_and_toll_to_agree() -> None:
    assert same_incident(replace(BASE, killed=Toll(9, 9), city="mazar i sharif"), BASE)
    assert same_incident(replace(BASE, attack_type="unknown"), BASE)
    assert not same_incident(replace(BASE, attack_type="armed_assault"), BASE)
    assert not same_incident(replace(BASE, date_start=date(2021, 3, 10)), BASE)
    assert not same_incident(replace(BASE, date_precision="month"), replace(BASE, date_precision="month"))
    assert not same_incident(replace(BASE, city=None), replace(BASE, city=None))
    assert not same_incident(replace(BASE, country="PK"), BASE)
    assert not same_incident(replace(BASE, killed=Toll(None, None)), BASE)
    assert same_incident(replace(BASE, killed=Toll(None, None)), replace(BASE, killed=Toll(None, None)))
    # Wounded counts matter only when both sources give one.
    assert same_incident(replace(BASE, wounded=Toll(20, 20)), BASE)
    assert not same_incident(replace(BASE, wounded=Toll(20, 20)), replace(BASE, wounded=Toll(90, 90)))


def test_the_closest_toll_wins_then_the_oldest_incident() -> None:
    candidates = [(7, replace(BASE, killed=Toll(10, 10))), (3, replace(BASE, killed=Toll(8, 8))), (5, BASE)]
    assert best_match(replace(BASE, killed=Toll(8, 8)), candidates) == 3
    assert best_match(replace(BASE, city="Kabul"), candidates) is None
