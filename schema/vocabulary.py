"""Fixed vocabularies of the schema, enforced in the database by CHECK constraints.

Those shared with the extraction output come from `loader.model` (one definition for the JSON
contract and the tables); the rest belong to the database alone. A change here needs a migration
that swaps the constraint: tests/schema/test_vocabulary.py fails until the database agrees.
"""

from __future__ import annotations

from typing import get_args

from loader import model

ATTACK_TYPES: tuple[str, ...] = get_args(model.AttackType)
TARGET_TYPES: tuple[str, ...] = get_args(model.TargetType)
DATE_PRECISIONS: tuple[str, ...] = get_args(model.DatePrecision)
LOCATION_PRECISIONS: tuple[str, ...] = get_args(model.LocationPrecision)
CLAIM_KINDS: tuple[str, ...] = get_args(model.ClaimKind)
CLAIMANT_KINDS: tuple[str, ...] = get_args(model.ClaimantKind)
ATTRIBUTIONS: tuple[str, ...] = get_args(model.Attribution)
SOURCE_KINDS: tuple[str, ...] = get_args(model.SourceKind)
GROUP_RELATION_KINDS: tuple[str, ...] = get_args(model.GroupRelationKind)

MEDIA_TYPES: tuple[str, ...] = ("text/plain", "text/markdown", "text/html")
CLAIM_RELATION_KINDS: tuple[str, ...] = ("counters", "endorses")
ORGANISATION_KINDS: tuple[str, ...] = (
    "government",
    "ministry",
    "agency",
    "military",
    "police",
    "coalition",
    "intergovernmental",
    "media",
    "ngo",
    "political_party",
    "court",
    "company",
    "other",
)
ALIAS_ORIGINS: tuple[str, ...] = ("reference", "extracted", "correction")
LOAD_RUN_STATUSES: tuple[str, ...] = ("running", "succeeded", "partial", "failed", "abandoned")
REJECTION_STAGES: tuple[str, ...] = ("read", "extract", "store")
CORRECTION_ACTIONS: tuple[str, ...] = ("set_field", "merge", "add_alias", "delete")
CORRECTION_OUTCOMES: tuple[str, ...] = ("applied", "in_effect", "target_missing", "failed")
CORRECTABLE_TABLES: tuple[str, ...] = (
    "sources",
    "groups",
    "group_aliases",
    "organisations",
    "organisation_aliases",
    "people",
    "claims",
    "incidents",
    "incident_perpetrators",
    "group_relations",
)
