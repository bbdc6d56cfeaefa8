"""Tolls of one clause, on sentences written for these tests (not taken from the eval sets)."""

import pytest

from loader.extract.casualties import clause_toll

CASES = [
    ("A car bomb killed 14 people and wounded 30 near the market.", (14, 14), (30, 30)),
    ("Gunmen stormed the hotel, killing at least 9 guests.", (9, None), None),
    ("More than 20 people were killed when the blast hit the bus.", (21, None), None),
    ("The explosion left an estimated 45 dead and dozens injured.", (45, 45), (24, None)),
    ("Eleven soldiers and three civilians were killed in the ambush.", (14, 14), None),
    (
        "At least 6 people, including two children, were killed and 12 others were injured.",
        (6, None),
        (12, 12),
    ),
    ("A policeman was killed and two passers-by were wounded.", (1, 1), (2, 2)),
    ("Militants shot dead a tribal elder along with his son.", (2, 2), None),
    ("Up to 14 people died in the attack.", (None, 14), None),
    ("Between 6 and 14 villagers were killed.", (6, 14), None),
    ("The governor was killed in a roadside bombing in 2009 along with three guards.", (4, 4), None),
    # a typo glues the count to its noun
    ("A truck bomb hit the depot, killing 23people, most of them guards.", (23, 23), None),
    ("Six were killed and 14injured when the roof fell.", (6, 6), (14, 14)),
    # one person who "sustained injuries", named or with an article; not a plural or unclear subject
    ("Deputy Superintendent Akbar Shah sustained injuries in the exchange of fire.", None, (1, 1)),
    ("Four guards were killed while a cook received bullet wounds.", (4, 4), (1, 1)),
    ("One guard was killed and another suffered serious injuries.", (1, 1), (1, 1)),
    ("Levies personnel sustained injuries in the attack.", None, None),
    ("Villagers sustained injuries when the roof fell.", None, None),
    ("Zahir Khan and his nephew sustained injuries.", None, None),
    ("She sustained injuries.", None, None),
    # "along with N": companions of the dead, not the start of the next count; unless they have their own verb
    (
        "The district mayor, a critic of the militants, was killed along with two guards and five "
        "passers-by were hurt.",
        (3, 3),
        (5, 5),
    ),
    ("The mayor, a critic of the militants, was shot dead, along with his two guards.", (3, 3), None),
    ("Nineteen were killed along with forty injured.", (19, 19), (40, 40)),
    ("The mayor, a critic of the militants, was killed along with 6 wounded.", (1, 1), (6, 6)),
    # conjoined objects of an active verb add up
    ("The mortar killed four herders and two boys near the stream.", (6, 6), None),
    ("Raiders shot dead three guards, two cooks, and a driver and wounded nine.", (6, 6), (9, 9)),
    ("The mine killed 2 soldiers and a porter.", (3, 3), None),
    ("A grenade wounded five shoppers and one vendor.", None, (6, 6)),
    ("The rocket killed three boys and injured two girls and a teacher.", (3, 3), (3, 3)),
    # ... but not an apposition that breaks the total down, nor a count with its own verb
    ("The blast killed 12 people, 8 pilgrims and 4 guards.", (12, 12), None),
    ("The raid killed 9 guards, 5 from the army and 4 from the police.", (9, 9), None),
    ("The bomb killed four guards and two others were hurt.", (4, 4), (2, 2)),
    ("The bomb killed 3 people, including a child and a guard.", (3, 3), None),
    # attackers named beside victims: the victims' toll, as in the passive reading
    ("The firefight killed two soldiers and five militants.", (2, 2), None),
    ("The wounded, who sustained injuries in the blast, were moved to Peshawar.", None, None),
]


@pytest.mark.parametrize(("sentence", "killed", "wounded"), CASES)
def test_clause_toll(sentence: str, killed: tuple | None, wounded: tuple | None) -> None:
    toll = clause_toll(sentence)
    assert toll.killed == killed
    assert toll.wounded == wounded


def test_totals_over_several_incidents_are_not_one_incidents_toll() -> None:
    assert (
        clause_toll("Nine people were killed in three separate attacks across the province.").killed is None
    )


def test_also_killed_is_kept_apart_for_adding() -> None:
    toll = clause_toll("Three attackers were also killed in the exchange of fire.")
    assert toll.also_killed == (3, 3)
    assert toll.killed is None


def test_years_and_non_casualty_numbers_are_ignored() -> None:
    toll = clause_toll("In 2016, police arrested 16 suspects and rescued 250 students.")
    assert toll.killed is None and toll.wounded is None


def test_named_soldier_who_embraced_martyrdom_is_one_dead() -> None:
    from loader.extract.casualties import clause_toll

    assert clause_toll("Naik Sher Khan embraced shahadat when the post came under fire.").killed == (1, 1)
    assert clause_toll("Sepoy Ali Raza, 23, embraced martyrdom during the raid.").killed == (1, 1)
