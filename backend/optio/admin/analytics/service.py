"""Platform analytics: the numbers an admin watches."""

from __future__ import annotations

from typing import Any

from ...db import tx
from ...pillars import all_pillars_xp
from . import queries


def analytics() -> dict[str, Any]:
    found = queries.analytics(tx())
    return {
        "users": found["users"],
        "users_per_tier": found["users_per_tier"],
        "completions_per_day": [
            {"day": row["day"], "completions": row["completions"]}
            for row in found["completions_per_day"]
        ],
        "xp_per_pillar": all_pillars_xp(found["xp_per_pillar"]),
        "top_quests": {
            "by_enrollments": found["by_enrollments"],
            "by_completions": found["by_completions"],
        },
    }
