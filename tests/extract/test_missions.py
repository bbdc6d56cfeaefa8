"""UN and regional missions resolve to their own organisation, not to the body that sent them
(sentences written for these tests)."""

from __future__ import annotations

import pytest

from loader.extract.actors import actor_index
from loader.extract.pipeline import extract_document
from loader.model import ExtractedDocument
from loader.read import read_bytes

MINUSMA = "United Nations Multidimensional Integrated Stabilization Mission in Mali"
MONUSCO = "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo"


def extract(text: str) -> ExtractedDocument:
    return extract_document(read_bytes(text.encode("utf-8"), name="report.txt"))


def names(text: str) -> list[str]:
    return [m.actor.name for m in actor_index().find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets hit a camp of the UN mission MINUSMA in Timbuktu.", [MINUSMA]),
        ("A patrol of the U.N. peacekeeping mission, MINUSMA, was ambushed.", [MINUSMA]),
        ("A convoy of the UN peacekeeping mission in Mali (MINUSMA) hit a mine.", [MINUSMA, MINUSMA]),
        ("The United Nations stabilisation mission in Mali said two were hurt.", [MINUSMA]),
        ("The UN mission in Congo said rebels attacked Beni.", [MONUSCO]),
        ("MONUSCO troops repelled the attack.", [MONUSCO]),
        ("UNMISS said gunmen killed four people.", ["United Nations Mission in South Sudan"]),
        (
            "The UN force in Lebanon said a shell landed near its post.",
            ["United Nations Interim Force in Lebanon"],
        ),
        ("AMISOM said its base was attacked.", ["African Union Mission in Somalia"]),
        ("ATMIS said three soldiers died.", ["African Union Transition Mission in Somalia"]),
        ("UNAMA said six civilians died.", ["United Nations Assistance Mission in Afghanistan"]),
        # Two AU missions served in Somalia: without its name the body stays.
        ("The African Union force in Somalia said three soldiers died.", ["African Union"]),
        # No mission of the UN in that country: the UN itself.
        ("The UN mission in Norway said nothing.", ["United Nations"]),
        ("The UN said the attack was a war crime.", ["United Nations"]),
        ("The UN Security Council condemned the attack.", ["UN Security Council"]),
    ],
)
def test_mission_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_missions_are_intergovernmental_and_belong_to_their_body() -> None:
    for name, parent in [(MINUSMA, "United Nations"), ("African Union Mission in Somalia", "African Union")]:
        ref = actor_index().by_name[name]
        assert (ref.kind, ref.subtype, ref.parent) == ("organisation", "igo", parent)


def test_the_mission_said_is_the_mission_named_before() -> None:
    doc = extract(
        "BAMAKO, 3 March 2022 - Jihadists attacked a convoy of the UN mission MINUSMA near Gao on Tuesday, "
        "killing two peacekeepers, the mission said."
    )
    assert [c.claimant for c in doc.claims] == [MINUSMA]
    assert [o.name for o in doc.organisations] == [MINUSMA]
    (incident,) = doc.incidents
    assert incident.killed_low == 2


def test_a_leading_place_is_no_part_of_the_speaker() -> None:
    doc = extract(
        "In Congo, MONUSCO said rebels killed 12 villagers near Beni on Thursday. In North Kivu, "
        "provincial officials said the toll could rise."
    )
    assert [c.claimant for c in doc.claims] == [MONUSCO, "provincial officials"]
