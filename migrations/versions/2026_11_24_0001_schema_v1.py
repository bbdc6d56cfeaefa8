"""Schema v1: sources in versions, actors with aliases, claims with spans, incidents, load runs.

Revision ID: 2026_11_24_0001
Revises:
Create Date: 2026-11-24

Hand-written (an autogenerate draft was the checklist, not the text). Besides the tables this
creates what the models cannot describe:

- extensions pg_trgm (trigram indexes for fuzzy name look-ups), unaccent (used by normalize_name)
  and btree_gist (a GiST index mixing country codes and date ranges);
- normalize_name(text): the one definition of "the same name", used by the computed
  *_normalized columns that the alias tables' unique constraints stand on;
- check_span_quote(): a trigger keeping every quote equal to the source text it points into;
- check_incident_has_claim(): deferred constraint triggers so that, at commit, no incident exists
  without at least one supporting claim.

The vocabularies (CHECK ... IN (...)) are copied here, not imported: a migration is a snapshot.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "2026_11_24_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXTENSIONS = ("pg_trgm", "unaccent", "btree_gist")

ATTACK_TYPES = (
    "assassination", "armed_assault", "bombing", "hijacking", "hostage_barricade", "kidnapping",
    "facility_attack", "unarmed_assault", "unknown",
)  # fmt: skip
TARGET_TYPES = (
    "business", "government_general", "police", "military", "government_diplomatic",
    "educational_institution", "journalists_media", "ngo", "private_citizens", "religious",
    "telecommunication", "terrorists_militia", "tourists", "transportation", "utilities",
    "violent_political_party", "airports_aircraft", "food_water", "maritime", "other", "unknown",
)  # fmt: skip
DATE_PRECISIONS = ("day", "month", "year")
LOCATION_PRECISIONS = ("city", "admin2", "admin1", "country", "region")
CLAIM_KINDS = ("statement", "allegation", "denial", "counter", "endorsement", "estimate", "responsibility")
CLAIMANT_KINDS = ("person", "organisation", "group", "source", "report", "unknown")
ATTRIBUTIONS = ("claimed", "attributed", "suspected")
SOURCE_KINDS = ("news_article", "news_digest", "government_report", "statement", "wiki_brief", "other")
GROUP_RELATION_KINDS = ("composed_of_members_of", "pledged_allegiance_to", "affiliate_of", "splinter_of")
MEDIA_TYPES = ("text/plain", "text/markdown", "text/html")
CLAIM_RELATION_KINDS = ("counters", "endorses")
ORGANISATION_KINDS = (
    "government", "ministry", "agency", "military", "police", "coalition", "intergovernmental", "media",
    "ngo", "political_party", "court", "company", "other",
)  # fmt: skip
ALIAS_ORIGINS = ("reference", "extracted", "correction")
LOAD_RUN_STATUSES = ("running", "succeeded", "partial", "failed", "abandoned")
REJECTION_STAGES = ("read", "extract", "store")
CORRECTION_ACTIONS = ("set_field", "merge", "add_alias", "delete")
CORRECTABLE_TABLES = (
    "sources", "groups", "group_aliases", "organisations", "organisation_aliases", "people", "claims",
    "incidents", "incident_perpetrators", "group_relations",
)  # fmt: skip

NORMALIZE_NAME = r"""
CREATE FUNCTION normalize_name(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN btrim(regexp_replace(
    regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, name)), '[''‘’ʼ′`´]+', '', 'g'),
    '[[:space:][:punct:]‐‑‒–—―‚‛“”„‟″‹›«»·•…]+', ' ', 'g'))
"""

CHECK_SPAN_QUOTE = r"""
CREATE FUNCTION check_span_quote() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    span_source_id bigint;
    source_text text;
BEGIN
    IF NEW.char_start IS NULL THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'source_citations' THEN
        span_source_id := NEW.citing_source_id;
    ELSE
        span_source_id := NEW.source_id;
    END IF;
    SELECT s.text INTO source_text FROM sources s WHERE s.id = span_source_id;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports the missing source
    END IF;
    IF NEW.char_end > char_length(source_text)
       OR substr(source_text, NEW.char_start + 1, NEW.char_end - NEW.char_start)
          IS DISTINCT FROM NEW.quote THEN
        RAISE EXCEPTION '%.quote does not match the text of source % between characters % and %',
                TG_TABLE_NAME, span_source_id, NEW.char_start, NEW.char_end
            USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME,
                  CONSTRAINT = TG_TABLE_NAME || '_quote_matches_source';
    END IF;
    RETURN NEW;
END
$$
"""

CHECK_INCIDENT_HAS_CLAIM = r"""
CREATE FUNCTION check_incident_has_claim() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    checked_incident_id bigint;
BEGIN
    IF TG_TABLE_NAME = 'incidents' THEN
        checked_incident_id := NEW.id;
    ELSE
        checked_incident_id := OLD.incident_id;
    END IF;
    IF EXISTS (SELECT 1 FROM incidents WHERE id = checked_incident_id)
       AND NOT EXISTS (SELECT 1 FROM incident_claims WHERE incident_id = checked_incident_id) THEN
        RAISE EXCEPTION 'incident % has no supporting claim (every incident needs a row in incident_claims)',
                checked_incident_id
            USING ERRCODE = 'integrity_constraint_violation', TABLE = 'incidents',
                  CONSTRAINT = 'incident_has_supporting_claim';
    END IF;
    RETURN NULL;
END
$$
"""

FUNCTION_COMMENTS = {
    "normalize_name(text)": "The normal form of a name for matching aliases: lower case, accents and "
    "apostrophes removed, runs of spaces and other punctuation folded to one space, trimmed "
    "('IS-K' and 'is k' are equal, so are 'al-Qa'ida' and 'Al Qaida').",
    "check_span_quote()": "Trigger: the quote of a claim, incident or citation must equal the source text "
    "between char_start and char_end.",
    "check_incident_has_claim()": "Constraint trigger, deferred to commit: every incident has at least one "
    "supporting claim in incident_claims.",
}

SPAN_TABLES = ("claims", "incidents", "source_citations")

ALEMBIC_VERSION_COMMENT = (
    "The schema revision the database is at (Alembic's bookkeeping; `eventsdb db status` shows it)."
)
VERSION_NUM_COMMENT = "Revision id of the newest applied migration in migrations/versions."


def quoted(value: str) -> str:
    """An SQL string literal (for COMMENT ON, which takes no bind parameters)."""
    return "'" + value.replace("'", "''") + "'"


# Constraint names below are spelled out in full and wrapped in op.f() ("final"): Alembic applies the
# models' naming convention to names in migrations, which would turn ck_x_y into ck_x_ck_x_y.


def allowed(table: str, column: str, values: Sequence[str]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{column}_allowed"))


def check(table: str, name: str, condition: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{name}"))


def foreign_key(
    table: str, column: str, referred: str, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{referred}.id"], name=f"fk_{table}_{column}_{referred}", ondelete=ondelete
    )


def row_id(comment: str = "Row id.") -> sa.Column:
    return sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False, comment=comment)


def span_columns() -> list[sa.Column]:
    return [
        sa.Column(
            "source_id",
            sa.BigInteger(),
            nullable=False,
            comment="The source (one version of it) whose text holds the evidence (sources.id).",
        ),
        sa.Column(
            "char_start",
            sa.Integer(),
            nullable=False,
            comment="Start of the evidence in sources.text, in characters (Unicode code points) from 0.",
        ),
        sa.Column(
            "char_end",
            sa.Integer(),
            nullable=False,
            comment="End of the evidence in sources.text (exclusive), in characters.",
        ),
        sa.Column(
            "quote",
            sa.Text(),
            nullable=False,
            comment="The evidence itself: exactly "
            "substr(sources.text, char_start + 1, char_end - char_start).",
        ),
    ]


def span_constraints(table: str) -> list[sa.SchemaItem]:
    return [
        check(table, "span_order", "char_start >= 0 AND char_end > char_start"),
        check(table, "quote_length", "char_length(quote) = char_end - char_start"),
        foreign_key(table, "source_id", "sources", ondelete="CASCADE"),
    ]


def written_by_loader() -> list[sa.Column]:
    return [
        sa.Column(
            "load_run_id",
            sa.BigInteger(),
            nullable=False,
            comment="The load run that wrote this row (load_runs.id).",
        ),
        sa.Column(
            "extractor_version",
            sa.Text(),
            nullable=False,
            comment="Version of the eventsdb reader and extractor that produced this row.",
        ),
    ]


def maybe_written_by_loader() -> list[sa.Column]:
    return [
        sa.Column(
            "load_run_id",
            sa.BigInteger(),
            nullable=True,
            comment="The load run that wrote this row (load_runs.id); null when entered by hand.",
        ),
        sa.Column(
            "extractor_version",
            sa.Text(),
            nullable=True,
            comment="Version of the extractor that produced this row; null when entered by hand.",
        ),
    ]


def created_at() -> sa.Column:
    return sa.Column(
        "created_at",
        sa.DateTime(timezone=True),
        server_default=sa.text("now()"),
        nullable=False,
        comment="When this row was inserted.",
    )


def computed_name(column: str, source_column: str, comment: str) -> sa.Column:
    return sa.Column(
        column,
        sa.Text(),
        sa.Computed(f"normalize_name({source_column})", persisted=True),
        nullable=False,
        comment=comment,
    )


def index(table: str, *columns: str, **options: object) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns), unique=False, **options)


def trigram_index(table: str, column: str) -> None:
    op.create_index(
        f"ix_{table}_{column}_trgm",
        table,
        [column],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={column: "gin_trgm_ops"},
    )


WIKIDATA_ID = "wikidata_id ~ '^Q[1-9][0-9]*$'"


def upgrade() -> None:
    for extension in EXTENSIONS:
        op.execute(f"CREATE EXTENSION IF NOT EXISTS {extension} WITH SCHEMA public")
    op.execute(NORMALIZE_NAME)
    op.execute(CHECK_SPAN_QUOTE)
    op.execute(CHECK_INCIDENT_HAS_CLAIM)
    for function, comment in FUNCTION_COMMENTS.items():
        op.execute(f"COMMENT ON FUNCTION {function} IS {quoted(comment)}")
    # Alembic creates its own table before the first migration runs; document it like the others.
    op.execute(f"COMMENT ON TABLE alembic_version IS {quoted(ALEMBIC_VERSION_COMMENT)}")
    op.execute(f"COMMENT ON COLUMN alembic_version.version_num IS {quoted(VERSION_NUM_COMMENT)}")

    # --- load runs, rejected inputs, corrections -------------------------------------------------
    op.create_table(
        "load_runs",
        row_id("Load run number, increasing with time."),
        sa.Column(
            "started_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When the run started.",
        ),
        sa.Column(
            "finished_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When the run ended; null while it runs or if it was killed before it could finish.",
        ),
        sa.Column(
            "status",
            sa.Text(),
            server_default=sa.text("'running'"),
            nullable=False,
            comment="running, succeeded (every input stored or unchanged), partial (some inputs rejected), "
            "failed (the run stopped on an error), abandoned (found unfinished by a later run).",
        ),
        sa.Column(
            "inputs",
            postgresql.JSONB(),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
            comment="The inputs as given on the command line or in the manifest (a JSON array).",
        ),
        sa.Column(
            "options",
            postgresql.JSONB(),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
            comment='Options of the run that change what is written, e.g. {"force": true} (a JSON object).',
        ),
        sa.Column(
            "counts",
            postgresql.JSONB(),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
            comment='Outcome counts, e.g. {"new": 3, "unchanged": 1, "updated": 0, "failed": 1}.',
        ),
        sa.Column(
            "extractor_version",
            sa.Text(),
            nullable=False,
            comment="Version of the eventsdb reader and extractor used by this run.",
        ),
        sa.Column("hostname", sa.Text(), nullable=True, comment="Host the loader ran on."),
        sa.Column(
            "pid",
            sa.Integer(),
            nullable=True,
            comment="Operating-system process id of the loader, to tell a live run from a killed one.",
        ),
        sa.Column("error", sa.Text(), nullable=True, comment="Why the run failed, when it did."),
        sa.PrimaryKeyConstraint("id", name="pk_load_runs"),
        allowed("load_runs", "status", LOAD_RUN_STATUSES),
        check("load_runs", "running_is_unfinished", "status <> 'running' OR finished_at IS NULL"),
        check(
            "load_runs",
            "finished_has_end",
            "status NOT IN ('succeeded', 'partial', 'failed') OR finished_at IS NOT NULL",
        ),
        check("load_runs", "finished_after_start", "finished_at >= started_at"),
        check("load_runs", "inputs_is_array", "jsonb_typeof(inputs) = 'array'"),
        check("load_runs", "options_is_object", "jsonb_typeof(options) = 'object'"),
        check("load_runs", "counts_is_object", "jsonb_typeof(counts) = 'object'"),
        comment="One run of `eventsdb load`: its inputs, options, extractor version, counts and outcome. "
        "Every row the loader writes points here through load_run_id.",
    )

    op.create_table(
        "rejected_inputs",
        row_id(),
        sa.Column("path", sa.Text(), nullable=False, comment="The input as given (file path, URL or '-')."),
        sa.Column(
            "sha256",
            sa.Text(),
            nullable=True,
            comment="sha256 of the input bytes, lower-case hex; null when they could not be read.",
        ),
        sa.Column(
            "size_bytes", sa.BigInteger(), nullable=True, comment="Size of the input in bytes, when known."
        ),
        sa.Column(
            "stage", sa.Text(), nullable=False, comment="Where the input was refused: read, extract or store."
        ),
        sa.Column("reason", sa.Text(), nullable=False, comment="One-line reason, as shown to the user."),
        sa.Column(
            "rejected_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When the input was refused.",
        ),
        *written_by_loader(),
        sa.PrimaryKeyConstraint("id", name="pk_rejected_inputs"),
        sa.UniqueConstraint("load_run_id", "path", name="uq_rejected_inputs_load_run_id_path"),
        foreign_key("rejected_inputs", "load_run_id", "load_runs"),
        allowed("rejected_inputs", "stage", REJECTION_STAGES),
        check("rejected_inputs", "sha256_hex", "sha256 ~ '^[0-9a-f]{64}$'"),
        check("rejected_inputs", "size_not_negative", "size_bytes >= 0"),
        check("rejected_inputs", "reason_not_empty", "reason <> ''"),
        comment="Quarantine: inputs a load run refused (empty, binary, undecodable, no article text, ...), "
        "with the reason. Nothing else is written for them.",
    )
    index("rejected_inputs", "load_run_id")

    op.create_table(
        "corrections",
        row_id("Correction number, in the order entered."),
        sa.Column(
            "action",
            sa.Text(),
            nullable=False,
            comment="set_field, merge (target merged into new_value->'into'), add_alias or delete.",
        ),
        sa.Column("target_table", sa.Text(), nullable=False, comment="The table of the corrected row."),
        sa.Column(
            "target_id",
            sa.BigInteger(),
            nullable=True,
            comment="id of the corrected row when the correction was made.",
        ),
        sa.Column(
            "target_key",
            postgresql.JSONB(),
            nullable=True,
            comment="A key that finds the row again after a reload gives it a new id, e.g. "
            '{"source_key": ..., "char_start": ..., "char_end": ...} or {"name": ...}.',
        ),
        sa.Column("field", sa.Text(), nullable=True, comment="The corrected column, for set_field."),
        sa.Column(
            "old_value",
            postgresql.JSONB(),
            nullable=True,
            comment="The value before the correction (JSON), for the record.",
        ),
        sa.Column(
            "new_value",
            postgresql.JSONB(),
            nullable=True,
            comment='The corrected value (JSON): the field value, the alias, or {"into": id}.',
        ),
        sa.Column("author", sa.Text(), nullable=False, comment="Who made the correction."),
        sa.Column("reason", sa.Text(), nullable=False, comment="Why, in the author's words."),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When the correction was entered.",
        ),
        sa.Column(
            "applied_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When the correction was last applied; null if never.",
        ),
        sa.Column(
            "applied_load_run_id",
            sa.BigInteger(),
            nullable=True,
            comment="The load run after which the correction was last re-applied (load_runs.id).",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
        foreign_key("corrections", "applied_load_run_id", "load_runs"),
        allowed("corrections", "action", CORRECTION_ACTIONS),
        allowed("corrections", "target_table", CORRECTABLE_TABLES),
        check("corrections", "has_target", "target_id IS NOT NULL OR target_key IS NOT NULL"),
        check("corrections", "set_field_names_field", "action <> 'set_field' OR field IS NOT NULL"),
        check("corrections", "author_not_empty", "author <> ''"),
        check("corrections", "reason_not_empty", "reason <> ''"),
        comment="Human corrections (who, when, why, what): a field set, two rows merged, an alias added or "
        "a row deleted. The loader re-applies them after every reload.",
    )

    # --- sources ----------------------------------------------------------------------------------
    op.create_table(
        "sources",
        row_id("Row id of this version of the source."),
        sa.Column(
            "source_key",
            sa.Text(),
            nullable=False,
            comment="Identity shared by every version of one source: 'url:' + the URL when known, else "
            "'title:' + publisher|title|published_on, else 'sha256:' + the first version's hash.",
        ),
        sa.Column(
            "version",
            sa.Integer(),
            nullable=False,
            comment="Version number within source_key: 1 for the first content seen, then 2, 3, ...",
        ),
        sa.Column(
            "is_current",
            sa.Boolean(),
            server_default=sa.text("true"),
            nullable=False,
            comment="True for the newest version of the source; at most one per source_key.",
        ),
        sa.Column(
            "superseded_by",
            sa.BigInteger(),
            nullable=True,
            comment="The version that replaced this one (sources.id); null while current.",
        ),
        sa.Column(
            "superseded_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When a newer version replaced this one; null while current.",
        ),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="What the document is: news_article, news_digest, government_report, statement, ...",
        ),
        sa.Column(
            "media_type",
            sa.Text(),
            nullable=False,
            comment="Format the input was read from: text/plain, text/markdown or text/html.",
        ),
        sa.Column("title", sa.Text(), nullable=True, comment="Title or headline, when known."),
        sa.Column(
            "publisher",
            sa.Text(),
            nullable=True,
            comment="Publisher as named by the document or the loader's options, e.g. 'Dawn'.",
        ),
        sa.Column("author", sa.Text(), nullable=True, comment="Author or byline, when known."),
        sa.Column("url", sa.Text(), nullable=True, comment="Where the document was published."),
        sa.Column("published_on", sa.Date(), nullable=True, comment="Publication date, when known."),
        sa.Column(
            "dateline",
            sa.Text(),
            nullable=True,
            comment="The dateline opening the text, e.g. 'WASHINGTON' or 'KABUL, AFGHANISTAN'.",
        ),
        sa.Column(
            "language",
            sa.Text(),
            server_default=sa.text("'en'"),
            nullable=False,
            comment="Language of the text, a BCP 47 tag such as 'en'.",
        ),
        sa.Column(
            "path",
            sa.Text(),
            nullable=True,
            comment="The input the text was read from (file path as given, or '-' for standard input).",
        ),
        sa.Column(
            "sha256",
            sa.Text(),
            nullable=False,
            comment="sha256 of the input bytes (lower-case hex): identical content is never stored twice.",
        ),
        sa.Column(
            "text",
            sa.Text(),
            nullable=False,
            comment="The cleaned full text; every char_start/char_end in the database points into it.",
        ),
        sa.Column(
            "retrieved_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When the content was retrieved (by default: when it was loaded).",
        ),
        *written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("source_key", "version", name="uq_sources_source_key_version"),
        foreign_key("sources", "superseded_by", "sources", ondelete="SET NULL"),
        foreign_key("sources", "load_run_id", "load_runs"),
        allowed("sources", "kind", SOURCE_KINDS),
        allowed("sources", "media_type", MEDIA_TYPES),
        check("sources", "version_positive", "version >= 1"),
        check(
            "sources",
            "current_not_superseded",
            "NOT is_current OR (superseded_by IS NULL AND superseded_at IS NULL)",
        ),
        check("sources", "not_superseded_by_itself", "superseded_by <> id"),
        check("sources", "sha256_hex", "sha256 ~ '^[0-9a-f]{64}$'"),
        check("sources", "text_not_empty", "char_length(text) > 0"),
        check("sources", "language_tag", "language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'"),
        comment="Documents (news articles, government reports, statements, ...) with their metadata and "
        "cleaned full text, one row per version: a changed document gets a new row with the same "
        "source_key and the next version number; only the newest is current.",
    )
    op.create_index(
        "uq_sources_current_source_key",
        "sources",
        ["source_key"],
        unique=True,
        postgresql_where=sa.text("is_current"),
    )
    index("sources", "url")
    index("sources", "sha256")
    index("sources", "load_run_id")

    op.create_table(
        "source_citations",
        row_id(),
        sa.Column(
            "citing_source_id", sa.BigInteger(), nullable=False, comment="The source that cites (sources.id)."
        ),
        sa.Column(
            "cited_source_id",
            sa.BigInteger(),
            nullable=True,
            comment="The cited source when it is in the database too (sources.id), else null.",
        ),
        sa.Column(
            "cited_title",
            sa.Text(),
            nullable=False,
            comment="The cited source as the citing text names it, e.g. 'Country Reports on Terrorism'.",
        ),
        sa.Column(
            "char_start",
            sa.Integer(),
            nullable=True,
            comment="Start of the citation in the citing source's text, when located.",
        ),
        sa.Column(
            "char_end",
            sa.Integer(),
            nullable=True,
            comment="End (exclusive) of the citation in the citing source's text, when located.",
        ),
        sa.Column(
            "quote",
            sa.Text(),
            nullable=True,
            comment="The citing passage: the citing source's text between char_start and char_end.",
        ),
        *written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_source_citations"),
        sa.UniqueConstraint(
            "citing_source_id", "cited_title", name="uq_source_citations_citing_source_id_cited_title"
        ),
        foreign_key("source_citations", "citing_source_id", "sources", ondelete="CASCADE"),
        foreign_key("source_citations", "cited_source_id", "sources", ondelete="SET NULL"),
        foreign_key("source_citations", "load_run_id", "load_runs"),
        check("source_citations", "not_self", "cited_source_id <> citing_source_id"),
        check("source_citations", "cited_title_not_empty", "cited_title <> ''"),
        check(
            "source_citations",
            "span_all_or_none",
            "(char_start IS NULL) = (char_end IS NULL) AND (char_start IS NULL) = (quote IS NULL)",
        ),
        check("source_citations", "span_order", "char_start >= 0 AND char_end > char_start"),
        check("source_citations", "quote_length", "char_length(quote) = char_end - char_start"),
        comment="A source citing another one (the Dawn article reports on the US State Department's "
        "report). The cited source need not be in the database itself.",
    )
    index("source_citations", "cited_source_id")
    index("source_citations", "load_run_id")

    # --- actors -----------------------------------------------------------------------------------
    op.create_table(
        "groups",
        row_id(),
        sa.Column("name", sa.Text(), nullable=False, comment="Canonical name of the group."),
        computed_name("name_normalized", "name", "normalize_name(name), computed; unique."),
        sa.Column("description", sa.Text(), nullable=True, comment="Short description, when known."),
        sa.Column(
            "parent_id",
            sa.BigInteger(),
            nullable=True,
            comment="The group this one is a branch, province or faction of (groups.id), e.g. IS-K -> IS.",
        ),
        sa.Column("wikidata_id", sa.Text(), nullable=True, comment="Wikidata item, e.g. 'Q19057911'."),
        sa.Column(
            "reviewed",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="True once a person or the shipped reference list vouches for the row; false for names "
            "the loader met and could not resolve.",
        ),
        *maybe_written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_groups"),
        sa.UniqueConstraint("name_normalized", name="uq_groups_name_normalized"),
        foreign_key("groups", "parent_id", "groups", ondelete="SET NULL"),
        foreign_key("groups", "load_run_id", "load_runs"),
        check("groups", "name_not_blank", "name_normalized <> ''"),
        check("groups", "not_own_parent", "parent_id <> id"),
        check("groups", "wikidata_id_format", WIKIDATA_ID),
        comment="Militant groups, one row per group under its canonical name (e.g. 'Islamic State Khorasan "
        "Province', parent 'Islamic State'). Spellings live in group_aliases.",
    )
    index("groups", "parent_id")
    index("groups", "load_run_id")

    op.create_table(
        "group_aliases",
        row_id(),
        sa.Column(
            "group_id",
            sa.BigInteger(),
            nullable=False,
            comment="The group this alias names (groups.id).",
        ),
        sa.Column(
            "alias", sa.Text(), nullable=False, comment="The spelling as first met, e.g. 'IS-K' or 'ISKP'."
        ),
        computed_name(
            "alias_normalized",
            "alias",
            "normalize_name(alias), computed; unique, the key for resolving names.",
        ),
        sa.Column(
            "origin",
            sa.Text(),
            nullable=False,
            comment="Where the alias comes from: reference (the shipped list), extracted (a text) or "
            "correction (a person).",
        ),
        *maybe_written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_group_aliases"),
        sa.UniqueConstraint("alias_normalized", name="uq_group_aliases_alias_normalized"),
        foreign_key("group_aliases", "group_id", "groups", ondelete="CASCADE"),
        foreign_key("group_aliases", "load_run_id", "load_runs"),
        check("group_aliases", "alias_not_blank", "alias_normalized <> ''"),
        allowed("group_aliases", "origin", ALIAS_ORIGINS),
        comment="Every known spelling of a group (the canonical name included); a normalized alias names "
        "exactly one group.",
    )
    index("group_aliases", "group_id")
    index("group_aliases", "load_run_id")
    trigram_index("group_aliases", "alias_normalized")

    op.create_table(
        "organisations",
        row_id(),
        sa.Column(
            "name",
            sa.Text(),
            nullable=False,
            comment="Canonical name, e.g. 'United States Department of State'.",
        ),
        computed_name("name_normalized", "name", "normalize_name(name), computed; unique."),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="government, ministry, agency, military, police, coalition, intergovernmental, "
            "media, ...",
        ),
        sa.Column(
            "country",
            sa.CHAR(2),
            nullable=True,
            comment="Country the organisation belongs to (ISO 3166-1 alpha-2); null if international.",
        ),
        sa.Column(
            "parent_id",
            sa.BigInteger(),
            nullable=True,
            comment="The organisation this one is part of (organisations.id), "
            "e.g. a ministry -> its government.",
        ),
        sa.Column("description", sa.Text(), nullable=True, comment="Short description, when known."),
        sa.Column("wikidata_id", sa.Text(), nullable=True, comment="Wikidata item, e.g. 'Q789915'."),
        sa.Column(
            "reviewed",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="True once a person or the shipped reference list vouches for the row.",
        ),
        *maybe_written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
        sa.UniqueConstraint("name_normalized", name="uq_organisations_name_normalized"),
        foreign_key("organisations", "parent_id", "organisations", ondelete="SET NULL"),
        foreign_key("organisations", "load_run_id", "load_runs"),
        check("organisations", "name_not_blank", "name_normalized <> ''"),
        check("organisations", "not_own_parent", "parent_id <> id"),
        check("organisations", "country_iso", "country ~ '^[A-Z]{2}$'"),
        check("organisations", "wikidata_id_format", WIKIDATA_ID),
        allowed("organisations", "kind", ORGANISATION_KINDS),
        comment="Organisations that are not militant groups: governments, ministries, agencies, armed "
        "forces, coalitions, intergovernmental bodies, media, NGOs. Spellings live in organisation_aliases.",
    )
    index("organisations", "parent_id")
    index("organisations", "load_run_id")

    op.create_table(
        "organisation_aliases",
        row_id(),
        sa.Column(
            "organisation_id",
            sa.BigInteger(),
            nullable=False,
            comment="The organisation this alias names (organisations.id).",
        ),
        sa.Column(
            "alias",
            sa.Text(),
            nullable=False,
            comment="The spelling as first met, e.g. 'State Department'.",
        ),
        computed_name(
            "alias_normalized",
            "alias",
            "normalize_name(alias), computed; unique, the key for resolving names.",
        ),
        sa.Column(
            "origin",
            sa.Text(),
            nullable=False,
            comment="reference (the shipped list), extracted (a text) or correction (a person).",
        ),
        *maybe_written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_organisation_aliases"),
        sa.UniqueConstraint("alias_normalized", name="uq_organisation_aliases_alias_normalized"),
        foreign_key("organisation_aliases", "organisation_id", "organisations", ondelete="CASCADE"),
        foreign_key("organisation_aliases", "load_run_id", "load_runs"),
        check("organisation_aliases", "alias_not_blank", "alias_normalized <> ''"),
        allowed("organisation_aliases", "origin", ALIAS_ORIGINS),
        comment="Every known spelling of an organisation (the canonical name included); a normalized alias "
        "names exactly one organisation.",
    )
    index("organisation_aliases", "organisation_id")
    index("organisation_aliases", "load_run_id")
    trigram_index("organisation_aliases", "alias_normalized")

    op.create_table(
        "people",
        row_id(),
        sa.Column("name", sa.Text(), nullable=False, comment="Full name as best known, e.g. 'Hamid Karzai'."),
        computed_name(
            "name_normalized", "name", "normalize_name(name), computed; the key for resolving names."
        ),
        sa.Column(
            "description",
            sa.Text(),
            nullable=True,
            comment="Role as described by the sources, e.g. 'former Afghan president'.",
        ),
        sa.Column("wikidata_id", sa.Text(), nullable=True, comment="Wikidata item, e.g. 'Q167443'."),
        sa.Column(
            "reviewed",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="True once a person has checked the row; false for names the loader created.",
        ),
        *maybe_written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        foreign_key("people", "load_run_id", "load_runs"),
        check("people", "name_not_blank", "name_normalized <> ''"),
        check("people", "wikidata_id_format", WIKIDATA_ID),
        comment="People who make or are named in claims (officials, spokesmen, leaders). Names are not "
        "unique: two rows may share one.",
    )
    index("people", "name_normalized")
    index("people", "load_run_id")
    trigram_index("people", "name_normalized")

    # --- claims -----------------------------------------------------------------------------------
    op.create_table(
        "claims",
        row_id(),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="statement, allegation, denial, counter, endorsement, estimate or responsibility.",
        ),
        sa.Column(
            "claimant_text",
            sa.Text(),
            nullable=False,
            comment="The claimant as the source names it ('Prime Minister Imran Khan', 'the US report'); "
            "for the source's own reporting, its publisher or author.",
        ),
        sa.Column(
            "claimant_kind",
            sa.Text(),
            nullable=False,
            comment="person, organisation, group, source (the source's own voice), report (a cited "
            "document) or unknown.",
        ),
        sa.Column(
            "claimant_group_id",
            sa.BigInteger(),
            nullable=True,
            comment="The claimant when it is a militant group (groups.id).",
        ),
        sa.Column(
            "claimant_organisation_id",
            sa.BigInteger(),
            nullable=True,
            comment="The claimant when it is an organisation, or the publisher of a cited report "
            "(organisations.id).",
        ),
        sa.Column(
            "claimant_person_id",
            sa.BigInteger(),
            nullable=True,
            comment="The claimant when it is a person (people.id).",
        ),
        sa.Column(
            "cue",
            sa.Text(),
            nullable=True,
            comment="The reporting verb or phrase that attributes the claim ('said', 'according to').",
        ),
        sa.Column(
            "about_group_id",
            sa.BigInteger(),
            nullable=True,
            comment="The group the claim is about (groups.id), when it is about one.",
        ),
        sa.Column(
            "citation_id",
            sa.BigInteger(),
            nullable=True,
            comment="The cited document the claim is taken from, when the source reports on one "
            "(source_citations.id).",
        ),
        *span_columns(),
        *written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.UniqueConstraint(
            "source_id",
            "char_start",
            "char_end",
            "kind",
            "claimant_text",
            name="uq_claims_source_id_char_start_char_end_kind_claimant_text",
        ),
        *span_constraints("claims"),
        foreign_key("claims", "claimant_group_id", "groups"),
        foreign_key("claims", "claimant_organisation_id", "organisations"),
        foreign_key("claims", "claimant_person_id", "people"),
        foreign_key("claims", "about_group_id", "groups"),
        foreign_key("claims", "citation_id", "source_citations", ondelete="SET NULL"),
        foreign_key("claims", "load_run_id", "load_runs"),
        allowed("claims", "kind", CLAIM_KINDS),
        allowed("claims", "claimant_kind", CLAIMANT_KINDS),
        check(
            "claims",
            "one_claimant",
            "num_nonnulls(claimant_group_id, claimant_organisation_id, claimant_person_id) <= 1",
        ),
        check("claims", "group_claimant_kind", "claimant_group_id IS NULL OR claimant_kind = 'group'"),
        check(
            "claims",
            "organisation_claimant_kind",
            "claimant_organisation_id IS NULL OR claimant_kind IN ('organisation', 'report')",
        ),
        check("claims", "person_claimant_kind", "claimant_person_id IS NULL OR claimant_kind = 'person'"),
        check("claims", "claimant_text_not_empty", "claimant_text <> ''"),
        comment="Attributed statements in a source: who says what (a statement, allegation, denial, counter, "
        "endorsement, estimate or claim of responsibility), with the exact quote and its character span in "
        "the source text.",
    )
    for column in (
        "claimant_group_id",
        "claimant_organisation_id",
        "claimant_person_id",
        "about_group_id",
        "citation_id",
        "source_id",
        "load_run_id",
    ):
        index("claims", column)

    op.create_table(
        "claim_relations",
        sa.Column("claim_id", sa.BigInteger(), nullable=False, comment="The responding claim (claims.id)."),
        sa.Column(
            "related_claim_id", sa.BigInteger(), nullable=False, comment="The claim responded to (claims.id)."
        ),
        sa.Column("kind", sa.Text(), nullable=False, comment="counters or endorses."),
        *written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("claim_id", "related_claim_id", name="pk_claim_relations"),
        foreign_key("claim_relations", "claim_id", "claims", ondelete="CASCADE"),
        foreign_key("claim_relations", "related_claim_id", "claims", ondelete="CASCADE"),
        foreign_key("claim_relations", "load_run_id", "load_runs"),
        check("claim_relations", "not_self", "claim_id <> related_claim_id"),
        allowed("claim_relations", "kind", CLAIM_RELATION_KINDS),
        comment="How one claim answers another: Karzai's allegation counters Khan's statement; the US report "
        "endorses Pakistan's position.",
    )
    index("claim_relations", "related_claim_id")
    index("claim_relations", "load_run_id")

    op.create_table(
        "group_relations",
        row_id(),
        sa.Column(
            "subject_group_id",
            sa.BigInteger(),
            nullable=False,
            comment="The group the relation is stated of (groups.id).",
        ),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="composed_of_members_of, pledged_allegiance_to, affiliate_of or splinter_of.",
        ),
        sa.Column("object_group_id", sa.BigInteger(), nullable=False, comment="The other group (groups.id)."),
        sa.Column(
            "claim_id",
            sa.BigInteger(),
            nullable=False,
            comment="The claim stating the relation (claims.id): its source span is the evidence.",
        ),
        *written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_group_relations"),
        sa.UniqueConstraint(
            "subject_group_id", "kind", "object_group_id", "claim_id", name="uq_group_relations_per_claim"
        ),
        foreign_key("group_relations", "subject_group_id", "groups", ondelete="CASCADE"),
        foreign_key("group_relations", "object_group_id", "groups", ondelete="CASCADE"),
        foreign_key("group_relations", "claim_id", "claims", ondelete="CASCADE"),
        foreign_key("group_relations", "load_run_id", "load_runs"),
        check("group_relations", "not_self", "subject_group_id <> object_group_id"),
        allowed("group_relations", "kind", GROUP_RELATION_KINDS),
        comment="Relations between groups as stated by a claim, so each has a source: IS-K "
        "composed_of_members_of TTP, IS-K pledged_allegiance_to IS, ...",
    )
    index("group_relations", "object_group_id")
    index("group_relations", "claim_id")
    index("group_relations", "load_run_id")

    # --- incidents --------------------------------------------------------------------------------
    op.create_table(
        "incidents",
        row_id(),
        sa.Column(
            "date_start",
            sa.Date(),
            nullable=True,
            comment="First day the incident may have happened on (the 1st for month or year precision).",
        ),
        sa.Column(
            "date_end",
            sa.Date(),
            nullable=True,
            comment="Last day the incident may have happened on (equal to date_start at day precision).",
        ),
        sa.Column(
            "date_precision",
            sa.Text(),
            nullable=True,
            comment="How precisely the source dates the incident: day, month or year.",
        ),
        sa.Column(
            "date_range",
            postgresql.DATERANGE(),
            sa.Computed(
                "CASE WHEN date_end >= date_start THEN daterange(date_start, date_end, '[]') ELSE NULL END",
                persisted=True,
            ),
            nullable=True,
            comment="The days date_start..date_end as a daterange, computed, for overlap queries (&&); "
            "null when the date is unknown.",
        ),
        sa.Column("country", sa.CHAR(2), nullable=True, comment="Country, ISO 3166-1 alpha-2 (e.g. 'AF')."),
        sa.Column(
            "admin1_code",
            sa.Text(),
            nullable=True,
            comment="First-level subdivision, ISO 3166-2 code (e.g. 'PK-BA').",
        ),
        sa.Column(
            "admin1_name",
            sa.Text(),
            nullable=True,
            comment="First-level subdivision name as in ISO 3166-2 (e.g. 'Balochistan').",
        ),
        sa.Column(
            "admin2_name",
            sa.Text(),
            nullable=True,
            comment="Second-level subdivision (district) name, when known (as in ACLED).",
        ),
        sa.Column("city", sa.Text(), nullable=True, comment="City, town or village, when known."),
        sa.Column(
            "latitude",
            sa.Double(),
            nullable=True,
            comment="Latitude (WGS 84) of the place at location_precision.",
        ),
        sa.Column(
            "longitude",
            sa.Double(),
            nullable=True,
            comment="Longitude (WGS 84) of the place at location_precision.",
        ),
        sa.Column(
            "location_precision",
            sa.Text(),
            nullable=True,
            comment="What the place and coordinates stand for: city, admin2, admin1, country or region.",
        ),
        sa.Column(
            "attack_type",
            sa.Text(),
            server_default=sa.text("'unknown'"),
            nullable=False,
            comment="GTD attack type: assassination, armed_assault, bombing, hijacking, hostage_barricade, "
            "kidnapping, facility_attack, unarmed_assault or unknown.",
        ),
        sa.Column(
            "suicide",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="True when the source describes a suicide attack (GTD).",
        ),
        sa.Column(
            "target_type",
            sa.Text(),
            nullable=True,
            comment="GTD target type, e.g. private_citizens, police, military, religious.",
        ),
        sa.Column(
            "target_description",
            sa.Text(),
            nullable=True,
            comment="The target as the source describes it, e.g. 'a shrine in Balochistan'.",
        ),
        sa.Column(
            "killed_low",
            sa.Integer(),
            nullable=True,
            comment="Fewest people killed that the sources allow (e.g. 51 for 'over 50').",
        ),
        sa.Column(
            "killed_high",
            sa.Integer(),
            nullable=True,
            comment="Most people killed that the sources allow; null when unbounded or unknown.",
        ),
        sa.Column(
            "wounded_low",
            sa.Integer(),
            nullable=True,
            comment="Fewest people wounded that the sources allow.",
        ),
        sa.Column(
            "wounded_high",
            sa.Integer(),
            nullable=True,
            comment="Most people wounded that the sources allow; null when unbounded or unknown.",
        ),
        sa.Column("summary", sa.Text(), nullable=True, comment="One-sentence summary of the incident."),
        *span_columns(),
        *written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        *span_constraints("incidents"),
        foreign_key("incidents", "load_run_id", "load_runs"),
        check(
            "incidents",
            "date_all_or_none",
            "(date_start IS NULL AND date_end IS NULL AND date_precision IS NULL) OR "
            "(date_start IS NOT NULL AND date_end IS NOT NULL AND date_precision IS NOT NULL)",
        ),
        check("incidents", "date_order", "date_end >= date_start"),
        allowed("incidents", "date_precision", DATE_PRECISIONS),
        check("incidents", "country_iso", "country ~ '^[A-Z]{2}$'"),
        check(
            "incidents",
            "admin1_code_iso",
            "admin1_code ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$' AND left(admin1_code, 2) = country",
        ),
        check("incidents", "latitude_range", "latitude BETWEEN -90 AND 90"),
        check("incidents", "longitude_range", "longitude BETWEEN -180 AND 180"),
        check("incidents", "coordinates_pair", "(latitude IS NULL) = (longitude IS NULL)"),
        allowed("incidents", "location_precision", LOCATION_PRECISIONS),
        allowed("incidents", "attack_type", ATTACK_TYPES),
        allowed("incidents", "target_type", TARGET_TYPES),
        check(
            "incidents",
            "killed_low_high",
            "killed_low >= 0 AND killed_high >= 0 AND killed_low <= killed_high",
        ),
        check(
            "incidents",
            "wounded_low_high",
            "wounded_low >= 0 AND wounded_high >= 0 AND wounded_low <= wounded_high",
        ),
        comment="Attacks: when (date_start..date_end at a precision), where (country, admin1, city, "
        "coordinates at a precision), what (GTD attack and target types, suicide), the toll (killed and "
        "wounded, low and high) and a summary. Every incident has at least one supporting claim in "
        "incident_claims (checked at commit).",
    )
    op.create_index(
        "ix_incidents_country_date_range",
        "incidents",
        ["country", "date_range"],
        unique=False,
        postgresql_using="gist",
    )
    index("incidents", "source_id")
    index("incidents", "load_run_id")

    op.create_table(
        "incident_perpetrators",
        sa.Column("incident_id", sa.BigInteger(), nullable=False, comment="The incident (incidents.id)."),
        sa.Column("group_id", sa.BigInteger(), nullable=False, comment="The perpetrating group (groups.id)."),
        sa.Column("attribution", sa.Text(), nullable=False, comment="claimed, attributed or suspected."),
        sa.Column(
            "claim_id",
            sa.BigInteger(),
            nullable=True,
            comment="The claim that makes the attribution (claims.id).",
        ),
        *written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("incident_id", "group_id", "attribution", name="pk_incident_perpetrators"),
        foreign_key("incident_perpetrators", "incident_id", "incidents", ondelete="CASCADE"),
        foreign_key("incident_perpetrators", "group_id", "groups"),
        foreign_key("incident_perpetrators", "claim_id", "claims", ondelete="SET NULL"),
        foreign_key("incident_perpetrators", "load_run_id", "load_runs"),
        allowed("incident_perpetrators", "attribution", ATTRIBUTIONS),
        comment="Groups behind an incident and how the sources tie them to it: claimed (the group took "
        "responsibility), attributed (the source says it did) or suspected.",
    )
    index("incident_perpetrators", "group_id")
    index("incident_perpetrators", "claim_id")
    index("incident_perpetrators", "load_run_id")

    op.create_table(
        "incident_claims",
        sa.Column("incident_id", sa.BigInteger(), nullable=False, comment="The incident (incidents.id)."),
        sa.Column("claim_id", sa.BigInteger(), nullable=False, comment="A claim supporting it (claims.id)."),
        *written_by_loader(),
        created_at(),
        sa.PrimaryKeyConstraint("incident_id", "claim_id", name="pk_incident_claims"),
        foreign_key("incident_claims", "incident_id", "incidents", ondelete="CASCADE"),
        foreign_key("incident_claims", "claim_id", "claims", ondelete="CASCADE"),
        foreign_key("incident_claims", "load_run_id", "load_runs"),
        comment="Claims that support an incident (a report of it, a claim of responsibility, a toll "
        "estimate). Two sources reporting the same attack give one incident with two rows here.",
    )
    index("incident_claims", "claim_id")
    index("incident_claims", "load_run_id")

    # --- triggers ---------------------------------------------------------------------------------
    for table in SPAN_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_quote_matches_source "
            f"BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION check_span_quote()"
        )
    op.execute(
        "CREATE CONSTRAINT TRIGGER incident_has_supporting_claim "
        "AFTER INSERT ON incidents DEFERRABLE INITIALLY DEFERRED "
        "FOR EACH ROW EXECUTE FUNCTION check_incident_has_claim()"
    )
    op.execute(
        "CREATE CONSTRAINT TRIGGER incident_keeps_supporting_claim "
        "AFTER DELETE OR UPDATE OF incident_id ON incident_claims DEFERRABLE INITIALLY DEFERRED "
        "FOR EACH ROW EXECUTE FUNCTION check_incident_has_claim()"
    )


def downgrade() -> None:
    # Tables go in reverse order of their foreign keys; their triggers go with them.
    for table in (
        "incident_claims",
        "incident_perpetrators",
        "incidents",
        "group_relations",
        "claim_relations",
        "claims",
        "people",
        "organisation_aliases",
        "organisations",
        "group_aliases",
        "groups",
        "source_citations",
        "sources",
        "corrections",
        "rejected_inputs",
        "load_runs",
    ):
        op.drop_table(table)
    op.execute("DROP FUNCTION check_incident_has_claim()")
    op.execute("DROP FUNCTION check_span_quote()")
    op.execute("DROP FUNCTION normalize_name(text)")
    for extension in reversed(EXTENSIONS):
        op.execute(f"DROP EXTENSION IF EXISTS {extension}")
