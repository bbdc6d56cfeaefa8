"""Loading: what `eventsdb load` needs beyond schema v1 (per-source incident reports, dedup, corrections).

Revision ID: 2026_11_24_0002
Revises: 2026_11_24_0001
Create Date: 2026-11-24

Hand-written. Adds:

- incident_reports: what one source (one version of it) says about an incident: its own span, date,
  place, types, toll and perpetrator. Two sources reporting the same attack give one incident with
  two reports; the incident's toll spans its reports' tolls, its other fields come from its first
  report. When a source is replaced by a new version, its reports go and the incident is recomputed
  from those left, so no source's account is lost or double counted;
- an index on incidents (date_start, country) for the cross-source duplicate look-up;
- corrections.last_outcome and corrections.last_error: what happened when the correction was last
  (re-)applied, so that corrections a reload made moot or impossible are visible;
- enable_seqscan = off on the two trigger functions of schema v1, whose queries are look-ups by
  key: PL/pgSQL caches their plans for the session, and a plan made while a table was nearly empty
  (a sequential scan) would otherwise stay in use while a long load fills it, making each check
  slower than the last.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_24_0002"
down_revision: str | None = "2026_11_24_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Snapshots of the vocabularies (a migration does not import code that may change later).
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
ATTRIBUTIONS = ("claimed", "attributed", "suspected")
CORRECTION_OUTCOMES = ("applied", "in_effect", "target_missing", "failed")
KEY_LOOKUP_TRIGGER_FUNCTIONS = ("check_span_quote()", "check_incident_has_claim()")


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


def index(table: str, *columns: str) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns), unique=False)


def upgrade() -> None:
    op.create_table(
        "incident_reports",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False, comment="Row id."),
        sa.Column(
            "incident_id",
            sa.BigInteger(),
            nullable=False,
            comment="The incident this report is of (incidents.id).",
        ),
        sa.Column(
            "date_start",
            sa.Date(),
            nullable=True,
            comment="First day the incident may have happened on, as this source dates it.",
        ),
        sa.Column(
            "date_end",
            sa.Date(),
            nullable=True,
            comment="Last day the incident may have happened on, as this source dates it.",
        ),
        sa.Column(
            "date_precision",
            sa.Text(),
            nullable=True,
            comment="How precisely this source dates it: day, month or year.",
        ),
        sa.Column(
            "country",
            sa.CHAR(2),
            nullable=True,
            comment="Country, ISO 3166-1 alpha-2, as this source places it.",
        ),
        sa.Column(
            "admin1_code", sa.Text(), nullable=True, comment="First-level subdivision, ISO 3166-2 code."
        ),
        sa.Column(
            "admin1_name", sa.Text(), nullable=True, comment="First-level subdivision name as in ISO 3166-2."
        ),
        sa.Column(
            "city", sa.Text(), nullable=True, comment="City, town or village, as this source names it."
        ),
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
            comment="What the place stands for: city, admin2, admin1, country or region.",
        ),
        sa.Column(
            "attack_type",
            sa.Text(),
            server_default=sa.text("'unknown'"),
            nullable=False,
            comment="GTD attack type as this source describes the attack.",
        ),
        sa.Column(
            "suicide",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="True when this source describes a suicide attack.",
        ),
        sa.Column(
            "target_type",
            sa.Text(),
            nullable=True,
            comment="GTD target type as this source describes the target.",
        ),
        sa.Column(
            "target_description", sa.Text(), nullable=True, comment="The target in this source's words."
        ),
        sa.Column("killed_low", sa.Integer(), nullable=True, comment="Fewest killed this source allows."),
        sa.Column(
            "killed_high",
            sa.Integer(),
            nullable=True,
            comment="Most killed this source allows; null when unbounded or unknown.",
        ),
        sa.Column("wounded_low", sa.Integer(), nullable=True, comment="Fewest wounded this source allows."),
        sa.Column(
            "wounded_high",
            sa.Integer(),
            nullable=True,
            comment="Most wounded this source allows; null when unbounded or unknown.",
        ),
        sa.Column(
            "perpetrator_group_id",
            sa.BigInteger(),
            nullable=True,
            comment="The group this source holds responsible (groups.id), when it names one.",
        ),
        sa.Column(
            "attribution",
            sa.Text(),
            nullable=True,
            comment="How this source ties the group to the incident: claimed, attributed or suspected.",
        ),
        sa.Column(
            "summary", sa.Text(), nullable=True, comment="One-sentence summary in this source's terms."
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
        sa.PrimaryKeyConstraint("id", name="pk_incident_reports"),
        foreign_key("incident_reports", "incident_id", "incidents", ondelete="CASCADE"),
        foreign_key("incident_reports", "source_id", "sources", ondelete="CASCADE"),
        foreign_key("incident_reports", "perpetrator_group_id", "groups", ondelete="SET NULL"),
        foreign_key("incident_reports", "load_run_id", "load_runs"),
        check("incident_reports", "span_order", "char_start >= 0 AND char_end > char_start"),
        check("incident_reports", "quote_length", "char_length(quote) = char_end - char_start"),
        check(
            "incident_reports",
            "date_all_or_none",
            "(date_start IS NULL AND date_end IS NULL AND date_precision IS NULL) OR "
            "(date_start IS NOT NULL AND date_end IS NOT NULL AND date_precision IS NOT NULL)",
        ),
        check("incident_reports", "date_order", "date_end >= date_start"),
        allowed("incident_reports", "date_precision", DATE_PRECISIONS),
        check("incident_reports", "country_iso", "country ~ '^[A-Z]{2}$'"),
        check(
            "incident_reports",
            "admin1_code_iso",
            "admin1_code ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$' AND left(admin1_code, 2) = country",
        ),
        check("incident_reports", "latitude_range", "latitude BETWEEN -90 AND 90"),
        check("incident_reports", "longitude_range", "longitude BETWEEN -180 AND 180"),
        check("incident_reports", "coordinates_pair", "(latitude IS NULL) = (longitude IS NULL)"),
        allowed("incident_reports", "location_precision", LOCATION_PRECISIONS),
        allowed("incident_reports", "attack_type", ATTACK_TYPES),
        allowed("incident_reports", "target_type", TARGET_TYPES),
        allowed("incident_reports", "attribution", ATTRIBUTIONS),
        check(
            "incident_reports",
            "killed_low_high",
            "killed_low >= 0 AND killed_high >= 0 AND killed_low <= killed_high",
        ),
        check(
            "incident_reports",
            "wounded_low_high",
            "wounded_low >= 0 AND wounded_high >= 0 AND wounded_low <= wounded_high",
        ),
        comment="What one source (one version of it) says about an incident: its span, date, place, "
        "types, toll and perpetrator. An incident reported by two sources has two reports; its toll "
        "spans theirs (low = the lowest low, high = the highest high) and its other fields come from "
        "its first report.",
    )
    index("incident_reports", "incident_id")
    index("incident_reports", "source_id")
    index("incident_reports", "perpetrator_group_id")
    index("incident_reports", "load_run_id")
    op.execute(
        "CREATE TRIGGER incident_reports_quote_matches_source "
        "BEFORE INSERT OR UPDATE ON incident_reports "
        "FOR EACH ROW EXECUTE FUNCTION check_span_quote()"
    )

    index("incidents", "date_start", "country")
    for function in KEY_LOOKUP_TRIGGER_FUNCTIONS:
        op.execute(f"ALTER FUNCTION {function} SET enable_seqscan = off")

    op.add_column(
        "corrections",
        sa.Column(
            "last_outcome",
            sa.Text(),
            nullable=True,
            comment="What happened when the correction was last applied: applied (rows changed), "
            "in_effect (nothing left to change), target_missing (the row is gone) or failed "
            "(the database refused it, see last_error); null if never applied.",
        ),
    )
    op.add_column(
        "corrections",
        sa.Column(
            "last_error",
            sa.Text(),
            nullable=True,
            comment="Why the correction could not be applied last time, when last_outcome is failed.",
        ),
    )
    op.create_check_constraint(
        op.f("ck_corrections_last_outcome_allowed"),
        "corrections",
        "last_outcome IN ({})".format(", ".join(f"'{value}'" for value in CORRECTION_OUTCOMES)),
    )


def downgrade() -> None:
    for function in KEY_LOOKUP_TRIGGER_FUNCTIONS:
        op.execute(f"ALTER FUNCTION {function} RESET enable_seqscan")
    op.drop_constraint(op.f("ck_corrections_last_outcome_allowed"), "corrections", type_="check")
    op.drop_column("corrections", "last_error")
    op.drop_column("corrections", "last_outcome")
    op.drop_index("ix_incidents_date_start_country", table_name="incidents")
    op.drop_table("incident_reports")  # its trigger goes with it
