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


def unwrap_paragraphs(text: str) -> str:
    """Join hard-wrapped paragraphs into single lines; leave every other block as it is."""
    blocks = text.split("\n\n")
    out = []
    for block in blocks:
        lines = block.split("\n")
        if _is_hard_wrapped([line.strip() for line in lines]):
            out.append(" ".join(line.strip() for line in lines))
        else:
            out.append(block)
    return "\n\n".join(out)


def normalize_text(text: str) -> str:
    """normalize_whitespace then unwrap_paragraphs."""
    return unwrap_paragraphs(normalize_whitespace(text))
