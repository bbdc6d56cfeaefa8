"""Claims: attributed statements found in a source, each tied to the exact span of text it rests on."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from schema.base import Base, one_of
from schema.mixins import CreatedAt, SourceSpan, WrittenByLoader
from schema.vocabulary import CLAIM_KINDS, CLAIM_RELATION_KINDS, CLAIMANT_KINDS


def span_checks() -> tuple[CheckConstraint, CheckConstraint]:
    """CHECKs every SourceSpan table has (fresh objects per table: a constraint belongs to one table)."""
    return (
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="span_order"),
        CheckConstraint("char_length(quote) = char_end - char_start", name="quote_length"),
    )


class Claim(CreatedAt, SourceSpan, WrittenByLoader, Base):
    __tablename__ = "claims"
    __table_args__ = (
        *span_checks(),
        UniqueConstraint("source_id", "char_start", "char_end", "kind", "claimant_text"),
        one_of("kind", CLAIM_KINDS),
        one_of("claimant_kind", CLAIMANT_KINDS),
        CheckConstraint(
            "num_nonnulls(claimant_group_id, claimant_organisation_id, claimant_person_id) <= 1",
            name="one_claimant",
        ),
        CheckConstraint("claimant_group_id IS NULL OR claimant_kind = 'group'", name="group_claimant_kind"),
        CheckConstraint(
            "claimant_organisation_id IS NULL OR claimant_kind IN ('organisation', 'report')",
            name="organisation_claimant_kind",
        ),
        CheckConstraint(
            "claimant_person_id IS NULL OR claimant_kind = 'person'", name="person_claimant_kind"
        ),
        CheckConstraint("claimant_text <> ''", name="claimant_text_not_empty"),
        # Denials and counters are few: finding contested incidents starts from them (migration
        # 2026_11_24_0003).
        Index("ix_claims_contesting_kind", "kind", postgresql_where=text("kind IN ('denial', 'counter')")),
        {
            "comment": "Attributed statements in a source: who says what (a statement, allegation, "
            "denial, counter, endorsement, estimate or claim of responsibility), with the exact quote "
            "and its character span in the source text."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    kind: Mapped[str] = mapped_column(
        Text,
        comment="statement, allegation, denial, counter, endorsement, estimate or responsibility.",
    )
    claimant_text: Mapped[str] = mapped_column(
        Text,
        comment="The claimant as the source names it ('Prime Minister Imran Khan', 'the US report'); "
        "for the source's own reporting, its publisher or author.",
    )
    claimant_kind: Mapped[str] = mapped_column(
        Text,
        comment="person, organisation, group, source (the source's own voice), report (a cited "
        "document) or unknown.",
    )
    claimant_group_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("groups.id"),
        index=True,
        comment="The claimant when it is a militant group (groups.id).",
    )
    claimant_organisation_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("organisations.id"),
        index=True,
        comment="The claimant when it is an organisation, or the publisher of a cited report "
        "(organisations.id).",
    )
    claimant_person_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("people.id"),
        index=True,
        comment="The claimant when it is a person (people.id).",
    )
    cue: Mapped[str | None] = mapped_column(
        Text, comment="The reporting verb or phrase that attributes the claim ('said', 'according to')."
    )
    about_group_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("groups.id"),
        index=True,
        comment="The group the claim is about (groups.id), when it is about one.",
    )
    citation_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("source_citations.id", ondelete="SET NULL"),
        index=True,
        comment="The cited document the claim is taken from, when the source reports on one "
        "(source_citations.id).",
    )


class ClaimRelation(CreatedAt, WrittenByLoader, Base):
    __tablename__ = "claim_relations"
    __table_args__ = (
        CheckConstraint("claim_id <> related_claim_id", name="not_self"),
        one_of("kind", CLAIM_RELATION_KINDS),
        {
            "comment": "How one claim answers another: Karzai's allegation counters Khan's statement; "
            "the US report endorses Pakistan's position."
        },
    )

    claim_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("claims.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The responding claim (claims.id).",
    )
    related_claim_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("claims.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
        comment="The claim responded to (claims.id).",
    )
    kind: Mapped[str] = mapped_column(Text, comment="counters or endorses.")
