"""The data dictionary (docs/schema.md), generated from the database's own comments.

Every schema, table, view, column and function of eventsdb carries a `COMMENT ON` (the migrations
write them; tests require them). This renders them as Markdown, research views first, so the
document can never say something the database does not. Regenerate with
`eventsdb db dictionary --output docs/schema.md`; tests/access/test_dictionary.py fails when the
file differs from what a freshly migrated database gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg

from loader.access.views import RESEARCH_SCHEMA, VIEWS

DOCUMENTED_SCHEMAS = (RESEARCH_SCHEMA, "public")
REGENERATE_COMMAND = "eventsdb db dictionary --output docs/schema.md"


@dataclass
class Column:
    name: str
    type: str
    nullable: bool
    comment: str


@dataclass
class Relation:
    schema: str
    name: str
    kind: str  # "table" or "view"
    comment: str
    columns: list[Column] = field(default_factory=list)


@dataclass(frozen=True)
class Function:
    schema: str
    signature: str
    returns: str
    comment: str


def _cell(text: str | None) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join((text or "").split()).replace("|", "\\|")


def _paragraph(text: str | None) -> str:
    return " ".join((text or "").split()) or "(no description)"


def read_relations(connection: psycopg.Connection[Any]) -> list[Relation]:
    rows = connection.execute(
        """
        SELECT n.nspname, c.relname, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END,
               coalesce(obj_description(c.oid, 'pg_class'), ''),
               a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
               coalesce(col_description(c.oid, a.attnum), '')
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'v', 'm', 'p')
        ORDER BY array_position(%s, n.nspname::text), c.relname, a.attnum
        """,
        (list(DOCUMENTED_SCHEMAS), list(DOCUMENTED_SCHEMAS)),
    ).fetchall()
    relations: dict[tuple[str, str], Relation] = {}
    for schema, name, kind, comment, column, type_name, nullable, column_comment in rows:
        relation = relations.setdefault((schema, name), Relation(schema, name, kind, comment))
        relation.columns.append(Column(column, type_name, nullable, column_comment))
    # Research views in the order researchers meet them (incidents first), tables by name.
    return sorted(
        relations.values(),
        key=lambda relation: (
            DOCUMENTED_SCHEMAS.index(relation.schema),
            VIEWS.index(relation.name)
            if relation.schema == RESEARCH_SCHEMA and relation.name in VIEWS
            else 0,
            relation.name,
        ),
    )


def read_functions(connection: psycopg.Connection[Any]) -> list[Function]:
    """Our own functions (not those of extensions such as pg_trgm)."""
    rows = connection.execute(
        """
        SELECT n.nspname, p.proname || '(' || pg_get_function_arguments(p.oid) || ')',
               pg_get_function_result(p.oid), coalesce(obj_description(p.oid, 'pg_proc'), '')
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        ORDER BY array_position(%s, n.nspname::text), p.proname
        """,
        (list(DOCUMENTED_SCHEMAS), list(DOCUMENTED_SCHEMAS)),
    ).fetchall()
    return [Function(schema, signature, returns, comment) for schema, signature, returns, comment in rows]


def read_schema_comments(connection: psycopg.Connection[Any]) -> dict[str, str]:
    rows = connection.execute(
        "SELECT nspname, coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace "
        "WHERE nspname = ANY(%s)",
        (list(DOCUMENTED_SCHEMAS),),
    ).fetchall()
    return dict(rows)


def read_revision(connection: psycopg.Connection[Any]) -> str | None:
    exists = connection.execute("SELECT to_regclass('public.alembic_version') IS NOT NULL").fetchone()
    if not (exists and exists[0]):
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _anchor(schema: str, name: str) -> str:
    return f"{schema}{name}".replace("_", "-").replace(".", "")


def render(connection: psycopg.Connection[Any]) -> str:
    """docs/schema.md for the database `connection` is on."""
    relations = read_relations(connection)
    functions = read_functions(connection)
    schema_comments = read_schema_comments(connection)
    revision = read_revision(connection)
    lines = [
        "# eventsdb data dictionary",
        "",
        f"Generated from the comments in the database (schema revision `{revision}`) by "
        f"`{REGENERATE_COMMAND}`. Do not edit by hand: a test fails when this file is out of date.",
        "",
        "Researchers and BI tools read the views in `research`; the normalized tables they are built on "
        "are in `public`. Every date of an incident comes with its precision: at month or year precision "
        "`date_start` is the first day of the month or year, not a known day.",
        "",
        "## Contents",
        "",
    ]
    for schema in DOCUMENTED_SCHEMAS:
        listed = [relation for relation in relations if relation.schema == schema]
        lines.append(
            f"- `{schema}`: "
            + ", ".join(f"[{relation.name}](#{_anchor(schema, relation.name)})" for relation in listed)
        )
    for schema in DOCUMENTED_SCHEMAS:
        lines += ["", f"## Schema `{schema}`", "", _paragraph(schema_comments.get(schema))]
        for relation in (relation for relation in relations if relation.schema == schema):
            lines += [
                "",
                f'<a id="{_anchor(schema, relation.name)}"></a>',
                f"### {schema}.{relation.name} ({relation.kind})",
                "",
                _paragraph(relation.comment),
                "",
            ]
            if relation.kind == "view":
                lines += ["| column | type | description |", "| --- | --- | --- |"]
                lines += [
                    f"| `{column.name}` | {column.type} | {_cell(column.comment)} |"
                    for column in relation.columns
                ]
            else:
                lines += ["| column | type | null | description |", "| --- | --- | --- | --- |"]
                lines += [
                    f"| `{column.name}` | {column.type} | {'yes' if column.nullable else 'no'} | "
                    f"{_cell(column.comment)} |"
                    for column in relation.columns
                ]
        schema_functions = [function for function in functions if function.schema == schema]
        if schema_functions:
            lines += ["", f"### Functions in `{schema}`", ""]
            lines += [
                f"- `{schema}.{function.signature}` returns `{function.returns}`: {_paragraph(function.comment)}"
                for function in schema_functions
            ]
    return "\n".join(lines) + "\n"
