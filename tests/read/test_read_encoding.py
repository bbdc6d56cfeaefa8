"""Encoding detection: UTF-8 first, plausible legacy encodings next, characters kept as written."""

from __future__ import annotations

import codecs

import pytest

from loader.read import read_bytes

SENTENCE = "The attack — “a cowardly act” — killed 5 people in Peshawar’s old city, the café owner said."


def test_utf8_is_kept_character_for_character() -> None:
    doc = read_bytes(SENTENCE.encode("utf-8"), name="a.txt")
    assert doc.text == SENTENCE  # curly quotes and dashes are not "normalised"


def test_utf8_bom_is_stripped() -> None:
    doc = read_bytes(codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), name="a.txt")
    assert doc.text == SENTENCE


@pytest.mark.parametrize("encoding", ["cp1252"])
def test_windows_1252(encoding: str) -> None:
    doc = read_bytes(SENTENCE.encode(encoding), name="legacy.txt")
    assert doc.text == SENTENCE


def test_latin1_accents() -> None:
    text = "Gunmen attacked the Café Müller near the Genève road, killing two, the señor told reporters."
    assert read_bytes(text.encode("latin-1"), name="l.txt").text == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32(encoding: str) -> None:
    assert read_bytes(SENTENCE.encode(encoding), name="wide.txt").text == SENTENCE


def test_non_latin_legacy_encoding_is_decoded() -> None:
    arabic = (
        "قال متحدث باسم الشرطة إن خمسة أشخاص قتلوا في انفجار قنبلة في سوق بمدينة كويتا يوم الأحد. "
        "ولم تعلن أي جماعة مسؤوليتها عن الهجوم."
    )
    doc = read_bytes(arabic.encode("cp1256"), name="ar.txt")
    assert doc.text == arabic
    assert doc.language == "und"  # not English; the crude guess does not pretend to know more


def test_zero_width_characters_and_nfc() -> None:
    doc = read_bytes("Ka\u200bbul police said the cafe\u0301 was hit.".encode(), name="z.txt")
    assert doc.text == "Kabul police said the café was hit."
