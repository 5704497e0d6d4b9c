"""Which Stripe price sells which tier: `subscription_tiers.stripe_price_id`, unless the
environment names another (`STRIPE_PRICE_SUPPORTED`, `STRIPE_PRICE_ACADEMY`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Settings
from .queries import TierRow


def price_of_tier(tiers: Sequence[TierRow], settings: Settings) -> dict[str, str]:
    """{tier: price id} for every tier that can be bought."""
    overrides = {
        "supported": settings.stripe_price_supported,
        "academy": settings.stripe_price_academy,
    }
    found: dict[str, str] = {}
    for row in tiers:
        price = overrides.get(row["tier"]) or row["stripe_price_id"]
        if price and row["price_cents"] > 0:
            found[row["tier"]] = price
    return found


def tiers_by_price(tiers: Sequence[TierRow], settings: Settings) -> dict[str, str]:
    """{price id: tier}: what a subscription to that price gives."""
    return {price: tier for tier, price in price_of_tier(tiers, settings).items()}
