"""Run extraction over many files, optionally in worker processes, keeping the input order."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from loader.model import ExtractedDocument
from loader.read import ReadError, read_document


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractResult:
    path: str
    document: ExtractedDocument | None
    error: str | None = None


def extract_path(path: str | Path, options: ExtractOptions = ExtractOptions()) -> ExtractResult:
    from loader.extract.pipeline import extract_document

    try:
        document = read_document(
            path, publisher=options.publisher, published=options.published, url=options.url
        )
    except ReadError as err:
        return ExtractResult(str(path), None, str(err))
    try:
        return ExtractResult(str(path), extract_document(document))
    except Exception as err:  # a bug on one document must not stop a batch; it is reported, not hidden
        return ExtractResult(
            str(path),
            None,
            f"{path}: internal extractor error ({type(err).__name__}: {err}); please report it",
        )


def _warm() -> None:
    # Models and gazetteers load once per worker process, not once per document.
    from loader.extract.pipeline import nlp
    from loader.extract.places import gazetteer

    nlp()
    gazetteer()


def extract_paths(
    paths: Sequence[str | Path], options: ExtractOptions = ExtractOptions(), jobs: int = 1
) -> Iterator[ExtractResult]:
    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            yield extract_path(p, options)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm) as pool:
        yield from pool.map(
            extract_path, paths, [options] * len(paths), chunksize=max(1, len(paths) // (jobs * 8))
        )
