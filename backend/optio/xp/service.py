"""XP totals and the dashboard."""

from __future__ import annotations

from typing import Any

from ..db import tx
from ..pillars import PILLARS, all_pillars_xp
from ..quests.service import progress_public
from . import queries

ACTIVE_LIMIT, COMPLETED_LIMIT, RECENT_LIMIT = 50, 10, 10


def pillars() -> dict[str, Any]:
    return {"data": [{"key": key, "name": name} for key, name in PILLARS.items()]}


def xp_public(totals: dict[str, int]) -> dict[str, Any]:
    return {"pillars": all_pillars_xp(totals), "total": sum(totals.values())}


def my_xp() -> dict[str, Any]:
    return xp_public(queries.pillar_totals(tx()))


def dashboard() -> dict[str, Any]:
    rows = queries.dashboard(
        tx(), active=ACTIVE_LIMIT, completed=COMPLETED_LIMIT, recent=RECENT_LIMIT
    )

    def quest(row: dict[str, Any]) -> dict[str, Any]:
        return {**row, "progress": progress_public(row)}

    return {
        "active_quests": [quest(r) for r in rows["active"]],
        "completed_quests": [quest(r) for r in rows["completed"]],
        "recent_completions": rows["recent"],
        "xp": xp_public({r["pillar"]: r["xp_amount"] for r in rows["totals"]}),
    }
