"""Claims, anaphora and attribution in whole reports of kinds the eval sets do not hold (written for
these tests)."""

from __future__ import annotations

from loader.extract.pipeline import extract_document
from loader.model import ExtractedDocument
from loader.read import read_bytes


def extract(text: str, **options: str) -> ExtractedDocument:
    return extract_document(read_bytes(text.encode("utf-8"), name="report.txt", **options))


def test_linked_group_resolves_to_the_passage_group_not_the_one_it_is_linked_to() -> None:
    doc = extract(
        "NAIROBI, June 2, 2019 - Al-Shabaab fighters stormed a police post in Mandera, killing five officers, "
        "a regional commissioner said. Al-Qaeda has backed the Somali insurgents for a decade.\n\n"
        "The al-Qaeda-linked group claimed responsibility for the raid in a radio broadcast."
    )
    (claim,) = [c for c in doc.claims if c.kind == "responsibility"]
    assert (claim.claimant, claim.claimant_kind) == ("al-Shabaab", "group")
    assert doc.incidents[0].perpetrator == "al-Shabaab"


def test_jihadist_group_and_affiliate_resolve_to_the_passage_group() -> None:
    doc = extract(
        "ISWAP fighters overran an army base near Baga on Sunday, killing 14 soldiers, military sources said. "
        "The jihadist group said its fighters seized weapons. Separately, the Islamic State affiliate "
        "claimed responsibility for a bombing in Konduga."
    )
    by_kind = {c.kind: c.claimant for c in doc.claims if c.claimant_kind == "group"}
    assert by_kind.get("statement") == "Islamic State West Africa Province"
    assert by_kind.get("responsibility") == "Islamic State West Africa Province"


def test_blamed_group_is_the_perpetrator_and_a_rejection_answers_the_allegation() -> None:
    doc = extract(
        "KABUL, May 4, 2018 - A suicide bomber blew himself up outside a voter registration centre in Kabul, "
        "killing 31 people, police said.\n\n"
        "Afghan officials blamed the Haqqani network for the bombing. A Taliban spokesman rejected the "
        "accusation as propaganda."
    )
    (incident,) = doc.incidents
    assert (incident.perpetrator, incident.attribution, incident.responsibility_claimed) == (
        "Haqqani network",
        "attributed",
        False,
    )
    kinds = [(c.kind, c.about, c.responds_to) for c in doc.claims]
    allegation = next(i for i, c in enumerate(doc.claims) if c.kind == "allegation")
    assert ("allegation", "Haqqani network", None) in kinds
    denial = next(c for c in doc.claims if c.kind == "denial")
    assert (denial.about, denial.responds_to) == ("Haqqani network", allegation)


def test_suspected_party_unknown_to_the_reference_list_is_the_perpetrator() -> None:
    doc = extract(
        "COLOMBO, July 9, 1998 - A bomb exploded on a crowded train near Colombo, killing 14 passengers, "
        "police said. No group claimed the attack, but police suspected the National Liberation Front "
        "of Lanka. A spokesman for the front denied it was involved."
    )
    (incident,) = doc.incidents
    assert (incident.perpetrator, incident.attribution) == ("National Liberation Front of Lanka", "suspected")
    allegation = next(i for i, c in enumerate(doc.claims) if c.kind == "allegation")
    denial = next(c for c in doc.claims if c.kind == "denial")
    assert denial.responds_to == allegation
    assert denial.about == "National Liberation Front of Lanka"


def test_a_person_accused_is_not_a_group() -> None:
    doc = extract(
        "QUETTA, May 1, 2006 - A rocket hit a paramilitary camp in Kohlu, killing four soldiers, officials said. "
        "The government accused Nawab Khan Marri of ordering the attack."
    )
    assert doc.incidents[0].perpetrator is None


def test_a_party_spokesman_denial_is_about_the_party() -> None:
    doc = extract(
        "KARACHI, March 3, 1995 - Gunmen killed six people at a tea stall in Karachi on Friday, police said. "
        "Police suspected the Muttahida Qaumi Movement. An MQM spokesman denied the party was involved."
    )
    denial = next(c for c in doc.claims if c.kind == "denial")
    assert (denial.claimant_kind, denial.about, denial.quote) == (
        "person",
        "Muttahida Qaumi Movement",
        "the party was involved",
    )
    assert doc.incidents[0].perpetrator == "Muttahida Qaumi Movement"


def test_the_speaker_of_an_attribution_never_sets_the_target() -> None:
    doc = extract(
        "Gunmen killed 11 people in a raid on a farming village in Zamfara state, local officials said on Monday. "
        "The attackers set fire to homes, said Musa Bello, a local councillor."
    )
    (incident,) = doc.incidents
    assert incident.target_type == "private_citizens"
    assert [c.claimant for c in doc.claims] == ["local officials", "Musa Bello"]


def test_possessive_owner_is_not_a_person_name() -> None:
    doc = extract(
        "India's foreign ministry rejected the charge as baseless. Nigeria's army said troops killed 12 militants."
    )
    assert [c.claimant for c in doc.claims] == ["India's foreign ministry", "Nigeria's army"]


def test_apposition_names_the_militia_and_a_self_denial_is_about_the_denier() -> None:
    doc = extract(
        "MOPTI, Mali, June 12, 2019 - Gunmen killed 35 villagers in Sobane Da on Sunday night, officials said. "
        "A government statement blamed the massacre on Dan Na Ambassagou, a Dogon militia. "
        "The militia denied it had carried out the killings."
    )
    allegation = next(i for i, c in enumerate(doc.claims) if c.kind == "allegation")
    assert doc.claims[allegation].about == "Dan Na Ambassagou"
    denial = next(c for c in doc.claims if c.kind == "denial")
    assert (denial.claimant, denial.claimant_kind, denial.about, denial.responds_to) == (
        "Dan Na Ambassagou",
        "group",
        "Dan Na Ambassagou",
        allegation,
    )
    assert doc.incidents[0].perpetrator == "Dan Na Ambassagou"


def test_a_denial_and_a_counter_accusation_by_the_same_speaker() -> None:
    doc = extract(
        "A bomb killed nine people at a bus station in Qamishli on Monday, a monitor said. Turkish officials "
        "accused the PKK of planting it. The PKK denied the accusation and blamed the attack on the Islamic State group."
    )
    kinds = [(c.claimant, c.kind, c.about) for c in doc.claims]
    assert ("Kurdistan Workers' Party", "denial", "Kurdistan Workers' Party") in kinds
    assert ("Kurdistan Workers' Party", "allegation", "Islamic State") in kinds


def test_deed_planned_by_a_group_in_a_later_paragraph() -> None:
    doc = extract(
        "NEW DELHI, March 2, 2009 - A court convicted three men over the bombing of a cinema in Ludhiana "
        "that killed six people in 2007.\n\nProsecutors said the attack was planned by Babbar Khalsa "
        "International and Lashkar-e-Taiba."
    )
    assert doc.incidents[0].perpetrator == "Lashkar-e-Taiba"


def test_ranked_event_is_a_new_incident() -> None:
    doc = extract(
        "Attacks by armed groups killed 300 civilians in the province in 2020, the report said.\n\n"
        "In the deadliest attack, gunmen killed 47 worshippers at a mosque in Tillia on March 21, 2020."
    )
    # The yearly total is no incident; the deadliest attack is one of its own.
    assert [i.killed_low for i in doc.incidents] == [47]


def test_observatory_is_no_person() -> None:
    doc = extract("The Britain-based Syrian Observatory for Human Rights said the toll was likely to rise.")
    assert doc.claims[0].claimant_kind != "person"


def test_military_media_wing_is_the_ispr_and_the_exchange_of_fire_refers_back() -> None:
    doc = extract(
        "Militants fired upon a border post in Angoor Adda on Sunday night, the ISPR said.\n\n"
        "During the exchange of fire, two militants were killed, the military's media wing said."
    )
    (incident,) = doc.incidents
    assert (incident.attack_type, incident.target_type, incident.killed_low) == (
        "armed_assault",
        "military",
        2,
    )
    assert {c.claimant for c in doc.claims} == {"Inter-Services Public Relations"}


def test_table_rows_are_incidents_read_by_their_columns() -> None:
    text = (
        "Attacks on aid convoys, 2014\n\n"
        "| Date | Location | Details | Deaths | Injured |\n"
        "|---|---|---|---|---|\n"
        "| 3 April 2014 | Kandahar | Gunmen ambushed a World Food Programme convoy; the Taliban claimed it. | 4 | 2 |\n"
        "| 19 June 2014 | Herat | A roadside bomb hit a clinic vehicle. | 1 | 0 |\n"
    )
    doc = extract_document(read_bytes(text.encode("utf-8"), name="report.md"))
    rows = [
        (i.year, i.month, i.day, i.city, i.country, i.attack_type, i.killed_low, i.wounded_low, i.perpetrator)
        for i in doc.incidents
    ]
    assert rows == [
        (2014, 4, 3, "Kandahar", "AF", "armed_assault", 4, 2, "Afghan Taliban"),
        (2014, 6, 19, "Herat", "AF", "bombing", 1, 0, None),
    ]


def test_html_table_with_a_group_column() -> None:
    html = (
        "<html><body><h1>Attacks in Borno</h1><table>"
        "<tr><th>Date</th><th>Town</th><th>Attack</th><th>Killed</th><th>Group</th></tr>"
        "<tr><td>2 February 2016</td><td>Dalori</td><td>Gunmen and suicide bombers attacked the village.</td>"
        "<td>86</td><td>Boko Haram</td></tr>"
        "</table></body></html>"
    )
    doc = extract_document(read_bytes(html.encode("utf-8"), name="page.html"))
    (incident,) = doc.incidents
    assert (
        incident.year,
        incident.month,
        incident.day,
        incident.city,
        incident.killed_low,
        incident.perpetrator,
    ) == (
        2016,
        2,
        2,
        "Dalori",
        86,
        "Boko Haram",
    )


def test_a_group_saying_its_fighters_killed_claims_the_attack_told_before() -> None:
    doc = extract(
        "GARISSA, Kenya, May 5, 2015 - Al-Shabaab gunmen attacked a quarry near Mandera, killing 12 workers, "
        "police said.\n\nThe Somalia-based group said in a statement that its fighters had killed 14 "
        '"invaders". A police spokesman disputed that figure, saying only 12 people died.'
    )
    (incident,) = doc.incidents
    assert (incident.perpetrator, incident.responsibility_claimed, incident.killed_low) == (
        "al-Shabaab",
        True,
        12,
    )
    responsibility = next(i for i, c in enumerate(doc.claims) if c.kind == "responsibility")
    counter = next(c for c in doc.claims if c.kind == "counter")
    assert (counter.responds_to, counter.about) == (responsibility, "al-Shabaab")


def test_unnamed_speakers_are_people_or_bodies() -> None:
    doc = extract(
        "Gunmen killed four farmers near Gao, witnesses said. The army said troops were deployed. "
        "The toll may rise, a local councillor said."
    )
    assert [(c.claimant, c.claimant_kind) for c in doc.claims] == [
        ("witnesses", "person"),
        ("army", "organisation"),
        ("local councillor", "person"),
    ]


def test_blame_but_the_group_denied() -> None:
    doc = extract(
        "Gunmen shot dead nine road workers in Kunduz province on Monday. Local officials blamed the Taliban, "
        "but the group denied responsibility."
    )
    allegation = next(i for i, c in enumerate(doc.claims) if c.kind == "allegation")
    assert (doc.claims[allegation].claimant, doc.claims[allegation].about) == (
        "Local officials",
        "Afghan Taliban",
    )
    denial = next(c for c in doc.claims if c.kind == "denial")
    assert (denial.claimant, denial.about, denial.responds_to) == (
        "Afghan Taliban",
        "Afghan Taliban",
        allegation,
    )
    assert doc.incidents[0].perpetrator == "Afghan Taliban"
