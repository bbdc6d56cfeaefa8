"""Incidents: attacks with their date, place, type and toll, the groups behind them and the claims
that support them. Codes follow GTD (attack and target types), UCDP GED (date and location
precision, low/high tolls) and ISO 3166 (country and admin1)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CHAR,
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    Double,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import DATERANGE, Range
from sqlalchemy.orm import Mapped, mapped_column

from schema.base import Base, one_of
from schema.claims import span_checks
from schema.mixins import CreatedAt, SourceSpan, WrittenByLoader
from schema.vocabulary import (
    ATTACK_TYPES,
    ATTRIBUTIONS,
    DATE_PRECISIONS,
    LOCATION_PRECISIONS,
    TARGET_TYPES,
)

DATE_RANGE_SQL = "CASE WHEN date_end >= date_start THEN daterange(date_start, date_end, '[]') ELSE NULL END"


def _low_high(measure: str) -> CheckConstraint:
    return CheckConstraint(
        f"{measure}_low >= 0 AND {measure}_high >= 0 AND {measure}_low <= {measure}_high",
        name=f"{measure}_low_high",
    )


def _fact_checks() -> tuple[CheckConstraint, ...]:
    """The checks on an incident's facts, the same for an incident and for one source's report of it
    (dates all or none and in order, ISO codes, coordinates, vocabularies); names get the table's prefix."""
    return (
        CheckConstraint(
            "(date_start IS NULL AND date_end IS NULL AND date_precision IS NULL) OR "
            "(date_start IS NOT NULL AND date_end IS NOT NULL AND date_precision IS NOT NULL)",
            name="date_all_or_none",
        ),
        CheckConstraint("date_end >= date_start", name="date_order"),
        one_of("date_precision", DATE_PRECISIONS),
        CheckConstraint("country ~ '^[A-Z]{2}$'", name="country_iso"),
        CheckConstraint(
            "admin1_code ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$' AND left(admin1_code, 2) = country",
            name="admin1_code_iso",
        ),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="coordinates_pair"),
        one_of("location_precision", LOCATION_PRECISIONS),
        one_of("attack_type", ATTACK_TYPES),
        one_of("target_type", TARGET_TYPES),
    )


class Incident(CreatedAt, SourceSpan, WrittenByLoader, Base):
    __tablename__ = "incidents"
    __table_args__ = (
        *span_checks(),
        *_fact_checks(),
        _low_high("killed"),
        _low_high("wounded"),
        Index("ix_incidents_country_date_range", "country", "date_range", postgresql_using="gist"),
        # Researchers filter and total by province: covering, so deaths per province never reads the
        # table (migration 2026_11_24_0003).
        Index(
            "ix_incidents_admin1_code_country_admin1_name",
            "admin1_code",
            "country",
            "admin1_name",
            postgresql_include=["killed_low", "killed_high"],
        ),
        # The cross-source duplicate look-up (loader/store/dedup.py) asks for one day in one country.
        Index("ix_incidents_date_start_country", "date_start", "country"),
        {
            "comment": "Attacks: when (date_start..date_end at a precision), where (country, admin1, "
            "city, coordinates at a precision), what (GTD attack and target types, suicide), the toll "
            "(killed and wounded, low and high) and a summary. Every incident has at least one "
            "supporting claim in incident_claims (checked at commit)."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    date_start: Mapped[date | None] = mapped_column(
        Date, comment="First day the incident may have happened on (the 1st for month or year precision)."
    )
    date_end: Mapped[date | None] = mapped_column(
        Date, comment="Last day the incident may have happened on (equal to date_start at day precision)."
    )
    date_precision: Mapped[str | None] = mapped_column(
        Text, comment="How precisely the source dates the incident: day, month or year."
    )
    date_range: Mapped[Range[date] | None] = mapped_column(
        DATERANGE,
        Computed(DATE_RANGE_SQL, persisted=True),
        comment="The days date_start..date_end as a daterange, computed, for overlap queries (&&); "
        "null when the date is unknown.",
    )
    country: Mapped[str | None] = mapped_column(CHAR(2), comment="Country, ISO 3166-1 alpha-2 (e.g. 'AF').")
    admin1_code: Mapped[str | None] = mapped_column(
        Text, comment="First-level subdivision, ISO 3166-2 code (e.g. 'PK-BA')."
    )
    admin1_name: Mapped[str | None] = mapped_column(
        Text, comment="First-level subdivision name as in ISO 3166-2 (e.g. 'Balochistan')."
    )
    admin2_name: Mapped[str | None] = mapped_column(
        Text, comment="Second-level subdivision (district) name, when known (as in ACLED)."
    )
    city: Mapped[str | None] = mapped_column(Text, comment="City, town or village, when known.")
    latitude: Mapped[float | None] = mapped_column(
        Double, comment="Latitude (WGS 84) of the place at location_precision."
    )
    longitude: Mapped[float | None] = mapped_column(
        Double, comment="Longitude (WGS 84) of the place at location_precision."
    )
    location_precision: Mapped[str | None] = mapped_column(
        Text, comment="What the place and coordinates stand for: city, admin2, admin1, country or region."
    )
    attack_type: Mapped[str] = mapped_column(
        Text,
        server_default=text("'unknown'"),
        comment="GTD attack type: assassination, armed_assault, bombing, hijacking, hostage_barricade, "
        "kidnapping, facility_attack, unarmed_assault or unknown.",
    )
    suicide: Mapped[bool] = mapped_column(
        Boolean,
        server_default=text("false"),
        comment="True when the source describes a suicide attack (GTD).",
    )
    target_type: Mapped[str | None] = mapped_column(
        Text, comment="GTD target type, e.g. private_citizens, police, military, religious."
    )
    target_description: Mapped[str | None] = mapped_column(
        Text, comment="The target as the source describes it, e.g. 'a shrine in Balochistan'."
    )
    killed_low: Mapped[int | None] = mapped_column(
        Integer, comment="Fewest people killed that the sources allow (e.g. 51 for 'over 50')."
    )
    killed_high: Mapped[int | None] = mapped_column(
        Integer, comment="Most people killed that the sources allow; null when unbounded or unknown."
    )
    wounded_low: Mapped[int | None] = mapped_column(
        Integer, comment="Fewest people wounded that the sources allow."
    )
    wounded_high: Mapped[int | None] = mapped_column(
        Integer, comment="Most people wounded that the sources allow; null when unbounded or unknown."
    )
    summary: Mapped[str | None] = mapped_column(Text, comment="One-sentence summary of the incident.")


class IncidentPerpetrator(CreatedAt, WrittenByLoader, Base):
    __tablename__ = "incident_perpetrators"
    __table_args__ = (
        one_of("attribution", ATTRIBUTIONS),
        {
            "comment": "Groups behind an incident and how the sources tie them to it: claimed (the "
            "group took responsibility), attributed (the source says it did) or suspected."
        },
    )

    incident_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The incident (incidents.id).",
    )
    group_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("groups.id"),
        primary_key=True,
        index=True,
        comment="The perpetrating group (groups.id).",
    )
    attribution: Mapped[str] = mapped_column(
        Text, primary_key=True, comment="claimed, attributed or suspected."
    )
    claim_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("claims.id", ondelete="SET NULL"),
        index=True,
        comment="The claim that makes the attribution (claims.id).",
    )


class IncidentClaim(CreatedAt, WrittenByLoader, Base):
    __tablename__ = "incident_claims"
    __table_args__ = (
        {
            "comment": "Claims that support an incident (a report of it, a claim of responsibility, a "
            "toll estimate). Two sources reporting the same attack give one incident with two rows here."
        },
    )

    incident_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The incident (incidents.id).",
    )
    claim_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("claims.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
        comment="A claim supporting it (claims.id).",
    )


class IncidentReport(CreatedAt, SourceSpan, WrittenByLoader, Base):
    """One source's account of an incident (see the table comment)."""

    __tablename__ = "incident_reports"
    __table_args__ = (
        *span_checks(),
        *_fact_checks(),
        one_of("attribution", ATTRIBUTIONS),
        _low_high("killed"),
        _low_high("wounded"),
        {
            "comment": "What one source (one version of it) says about an incident: its span, date, "
            "place, types, toll and perpetrator. An incident reported by two sources has two reports; "
            "its toll spans theirs (low = the lowest low, high = the highest high) and its other fields "
            "come from its first report."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    incident_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        index=True,
        comment="The incident this report is of (incidents.id).",
    )
    date_start: Mapped[date | None] = mapped_column(
        Date, comment="First day the incident may have happened on, as this source dates it."
    )
    date_end: Mapped[date | None] = mapped_column(
        Date, comment="Last day the incident may have happened on, as this source dates it."
    )
    date_precision: Mapped[str | None] = mapped_column(
        Text, comment="How precisely this source dates it: day, month or year."
    )
    country: Mapped[str | None] = mapped_column(
        CHAR(2), comment="Country, ISO 3166-1 alpha-2, as this source places it."
    )
    admin1_code: Mapped[str | None] = mapped_column(Text, comment="First-level subdivision, ISO 3166-2 code.")
    admin1_name: Mapped[str | None] = mapped_column(
        Text, comment="First-level subdivision name as in ISO 3166-2."
    )
    city: Mapped[str | None] = mapped_column(Text, comment="City, town or village, as this source names it.")
    latitude: Mapped[float | None] = mapped_column(
        Double, comment="Latitude (WGS 84) of the place at location_precision."
    )
    longitude: Mapped[float | None] = mapped_column(
        Double, comment="Longitude (WGS 84) of the place at location_precision."
    )
    location_precision: Mapped[str | None] = mapped_column(
        Text, comment="What the place stands for: city, admin2, admin1, country or region."
    )
    attack_type: Mapped[str] = mapped_column(
        Text,
        server_default=text("'unknown'"),
        comment="GTD attack type as this source describes the attack.",
    )
    suicide: Mapped[bool] = mapped_column(
        Boolean, server_default=text("false"), comment="True when this source describes a suicide attack."
    )
    target_type: Mapped[str | None] = mapped_column(
        Text, comment="GTD target type as this source describes the target."
    )
    target_description: Mapped[str | None] = mapped_column(Text, comment="The target in this source's words.")
    killed_low: Mapped[int | None] = mapped_column(Integer, comment="Fewest killed this source allows.")
    killed_high: Mapped[int | None] = mapped_column(
        Integer, comment="Most killed this source allows; null when unbounded or unknown."
    )
    wounded_low: Mapped[int | None] = mapped_column(Integer, comment="Fewest wounded this source allows.")
    wounded_high: Mapped[int | None] = mapped_column(
        Integer, comment="Most wounded this source allows; null when unbounded or unknown."
    )
    perpetrator_group_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("groups.id", ondelete="SET NULL"),
        index=True,
        comment="The group this source holds responsible (groups.id), when it names one.",
    )
    attribution: Mapped[str | None] = mapped_column(
        Text, comment="How this source ties the group to the incident: claimed, attributed or suspected."
    )
    summary: Mapped[str | None] = mapped_column(Text, comment="One-sentence summary in this source's terms.")
