"""Bad input: each case raises ReadError with a one-line message naming the file and the reason."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

from loader.read import ReadError, read_bytes, read_document


def _error(data: bytes, name: str, **options: object) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, name=name, **options)  # type: ignore[arg-type]
    return caught.value


def _assert_one_line(err: ReadError, name: str) -> None:
    message = str(err)
    assert "\n" not in message
    assert message == f"{name}: {err.reason}"
    assert err.path == name


@pytest.mark.parametrize("data", [b"", b"   \n\n\t \r\n", "\ufeff\n".encode()])
def test_empty_file(data: bytes) -> None:
    err = _error(data, "empty.txt")
    assert err.reason == "empty file"
    _assert_one_line(err, "empty.txt")


def test_empty_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "nothing.md"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match=r"nothing\.md: empty file$"):
        read_document(path)


def test_binary_with_nul_bytes() -> None:
    err = _error(b"\x00\x01\x02\x03 data \x00\x00" * 50, "dump.txt")
    assert err.reason.startswith("binary file, not text")
    _assert_one_line(err, "dump.txt")


def test_binary_random_bytes() -> None:
    rng = random.Random(7)
    assert _error(bytes(rng.randrange(256) for _ in range(4000)), "r.txt").reason.startswith("binary file")
    high_only = bytes(rng.randrange(128, 256) for _ in range(4000))
    assert _error(high_only, "r.html").reason.startswith("binary file")


def test_binary_format_gets_a_hint() -> None:
    err = _error(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "report.txt")
    assert err.reason.startswith("binary file, not text")
    assert "PDF" in err.reason


@pytest.mark.parametrize(
    "data",
    [
        b"Five killed in Quetta \xff\xfe\xfd blast near the market.\n",
        b"caf\xc3\x28 bomb killed five people on Sunday",
        b"\x80\x81\x82\x83 text",
    ],
)
def test_invalid_encoding(data: bytes) -> None:
    err = _error(data, "bad.txt")
    assert err.reason.startswith("not valid UTF-8 and no other text encoding fits")
    _assert_one_line(err, "bad.txt")


def test_too_large_bytes() -> None:
    err = _error(b"a" * 101, "big.txt", max_bytes=100)
    assert err.reason == "file too large (101 bytes > 100 bytes limit)"


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: 25.3 MB on paper, nothing written
        handle.truncate(25_300_000)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert caught.value.reason == "file too large (25.3 MB > 20 MB limit)"
    _assert_one_line(caught.value, str(path))


@pytest.mark.parametrize("name", ["report.pdf", "sheet.XLSX", "archive.tar.gz"])
def test_unknown_extension(name: str) -> None:
    err = _error(b"Five people were killed.", name)
    suffix = Path(name).suffix.lower()
    assert err.reason == f"unsupported file type '{suffix}' (expected .txt, .md or .html)"


def test_unknown_extension_on_disk_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(ReadError, match=r"scan\.pdf: unsupported file type '\.pdf'"):
        read_document(path)


def test_unknown_media_type() -> None:
    assert _error(b"text", "-", media_type="application/pdf").reason.startswith("unsupported media type")


@pytest.mark.parametrize(
    "page",
    [
        b"<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav></body></html>",
        b"<html><head><title>Nothing here</title></head><body></body></html>",
        b"<html><body><script>var x = 1;</script><style>p{}</style></body></html>",
        b"<html><body><ul><li><a href='/a'>Rupee gains against dollar</a></li>"
        b"<li><a href='/b'>Heatwave grips Sindh</a></li></ul></body></html>",
    ],
)
def test_html_without_article_text(page: bytes) -> None:
    err = _error(page, "page.html")
    assert err.reason == "no article text found in the HTML"
    _assert_one_line(err, "page.html")


def test_text_that_is_only_furniture() -> None:
    err = _error(b"Share\n\nComments\n\nUpdated 07 Sep, 2024\n", "stub.txt")
    assert err.reason.startswith("no article text")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="file not found"):
        read_document(tmp_path / "absent.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ReadError, match="is a directory"):
        read_document(folder)


def test_invalid_front_matter() -> None:
    err = _error(b"---\ntitle: [unclosed\n---\nBody text here.\n", "bad.md")
    assert err.reason.startswith("invalid YAML front matter")
    _assert_one_line(err, "bad.md")


def test_invalid_published_option() -> None:
    err = _error(b"A bomb killed two people.", "a.txt", published="next Tuesday-ish")
    assert err.reason.startswith("invalid publication date")


def test_read_error_survives_pickling() -> None:
    err = ReadError("a.txt", "empty file")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.path, copy.reason, str(copy)) == ("a.txt", "empty file", "a.txt: empty file")
