"""Entity resolution: the names extraction finds -> canonical rows of groups, organisations, people.

from loader.resolve import ActorName, EntityResolver, sync_reference_lists
"""

from loader.resolve.entities import ActorKey, ActorKind, ActorName, EntityResolver
from loader.resolve.reference import (
    ReferenceEntry,
    SyncCounts,
    find_by_spellings,
    organisation_kind,
    reference_groups,
    reference_organisations,
    sync_reference_lists,
)

__all__ = [
    "ActorKey",
    "ActorKind",
    "ActorName",
    "EntityResolver",
    "ReferenceEntry",
    "SyncCounts",
    "find_by_spellings",
    "organisation_kind",
    "reference_groups",
    "reference_organisations",
    "sync_reference_lists",
]
