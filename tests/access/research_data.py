"""A small hand-made dataset for the research views, written through the ORM models (see the
fixtures in conftest.py).

The dataset is built to exercise what the views promise, not to look like any real article:

- source A (url:test/a, 'Daily Test', 2019-06-02) in version 2; its version 1 is superseded (as
  the loader leaves it: the source row alone, its claims and reports gone);
- source B ('Other Paper', 2019-06-03) reports the Peshawar bombing too, with another toll: the
  incident has a report from each source;
- incident 1: a suicide bombing in Peshawar on 2019-06-01 (day precision), killed 12..14, claimed
  by IS-K (a responsibility claim, countered by the Taliban's denial), Afghan Taliban suspected,
  supported by three claims from two sources;
- incident 2: gunmen in Quetta in May 2019 (month precision), killed 5, no perpetrator;
- incident 3: IS-K attacks in Afghanistan in 2018 (year precision, country only), killed 30 or more;
- a relation: IS-K composed_of_members_of Tehrik-i-Taliban Pakistan, stated by officials in A.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy.orm import Session

from schema import (
    Claim,
    ClaimRelation,
    Group,
    GroupAlias,
    GroupRelation,
    Incident,
    IncidentClaim,
    IncidentPerpetrator,
    IncidentReport,
    LoadRun,
    Source,
)

TEXT_A = (
    "PESHAWAR: A suicide bomber killed 12 people at a police station in Peshawar on 1 June 2019, police "
    "said. The Islamic State Khorasan Province claimed responsibility for the attack. The Taliban denied "
    "any role. In May 2019, gunmen killed five people in Quetta. In 2018, IS-K attacks in Afghanistan "
    "killed at least 30 people. Officials said IS-K draws fighters from the Tehrik-i-Taliban Pakistan."
)
TEXT_A_OLD = "PESHAWAR: A bomb killed 10 people in Peshawar on 1 June 2019, police said."
TEXT_B = "At least 14 people died in the Peshawar police station bombing, a hospital official said."
EXTRACTOR = "test"


@dataclass(frozen=True)
class ResearchData:
    """Ids of the rows the dataset wrote."""

    isk: int
    islamic_state: int
    taliban: int
    ttp: int
    source_a: int
    source_a_old: int
    source_b: int
    peshawar: int
    quetta: int
    afghanistan_2018: int
    claim_police: int
    claim_responsibility: int
    claim_denial: int
    claim_hospital: int


def span(text: str, quote: str) -> dict[str, object]:
    start = text.index(quote)
    return {"char_start": start, "char_end": start + len(quote), "quote": quote}


def build_research_data(session: Session) -> ResearchData:
    started = dt.datetime(2019, 6, 3, 12, 0, tzinfo=dt.UTC)
    run = LoadRun(
        extractor_version=EXTRACTOR,
        status="succeeded",
        started_at=started,
        finished_at=started + dt.timedelta(minutes=1),
    )
    session.add(run)
    session.flush()
    loader = {"load_run_id": run.id, "extractor_version": EXTRACTOR}

    def source(
        key: str, version: int, text: str, publisher: str, published: dt.date, current: bool
    ) -> Source:
        row = Source(
            source_key=key,
            version=version,
            is_current=current,
            kind="news_article",
            media_type="text/plain",
            publisher=publisher,
            published_on=published,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            text=text,
            **loader,
        )
        session.add(row)
        session.flush()
        return row

    a_old = source("url:test/a", 1, TEXT_A_OLD, "Daily Test", dt.date(2019, 6, 2), current=False)
    a = source("url:test/a", 2, TEXT_A, "Daily Test", dt.date(2019, 6, 2), current=True)
    a_old.superseded_by = a.id
    a_old.superseded_at = dt.datetime(2019, 6, 3, tzinfo=dt.UTC)
    b = source("url:test/b", 1, TEXT_B, "Other Paper", dt.date(2019, 6, 3), current=True)

    def group(name: str, aliases: tuple[str, ...] = (), parent: Group | None = None) -> Group:
        row = Group(name=name, parent_id=parent.id if parent else None, reviewed=True, **loader)
        session.add(row)
        session.flush()
        for alias in (name, *aliases):
            session.add(GroupAlias(group_id=row.id, alias=alias, origin="reference", **loader))
        return row

    islamic_state = group("Islamic State", ("IS", "ISIS"))
    isk = group("Islamic State Khorasan", ("IS-K", "ISKP", "Islamic State Khorasan Province"), islamic_state)
    taliban = group("Afghan Taliban", ("Taliban",))
    ttp = group("Tehrik-i-Taliban Pakistan", ("TTP",))
    session.flush()

    def claim(
        source_row: Source, quote: str, kind: str, claimant: str, claimant_kind: str, **extra: object
    ) -> Claim:
        row = Claim(
            source_id=source_row.id,
            kind=kind,
            claimant_text=claimant,
            claimant_kind=claimant_kind,
            **span(source_row.text, quote),
            **extra,
            **loader,
        )
        session.add(row)
        session.flush()
        return row

    police = claim(a, "A suicide bomber killed 12 people at a police station in Peshawar on 1 June 2019, police said.",
                   "statement", "police", "organisation")  # fmt: skip
    responsibility = claim(a, "The Islamic State Khorasan Province claimed responsibility for the attack.",
                           "responsibility", "Islamic State Khorasan Province", "group",
                           claimant_group_id=isk.id, about_group_id=isk.id)  # fmt: skip
    denial = claim(a, "The Taliban denied any role.", "denial", "The Taliban", "group",
                   claimant_group_id=taliban.id, about_group_id=taliban.id)  # fmt: skip
    quetta_claim = claim(
        a, "In May 2019, gunmen killed five people in Quetta.", "statement", "Daily Test", "source"
    )
    afghanistan_claim = claim(a, "In 2018, IS-K attacks in Afghanistan killed at least 30 people.",
                              "statement", "Daily Test", "source", about_group_id=isk.id)  # fmt: skip
    members = claim(a, "Officials said IS-K draws fighters from the Tehrik-i-Taliban Pakistan.",
                    "statement", "Officials", "unknown", about_group_id=isk.id)  # fmt: skip
    hospital = claim(b, TEXT_B, "estimate", "a hospital official", "person")
    session.add(
        ClaimRelation(claim_id=denial.id, related_claim_id=responsibility.id, kind="counters", **loader)
    )

    def incident(source_row: Source, quote: str, claims: list[Claim], **fields: object) -> Incident:
        row = Incident(source_id=source_row.id, **span(source_row.text, quote), **fields, **loader)
        session.add(row)
        session.flush()
        for supporting in claims:
            session.add(IncidentClaim(incident_id=row.id, claim_id=supporting.id, **loader))
        return row

    peshawar = incident(
        a, police.quote, [police, responsibility, hospital],
        date_start=dt.date(2019, 6, 1), date_end=dt.date(2019, 6, 1), date_precision="day",
        country="PK", admin1_code="PK-KP", admin1_name="Khyber Pakhtunkhwa", city="Peshawar",
        latitude=34.008, longitude=71.578, location_precision="city",
        attack_type="bombing", suicide=True, target_type="police", target_description="a police station",
        killed_low=12, killed_high=14, summary="Suicide bombing at a police station in Peshawar.",
    )  # fmt: skip
    quetta = incident(
        a, quetta_claim.quote, [quetta_claim],
        date_start=dt.date(2019, 5, 1), date_end=dt.date(2019, 5, 31), date_precision="month",
        country="PK", admin1_code="PK-BA", admin1_name="Balochistan", city="Quetta", location_precision="city",
        attack_type="armed_assault", killed_low=5, killed_high=5,
    )  # fmt: skip
    afghanistan = incident(
        a, afghanistan_claim.quote, [afghanistan_claim],
        date_start=dt.date(2018, 1, 1), date_end=dt.date(2018, 12, 31), date_precision="year",
        country="AF", location_precision="country", attack_type="unknown", killed_low=30,
    )  # fmt: skip

    def report(incident_row: Incident, source_row: Source, quote: str, **fields: object) -> None:
        session.add(
            IncidentReport(
                incident_id=incident_row.id,
                source_id=source_row.id,
                **span(source_row.text, quote),
                **fields,
                **loader,
            )
        )

    day_fields = {"date_start": dt.date(2019, 6, 1), "date_end": dt.date(2019, 6, 1), "date_precision": "day"}
    report(peshawar, a, police.quote, **day_fields, country="PK", admin1_code="PK-KP", city="Peshawar",
           attack_type="bombing", suicide=True, killed_low=12, killed_high=12, perpetrator_group_id=isk.id,
           attribution="claimed")  # fmt: skip
    report(peshawar, b, TEXT_B, **day_fields, country="PK", city="Peshawar", attack_type="bombing",
           killed_low=14, killed_high=14)  # fmt: skip
    report(quetta, a, quetta_claim.quote, country="PK", admin1_code="PK-BA", city="Quetta",
           attack_type="armed_assault", killed_low=5, killed_high=5)  # fmt: skip
    report(afghanistan, a, afghanistan_claim.quote, country="AF", killed_low=30, perpetrator_group_id=isk.id,
           attribution="attributed")  # fmt: skip
    session.add_all(
        [
            IncidentPerpetrator(incident_id=peshawar.id, group_id=isk.id, attribution="claimed",
                                claim_id=responsibility.id, **loader),
            IncidentPerpetrator(incident_id=peshawar.id, group_id=taliban.id, attribution="suspected", **loader),
            IncidentPerpetrator(incident_id=afghanistan.id, group_id=isk.id, attribution="attributed",
                                claim_id=afghanistan_claim.id, **loader),
            IncidentPerpetrator(incident_id=peshawar.id, group_id=isk.id, attribution="suspected", **loader),
            GroupRelation(subject_group_id=isk.id, kind="composed_of_members_of", object_group_id=ttp.id,
                          claim_id=members.id, **loader),
        ]
    )  # fmt: skip
    session.flush()
    return ResearchData(
        isk=isk.id,
        islamic_state=islamic_state.id,
        taliban=taliban.id,
        ttp=ttp.id,
        source_a=a.id,
        source_a_old=a_old.id,
        source_b=b.id,
        peshawar=peshawar.id,
        quetta=quetta.id,
        afghanistan_2018=afghanistan.id,
        claim_police=police.id,
        claim_responsibility=responsibility.id,
        claim_denial=denial.id,
        claim_hospital=hospital.id,
    )
