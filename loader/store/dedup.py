"""When two sources report the same attack: the conservative rule that merges their incidents.

A report of source B joins an incident already in the database (reported by source A) only when
all of these hold:

1. date: both are dated to the day, and to the same day;
2. place: same country, and the same city (compared without case, accents or punctuation); a
   report without a city never merges (two attacks in one province on one day are common);
3. type: the same GTD attack type, or one of the two is 'unknown';
4. toll: killed counts agree: both unknown, or both known and either their ranges overlap ('over
   50' and '60') or their lows differ by at most max(2, 20 % of the larger) (early and later counts
   of one attack: 10 and 12). A known count never merges with an unknown one. Wounded counts, when
   both sources give one, must agree the same way;
5. the incident has no report from the same source yet (the extractor kept them apart on purpose).

If several incidents qualify, the one with the closest killed count (then the oldest) wins.
Otherwise the report becomes a new incident. The merged incident keeps one report per source:
its killed/wounded low is the lowest low and its high the highest high (null when a source leaves
it open), so differing tolls are kept, each in its source's claim and report.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache


@lru_cache(maxsize=65536)
def fold_place(name: str | None) -> str:
    """A place name for comparison: case, accents and punctuation folded ('Dera Ismail-Khan' ==
    'dera ismail khan')."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


@dataclass(frozen=True)
class Toll:
    low: int | None
    high: int | None

    @property
    def known(self) -> bool:
        return self.low is not None or self.high is not None


@dataclass(frozen=True)
class IncidentFacts:
    """What the rule looks at, for an incident or a report."""

    date_start: date | None
    date_precision: str | None
    country: str | None
    city: str | None
    attack_type: str
    killed: Toll
    wounded: Toll

    @cached_property
    def mergeable(self) -> bool:
        """Whether the rule can ever merge it: dated to the day, placed in a city of a country."""
        return (
            self.date_start is not None
            and self.date_precision == "day"
            and bool(self.country)
            and bool(fold_place(self.city))
        )

    @cached_property
    def bucket(self) -> str:
        """The lock key under which candidates for a merge are looked up (same day, country, city)."""
        day = self.date_start.isoformat() if self.date_start else "-"
        return f"eventsdb:incident:{day}:{self.country or '-'}:{fold_place(self.city)}"


def _range(toll: Toll) -> tuple[int, float]:
    low = toll.low if toll.low is not None else 0
    high: float = toll.high if toll.high is not None else (float("inf") if toll.low is not None else low)
    return low, high


def tolls_agree(a: Toll, b: Toll) -> bool:
    """Two counts of the same kind (killed or wounded), both known, agree (rule 4)."""
    a_low, a_high = _range(a)
    b_low, b_high = _range(b)
    if a_low <= b_high and b_low <= a_high:
        return True
    return abs(a_low - b_low) <= max(2, 0.2 * max(a_low, b_low))


def killed_difference(a: Toll, b: Toll) -> int:
    return abs(_range(a)[0] - _range(b)[0])


def same_incident(report: IncidentFacts, incident: IncidentFacts) -> bool:
    """Rules 1-4 of the module docstring (rule 5 needs the database and is checked by the caller)."""
    if not (report.mergeable and incident.mergeable):
        return False
    if report.date_start != incident.date_start or report.country != incident.country:
        return False
    if fold_place(report.city) != fold_place(incident.city):
        return False
    if (
        "unknown" not in (report.attack_type, incident.attack_type)
        and report.attack_type != incident.attack_type
    ):
        return False
    if report.killed.known != incident.killed.known:
        return False
    if report.killed.known and not tolls_agree(report.killed, incident.killed):
        return False
    return not (
        report.wounded.known and incident.wounded.known and not tolls_agree(report.wounded, incident.wounded)
    )


def best_match(report: IncidentFacts, candidates: Sequence[tuple[int, IncidentFacts]]) -> int | None:
    """The id of the incident the report joins, or None (the candidates have passed rule 5)."""
    qualifying = [(incident_id, facts) for incident_id, facts in candidates if same_incident(report, facts)]
    if not qualifying:
        return None
    return min(qualifying, key=lambda pair: (killed_difference(report.killed, pair[1].killed), pair[0]))[0]
