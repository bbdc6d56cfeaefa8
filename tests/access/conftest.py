"""Fixtures for the research views: the dataset of research_data.py in a test's rolled-back
transaction (`research_data`), or committed in a scratch database of its own (`research_database`)
for code that opens its own connections (the CLI, exports)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from loader.db import migrate
from loader.db.engine import make_engine
from tests.access.research_data import ResearchData, build_research_data


@pytest.fixture()
def research_data(db_session: Session) -> ResearchData:
    """The dataset in the test's transaction (rolled back afterwards)."""
    return build_research_data(db_session)


@pytest.fixture(scope="session")
def research_database(create_database: Callable[[str], URL]) -> Iterator[tuple[URL, ResearchData]]:
    """A migrated scratch database holding the dataset, committed: for code with its own connections."""
    url = create_database("research")
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        with Session(engine) as session, session.begin():
            data = build_research_data(session)
    finally:
        engine.dispose()
    yield url, data


@pytest.fixture(scope="session")
def research_url(research_database: tuple[URL, ResearchData]) -> URL:
    return research_database[0]
