"""What a subscription tier allows. The billing issue moves these into subscription_tiers;
until then every user has the free tier's features."""

from __future__ import annotations

from typing import Any

from ..errors import Forbidden

FREE_FEATURES: dict[str, Any] = {
    "max_active_quests": None,  # None: no limit
    "team_ups": True,
    "custom_quest_submissions": True,
    "ai_requests_per_day": 10,
    "accredited_diploma": False,
}


TIER_FEATURES: dict[str, dict[str, Any]] = {
    "free": FREE_FEATURES,
    "supported": FREE_FEATURES,
    "academy": {**FREE_FEATURES, "accredited_diploma": True},
}


def features_of(tier: str) -> dict[str, Any]:
    return TIER_FEATURES.get(tier, FREE_FEATURES)


def require_feature(tier: str, feature: str) -> None:
    """403 `tier_limit` when the tier does not include the feature."""
    if not features_of(tier).get(feature):
        raise Forbidden(
            f"Your plan does not include {feature.replace('_', ' ')}.", code="tier_limit"
        )
