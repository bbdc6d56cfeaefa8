"""Rules of the extraction stage for texts nobody tuned it on: the year a title or a copyright notice
gives, a direction before a city, a place the deed is done to, a dateline abroad, totals over a year,
and tolls that count the attackers first. Every text is written for these tests."""

from __future__ import annotations

import pytest

from loader.extract.pipeline import _title_year, extract_document
from loader.model import ExtractedDocument, Incident
from loader.read import read_bytes


def extract(text: str, name: str = "report.txt", **options: str) -> ExtractedDocument:
    return extract_document(read_bytes(text.encode("utf-8"), name=name, **options))


def only(doc: ExtractedDocument) -> Incident:
    (incident,) = doc.incidents
    return incident


# --- 1. the year of a title or a copyright notice -------------------------------------------------
@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Attacks in Burkina Faso, 2019", 2019),
        ("2021 attacks on schools in Niger", 2021),
        ("Militant violence in Mozambique (2020)", 2020),
        ("Attacks in Mali, 2017-2019", None),
        ("Attacks in Mali from 2017 to 2019", None),
        ("Timeline of attacks in Kenya since 2011", None),
        ("Attacks in Mali", None),
        (None, None),
    ],
)
def test_a_title_year_is_one_year_stated_once(title: str | None, year: int | None) -> None:
    assert _title_year(title) == year


def test_a_title_year_dates_month_day_dates_when_there_is_no_publication_date() -> None:
    doc = extract(
        "# Attacks in Burkina Faso, 2019\n\n"
        "On March 4, gunmen killed 14 worshippers at a church in Djibo.\n\n"
        "On June 9, a roadside bomb killed six soldiers near Dori.\n",
        name="list.md",
    )
    assert [(i.year, i.month, i.day) for i in doc.incidents] == [(2019, 3, 4), (2019, 6, 9)]


def test_a_title_year_leading_the_title_dates_a_month_day_date() -> None:
    doc = extract(
        "# 2018 attacks in northern Mozambique\n\nOn May 27, insurgents beheaded ten villagers in Olumbi.\n",
        name="list.md",
    )
    assert (only(doc).year, only(doc).month, only(doc).day) == (2018, 5, 27)


def test_a_title_never_overrides_a_publication_date() -> None:
    doc = extract(
        "# Attacks in Burkina Faso, 2019\n\nOn March 4, gunmen killed 14 worshippers at a church in Djibo.\n",
        name="list.md",
        published="2021-05-01",
    )
    assert (only(doc).year, only(doc).month, only(doc).day) == (2021, 3, 4)


def test_a_title_with_a_span_of_years_dates_nothing() -> None:
    doc = extract(
        "# Attacks in Mali, 2017-2019\n\nOn March 4, gunmen killed 14 villagers near Mopti.\n", name="list.md"
    )
    assert (only(doc).year, only(doc).month, only(doc).day) == (None, 3, 4)


def test_the_year_of_a_copyright_notice_dates_an_undated_report() -> None:
    doc = extract(
        "Gunmen killed four police officers at a checkpoint in Maiduguri on Sunday, officials said.\n\n"
        "Copyright 2003 The Example Wire. All rights reserved.\n"
    )
    assert only(doc).year == 2003


# --- 2. a direction before a city -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "where"),
    [
        (
            "A suicide bomber killed 12 people at a mosque in western Kabul on Friday.",
            ("AF", "Kabul", "Kabul"),
        ),
        ("A car bomb killed nine people in central Baghdad on Monday.", ("IQ", "Baghdad", "Baghdad")),
        ("Gunmen killed four police officers in northern Mosul on Tuesday.", ("IQ", "Ninawa", "Mosul")),
        ("Gunmen killed four police officers in western Afghanistan on Tuesday.", ("AF", None, None)),
        ("A bomb killed seven people in southern Punjab on Tuesday.", ("PK", "Punjab", None)),
        ("A bomb killed seven people in western Herat province on Tuesday.", ("AF", "Herat", None)),
    ],
)
def test_a_direction_narrows_a_city_but_a_country_or_province_stays_a_region(
    sentence: str, where: tuple[str | None, str | None, str | None]
) -> None:
    incident = only(extract(sentence))
    assert (incident.country, incident.admin1, incident.city) == where


# --- 3. a place the deed is done to ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        ("Islamic State militants attacked Mosul on Tuesday, killing 14 soldiers.", "Mosul"),
        ("Taliban fighters overran Kunduz on Monday, killing 30 police officers.", "Kunduz"),
        ("Rebels shelled Aleppo on Friday, killing 20 civilians.", "Aleppo"),
        ("Gunmen stormed Garissa University College in Garissa, killing 147 students.", "Garissa"),
        ("Boko Haram fighters raided the town of Gubio on Sunday, killing 81 villagers.", "Gubio"),
        (
            "Al-Shabaab gunmen stormed Garissa University College on Thursday, killing 147 students.",
            "Garissa",
        ),
        ("Militants attacked Kabul airport on Monday, killing 13 troops.", "Kabul"),
    ],
)
def test_a_place_attacked_is_where_it_happened(sentence: str, city: str) -> None:
    assert only(extract(sentence)).city == city


# --- 4. a dateline abroad -------------------------------------------------------------------------
def test_a_named_town_abroad_beats_an_agency_dateline() -> None:
    incident = only(
        extract(
            "BEIRUT (AP) _ A car bomb exploded in the Syrian border town of Azaz on Saturday, killing 19 "
            "people, activists said.\n"
        )
    )
    assert (incident.country, incident.city) == ("SY", "Azaz")


def test_an_unknown_town_of_another_country_gives_that_country_not_the_dateline_city() -> None:
    incident = only(
        extract(
            "BEIRUT (AP) _ A car bomb exploded in a Syrian town near the Turkish border on Saturday, killing "
            "19 people, activists said.\n"
        )
    )
    assert (incident.country, incident.city) == ("SY", None)


def test_an_agency_dateline_still_places_a_report_that_names_no_place() -> None:
    incident = only(
        extract("BEIRUT (AP) _ A car bomb exploded near a police station on Saturday, killing 19 people.\n")
    )
    assert (incident.country, incident.city) == ("LB", "Beirut")


def test_an_attack_near_a_border_does_not_get_the_dateline_city() -> None:
    incident = only(
        extract(
            "NAIROBI, Kenya (AP) — Gunmen attacked a bus near the Somali border on Tuesday, killing 10 "
            "passengers, police said.\n"
        )
    )
    assert (incident.country, incident.city) == ("KE", None)


def test_a_dated_brief_abroad_takes_the_named_place() -> None:
    doc = extract(
        "BEIRUT, LEBANON (May 3, 2015) - A car bomb exploded in the Syrian border town of Azaz, killing 19 "
        "people.\n\n"
        "BEIRUT, LEBANON (May 4, 2015) - A car bomb exploded in a Syrian village, killing 7 people.\n\n"
        "BEIRUT, LEBANON (May 5, 2015) - A car bomb exploded outside a bank, killing 3 people.\n"
    )
    assert [(i.country, i.city) for i in doc.incidents] == [("SY", "Azaz"), ("SY", None), ("LB", "Beirut")]


def test_a_dated_brief_keeps_its_dateline_when_a_foreign_country_is_named_in_passing() -> None:
    incident = only(
        extract(
            "PESHAWAR, PAKISTAN (May 3, 2015) - A roadside bomb killed 14 soldiers near Landi Kotal, a day "
            "after the Taliban vowed to fight NATO forces in Afghanistan.\n"
        )
    )
    assert incident.country == "PK"


# --- 5. a village near a known city ---------------------------------------------------------------
def test_an_unknown_village_near_a_known_city_gives_the_city() -> None:
    incident = only(
        extract("Insurgents killed 30 people in Kalari village near Maiduguri on Saturday, officials said.")
    )
    assert (incident.country, incident.admin1, incident.city) == ("NG", "Borno", "Maiduguri")


def test_a_town_of_takes_precedence_over_the_city_it_is_measured_from() -> None:
    incident = only(
        extract(
            "Insurgents killed 30 people in the town of Konduga, 35 km southeast of Maiduguri, on Saturday."
        )
    )
    assert (incident.country, incident.admin1, incident.city) == ("NG", "Borno", "Konduga")


# --- 6. totals over a year ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Attacks by the group killed 456 people in Nigeria in 2019, the report said.",
        "More than 1,000 civilians were killed in attacks in Somalia last year, the UN said.",
        "Terrorist violence claimed 2,500 lives in Pakistan in 2018.",
        "Militant attacks killed 320 people in Burkina Faso during 2020, according to the monitor.",
        "Bombings and shootings killed 85 people in Kabul over the past year, officials said.",
    ],
)
def test_a_yearly_total_is_no_incident(sentence: str) -> None:
    assert extract(sentence).incidents == []


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Two attacks on Sunday killed 12 people in Maiduguri.", 12),
        ("A suicide bomber killed 12 people at a market in Maiduguri in 2019.", 12),
        ("In 2019, gunmen attacked a village in Zamfara, killing 30 people.", 30),
        ("Bombings in Kabul killed 45 people on March 4, 2018, officials said.", 45),
    ],
)
def test_one_attack_in_a_year_stays_an_incident(sentence: str, killed: int) -> None:
    assert extract(sentence).incidents[0].killed_low == killed


def test_a_report_keeps_its_single_attack_and_drops_its_total() -> None:
    doc = extract(
        "Attacks on civilians in central Mali killed at least 456 people in 2019, the mission said in a "
        "report released on Wednesday.\n\n"
        "In the deadliest attack, gunmen killed 160 villagers in Ogossagou on March 23, 2019.\n"
    )
    assert [(i.year, i.month, i.day, i.killed_low) for i in doc.incidents] == [(2019, 3, 23, 160)]


# --- 7. the attackers counted first ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        (
            "During the exchange of fire, Naik Ali Raza embraced martyrdom, while three terrorists were killed.",
            1,
        ),
        ("Three terrorists were killed while two soldiers were martyred.", 2),
        ("Nineteen militants and seven soldiers were killed.", 7),
        ("Three terrorists were killed in the exchange of fire.", 3),
    ],
)
def test_the_victims_toll_is_the_toll_when_attackers_are_counted_beside_them(
    sentence: str, killed: int
) -> None:
    doc = extract(f"Terrorists fired upon a security forces post in Mir Ali on Sunday. {sentence}")
    assert only(doc).killed_low == killed


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # a name nobody knows says where: not the dateline's city
        ("BAMAKO: Gunmen killed 40 herders in Tagabiri on Sunday, officials said.", ("ML", None)),
        # no place named, or a name that is no place: the dateline's city
        ("BAMAKO: Gunmen killed 40 herders on Sunday, officials said.", ("ML", "Bamako")),
        ("BAMAKO: Gunmen killed 40 herders in Ramadan, officials said.", ("ML", "Bamako")),
        ("BAMAKO: Gunmen killed 40 herders in March, officials said.", ("ML", "Bamako")),
    ],
)
def test_an_unknown_place_named_for_the_attack_is_not_the_dateline_city(
    text: str, where: tuple[str, str | None]
) -> None:
    incident = only(extract(text))
    assert (incident.country, incident.city) == where


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        # a place measured from a city is the place; the city is only the reference point
        ("Insurgents killed 30 people in Konduga, 35 km southeast of Maiduguri, on Saturday.", "Konduga"),
        ("Insurgents killed 30 people in Kalari village, 20 km north of Maiduguri, on Saturday.", "Kalari"),
        ("A bomb killed five people in Mastung, 50 kilometres from Quetta, on Friday.", "Mastung"),
        # no place named but the reference: the reference city is the best location there is
        ("Insurgents killed 30 people in a village 20 km north of Maiduguri on Saturday.", "Maiduguri"),
        ("Insurgents killed 30 people in Kalari village near Maiduguri on Saturday.", "Maiduguri"),
    ],
)
def test_a_distance_reference_city_is_the_place_only_when_nothing_is_named_before_it(
    sentence: str, city: str
) -> None:
    incident = only(extract(sentence))
    assert incident.city == city
    assert incident.country == ("NG" if "Maiduguri" in sentence else "PK")
