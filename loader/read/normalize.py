"""Whitespace normalisation that never touches the characters of a sentence.

Newlines become \\n, trailing spaces go, runs of blank lines shrink to one, and paragraphs hard-wrapped at a
fixed width are joined back into one line (the line breaks become spaces) so each paragraph is one line.
"""

from __future__ import annotations

import re

from loader.read.decode import strip_invisible

_NEWLINES_RE = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_TRAILING_SPACE_RE = re.compile(r"[ \t\u00a0\u3000]+$", re.MULTILINE)
_LEADING_SPACE_RE = re.compile(r"^[ \t\u00a0\u3000]+", re.MULTILINE)
_BLANK_RUN_RE = re.compile(r"\n{3,}")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WRAP_MIN_WIDTH = 40
_WRAP_MAX_WIDTH = 100
# A line opened by a bullet or a lettered or bracketed marker ("- ", "* ", "• ", "– ", "(a) ", "b) ", "(iv) ",
# "(3) ") starts a list item.
_BULLET_ITEM_RE = re.compile(
    r"(?:[-*•·▪◦‣●■►–]|\((?:\d{1,3}|[a-z]|[ivx]{1,5})\)|(?:[a-z]|[ivx]{1,5})\))\s+\S"
)
# A numbered marker ("1. ", "2) ") starts an item only as part of a run of consecutive numbers in the same
# block: a wrapped sentence can put "12." at the start of a line ("... the blast killed\n12. Police ..."),
# but never "1." and "2." on two of its lines.
_NUMBERED_ITEM_RE = re.compile(r"(\d{1,3})[.)]\s+\S")


def normalize_whitespace(text: str) -> str:
    """NFC, \\n newlines, no spaces around lines, at most one blank line in a row, none at either end."""
    text = strip_invisible(text)
    text = _NEWLINES_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    text = _TRAILING_SPACE_RE.sub("", text)
    text = _LEADING_SPACE_RE.sub("", text)  # indentation is layout, not part of any sentence
    text = _BLANK_RUN_RE.sub("\n\n", text)
    return text.strip("\n")


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when a block's lines are the pieces of one paragraph wrapped at a fixed width.

    Wrapped lines are long and of similar length, and most continuations start in lower case (a break in
    the middle of a sentence); a list of headlines or a sidebar has short lines that start in capitals.
    """
    if len(lines) < 2:
        return False
    width = max(len(line) for line in lines)
    if not _WRAP_MIN_WIDTH <= width <= _WRAP_MAX_WIDTH:
        return False
    if any(len(line) < max(0.5 * width, 30) for line in lines[:-1]):
        return False
    if any(not line[:1].isalnum() and line[:1] not in "\"'“‘(" for line in lines[1:]):
        return False  # bullets, rules and indented structure are not wrapped prose
    lower_starts = sum(1 for line in lines[1:] if line[:1].islower() or line[:1].isdigit())
    return lower_starts * 2 >= len(lines) - 1


def _item_starts(lines: list[str]) -> list[int]:
    """Indices (after the first line) of the lines that open a list item, never joined to the line before.

    Bullets and bracketed markers always open one; a numbered line ("2. On May 5, ...") only when another
    line of the block carries the number before or after it, so a list of at least two items.
    """
    numbers: dict[int, int] = {}
    for i, line in enumerate(lines):
        found = _NUMBERED_ITEM_RE.match(line)
        if found:
            numbers[i] = int(found.group(1))
    present = set(numbers.values())
    return [
        i
        for i in range(1, len(lines))
        if _BULLET_ITEM_RE.match(lines[i])
        or (i in numbers and (numbers[i] - 1 in present or numbers[i] + 1 in present))
    ]


def _unwrap_lines(lines: list[str]) -> list[str]:
    """The lines of one block, each hard-wrapped paragraph or list item joined into one line."""
    starts = _item_starts(lines)
    if not starts:
        return [" ".join(lines)] if _is_hard_wrapped(lines) else lines
    out: list[str] = []
    for a, b in zip([0, *starts], [*starts, len(lines)], strict=True):
        piece = lines[a:b]
        out.extend([" ".join(piece)] if _is_hard_wrapped(piece) else piece)
    return out


def unwrap_paragraphs(text: str) -> str:
    """Join hard-wrapped paragraphs into single lines; leave every other block as it is.

    A list (numbered or bulleted lines) keeps one item per line; an item wrapped over several lines is
    joined like a paragraph.
    """
    blocks = text.split("\n\n")
    out = []
    for block in blocks:
        lines = block.split("\n")
        stripped = [line.strip() for line in lines]
        unwrapped = _unwrap_lines(stripped)
        out.append(block if unwrapped == stripped else "\n".join(unwrapped))
    return "\n\n".join(out)


def normalize_text(text: str) -> str:
    """normalize_whitespace then unwrap_paragraphs."""
    return unwrap_paragraphs(normalize_whitespace(text))
