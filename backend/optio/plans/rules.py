"""The tier rule in Python: whether a tier's features allow a feature, or one more use of it.
The same rule as the database's private.tier_allows (20261122000420_tier_rules.sql), which holds
it on every write; tests/plans/test_rules.py checks that the two agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .queries import PlanRow, TierJson


@dataclass(frozen=True)
class Plan:
    tier: str
    features: dict[str, Any]
    tiers: list[TierJson]  # every tier, cheapest first
    used: int | None = None

    @classmethod
    def of(cls, row: PlanRow) -> Plan:
        return cls(row["tier"], row["features"], row["tiers"] or [], row.get("used"))


def allows(features: dict[str, Any], feature: str, used: int | None = None) -> bool:
    """Whether `features` include `feature`, or one more use of it beyond `used`."""
    if feature not in features:
        return False
    value = features[feature]
    if value is None or isinstance(value, bool):
        return value is None or value
    return int(value) > (used or 0)


def cheapest_allowing(plan: Plan, feature: str) -> TierJson | None:
    """The cheapest tier above mine that allows it (an upgrade, never a step down)."""
    keys = [t["tier"] for t in plan.tiers]
    above = plan.tiers[keys.index(plan.tier) + 1 :] if plan.tier in keys else plan.tiers
    return next((t for t in above if allows(t["features"], feature, plan.used)), None)
