"""Extract every document of an eval set in one process and write <doc>.json files for
`score.py --pred DIR` (the same output as `eventsdb extract --format json`, minus the process start-up).

usage: python scripts/predict_eval.py ../shared/eval/dev /tmp/pred-dev [--jobs 2]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from loader.extract.run import extract_paths


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("docs", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    paths = sorted(p for p in args.docs.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm"))
    for result in extract_paths(paths, jobs=args.jobs):
        name = Path(result.path).stem
        if result.document is None:
            print(f"FAILED {result.path}: {result.error}")
            continue
        (args.out / f"{name}.json").write_text(result.document.model_dump_json(), encoding="utf-8")


if __name__ == "__main__":
    main()
