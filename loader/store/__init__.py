"""Storing reports: sources in versions, their extraction as normalized rows, reloads, corrections.

The library behind `eventsdb load` and `eventsdb correct`:

- `loader.store.load`: `load_inputs(engine, specs, LoadOptions(...)) -> LoadReport`, the whole
  load (run bookkeeping, unchanged inputs skipped, read and extract, batched writes, quarantine);
- `loader.store.inputs`: `expand_paths(...)`, `read_manifest(path)` -> `InputSpec`s;
- `loader.store.extraction`: `write_sources(conn, [SourceInput(document, extraction)], context=...)`,
  the rows of a batch of sources, in the caller's transaction;
- `loader.store.sources`: source identity and versions, load runs, rejected inputs;
- `loader.store.dedup`: the rule that makes two sources' reports one incident;
- `loader.store.corrections`: recording, applying and re-applying human corrections.
"""
