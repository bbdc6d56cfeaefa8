"""Bytes to text: UTF-8 first, a plausible legacy encoding second, and clear refusals for everything else."""

from __future__ import annotations

import codecs
import re
import unicodedata

# File signatures of binary formats people commonly hand to a text loader by mistake, with a hint each.
_MAGIC_HINTS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "looks like a PDF; convert it to text or HTML first"),
    (b"PK\x03\x04", "looks like a ZIP archive or an Office document; export it as text or HTML first"),
    (b"\xd0\xcf\x11\xe0", "looks like an old Office document; export it as text or HTML first"),
    (b"{\\rtf", "looks like an RTF document; export it as text first"),
    (b"\x1f\x8b", "looks like a gzip archive; decompress it first"),
    (b"\x89PNG", "looks like a PNG image"),
    (b"\xff\xd8\xff", "looks like a JPEG image"),
    (b"GIF8", "looks like a GIF image"),
    (b"\x7fELF", "looks like an executable"),
)

# C0 control bytes that never occur in text (tab, newline, form feed, carriage return and escape excepted).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_CONTROL_BYTES_RE = re.compile(b"[" + re.escape(_CONTROL_BYTES) + b"]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_HIGH_BYTE_RE = re.compile(b"[\x80-\xff]")

# Characters a Windows-1252/Latin-1 English text plausibly contains outside ASCII: typographic punctuation,
# currency and common symbols. Accented letters are judged by the word around them (see _implausible_chars).
_PLAUSIBLE_SYMBOLS = frozenset("‘’‚“”„–—…•·«»‹›€£¥¢©®™°±×÷§¶¡¿´¨¸¼½¾²³¹ªº†‡\u00a0")
_WORD_RE = re.compile(r"[^\W\d_]+")
# Latin letters that are rare in real text but frequent in mis-decoded bytes.
_SUSPECT_LETTERS = frozenset("ÃÂÐðÞþÿýÝ¤¦")

SNIFF_BYTES = 65_536
ENCODING_UNDECODABLE = "not valid UTF-8 and no other text encoding fits"
BINARY = "binary file, not text"


class DecodeFailure(Exception):
    """Raised with the reason text; the reader turns it into a ReadError naming the file."""


def binary_hint(data: bytes) -> str | None:
    """A hint naming a binary format recognised from its signature, or None."""
    for magic, hint in _MAGIC_HINTS:
        if data.startswith(magic):
            return hint
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit in every other position, as in ASCII-heavy UTF-16 text."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _implausible_chars(text: str) -> tuple[int, int]:
    """(non-ASCII characters, those that look like mis-decoded bytes) in a legacy-decoded English text."""
    non_ascii = len(_NON_ASCII_RE.findall(text))
    if not non_ascii:
        return 0, 0
    bad = 0
    for ch in _NON_ASCII_RE.findall(text):
        if ch in _SUSPECT_LETTERS or (ch not in _PLAUSIBLE_SYMBOLS and not ch.isalpha()):
            bad += 1
    # An accented letter is plausible inside a word that is mostly ASCII letters ("café", "Genève", "Müller");
    # a run of accented letters with no ASCII letter around them ("ÿþý") is what random bytes look like.
    for word in _WORD_RE.findall(text):
        if word.isascii():
            continue
        ascii_letters = sum(1 for c in word if c.isascii())
        if ascii_letters * 2 < len(word) and len(word) > 1:
            bad += sum(1 for c in word if not c.isascii() and c not in _SUSPECT_LETTERS)
    return non_ascii, bad


def _reads_as_western_text(text: str) -> bool:
    """A mostly-ASCII text whose few other characters are typographic marks or accents inside words."""
    non_ascii, bad = _implausible_chars(text)
    return non_ascii <= 0.15 * max(len(text), 1) and bad <= 0.1 * non_ascii


def _legacy_western(data: bytes) -> str | None:
    """Decode as Windows-1252 when the result reads as ordinary (mostly English) text, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if _reads_as_western_text(text) else None


def _charset_normalizer(data: bytes) -> str | None:
    """Ask charset-normalizer; accept only a coherent, low-chaos result that reads as text."""
    from charset_normalizer import from_bytes  # imported on first use: most inputs are UTF-8

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.15 or best.coherence < 0.2:
        return None
    text = str(best)
    if len(_NON_ASCII_RE.findall(text)) <= 0.15 * len(text) and not _reads_as_western_text(text):
        return None  # mostly ASCII with a few odd characters: stray bytes, not a legacy encoding
    letters = sum(1 for c in text if c.isalpha())
    visible = sum(1 for c in text if not c.isspace())
    if visible and letters / visible < 0.5:
        return None
    return text


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode input bytes to text, or raise DecodeFailure with a one-line reason.

    `declared` is an encoding the document names for itself (an HTML meta charset), tried after UTF-8.
    """
    head = data[:SNIFF_BYTES]
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise DecodeFailure(
                    f"{ENCODING_UNDECODABLE} (it starts with a {codec.upper()} mark)"
                ) from None
    hint = binary_hint(head)
    if hint:
        raise DecodeFailure(f"{BINARY} ({hint})")
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16:
            try:
                return data.decode(utf16)
            except UnicodeDecodeError:
                pass
        raise DecodeFailure(BINARY)
    if len(_CONTROL_BYTES_RE.findall(head)) > 0.05 * len(head):
        raise DecodeFailure(BINARY)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    text = _legacy_western(data)
    if text is None:
        text = _charset_normalizer(data)
    if text is None:
        if len(head) >= 256 and len(_HIGH_BYTE_RE.findall(head)) > 0.3 * len(head):
            raise DecodeFailure(BINARY)
        raise DecodeFailure(f"{ENCODING_UNDECODABLE} (save it as UTF-8)")
    return text


def decode_html(data: bytes) -> str:
    """Like decode_text, but honour a charset the page declares when the bytes are not UTF-8."""
    return decode_text(data, _declared_charset(data[:4096]))


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def _declared_charset(head: bytes) -> str | None:
    found = _META_CHARSET_RE.search(head)
    if not found:
        return None
    name = found.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def strip_invisible(text: str) -> str:
    """NFC-normalise; drop zero-width characters and soft hyphens that hide words from pattern matching."""
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE)


_INVISIBLE = {0x200B: None, 0xFEFF: None, 0x00AD: None, 0x2060: None}
