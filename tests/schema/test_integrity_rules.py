"""Rules the database enforces itself, tried with rows a loader could write by mistake.
Each test runs in a transaction that is rolled back."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
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
    LoadRun,
    Organisation,
    OrganisationAlias,
    Person,
    Source,
)

TEXT = (
    "KABUL: A suicide bomber killed at least 14 people at a mosque in Herat on Friday, officials said. "
    "The Islamic State claimed responsibility. A Taliban spokesman denied that the group was involved."
)


def span(phrase: str) -> dict[str, Any]:
    start = TEXT.index(phrase)
    return {"char_start": start, "char_end": start + len(phrase), "quote": phrase}


@contextmanager
def violates(session: Session, message: str) -> Iterator[None]:
    """The block must fail with an integrity error matching `message`; the session stays usable."""
    with pytest.raises(IntegrityError, match=message), session.begin_nested():
        yield
        session.flush()
        # Deferred constraint triggers fire here, as they would at COMMIT.
        session.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))


@pytest.fixture()
def run(db_session: Session) -> LoadRun:
    load_run = LoadRun(extractor_version="test")
    db_session.add(load_run)
    db_session.flush()
    return load_run


def provenance(run: LoadRun) -> dict[str, object]:
    return {"load_run_id": run.id, "extractor_version": "test"}


@pytest.fixture()
def source(db_session: Session, run: LoadRun) -> Source:
    row = Source(
        source_key="test:herat",
        version=1,
        kind="news_article",
        media_type="text/plain",
        sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
        text=TEXT,
        published_on=date(2021, 10, 16),
        **provenance(run),
    )
    db_session.add(row)
    db_session.flush()
    return row


def claim(source: Source, run: LoadRun, phrase: str, **fields: object) -> Claim:
    values: dict[str, object] = {
        "kind": "statement",
        "claimant_text": "officials",
        "claimant_kind": "unknown",
        **span(phrase),
        **provenance(run),
    }
    values.update(fields)
    return Claim(source_id=source.id, **values)


def incident(source: Source, run: LoadRun, **fields: object) -> Incident:
    return Incident(
        source_id=source.id, **span("A suicide bomber killed at least 14 people"), **fields, **provenance(run)
    )


def test_normalize_name_folds_case_accents_and_punctuation(db_session: Session) -> None:
    pairs = {
        "IS-K": "is k",
        "Islamic State–Khorasan Province": "islamic state khorasan province",
        "  Tehrik-i-Taliban   Pakistan (TTP) ": "tehrik i taliban pakistan ttp",
        "Ḥaqqānī Network": "haqqani network",
        "al-Qa'ida": "al qaida",
        "Al Qa’ida": "al qaida",
        "Jamaat-ul-Ahrar": "jamaat ul ahrar",
        "داعش": "داعش",
    }
    for name, expected in pairs.items():
        assert db_session.scalar(text("SELECT normalize_name(:name)"), {"name": name}) == expected, name


def test_an_alias_names_one_group_whatever_its_spelling(db_session: Session) -> None:
    iskp = Group(name="Islamic State Khorasan Province", reviewed=True)
    ttp = Group(name="Tehrik-i-Taliban Pakistan", reviewed=True)
    db_session.add_all([iskp, ttp])
    db_session.flush()
    db_session.add(GroupAlias(group_id=iskp.id, alias="IS-K", origin="reference"))
    db_session.flush()
    with violates(db_session, "uq_group_aliases_alias_normalized"):
        db_session.add(GroupAlias(group_id=ttp.id, alias="is k", origin="extracted"))
    with violates(db_session, "uq_groups_name_normalized"):
        db_session.add(Group(name="ISLAMIC STATE KHORASAN PROVINCE"))
    with violates(db_session, "ck_groups_name_not_blank"):
        db_session.add(Group(name=" -- "))
    found = db_session.scalar(
        text(
            "SELECT g.name FROM group_aliases a JOIN groups g ON g.id = a.group_id "
            "WHERE a.alias_normalized = normalize_name(:n)"
        ),
        {"n": "Is–K"},
    )
    assert found == "Islamic State Khorasan Province"


def test_organisation_aliases_are_unique_and_kinds_are_checked(db_session: Session) -> None:
    state = Organisation(name="United States Department of State", kind="ministry", country="US")
    db_session.add(state)
    db_session.flush()
    db_session.add(OrganisationAlias(organisation_id=state.id, alias="State Department", origin="reference"))
    db_session.flush()
    with violates(db_session, "uq_organisation_aliases_alias_normalized"):
        db_session.add(
            OrganisationAlias(organisation_id=state.id, alias="state department", origin="extracted")
        )
    with violates(db_session, "ck_organisations_kind_allowed"):
        db_session.add(Organisation(name="Some Body", kind="club"))
    with violates(db_session, "ck_organisations_country_iso"):
        db_session.add(Organisation(name="Ministry of Interior", kind="ministry", country="pk"))


def test_group_hierarchy_and_relations_need_a_claim_and_two_groups(
    db_session: Session, source: Source, run: LoadRun
) -> None:
    islamic_state = Group(name="Islamic State", reviewed=True)
    db_session.add(islamic_state)
    db_session.flush()
    iskp = Group(name="Islamic State Khorasan Province", parent_id=islamic_state.id, reviewed=True)
    db_session.add(iskp)
    db_session.flush()
    stating = claim(source, run, "The Islamic State claimed responsibility.")
    db_session.add(stating)
    db_session.flush()
    db_session.add(
        GroupRelation(
            subject_group_id=iskp.id,
            kind="pledged_allegiance_to",
            object_group_id=islamic_state.id,
            claim_id=stating.id,
            **provenance(run),
        )
    )
    db_session.flush()
    with violates(db_session, "ck_group_relations_not_self"):
        db_session.add(
            GroupRelation(
                subject_group_id=iskp.id,
                kind="affiliate_of",
                object_group_id=iskp.id,
                claim_id=stating.id,
                **provenance(run),
            )
        )
    with violates(db_session, "claim_id"):
        db_session.add(
            GroupRelation(
                subject_group_id=iskp.id,
                kind="affiliate_of",
                object_group_id=islamic_state.id,
                claim_id=None,  # type: ignore[arg-type]
                **provenance(run),
            )
        )
    with violates(db_session, "ck_groups_not_own_parent"):
        islamic_state.parent_id = islamic_state.id


def test_a_claim_quote_must_be_the_source_text_at_its_span(
    db_session: Session, source: Source, run: LoadRun
) -> None:
    db_session.add(claim(source, run, "officials said"))
    db_session.flush()
    good = span("officials said")
    with violates(db_session, "claims.quote does not match the text of source"):
        db_session.add(
            Claim(
                source_id=source.id,
                char_start=good["char_start"],
                char_end=good["char_end"],
                quote="officials SAID",
                kind="statement",
                claimant_text="officials",
                claimant_kind="unknown",
                **provenance(run),
            )
        )
    with violates(db_session, "does not match the text"):  # the trigger runs before ck_claims_quote_length
        db_session.add(claim(source, run, "officials said", char_end=good["char_end"] + 1))
    with violates(db_session, "ck_claims_span_order"):
        db_session.add(claim(source, run, "", char_start=5, char_end=5))
    with violates(db_session, "does not match the text"):  # beyond the end of the text
        db_session.add(claim(source, run, "said", char_start=len(TEXT), char_end=len(TEXT) + 4))


def test_a_claimant_is_at_most_one_actor_of_the_matching_kind(
    db_session: Session, source: Source, run: LoadRun
) -> None:
    taliban = Group(name="Afghan Taliban")
    spokesman = Person(name="Zabihullah Mujahid", description="Taliban spokesman")
    db_session.add_all([taliban, spokesman])
    db_session.flush()
    denial = claim(
        source,
        run,
        "A Taliban spokesman denied that the group was involved.",
        kind="denial",
        claimant_text="A Taliban spokesman",
        claimant_kind="person",
        claimant_person_id=spokesman.id,
        about_group_id=taliban.id,
    )
    db_session.add(denial)
    db_session.flush()
    with violates(db_session, "ck_claims_one_claimant"):
        denial.claimant_group_id = taliban.id
        denial.claimant_kind = "group"
    with violates(db_session, "ck_claims_group_claimant_kind"):
        db_session.add(
            claim(
                source,
                run,
                "The Islamic State claimed responsibility.",
                claimant_kind="person",
                claimant_group_id=taliban.id,
            )
        )
    with violates(db_session, "ck_claims_kind_allowed"):
        db_session.add(claim(source, run, "officials said", kind="rumour"))


def test_claims_answer_other_claims(db_session: Session, source: Source, run: LoadRun) -> None:
    responsibility = claim(source, run, "The Islamic State claimed responsibility.", kind="responsibility")
    denial = claim(source, run, "A Taliban spokesman denied that the group was involved.", kind="denial")
    db_session.add_all([responsibility, denial])
    db_session.flush()
    db_session.add(
        ClaimRelation(
            claim_id=denial.id, related_claim_id=responsibility.id, kind="counters", **provenance(run)
        )
    )
    db_session.flush()
    with violates(db_session, "ck_claim_relations_not_self"):
        db_session.add(
            ClaimRelation(claim_id=denial.id, related_claim_id=denial.id, kind="endorses", **provenance(run))
        )


def test_every_incident_needs_a_supporting_claim(db_session: Session, source: Source, run: LoadRun) -> None:
    with violates(db_session, "has no supporting claim"):
        db_session.add(incident(source, run))

    reported = claim(source, run, "A suicide bomber killed at least 14 people at a mosque in Herat on Friday")
    attack = incident(source, run, attack_type="bombing", suicide=True, killed_low=14)
    db_session.add_all([reported, attack])
    db_session.flush()
    db_session.add(IncidentClaim(incident_id=attack.id, claim_id=reported.id, **provenance(run)))
    db_session.flush()
    db_session.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))  # passes: the incident is supported
    db_session.execute(text("SET CONSTRAINTS ALL DEFERRED"))

    with violates(db_session, "has no supporting claim"):
        db_session.execute(text("DELETE FROM incident_claims WHERE incident_id = :id"), {"id": attack.id})
    with violates(db_session, "has no supporting claim"):
        db_session.delete(reported)  # cascades to incident_claims
    # Removing the incident together with its support is fine.
    with db_session.begin_nested():
        db_session.delete(attack)
        db_session.flush()
        db_session.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
        db_session.rollback()


def test_incident_fields_are_checked(db_session: Session, source: Source, run: LoadRun) -> None:
    reported = claim(source, run, "A suicide bomber killed at least 14 people at a mosque in Herat on Friday")
    db_session.add(reported)
    db_session.flush()

    def supported(**fields: object) -> None:
        row = incident(source, run, **fields)
        db_session.add(row)
        db_session.flush()
        db_session.add(IncidentClaim(incident_id=row.id, claim_id=reported.id, **provenance(run)))

    supported(
        date_start=date(2021, 10, 15),
        date_end=date(2021, 10, 15),
        date_precision="day",
        country="AF",
        admin1_code="AF-HER",
        admin1_name="Herat",
        city="Herat",
        latitude=34.34,
        longitude=62.2,
        location_precision="city",
        attack_type="bombing",
        suicide=True,
        target_type="religious",
        killed_low=14,
        killed_high=None,
    )
    db_session.flush()
    db_session.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
    db_session.execute(text("SET CONSTRAINTS ALL DEFERRED"))
    stored = db_session.execute(
        text("SELECT lower(date_range), upper(date_range), attack_type FROM incidents WHERE source_id = :s"),
        {"s": source.id},
    ).one()
    assert stored == (date(2021, 10, 15), date(2021, 10, 16), "bombing")

    rejected: dict[str, dict[str, Any]] = {
        "ck_incidents_killed_low_high": {"killed_low": 20, "killed_high": 10},
        "ck_incidents_wounded_low_high": {"wounded_low": -1},
        "ck_incidents_date_order": {
            "date_start": date(2021, 10, 15),
            "date_end": date(2021, 10, 1),
            "date_precision": "month",
        },
        "ck_incidents_date_all_or_none": {"date_start": date(2021, 1, 1)},
        "ck_incidents_country_iso": {"country": "Af"},
        "ck_incidents_admin1_code_iso": {"country": "PK", "admin1_code": "AF-HER"},
        "ck_incidents_coordinates_pair": {"latitude": 30.0},
        "ck_incidents_latitude_range": {"latitude": 95.0, "longitude": 10.0},
        "ck_incidents_attack_type_allowed": {"attack_type": "drone_strike"},
        "ck_incidents_target_type_allowed": {"target_type": "shrine"},
        "ck_incidents_location_precision_allowed": {"location_precision": "street"},
    }
    for constraint, fields in rejected.items():
        with violates(db_session, constraint):
            supported(**fields)


def test_perpetrators_carry_an_attribution(db_session: Session, source: Source, run: LoadRun) -> None:
    group = Group(name="Islamic State")
    responsibility = claim(source, run, "The Islamic State claimed responsibility.", kind="responsibility")
    attack = incident(source, run)
    db_session.add_all([group, responsibility, attack])
    db_session.flush()
    db_session.add(IncidentClaim(incident_id=attack.id, claim_id=responsibility.id, **provenance(run)))
    db_session.add(
        IncidentPerpetrator(
            incident_id=attack.id,
            group_id=group.id,
            attribution="claimed",
            claim_id=responsibility.id,
            **provenance(run),
        )
    )
    db_session.flush()
    with violates(db_session, "ck_incident_perpetrators_attribution_allowed"):
        db_session.add(
            IncidentPerpetrator(
                incident_id=attack.id, group_id=group.id, attribution="rumoured", **provenance(run)
            )
        )


def test_one_current_version_per_source(db_session: Session, source: Source, run: LoadRun) -> None:
    def version(number: int, **fields: object) -> Source:
        values: dict[str, object] = {
            "source_key": source.source_key,
            "version": number,
            "kind": "news_article",
            "media_type": "text/plain",
            "sha256": "b" * 64,
            "text": TEXT + " Updated.",
            **provenance(run),
        }
        values.update(fields)
        return Source(**values)

    with violates(db_session, "uq_sources_current_source_key"):
        db_session.add(version(2))
    with violates(db_session, "uq_sources_source_key_version"):
        db_session.add(version(1, is_current=False))
    with violates(db_session, "ck_sources_current_not_superseded"):
        db_session.add(version(2, is_current=True, superseded_by=source.id, source_key="test:other"))
    with violates(db_session, "ck_sources_sha256_hex"):
        db_session.add(version(1, source_key="test:other", sha256="XYZ"))
    with violates(db_session, "ck_sources_text_not_empty"):
        db_session.add(version(1, source_key="test:other", text=""))
    with violates(db_session, "ck_sources_language_tag"):
        db_session.add(version(1, source_key="test:other", language="English"))
    with violates(db_session, "load_run_id"):
        db_session.add(version(1, source_key="test:other", load_run_id=None))


def test_load_runs_are_either_running_or_finished(db_session: Session) -> None:
    with violates(db_session, "ck_load_runs_running_is_unfinished"):
        db_session.add(LoadRun(extractor_version="test", status="running", finished_at=date(2030, 1, 1)))
    with violates(db_session, "ck_load_runs_finished_has_end"):
        db_session.add(LoadRun(extractor_version="test", status="succeeded"))
    with violates(db_session, "ck_load_runs_inputs_is_array"):
        db_session.add(LoadRun(extractor_version="test", inputs={"a": 1}))
