"""End-to-end extraction on short reports written for these tests (not taken from the eval sets)."""

from __future__ import annotations

import pytest

from loader.extract.pipeline import extract_document
from loader.model import ExtractedDocument
from loader.read import read_bytes


def extract(text: str, **options: str) -> ExtractedDocument:
    return extract_document(read_bytes(text.encode("utf-8"), name="report.txt", **options))


def test_every_span_is_the_text_it_quotes() -> None:
    doc = extract(
        "KARACHI: Gunmen on a motorcycle shot dead two policemen in Orangi Town on Monday, police said. "
        "The Pakistani Taliban claimed responsibility for the attack in a statement.",
        published="2022-03-09",
    )
    assert doc.incidents and doc.claims
    for record in [*doc.incidents, *doc.claims]:
        assert doc.source.text[record.char_start : record.char_end] == record.quote


def test_datelined_brief_is_one_incident_with_its_dateline_date_and_place() -> None:
    doc = extract(
        "MOGADISHU, SOMALIA (March 3, 2019) - A car bomb exploded outside a hotel, killing at least 12 people "
        "and wounding 30. Al-Shabaab claimed responsibility for the attack."
    )
    (incident,) = doc.incidents
    assert (incident.year, incident.month, incident.day, incident.date_precision) == (2019, 3, 3, "day")
    assert (incident.country, incident.city) == ("SO", "Mogadishu")
    assert (incident.attack_type, incident.target_type) == ("bombing", "business")
    assert (incident.killed_low, incident.killed_high, incident.wounded_low, incident.wounded_high) == (
        12,
        None,
        30,
        30,
    )
    assert (incident.perpetrator, incident.attribution, incident.responsibility_claimed) == (
        "al-Shabaab",
        "claimed",
        True,
    )
    assert [c.kind for c in doc.claims] == ["responsibility"]


def test_enumerated_attacks_are_separate_incidents_with_the_passage_year() -> None:
    doc = extract(
        "In 2014, the Taliban attacked a school in Peshawar, killing 141 people; bombed a market in Quetta, "
        "killing 20. Later that year, Taliban fighters stormed a hotel in Kabul, killing nine guests."
    )
    places = [(i.city, i.country, i.year, i.killed_low) for i in doc.incidents]
    assert places == [("Peshawar", "PK", 2014, 141), ("Quetta", "PK", 2014, 20), ("Kabul", "AF", 2014, 9)]
    # "Taliban" means the TTP in Pakistan and the Afghan Taliban in Afghanistan.
    assert [i.perpetrator for i in doc.incidents] == [
        "Tehrik-i-Taliban Pakistan",
        "Tehrik-i-Taliban Pakistan",
        "Afghan Taliban",
    ]
    assert doc.incidents[0].date_start == "2014-01-01" and doc.incidents[0].date_end == "2014-12-31"


def test_relative_weekday_resolves_against_the_publication_date() -> None:
    doc = extract(
        "PESHAWAR: A suicide bomber blew himself up at a police checkpoint on Sunday, killing four policemen "
        "and injuring seven others, officials said.",
        published="2023-05-09",
    )
    (incident,) = doc.incidents
    assert (incident.year, incident.month, incident.day) == (2023, 5, 7)
    assert incident.suicide and incident.target_type == "police"
    assert incident.city == "Peshawar"  # only the dateline names the place


def test_news_digest_paragraph_with_attributed_statements() -> None:
    doc = extract(
        "Two soldiers were killed and three others injured when militants ambushed an army convoy in Lakki Marwat "
        "District on June 4, reports The Nation. According to officials, the attackers fled towards the mountains. "
        "A spokesman for the Tehreek-e-Taliban Pakistan, Muhammad Khurasani, claimed responsibility for the attack."
    )
    (incident,) = doc.incidents
    assert (incident.month, incident.day, incident.killed_low, incident.wounded_low) == (6, 4, 2, 3)
    assert incident.admin1 == "Khyber Pakhtunkhwa" and incident.target_type == "military"
    assert incident.perpetrator == "Tehrik-i-Taliban Pakistan" and incident.responsibility_claimed
    claimants = [(c.claimant, c.kind) for c in doc.claims]
    assert claimants == [
        ("The Nation", "statement"),
        ("officials", "statement"),
        ("Muhammad Khurasani", "responsibility"),
    ]
    assert doc.claims[2].about == "Tehrik-i-Taliban Pakistan"
    assert all(i in doc.claims[0].about_incidents for i in range(1))


def test_denied_or_unclaimed_attacks_are_not_claimed() -> None:
    doc = extract(
        "QUETTA, PAKISTAN (May 2, 2016) - A bomb killed three people near a bus stand. No group has claimed "
        "responsibility. The Balochistan Liberation Army denied any role in the blast."
    )
    (incident,) = doc.incidents
    assert not incident.responsibility_claimed
    assert incident.perpetrator is None
    assert [c.kind for c in doc.claims if c.kind == "responsibility"] == []


def test_allegation_counter_and_endorsement_are_linked() -> None:
    doc = extract(
        "The interior minister said on Monday that the group was receiving funds from abroad. "
        "The opposition leader, however, countered his argument by alleging that the group was funded at home. "
        "An independent report later upheld the minister’s position."
    )
    kinds = [c.kind for c in doc.claims]
    assert kinds == ["allegation", "counter", "endorsement"]
    assert doc.claims[1].responds_to == 0


def test_hypothetical_and_habitual_attacks_are_not_incidents() -> None:
    doc = extract(
        "Officials warned of a possible attack on polling stations. The group regularly targeted schools "
        "and markets in the province."
    )
    assert doc.incidents == []


@pytest.mark.parametrize("runs", [2])
def test_same_input_same_output(runs: int) -> None:
    text = "KABUL, AFGHANISTAN (June 1, 2017) - A truck bomb killed over 90 people near the German embassy."
    outputs = {extract(text).model_dump_json() for _ in range(runs)}
    assert len(outputs) == 1


def test_a_wire_story_is_one_incident_across_its_paragraphs() -> None:
    doc = extract(
        "MAIDUGURI, Nigeria, June 3 (Reuters) - A suicide bomber killed at least 14 people at a crowded market "
        "in northeast Nigeria on Sunday, police said, in an attack bearing the hallmarks of Boko Haram.\n\n"
        "The blast happened in the town of Konduga, 35 km southeast of Maiduguri, a police spokesman said.\n\n"
        "Boko Haram has killed more than 30,000 people since 2009, according to the United Nations.",
        published="2018-06-05",
    )
    (incident,) = doc.incidents  # the cumulative toll of the last paragraph is no incident
    assert (incident.year, incident.month, incident.day) == (2018, 6, 3)
    assert (incident.city, incident.country, incident.killed_low) == ("Konduga", "NG", 14)
    assert incident.suicide and incident.perpetrator == "Boko Haram"
    assert [(c.claimant, c.quote[:18]) for c in doc.claims][:1] == [("police", "A suicide bomber k")]


def test_an_html_page_without_its_furniture() -> None:
    page = (
        "<html><head><title>Blast kills 5 in Baghdad</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Blast kills 5 in Baghdad</h1><p>BAGHDAD: A roadside bomb exploded near a checkpoint in the "
        "Iraqi capital on Tuesday, killing five soldiers and wounding eight, security sources said.</p>"
        "<p>Islamic State claimed the attack through its Amaq news agency.</p></article>"
        "<aside><h3>Most read</h3><ul><li>Stocks rally as oil falls</li></ul></aside></body></html>"
    )
    doc = extract_document(read_bytes(page.encode(), name="page.html", published="2020-02-13"))
    (incident,) = doc.incidents
    assert (incident.city, incident.country, incident.killed_low, incident.wounded_low) == (
        "Baghdad",
        "IQ",
        5,
        8,
    )
    assert (incident.perpetrator, incident.responsibility_claimed) == ("Islamic State", True)
    assert (incident.year, incident.month, incident.day) == (2020, 2, 11)
    assert "Stocks rally" not in doc.source.text


def test_an_earlier_attack_mentioned_in_passing_is_its_own_incident() -> None:
    doc = extract(
        "QUETTA, Pakistan (AP) — Gunmen stormed a coal mine in southwestern Pakistan early Tuesday, killing nine "
        "miners and wounding four others, a senior police official said.\n\n"
        "Deputy Inspector General Nasir Ahmed said the attackers opened fire on the workers near the town of Duki "
        "in Balochistan province. The outlawed Baloch Liberation Army claimed responsibility in a statement.\n\n"
        "The attack came a day after a roadside bomb killed three soldiers in the Kech district of the same province.",
        published="2021-01-05",
    )
    mine, bombing = doc.incidents
    assert (mine.city, mine.admin1, mine.attack_type, mine.killed_low, mine.wounded_low) == (
        "Duki",
        "Balochistan",
        "armed_assault",
        9,
        4,
    )
    assert (mine.perpetrator, mine.responsibility_claimed) == ("Balochistan Liberation Army", True)
    assert (bombing.attack_type, bombing.killed_low, bombing.perpetrator) == ("bombing", 3, None)
    assert [(c.claimant, c.kind) for c in doc.claims] == [
        ("senior police official", "statement"),
        ("Nasir Ahmed", "statement"),
        ("Balochistan Liberation Army", "responsibility"),
    ]


def test_a_government_report_lists_dated_incidents() -> None:
    doc = extract(
        "Significant terrorist incidents in 2019 included:\n\n"
        "On January 21, Taliban fighters detonated a vehicle-borne improvised explosive device at a training center "
        "in Maidan Shahr, Wardak province, killing at least 126 security personnel.\n\n"
        "On August 17, an ISIS-K suicide bomber attacked a wedding hall in Kabul, killing 91 people and wounding "
        "more than 140. ISIS-K claimed responsibility."
    )
    first, second = doc.incidents
    assert (first.year, first.month, first.day, first.city, first.admin1) == (
        2019,
        1,
        21,
        "Maidan Shahr",
        "Wardak",
    )
    assert (first.killed_low, first.killed_high, first.perpetrator) == (126, None, "Afghan Taliban")
    assert (second.month, second.day, second.city, second.suicide, second.target_type) == (
        8,
        17,
        "Kabul",
        True,
        "private_citizens",
    )
    assert (second.wounded_low, second.perpetrator, second.responsibility_claimed) == (
        141,
        "Islamic State Khorasan",
        True,
    )


@pytest.mark.parametrize(
    ("sentence", "group", "known"),
    [
        ("Jaish-e-Islam claimed responsibility for the incident.", "Jaish-e-Islam", False),
        ("Tehreek-i-Taliban claimed responsibility for the attack.", "Tehrik-i-Taliban Pakistan", True),
        ("Both Jamaat-ul-Ahrar and Islamic State claimed responsibility.", "Jamaat-ul-Ahrar", True),
        (
            "A little-known group called, Jaish-ul-Muslimin, claimed responsibility.",
            "Jaish-ul-Muslimin",
            False,
        ),
    ],
)
def test_responsibility_names_known_and_unknown_groups(sentence: str, group: str, known: bool) -> None:
    doc = extract(f"LAHORE, PAKISTAN (May 2, 2017) - A bomb killed 14 passengers on a van. {sentence}")
    (incident,) = doc.incidents
    assert (incident.perpetrator, incident.responsibility_claimed) == (group, True)
    assert next(g for g in doc.groups if g.name == group).known is known


def test_digest_details_ages_codes_and_listed_victims() -> None:
    doc = extract(
        "Three people were killed in two separate incidents in Karachi on March 8, reports Dawn. The president "
        "of the party's unit for PS 114, identified as Doctor Salim Khan (61), was shot dead near his clinic. "
        "In another incident, a shopkeeper, his son and a customer were shot dead in Lyari."
    )
    first, second = doc.incidents
    assert (first.month, first.day, first.killed_low) == (3, 8, 1)  # not 114, not 61; the lede's date
    assert first.attack_type == "assassination"
    assert (second.killed_low, second.killed_high, second.month, second.day) == (3, 3, 3, 8)


def test_a_spokesman_speaks_for_his_own_group_not_its_parent() -> None:
    doc = extract(
        "At least 11 people were killed when militants attacked a courthouse in Islamabad on March 3, reports "
        "Daily Times. Meanwhile, spokesman of Ahrar ul Hind, a splinter group of TTP, Asad Mansoor claiming "
        "responsibility for the attack alleged that the judicial system was un Islamic."
    )
    (incident,) = doc.incidents
    assert (incident.perpetrator, incident.responsibility_claimed) == ("Ahrar-ul-Hind", True)
    responsibility = next(c for c in doc.claims if c.kind == "responsibility")
    assert (responsibility.claimant, responsibility.about) == ("Asad Mansoor", "Ahrar-ul-Hind")


@pytest.mark.parametrize("firing", ["opened firing", "open fire", "opened indiscriminate fire"])
def test_any_wording_of_opening_fire_is_the_deed(firing: str) -> None:
    doc = extract(
        "Levies foiled an attack on a fuel tanker in Zhob District on June 3, reports Daily Times. Sources said "
        f"two armed men {firing} on the tanker near Sambaza checkpost before they fled."
    )
    (incident,) = doc.incidents
    assert incident.attack_type == "armed_assault"
    assert incident.city == "Sambaza"


def test_a_weapon_the_attackers_took_is_not_a_prominent_victim() -> None:
    doc = extract(
        "Gunmen shot dead three Levies men and took away their official vehicle at Chaman Road of Quetta on "
        "June 3, reports Dawn."
    )
    (incident,) = doc.incidents
    assert (incident.attack_type, incident.killed_low) == ("armed_assault", 3)
    officer = extract(
        "Gunmen shot dead a senior official at his home in Quetta on June 3, reports Dawn."
    ).incidents[0]
    assert officer.attack_type == "assassination"


def test_a_victims_group_named_with_its_acronym_is_not_the_perpetrator() -> None:
    doc = extract(
        "Unknown men shot dead two persons in a village of North Waziristan on July 9, reports Dawn. Sources "
        "said that a cousin of Tehreek-e-Taliban Pakistan (TTP) commander Gul Zaman was asleep in his shop "
        "when two armed persons opened fire on him."
    )
    (incident,) = doc.incidents
    assert incident.perpetrator is None


@pytest.mark.parametrize("unit", ["Lower Kurram Agency", "Upper Orakzai Agency", "upper Kurram"])
def test_upper_and_lower_parts_of_a_district_are_in_its_province(unit: str) -> None:
    doc = extract(f"A landmine killed two shepherds in {unit} on April 4, reports The News.")
    (incident,) = doc.incidents
    assert (incident.country, incident.admin1) == ("PK", "Khyber Pakhtunkhwa")


def test_one_named_person_who_sustained_injuries_is_one_wounded() -> None:
    doc = extract(
        "Two Levies men were killed in a clash with militants near Wana on March 2, reports Dawn. The "
        "militants fired on the patrol from a hill. Levies commander Sher Ali Khan sustained injuries in the clash."
    )
    (incident,) = doc.incidents
    assert (incident.killed_low, incident.wounded_low, incident.wounded_high) == (2, 1, 1)


def test_in_the_district_is_the_district_named_before() -> None:
    doc = extract(
        "The Khairpur District president of the traders' union, identified as Ghulam Rasool (52), was shot "
        "dead outside his shop in the district on March 9, reported Dawn."
    )
    (incident,) = doc.incidents
    assert (incident.country, incident.admin1, incident.city) == ("PK", "Sindh", None)
    # a named place of the event itself wins
    doc = extract(
        "A lawyer from Khairpur District was shot dead in Lahore on March 9, reported Dawn. Police in the "
        "district said the killers fled."
    )
    (incident,) = doc.incidents
    assert (incident.admin1, incident.city) == ("Punjab", "Lahore")


@pytest.mark.parametrize(
    ("sentence", "target_type"),
    [
        ("Militants attacked a security check post in Zhob, killing three soldiers.", "military"),
        ("Militants attacked a checkpoint in Zhob, wounding four Frontier Corps personnel.", "military"),
        ("Militants attacked a check post in Zhob, killing two policemen.", "police"),
        ("Militants attacked a Levies check post in Zhob, killing two soldiers.", "police"),
    ],
)
def test_an_unowned_checkpost_is_manned_by_whoever_was_hit(sentence: str, target_type: str) -> None:
    (incident,) = extract(f"QUETTA, PAKISTAN (May 2, 2017) - {sentence}").incidents
    assert incident.target_type == target_type
