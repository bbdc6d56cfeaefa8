"""Passive denials: "The claim was dismissed by the Taliban" (sentences written for these tests)."""

from __future__ import annotations

import pytest

from loader.extract.claims import find_claims
from loader.extract.pipeline import extract_document
from loader.model import ExtractedDocument
from loader.read import read_bytes


def extract(text: str) -> ExtractedDocument:
    return extract_document(read_bytes(text.encode("utf-8"), name="report.txt"))


@pytest.mark.parametrize(
    ("sentence", "who", "verb"),
    [
        ("The claim was dismissed by the Taliban.", "the Taliban", "dismissed"),
        (
            "The allegation was rejected by Pakistan's foreign ministry as baseless.",
            "Pakistan's foreign ministry",
            "rejected",
        ),
        ("Responsibility was denied by the group in a statement on Friday.", "the group", "denied"),
        ("The accusations were flatly denied by Hezbollah, which called them lies.", "Hezbollah", "denied"),
        ("Any involvement has been refuted by the rebels.", "the rebels", "refuted"),
    ],
)
def test_passive_denial_speaker_is_the_agent(sentence: str, who: str, verb: str) -> None:
    (claim,) = find_claims(sentence, 0, len(sentence))
    assert (claim.kind, claim.who, claim.cue) == ("denial", who, verb)
    assert sentence[claim.who_start : claim.who_start + len(who)] == who


@pytest.mark.parametrize(
    "sentence",
    [
        "The convoy was attacked by gunmen on the highway.",  # a deed, not a denial
        "The report was published by the ministry on Monday.",
    ],
)
def test_passive_deeds_are_no_denials(sentence: str) -> None:
    assert all(c.kind != "denial" for c in find_claims(sentence, 0, len(sentence)))


def test_passive_denial_answers_the_allegation_and_is_about_the_accused() -> None:
    doc = extract(
        "JALALABAD, 4 June 2019 - A bomb killed nine people at a bus stop in Jalalabad on Monday. The "
        "governor's office accused Islamic State of carrying out the bombing. The allegation was rejected "
        "by Islamic State's Amaq agency.\n\n"
        "Police blamed the Afghan Taliban for a second blast in Jalalabad on Tuesday that killed two. "
        "The claim was dismissed by the Taliban."
    )
    allegations = [i for i, c in enumerate(doc.claims) if c.kind == "allegation"]
    denials = [c for c in doc.claims if c.kind == "denial"]
    assert len(allegations) == 2 and len(denials) == 2
    first, second = denials
    assert first.about == "Islamic State" and first.responds_to == allegations[0]
    assert (second.claimant, second.claimant_kind) == ("Afghan Taliban", "group")
    assert second.about == "Afghan Taliban" and second.responds_to == allegations[1]
