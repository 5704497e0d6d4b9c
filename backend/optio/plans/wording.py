"""How a refusal reads: 403 `tier_limit` naming the limit and the cheapest tier that lifts it."""

from __future__ import annotations

from ..errors import Forbidden
from .rules import Plan, allows, cheapest_allowing

# How each feature reads in a sentence ("allows 5 active quests at once").
LABELS = {
    "max_active_quests": "active quests at once",
    "team_ups": "team-ups",
    "custom_quest_submissions": "custom quests waiting for review at once",
    "ai_requests_per_day": "AI requests a day",
    "accredited_diploma": "an accredited diploma",
}


def require(plan: Plan, feature: str) -> None:
    """403 `tier_limit` unless the plan allows (one more of) the feature. The error names the
    cheapest tier that would: `details[0].required_tier` (null when none does)."""
    if allows(plan.features, feature, plan.used):
        return
    name = LABELS.get(feature, feature.replace("_", " "))
    limit = plan.features.get(feature)
    current = next((t["display_name"] for t in plan.tiers if t["tier"] == plan.tier), plan.tier)
    upgrade = cheapest_allowing(plan, feature)
    reached = (
        f"Your {current} plan allows {limit} {name}"
        if isinstance(limit, int) and not isinstance(limit, bool)
        else f"Your {current} plan does not include {name}"
    )
    advice = f"; the {upgrade['display_name']} plan does." if upgrade else "; no plan allows more."
    raise Forbidden(
        reached + advice,
        code="tier_limit",
        details=[
            {
                "field": "tier",
                "location": "plan",
                "message": reached + advice,
                "type": "tier_limit",
                "feature": feature,
                "tier": plan.tier,
                "limit": limit,
                "used": plan.used,
                "required_tier": upgrade["tier"] if upgrade else None,
            }
        ],
    )
