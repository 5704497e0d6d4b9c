"""A student's progression.

Rules the database enforces (supabase/schema/xp.sql, 20261204000100_levels.sql): the curves are
data in public.level_curves (admins change them; trigger level_curves_rise keeps each rising
without gaps); public.level_at gives the level of any XP; the XP totals come from the ledger.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..db import tx
from ..pillars import PILLARS
from . import queries


def progress(user_id: uuid.UUID) -> dict[str, Any]:
    rows = queries.levels(tx(user_id), list(PILLARS))
    overall = next(r for r in rows if r["scope"] == "overall")
    pillars = [r for r in rows if r["scope"] == "pillar"]
    return {"overall": overall, "pillars": pillars}
