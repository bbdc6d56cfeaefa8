"""What to load: paths, directories, globs, standard input and manifests -> a list of inputs.

A manifest is how a weekly batch of reports arrives: a CSV file (with a header row) or a JSON Lines
file (one object per line) listing each input's `path` and, when known, its `url`, `publisher`,
`title` and `published` date. Relative paths are relative to the manifest's folder. Nothing is
downloaded: every row needs a path.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from loader.db.errors import EventsDbError

READABLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml")
MANIFEST_FIELDS = ("path", "url", "publisher", "title", "published")
_GLOB_CHARACTERS = set("*?[")


class InputError(EventsDbError):
    """A command line or manifest that names no usable input (a bad manifest, an empty glob)."""


@dataclass(frozen=True)
class InputSpec:
    """One input to load, with the metadata the command line or the manifest gives for it."""

    path: str
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    published: str | None = None
    data: bytes | None = None
    """The content, for standard input (read once, up front)."""

    def read_options(self) -> dict[str, str]:
        return {
            name: value
            for name in ("url", "publisher", "title", "published")
            if (value := getattr(self, name)) is not None
        }


def _directory_files(directory: Path) -> list[Path]:
    return sorted(
        path
        for path in directory.rglob("*")
        if path.is_file()
        and path.suffix.lower() in READABLE_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )


def expand_paths(arguments: list[str], *, defaults: InputSpec | None = None) -> list[InputSpec]:
    """Files as given; directories -> the .txt/.md/.html files under them (sorted, hidden ones
    skipped); globs the shell left alone -> their matches; '-' -> standard input. A path that does not
    exist is kept, so that the loader reports it. Repeats are dropped, first one kept."""
    template = defaults or InputSpec(path="")
    specs: dict[str, InputSpec] = {}
    for argument in arguments:
        if argument == "-":
            if "-" not in specs:
                specs["-"] = replace(template, path="-", data=sys.stdin.buffer.read())
            continue
        path = Path(argument)
        if path.is_dir():
            found = [str(p) for p in _directory_files(path)]
        elif not path.exists() and _GLOB_CHARACTERS & set(argument):
            found = sorted(glob.glob(argument, recursive=True))
            found = [
                f
                for p in found
                for f in ([str(x) for x in _directory_files(Path(p))] if Path(p).is_dir() else [p])
            ]
            if not found:
                raise InputError(f"{argument}: no file matches this pattern")
        else:
            found = [argument]
        for name in found:
            specs.setdefault(name, replace(template, path=name))
    return list(specs.values())


def read_manifest(manifest: Path) -> list[InputSpec]:
    """The inputs listed by a CSV or JSON Lines manifest (see the module docstring)."""
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InputError(f"{manifest}: cannot read the manifest ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise InputError(f"{manifest}: the manifest is not UTF-8 text") from None
    rows: list[tuple[int, dict[str, object]]] = []
    if manifest.suffix.lower() in (".jsonl", ".ndjson", ".json") or text.lstrip().startswith("{"):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{manifest}:{number}: not a JSON object ({error.msg})") from None
            if not isinstance(record, dict):
                raise InputError(f"{manifest}:{number}: not a JSON object")
            rows.append((number, record))
    else:
        reader = csv.DictReader(text.splitlines())
        if reader.fieldnames is None or "path" not in [f.strip().lower() for f in reader.fieldnames]:
            raise InputError(f"{manifest}: a CSV manifest needs a header row with a 'path' column")
        for number, record in enumerate(reader, start=2):
            rows.append((number, {str(k).strip().lower(): v for k, v in record.items() if k is not None}))
    base = manifest.parent
    specs: dict[str, InputSpec] = {}
    for number, record in rows:
        unknown = sorted(set(record) - set(MANIFEST_FIELDS))
        if unknown:
            raise InputError(
                f"{manifest}:{number}: unknown field {', '.join(unknown)} (known: {', '.join(MANIFEST_FIELDS)})"
            )
        values = {
            name: (str(record[name]).strip() or None) if record.get(name) is not None else None
            for name in MANIFEST_FIELDS
        }
        if not values["path"]:
            raise InputError(
                f"{manifest}:{number}: no path (eventsdb loads local files; it downloads nothing)"
            )
        path = Path(str(values["path"]))
        resolved = str(path if path.is_absolute() else base / path)
        specs.setdefault(
            resolved,
            InputSpec(
                path=resolved,
                url=values["url"],
                publisher=values["publisher"],
                title=values["title"],
                published=values["published"],
            ),
        )
    return list(specs.values())


def file_facts(spec: InputSpec) -> tuple[str | None, int | None]:
    """sha256 and size of an input's bytes (None, None when they cannot be read)."""
    if spec.data is not None:
        return hashlib.sha256(spec.data).hexdigest(), len(spec.data)
    path = Path(spec.path)
    try:
        if not path.is_file():
            return None, None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest(), path.stat().st_size
    except OSError:
        return None, None
