"""Actor mentions: where each group, organisation and person is named, with the exact span.

Revision ID: 2026_11_25_0005
Revises: 2026_11_24_0004
Create Date: 2026-11-25

Hand-written. Groups, organisations and people are shared rows (one IS-K however many sources name
it); until now a row the loader created for a name had only its load run for provenance. This adds:

- actor_mentions: one row per place a source names an actor (exactly one of group_id,
  organisation_id, person_id), with the span and quote (checked against the source text by the
  check_span_quote() trigger of schema v1), the load run and the extractor version. A new version
  of a source replaces its mentions with its claims and incidents (`--force` re-extraction too);
  merging two actors moves their mentions to the one kept;
- research.actor_mentions: the same with the actor's kind and canonical name and the source's
  label, for researchers ("every sentence that names Lashkar-e-Jhangvi").
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_25_0005"
down_revision: str | None = "2026_11_24_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "actor_mentions"
SCHEMA = "research"
READER_ROLE = "eventsdb_reader"
SOURCE_LABEL_SQL = "coalesce(s.publisher, s.title, s.source_key) || coalesce(', ' || to_char(s.published_on, 'YYYY-MM-DD'), '')"

VIEW_SQL = f"""
SELECT
    m.id AS mention_id,
    CASE WHEN m.group_id IS NOT NULL THEN 'group'
         WHEN m.organisation_id IS NOT NULL THEN 'organisation'
         ELSE 'person' END AS actor_kind,
    coalesce(m.group_id, m.organisation_id, m.person_id) AS actor_id,
    coalesce(g.name, o.name, p.name) AS actor,
    m.group_id,
    m.organisation_id,
    m.person_id,
    m.quote,
    m.source_id,
    {SOURCE_LABEL_SQL} AS source_label,
    s.published_on,
    m.char_start,
    m.char_end
FROM public.actor_mentions m
JOIN public.sources s ON s.id = m.source_id
LEFT JOIN public.groups g ON g.id = m.group_id
LEFT JOIN public.organisations o ON o.id = m.organisation_id
LEFT JOIN public.people p ON p.id = m.person_id
"""

VIEW_COMMENT = (
    "Where sources name each group, organisation and person: one row per mention, with the exact "
    "quote and its span, e.g. every sentence that names IS-K (research.group_id('IS-K') finds its "
    "group_id by any spelling)."
)
VIEW_COLUMNS = {
    "mention_id": "Mention id (actor_mentions.id).",
    "actor_kind": "group, organisation or person.",
    "actor_id": "The actor's id: research.groups.group_id for a group, else organisations.id or people.id (by actor_kind).",
    "actor": "The actor's canonical name (the row's name, whatever spelling the source used).",
    "group_id": "The group named (research.groups.group_id), or null.",
    "organisation_id": "The organisation named (organisations.id), or null.",
    "person_id": "The person named (people.id), or null.",
    "quote": "The words of the source that name the actor, as written (e.g. 'IS-K', 'the group').",
    "source_id": "The source the mention is in (research.sources.source_id = sources.id).",
    "source_label": "The source as a short citation: publisher (else title), comma, publication date, e.g. 'Dawn, 2021-12-23'.",
    "published_on": "Publication date of the source, when known.",
    "char_start": "Start of the quote in the source text (sources.text), in characters from 0.",
    "char_end": "End of the quote in the source text (exclusive), in characters.",
}


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False, comment="Row id."),
        sa.Column(
            "group_id", sa.BigInteger(), nullable=True, comment="The group named (groups.id), or null."
        ),
        sa.Column(
            "organisation_id",
            sa.BigInteger(),
            nullable=True,
            comment="The organisation named (organisations.id), or null.",
        ),
        sa.Column(
            "person_id", sa.BigInteger(), nullable=True, comment="The person named (people.id), or null."
        ),
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
            comment="The evidence itself: exactly substr(sources.text, char_start + 1, char_end - char_start).",
        ),
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
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was inserted.",
        ),
        sa.CheckConstraint(
            "num_nonnulls(group_id, organisation_id, person_id) = 1", name=op.f("ck_actor_mentions_one_actor")
        ),
        sa.CheckConstraint(
            "char_start >= 0 AND char_end > char_start", name=op.f("ck_actor_mentions_span_order")
        ),
        sa.CheckConstraint(
            "char_length(quote) = char_end - char_start", name=op.f("ck_actor_mentions_quote_length")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_actor_mentions_group_id_groups"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_actor_mentions_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_actor_mentions_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_actor_mentions_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["load_run_id"], ["load_runs.id"], name=op.f("fk_actor_mentions_load_run_id_load_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_mentions")),
        sa.UniqueConstraint(
            "source_id",
            "char_start",
            "char_end",
            name=op.f("uq_actor_mentions_source_id_char_start_char_end"),
        ),
        comment="Where a source names a group, organisation or person: one row per mention, with the "
        "exact quote and its span. The provenance of the shared actor rows: every source and sentence "
        "that names IS-K, whatever the spelling.",
    )
    for column in ("group_id", "organisation_id", "person_id", "source_id", "load_run_id"):
        op.create_index(op.f(f"ix_actor_mentions_{column}"), TABLE, [column], unique=False)
    op.execute(
        f"CREATE TRIGGER {TABLE}_quote_matches_source BEFORE INSERT OR UPDATE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION check_span_quote()"
    )
    op.execute(f"CREATE VIEW {SCHEMA}.{TABLE} AS {VIEW_SQL}")
    op.execute(f"COMMENT ON VIEW {SCHEMA}.{TABLE} IS {quoted(VIEW_COMMENT)}")
    for column, comment in VIEW_COLUMNS.items():
        op.execute(f"COMMENT ON COLUMN {SCHEMA}.{TABLE}.{column} IS {quoted(comment)}")
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{READER_ROLE}') THEN
                GRANT SELECT ON {SCHEMA}.{TABLE} TO {READER_ROLE};
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute(f"DROP VIEW {SCHEMA}.{TABLE}")
    op.drop_table(TABLE)  # its indexes and trigger go with it
