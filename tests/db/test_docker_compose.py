"""docker-compose.yml is checked by structure (there is no Docker engine here to run it)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

COMPOSE_FILE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_one_postgres_18_service() -> None:
    services = compose()["services"]
    # `docker compose up` starts Postgres alone; other services are opt-in through a profile.
    assert [name for name, service in services.items() if not service.get("profiles")] == ["postgres"]
    assert re.fullmatch(r"postgres:18(\.\d+)?(-[a-z0-9]+)?", services["postgres"]["image"])


def test_credentials_come_from_the_environment() -> None:
    environment = compose()["services"]["postgres"]["environment"]
    assert set(environment) == {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"}
    for value in environment.values():
        assert re.fullmatch(r"\$\{[A-Z_]+(:[-?][^}]*)?\}", value), value
    # The password has no default: compose refuses to start without one.
    assert environment["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_data_lives_in_a_named_volume() -> None:
    document = compose()
    assert "eventsdb-pgdata" in document["volumes"]
    mounts = document["services"]["postgres"]["volumes"]
    assert mounts == ["eventsdb-pgdata:/var/lib/postgresql"]


def test_healthcheck_asks_postgres_itself() -> None:
    healthcheck = compose()["services"]["postgres"]["healthcheck"]
    assert healthcheck["test"][0] == "CMD-SHELL"
    assert "pg_isready" in healthcheck["test"][1]
    assert "$${POSTGRES_USER}" in healthcheck["test"][1]  # $$: evaluated in the container, not by compose
    for key in ("interval", "timeout", "retries"):
        assert key in healthcheck


def test_the_port_is_published_on_loopback_only() -> None:
    ports = compose()["services"]["postgres"]["ports"]
    assert ports == ["127.0.0.1:${POSTGRES_PORT:-5432}:5432"]


def test_metabase_is_optional_and_wired_to_the_postgres_service() -> None:
    document = compose()
    metabase = document["services"]["metabase"]
    assert metabase["profiles"] == ["metabase"]  # only with `docker compose --profile metabase up`
    image = re.fullmatch(r"\$\{METABASE_IMAGE:-(metabase/metabase:v[0-9.]+(\.x)?)\}", metabase["image"])
    assert image, metabase["image"]  # a pinned release, overridable, never :latest
    assert metabase["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert metabase["ports"] == ["127.0.0.1:${METABASE_PORT:-3000}:3000"]  # loopback only
    assert metabase["volumes"] == ["metabase-data:/metabase-data"]
    assert "metabase-data" in document["volumes"]
    assert metabase["environment"]["MB_DB_FILE"].startswith("/metabase-data/")
    assert "/api/health" in metabase["healthcheck"]["test"][1]
    # Metabase reads eventsdb with a reader's password typed into Metabase, never with the owner's.
    assert not any("POSTGRES_PASSWORD" in str(value) for value in metabase["environment"].values())
