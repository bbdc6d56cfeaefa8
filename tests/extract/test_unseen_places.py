"""Ambiguous place names in texts about countries the gazetteer has no curated data for: the reading
in the country the text is about wins. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from loader.extract.places import Gazetteer, gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def places(gaz: Gazetteer, text: str) -> dict[str, tuple[str, str, str | None]]:
    return {m.text: (m.place.kind, m.place.country, m.place.admin1) for m in gaz.find(text)}


def test_a_foreign_province_does_not_stand_for_an_unknown_town_beside_a_known_province(
    gaz: Gazetteer,
) -> None:
    # "Thurgau" is only a Swiss canton in the gazetteer; the sentence is about Jammu and Kashmir.
    text = (
        "Gunmen stormed a camp in Thurgau in Jammu and Kashmir's Baramulla district, killing five soldiers."
    )
    found = places(gaz, text)
    assert "Thurgau" not in found
    assert found["Jammu and Kashmir"] == ("admin1", "IN", "Jammu and Kashmir")


def test_a_town_beside_its_province_beats_a_foreign_province_of_the_same_name(gaz: Gazetteer) -> None:
    # "Uri": a Swiss canton and a town of 9,000 people in Jammu and Kashmir
    text = "Gunmen stormed a camp in Uri in Jammu and Kashmir's Baramulla district, killing five soldiers."
    assert places(gaz, text)["Uri"] == ("city", "IN", "Jammu and Kashmir")


def test_a_village_of_the_country_of_the_text_does_not_take_a_world_city_name(gaz: Gazetteer) -> None:
    text = "American officials flew to Paris for talks after the shooting in Chicago."
    assert places(gaz, text)["Paris"][:2] == ("city", "FR")


def test_a_foreign_province_stays_where_nothing_else_places_the_text(gaz: Gazetteer) -> None:
    assert places(gaz, "Farmers in Thurgau protested against the new road.")["Thurgau"][:2] == (
        "admin1",
        "CH",
    )


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("A bomb went off in Hyderabad, Sindh, on Friday.", "Hyderabad", ("city", "PK", "Sindh")),
        ("A bomb went off in Hyderabad, Telangana, on Friday.", "Hyderabad", ("city", "IN", "Telangana")),
        ("Troops in Punjab, India, were put on alert.", "Punjab", ("admin1", "IN", "Punjab")),
        ("Police in Lahore, Punjab, arrested two men.", "Punjab", ("admin1", "PK", "Punjab")),
        (
            "Bushfires spread across Victoria, Australian officials said.",
            "Victoria",
            ("admin1", "AU", "Victoria"),
        ),
        ("A stall was set alight in Victoria, Hong Kong.", "Victoria", ("city", "HK", None)),
        ("Protests in Georgia grew as Russian troops massed nearby.", "Georgia", ("country", "GE", None)),
    ],
)
def test_ambiguous_names_go_to_the_country_of_their_context(
    gaz: Gazetteer, text: str, name: str, expected: tuple[str, str, str | None]
) -> None:
    assert places(gaz, text)[name] == expected


def test_a_country_named_by_a_town_of_the_text_settles_a_twin_name(gaz: Gazetteer) -> None:
    # Tripoli is in Libya and in Lebanon; the sentence's other place (Sirte, and the province it is in)
    # is Libyan, the biggest Tripoli is Libyan too: Lebanese context must make it the Lebanese one.
    lebanese = places(gaz, "Clashes in Tripoli spread to Akkar province, the Lebanese army said.")
    assert lebanese["Tripoli"][:2] == ("city", "LB")
    libyan = places(gaz, "Clashes in Tripoli spread to Sirte, the Libyan army said.")
    assert libyan["Tripoli"][:2] == ("city", "LY")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Jihadists overran an army post in Mali on Sunday.", "Mali", "ML"),
        ("Fighters crossed from Nigeria into Chad overnight.", "Chad", "TD"),
        ("Insurgents in Mozambique burned a village.", "Mozambique", "MZ"),
        ("A parcel bomb exploded in Amman on Tuesday.", "Amman", "JO"),
        ("A grenade was thrown at a shrine in Bangkok.", "Bangkok", "TH"),
        ("Militias shelled the airport in Tripoli, Libya.", "Tripoli", "LY"),
    ],
)
def test_countries_and_capitals_spelled_like_dictionary_words_are_places(
    gaz: Gazetteer, text: str, name: str, country: str
) -> None:
    assert places(gaz, text)[name][1] == country


def test_the_lower_case_word_is_still_no_place(gaz: Gazetteer) -> None:
    assert places(gaz, "The china cabinet and the chad of the ballot were looted.") == {}


def test_a_word_before_an_arabic_article_name_is_the_start_of_a_longer_name(gaz: Gazetteer) -> None:
    found = places(gaz, "Shells fell near the Bab al-Hawa crossing and on Al-Bab town, Syrian monitors said.")
    assert "Bab" not in found
    assert found["Al-Bab town"][:2] == ("city", "SY")
    # a capital before a group's name is still the capital
    assert places(gaz, "A bomb in Baghdad al-Qaeda claimed")["Baghdad"][1] == "IQ"


def test_a_town_abroad_is_found_under_a_transliteration_of_its_name(gaz: Gazetteer) -> None:
    # geonames spells it "I'zaz"; news writes "Azaz"
    assert places(gaz, "A car bomb exploded in the Syrian town of Azaz.")["Azaz"][:2] == ("city", "SY")


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Police in Atlanta, Georgia, said the gunman was armed.",
            ("city", "US", "Georgia"),
            ("admin1", "US", "Georgia"),
        ),
        ("Troops in Tbilisi, Georgia, were on alert.", ("city", "GE", "Tbilisi"), ("country", "GE", None)),
        (
            "Clashes in Tripoli, Lebanon, and Benghazi, Libya, killed ten.",
            ("city", "LB", None),
            ("country", "LB", None),
        ),
        ("A blast in Victoria, Texas, hurt two.", ("city", "US", "Texas"), ("admin1", "US", "Texas")),
        ("Curfew was imposed in Punjab, India.", ("admin1", "IN", "Punjab"), ("country", "IN", None)),
    ],
)
def test_a_place_qualified_by_its_province_or_country(
    gaz: Gazetteer, text: str, first: tuple[str, str, str | None], second: tuple[str, str, str | None]
) -> None:
    found = list(places(gaz, text).values())
    assert found[0] == first
    assert found[1] == second


def test_a_small_town_abroad_inside_a_building_name_is_no_place(gaz: Gazetteer) -> None:
    text = (
        "A bomb went off inside the Church of Our Lady of Mount Carmel in Jolo town, "
        "in the southern Philippines."
    )
    found = places(gaz, text)
    assert "Mount Carmel" not in found
    assert found["Jolo town"][:2] == ("city", "PH")
    # where nothing else places the text, the name of several words stands
    assert places(gaz, "A gunman opened fire in Mount Carmel, police said.")["Mount Carmel"][1] == "US"
