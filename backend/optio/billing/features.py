"""What a subscription tier allows, read from `subscription_tiers.features`, and the one gate
that every tier-dependent feature goes through.

A feature's value is a boolean (included or not) or a limit: an integer, or null for no limit.
A key a tier lacks is not included. A route pipelines `plan_query(...)` with its other queries
(it costs no round trip of its own) and, when its guarded write did not happen, calls
`require(plan, feature)` to answer 403 `tier_limit` naming the cheapest tier that would allow it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..db import Query
from ..errors import Forbidden

# The tier I have right now (past_due keeps it through the grace period): the rule lives in the
# database (20261122000420_tier_rules.sql), which applies it on its own paths too. The API's
# statements run as the signed-in user, who may only ask about themself
# (20261202000110_tier_rules_for_the_caller.sql).
EFFECTIVE_TIER = "private.my_effective_tier()"

# Lock my own row, so that two requests checking the same limit at once take turns: pipelined
# before the guarded write, whose statement then sees what the other one committed.
LOCK_ME: Query = (
    "select 1 from public.users where id = (select auth.uid()) for no key update",
    None,
)

# How each feature reads in a sentence ("allows 5 active quests at once").
LABELS = {
    "max_active_quests": "active quests at once",
    "team_ups": "team-ups",
    "custom_quest_submissions": "custom quests waiting for review at once",
    "ai_requests_per_day": "AI requests a day",
    "accredited_diploma": "an accredited diploma",
}

_FEATURE = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


def _key(feature: str) -> str:
    if not _FEATURE.match(feature):
        raise ValueError(f"not a feature key: {feature!r}")
    return feature


def plan_query(usage_sql: str = "null", params: dict[str, Any] | None = None) -> Query:
    """My effective tier, its features, how much of a limit I use (`usage_sql`, an SQL
    expression) and every tier cheapest first: one statement to pipeline."""
    return (
        f"select t.tier_key as tier, t.features, ({usage_sql}) as used,"
        " (select json_agg(json_build_object('tier', s.tier_key, 'display_name', s.display_name,"
        "   'features', s.features) order by s.sort_order) from public.subscription_tiers s)"
        " as tiers"
        f" from public.users u join public.subscription_tiers t on t.tier_key = {EFFECTIVE_TIER}"
        " where u.id = (select auth.uid())",
        params,
    )


def allows_one_more_sql(feature: str, usage_sql: str) -> str:
    """An SQL condition: my effective tier allows one more use of `feature` beyond `usage_sql`.
    The same rule as `allows`, for a write that must check and act in one statement (the
    database checks it again on the write itself: 20261202000100_tier_limits_enforced.sql)."""
    return f"private.my_tier_allows('{_key(feature)}', ({usage_sql}))"


@dataclass(frozen=True)
class Plan:
    tier: str
    features: dict[str, Any]
    tiers: list[dict[str, Any]]  # every tier, cheapest first
    used: int | None = None

    @classmethod
    def of(cls, row: dict[str, Any]) -> Plan:
        return cls(row["tier"], row["features"], row["tiers"] or [], row.get("used"))


def allows(features: dict[str, Any], feature: str, used: int | None = None) -> bool:
    """Whether `features` include `feature`, or one more use of it beyond `used`."""
    if feature not in features:
        return False
    value = features[feature]
    if value is None or isinstance(value, bool):
        return value is None or value
    return int(value) > (used or 0)


def cheapest_allowing(plan: Plan, feature: str) -> dict[str, Any] | None:
    """The cheapest tier above mine that allows it (an upgrade, never a step down)."""
    keys = [t["tier"] for t in plan.tiers]
    above = plan.tiers[keys.index(plan.tier) + 1 :] if plan.tier in keys else plan.tiers
    return next((t for t in above if allows(t["features"], feature, plan.used)), None)


def require(plan: Plan, feature: str) -> None:
    """403 `tier_limit` unless the plan allows (one more of) the feature. The error names the
    cheapest tier that would: `details[0].required_tier` (null when none does)."""
    if allows(plan.features, feature, plan.used):
        return
    name = LABELS.get(feature, feature.replace("_", " "))
    limit = plan.features.get(feature)
    current = next((t for t in plan.tiers if t["tier"] == plan.tier), {"display_name": plan.tier})
    upgrade = cheapest_allowing(plan, feature)
    reached = (
        f"Your {current['display_name']} plan allows {limit} {name}"
        if isinstance(limit, int) and not isinstance(limit, bool)
        else f"Your {current['display_name']} plan does not include {name}"
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
