"""Sentence boundaries, on texts written for these tests (not taken from the eval sets)."""

from __future__ import annotations

import pytest

from loader.extract.segment import sentences

# A run-on digest line (no full stops, over 250 characters) switches on the discourse-opener rule.
_PADDING = " in the busy bazaar of the old town near the bus stand where traders had gathered since dawn"


def _texts(text: str) -> list[str]:
    return [s.text for s in sentences(text)]


def test_run_on_text_is_cut_before_a_discourse_opener() -> None:
    text = f"A bomb went off{_PADDING}{_PADDING} Two people were killed{_PADDING}"
    assert len(text) > 250 and ". " not in text
    assert _texts(text) == [f"A bomb went off{_PADDING}{_PADDING}", f"Two people were killed{_PADDING}"]


@pytest.mark.parametrize(
    "count",
    [
        "At least Seven",
        "at least Two",
        "AT Least Three",
        "more than Ten",
        "no fewer than Five",
        "nearly Eight",
        "some Six",
        "as many as Nine",
        "between Two and Four",
        "Three or Four",
    ],
)
def test_a_capitalised_number_after_a_qualifier_does_not_open_a_sentence(count: str) -> None:
    text = (
        f"{count} people were killed and many others were hurt when a car bomb went off{_PADDING}{_PADDING}"
    )
    assert len(text) > 250 and ". " not in text
    assert _texts(text) == [text]
