"""Actors: militant groups, organisations (governments, ministries, coalitions, media, ...) and
people, with the alias tables that resolve every spelling to one canonical row.

`*_normalized` columns are computed by the database function normalize_name() (lower case, accents
and punctuation folded to spaces: 'IS-K', 'IS–K' and 'is k' are one alias), so every loader and
every concurrent run agrees on what counts as the same name.
"""

from __future__ import annotations

from sqlalchemy import (
    CHAR,
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    ForeignKey,
    Identity,
    Index,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from schema.base import Base, one_of
from schema.mixins import CreatedAt, MaybeWrittenByLoader, SourceSpan, WrittenByLoader
from schema.vocabulary import ALIAS_ORIGINS, GROUP_RELATION_KINDS, ORGANISATION_KINDS

WIKIDATA_ID = "wikidata_id ~ '^Q[1-9][0-9]*$'"


def _trigram_index(table: str, column: str) -> Index:
    """A trigram index for fuzzy look-ups (`column % 'name'`, similarity()) during entity resolution."""
    return Index(
        f"ix_{table}_{column}_trgm",
        column,
        postgresql_using="gin",
        postgresql_ops={column: "gin_trgm_ops"},
    )


class Group(CreatedAt, MaybeWrittenByLoader, Base):
    __tablename__ = "groups"
    __table_args__ = (
        UniqueConstraint("name_normalized"),
        CheckConstraint("name_normalized <> ''", name="name_not_blank"),
        CheckConstraint("parent_id <> id", name="not_own_parent"),
        CheckConstraint(WIKIDATA_ID, name="wikidata_id_format"),
        {
            "comment": "Militant groups, one row per group under its canonical name (e.g. "
            "'Islamic State Khorasan Province', parent 'Islamic State'). Spellings live in group_aliases."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    name: Mapped[str] = mapped_column(Text, comment="Canonical name of the group.")
    name_normalized: Mapped[str] = mapped_column(
        Text,
        Computed("normalize_name(name)", persisted=True),
        comment="normalize_name(name), computed; unique.",
    )
    description: Mapped[str | None] = mapped_column(Text, comment="Short description, when known.")
    parent_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("groups.id", ondelete="SET NULL"),
        index=True,
        comment="The group this one is a branch, province or faction of (groups.id), e.g. IS-K -> IS.",
    )
    wikidata_id: Mapped[str | None] = mapped_column(Text, comment="Wikidata item, e.g. 'Q19057911'.")
    reviewed: Mapped[bool] = mapped_column(
        Boolean,
        server_default=text("false"),
        comment="True once a person or the shipped reference list vouches for the row; false for names "
        "the loader met and could not resolve.",
    )


class GroupAlias(CreatedAt, MaybeWrittenByLoader, Base):
    __tablename__ = "group_aliases"
    __table_args__ = (
        UniqueConstraint("alias_normalized"),
        CheckConstraint("alias_normalized <> ''", name="alias_not_blank"),
        one_of("origin", ALIAS_ORIGINS),
        _trigram_index("group_aliases", "alias_normalized"),
        {
            "comment": "Every known spelling of a group (the canonical name included); a normalized "
            "alias names exactly one group."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    group_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("groups.id", ondelete="CASCADE"),
        index=True,
        comment="The group this alias names (groups.id).",
    )
    alias: Mapped[str] = mapped_column(Text, comment="The spelling as first met, e.g. 'IS-K' or 'ISKP'.")
    alias_normalized: Mapped[str] = mapped_column(
        Text,
        Computed("normalize_name(alias)", persisted=True),
        comment="normalize_name(alias), computed; unique, the key for resolving names.",
    )
    origin: Mapped[str] = mapped_column(
        Text,
        comment="Where the alias comes from: reference (the shipped list), extracted (a text) or "
        "correction (a person).",
    )


class Organisation(CreatedAt, MaybeWrittenByLoader, Base):
    __tablename__ = "organisations"
    __table_args__ = (
        UniqueConstraint("name_normalized"),
        CheckConstraint("name_normalized <> ''", name="name_not_blank"),
        CheckConstraint("parent_id <> id", name="not_own_parent"),
        CheckConstraint("country ~ '^[A-Z]{2}$'", name="country_iso"),
        CheckConstraint(WIKIDATA_ID, name="wikidata_id_format"),
        one_of("kind", ORGANISATION_KINDS),
        {
            "comment": "Organisations that are not militant groups: governments, ministries, agencies, "
            "armed forces, coalitions, intergovernmental bodies, media, NGOs. Spellings live in "
            "organisation_aliases."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    name: Mapped[str] = mapped_column(
        Text, comment="Canonical name, e.g. 'United States Department of State'."
    )
    name_normalized: Mapped[str] = mapped_column(
        Text,
        Computed("normalize_name(name)", persisted=True),
        comment="normalize_name(name), computed; unique.",
    )
    kind: Mapped[str] = mapped_column(
        Text,
        comment="government, ministry, agency, military, police, coalition, intergovernmental, media, ...",
    )
    country: Mapped[str | None] = mapped_column(
        CHAR(2), comment="Country the organisation belongs to (ISO 3166-1 alpha-2); null if international."
    )
    parent_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("organisations.id", ondelete="SET NULL"),
        index=True,
        comment="The organisation this one is part of (organisations.id), e.g. a ministry -> its government.",
    )
    description: Mapped[str | None] = mapped_column(Text, comment="Short description, when known.")
    wikidata_id: Mapped[str | None] = mapped_column(Text, comment="Wikidata item, e.g. 'Q789915'.")
    reviewed: Mapped[bool] = mapped_column(
        Boolean,
        server_default=text("false"),
        comment="True once a person or the shipped reference list vouches for the row.",
    )


class OrganisationAlias(CreatedAt, MaybeWrittenByLoader, Base):
    __tablename__ = "organisation_aliases"
    __table_args__ = (
        UniqueConstraint("alias_normalized"),
        CheckConstraint("alias_normalized <> ''", name="alias_not_blank"),
        one_of("origin", ALIAS_ORIGINS),
        _trigram_index("organisation_aliases", "alias_normalized"),
        {
            "comment": "Every known spelling of an organisation (the canonical name included); a "
            "normalized alias names exactly one organisation."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    organisation_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("organisations.id", ondelete="CASCADE"),
        index=True,
        comment="The organisation this alias names (organisations.id).",
    )
    alias: Mapped[str] = mapped_column(Text, comment="The spelling as first met, e.g. 'State Department'.")
    alias_normalized: Mapped[str] = mapped_column(
        Text,
        Computed("normalize_name(alias)", persisted=True),
        comment="normalize_name(alias), computed; unique, the key for resolving names.",
    )
    origin: Mapped[str] = mapped_column(
        Text, comment="reference (the shipped list), extracted (a text) or correction (a person)."
    )


class Person(CreatedAt, MaybeWrittenByLoader, Base):
    __tablename__ = "people"
    __table_args__ = (
        CheckConstraint("name_normalized <> ''", name="name_not_blank"),
        CheckConstraint(WIKIDATA_ID, name="wikidata_id_format"),
        Index("ix_people_name_normalized", "name_normalized"),
        _trigram_index("people", "name_normalized"),
        {
            "comment": "People who make or are named in claims (officials, spokesmen, leaders). Names "
            "are not unique: two rows may share one."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    name: Mapped[str] = mapped_column(Text, comment="Full name as best known, e.g. 'Hamid Karzai'.")
    name_normalized: Mapped[str] = mapped_column(
        Text,
        Computed("normalize_name(name)", persisted=True),
        comment="normalize_name(name), computed; the key for resolving names.",
    )
    description: Mapped[str | None] = mapped_column(
        Text, comment="Role as described by the sources, e.g. 'former Afghan president'."
    )
    wikidata_id: Mapped[str | None] = mapped_column(Text, comment="Wikidata item, e.g. 'Q167443'.")
    reviewed: Mapped[bool] = mapped_column(
        Boolean,
        server_default=text("false"),
        comment="True once a person has checked the row; false for names the loader created.",
    )


class GroupRelation(CreatedAt, WrittenByLoader, Base):
    __tablename__ = "group_relations"
    __table_args__ = (
        UniqueConstraint(
            "subject_group_id", "kind", "object_group_id", "claim_id", name="uq_group_relations_per_claim"
        ),
        CheckConstraint("subject_group_id <> object_group_id", name="not_self"),
        one_of("kind", GROUP_RELATION_KINDS),
        {
            "comment": "Relations between groups as stated by a claim, so each has a source: IS-K "
            "composed_of_members_of TTP, IS-K pledged_allegiance_to IS, ..."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    subject_group_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("groups.id", ondelete="CASCADE"),
        comment="The group the relation is stated of (groups.id).",
    )
    kind: Mapped[str] = mapped_column(
        Text, comment="composed_of_members_of, pledged_allegiance_to, affiliate_of or splinter_of."
    )
    object_group_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("groups.id", ondelete="CASCADE"),
        index=True,
        comment="The other group (groups.id).",
    )
    claim_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("claims.id", ondelete="CASCADE"),
        index=True,
        comment="The claim stating the relation (claims.id): its source span is the evidence.",
    )


class ActorMention(CreatedAt, SourceSpan, WrittenByLoader, Base):
    __tablename__ = "actor_mentions"
    __table_args__ = (
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="span_order"),
        CheckConstraint("char_length(quote) = char_end - char_start", name="quote_length"),
        CheckConstraint("num_nonnulls(group_id, organisation_id, person_id) = 1", name="one_actor"),
        UniqueConstraint("source_id", "char_start", "char_end"),
        {
            "comment": "Where a source names a group, organisation or person: one row per mention, "
            "with the exact quote and its span. The provenance of the shared actor rows: every source "
            "and sentence that names IS-K, whatever the spelling."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    group_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("groups.id", ondelete="CASCADE"),
        index=True,
        comment="The group named (groups.id), or null.",
    )
    organisation_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("organisations.id", ondelete="CASCADE"),
        index=True,
        comment="The organisation named (organisations.id), or null.",
    )
    person_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("people.id", ondelete="CASCADE"),
        index=True,
        comment="The person named (people.id), or null.",
    )
