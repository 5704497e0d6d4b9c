"""Platform analytics: the numbers an admin watches.

Rules the database enforces: the admin-or-own read policies of every table it counts
(supabase/schema/*.sql); only an admin sees the platform's numbers.
"""

from __future__ import annotations

import uuid
from typing import Any

from ...db import tx
from ...pillars import all_pillars_xp
from . import queries


def analytics(admin_id: uuid.UUID) -> dict[str, Any]:
    found = queries.analytics(tx(admin_id))
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
