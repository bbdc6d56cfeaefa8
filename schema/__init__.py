"""The eventsdb database schema: one declarative base (`Base`, `metadata`) and the mapped tables.

The database itself is built only by the Alembic migrations in migrations/; these models describe
it for the code and for `alembic check`, which must find no difference between the two.
"""

from schema.actors import (
    ActorMention,
    Group,
    GroupAlias,
    GroupRelation,
    Organisation,
    OrganisationAlias,
    Person,
)
from schema.base import NAMING_CONVENTION, Base
from schema.claims import Claim, ClaimRelation
from schema.incidents import Incident, IncidentClaim, IncidentPerpetrator, IncidentReport
from schema.runs import Correction, LoadRun, RejectedInput
from schema.sources import Source, SourceCitation

metadata = Base.metadata

__all__ = [
    "NAMING_CONVENTION",
    "ActorMention",
    "Base",
    "Claim",
    "ClaimRelation",
    "Correction",
    "Group",
    "GroupAlias",
    "GroupRelation",
    "Incident",
    "IncidentClaim",
    "IncidentPerpetrator",
    "IncidentReport",
    "LoadRun",
    "Organisation",
    "OrganisationAlias",
    "Person",
    "RejectedInput",
    "Source",
    "SourceCitation",
    "metadata",
]
