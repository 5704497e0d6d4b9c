"""A student's progression.

Rules the database enforces (supabase/schema/xp.sql, progress.sql; 20261204000100_levels.sql,
20261204000200_streaks.sql):
- the curves are data in public.level_curves (admins change them; trigger level_curves_rise
  keeps each rising without gaps); public.level_at gives the level of any XP;
- the active days, streak and freezes are kept from the ledger by trigger xp_events_to_activity,
  each event on its local day in the zone the student had at that instant
  (private.time_zone_changes); private.rebuild_streak computes the same from the days alone;
- public.my_streak: the streak as of today, freezes counted by public.streak_freezes_per_month;
- public.teammate_leaderboard: only teammates, only those who opted in, only when I did.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..db import tx
from ..pillars import PILLARS
from . import queries


def progress(user_id: uuid.UUID) -> dict[str, Any]:
    levels, rhythm, next_up = queries.progress(tx(user_id), list(PILLARS))
    return {
        "overall": next(r for r in levels if r["scope"] == "overall"),
        "pillars": [r for r in levels if r["scope"] == "pillar"],
        "streak": rhythm,
        "week": {
            "starts_on": rhythm["week_start"],
            "xp": rhythm["week_xp"],
            "goal": rhythm["goal"],
        },
        "heatmap": {
            "first_day": rhythm["heat_start"],
            "last_day": rhythm["today"],
            "days": rhythm["days"],
        },
        "next_up": next_up,
        "time_zone": rhythm["time_zone"],
    }


def curves() -> dict[str, Any]:
    return {"curves": queries.curves(tx())}


def leaderboard(user_id: uuid.UUID) -> dict[str, Any]:
    me, entries = queries.leaderboard(tx(user_id))
    return {**me, "entries": entries}
