"""XP totals and the dashboard.

Rules the database enforces (supabase/schema/xp.sql):
- xp_events is append-only (trigger xp_events_append_only) and unique per source
  (20261122000200_quest_loop.sql): an award can never repeat or change.
- trigger xp_events_to_totals (same migration): user_skill_xp follows the ledger by an atomic
  upsert; no client role may write either table.
- policies xp_events_read_own / user_skill_xp_read_own: I read only my own XP (admins all).
"""

from __future__ import annotations

import uuid
from typing import Any

from ..db import tx
from ..pillars import PILLARS, all_pillars_xp
from ..quests.service import progress_public
from . import queries
from .queries import MyQuestRow

ACTIVE_LIMIT, COMPLETED_LIMIT, RECENT_LIMIT = 50, 10, 10


def pillars() -> dict[str, Any]:
    return {"data": [{"key": key, "name": name} for key, name in PILLARS.items()]}


def xp_public(totals: dict[str, int]) -> dict[str, Any]:
    return {"pillars": all_pillars_xp(totals), "total": sum(totals.values())}


def my_xp(user_id: uuid.UUID) -> dict[str, Any]:
    return xp_public(queries.pillar_totals(tx(user_id)))


def dashboard(user_id: uuid.UUID) -> dict[str, Any]:
    rows = queries.dashboard(
        tx(user_id), active=ACTIVE_LIMIT, completed=COMPLETED_LIMIT, recent=RECENT_LIMIT
    )

    def quest(row: MyQuestRow) -> dict[str, Any]:
        return {**row, "progress": progress_public(row)}

    return {
        "active_quests": [quest(r) for r in rows["active"]],
        "completed_quests": [quest(r) for r in rows["completed"]],
        "recent_completions": rows["recent"],
        "xp": xp_public(rows["totals"]),
    }
