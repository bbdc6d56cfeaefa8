"""Write loader/data/extraction.schema.json from the pydantic models in loader/model.py.

Run after changing loader/model.py; tests/extract/test_schema.py fails while the file is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from loader.model import ExtractedDocument

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "loader" / "data" / "extraction.schema.json"


def render() -> str:
    schema = ExtractedDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://eventsdb.invalid/extraction.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
