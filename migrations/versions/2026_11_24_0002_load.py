"""Loading: what `eventsdb load` needs beyond schema v1 (reloads, dedup, corrections).

Revision ID: 2026_11_24_0002
Revises: 2026_11_24_0001
Create Date: 2026-11-24

Hand-written. Extended while the loader of issue 4 is built; it has not shipped yet.
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "2026_11_24_0002"
down_revision: str | None = "2026_11_24_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
