"""Access for researchers and BI tools (issue 5): what sits on top of the loaded database.

- `loader.access.views`: the `research` schema's views (created by migration 2026_11_24_0003) and
  the types of their columns;
- `loader.access.roles`: read-only logins (`eventsdb db grant-reader NAME`);
- `loader.access.serve`: the embedded server on localhost TCP with passwords (`eventsdb db serve`);
- `loader.access.export`: `eventsdb export VIEW --format csv|parquet|json`, GTD column names;
- `loader.access.frames`: pandas DataFrames of the views (`frames.incidents()`, ...) and typed
  reading of exported files;
- `loader.access.dictionary`: docs/schema.md, generated from the database's own comments;
- `loader.access.cli`: the commands above, registered in loader/cli.py and loader/db/cli.py.
"""
