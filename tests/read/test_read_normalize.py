"""Whitespace normalisation: layout changes, sentence characters untouched."""

from __future__ import annotations

from loader.read import read_bytes
from loader.read.normalize import normalize_text, unwrap_paragraphs


def test_newlines_trailing_spaces_and_blank_runs() -> None:
    raw = "First paragraph ends here.   \r\n\r\n\r\n\r\n  Second paragraph, indented.\t\rThird line.\n\n\n"
    assert normalize_text(raw) == "First paragraph ends here.\n\nSecond paragraph, indented.\nThird line."


def test_characters_inside_sentences_are_kept() -> None:
    sentence = "He said: \u201cIt\u2019s over\u201d \u2014 10\u201312 killed,  two  spaces kept\u2026 [1]"
    assert read_bytes(sentence.encode(), name="q.txt").text == sentence


def test_hard_wrapped_paragraphs_are_joined() -> None:
    raw = (
        "QUETTA, Jan 5 (AP) -- A bomb hidden in a motorcycle exploded near a\n"
        "crowded market in the southwestern city of Quetta on Sunday, killing\n"
        "at least five people and wounding 12 others, police said.\n\n"
        "Police official Abdul Razzaq said the device was detonated by remote\n"
        "control.\n"
    )
    doc = read_bytes(raw.encode(), name="w.txt")
    assert doc.text.split("\n\n") == [
        "QUETTA, Jan 5 (AP) -- A bomb hidden in a motorcycle exploded near a crowded market in the "
        "southwestern city of Quetta on Sunday, killing at least five people and wounding 12 others, "
        "police said.",
        "Police official Abdul Razzaq said the device was detonated by remote control.",
    ]


def test_lists_of_headlines_are_not_joined() -> None:
    block = (
        "Gunmen kill two policemen in Quetta market raid\n"
        "Floods displace thousands across southern Sindh\n"
        "Prime minister vows action after attack on polio workers"
    )
    assert unwrap_paragraphs(block) == block


def test_long_unwrapped_lines_stay_as_they_are() -> None:
    block = "A" * 150 + " end.\nPCB hot seat\nUpdated 07 Sep, 2024"
    assert unwrap_paragraphs(block) == block


def test_spans_point_into_text() -> None:
    doc = read_bytes(b"KARACHI: Two men were shot dead on Tuesday.\r\n\r\nPolice said.", name="s.txt")
    start = doc.text.index("Two men")
    assert doc.text[start : start + len("Two men were shot dead")] == "Two men were shot dead"
