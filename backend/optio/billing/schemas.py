"""Models of tiers, subscriptions and the Stripe webhook's answer."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PaidTier = Literal["supported", "academy"]


class TierFeatures(BaseModel):
    """What a tier allows; a null limit means no limit."""

    model_config = ConfigDict(extra="allow")
    max_active_quests: int | None = Field(description="Quests in progress at once.")
    team_ups: bool = Field(description="May send team-up requests.")
    custom_quest_submissions: int | None = Field(
        description="Custom quests waiting for review at once."
    )
    ai_requests_per_day: int | None = Field(description="AI requests per UTC day.")
    accredited_diploma: bool = Field(description="The diploma carries the accredited mark.")


class TierPublic(BaseModel):
    tier: str
    display_name: str
    description: str
    price_cents: int = Field(description="Monthly price in the currency's smallest unit.")
    currency: str
    purchasable: bool = Field(description="Has a Stripe price: POST /subscriptions/checkout.")
    features: TierFeatures


class TierList(BaseModel):
    data: list[TierPublic] = Field(description="Every tier, cheapest first.")


class CheckoutIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tier: PaidTier


class BillingRedirect(BaseModel):
    url: str = Field(description="Send the browser here.")
    mode: Literal["checkout", "portal"] = Field(
        description="checkout: a new subscription; portal: change the plan I already pay for."
    )


class PortalPublic(BaseModel):
    url: str = Field(description="Stripe's Billing Portal for my subscription and invoices.")


class SubscriptionStatus(BaseModel):
    tier: str = Field(description="The tier I have now (free once a grace period has ended).")
    subscribed_tier: str = Field(description="The tier on record for my account.")
    status: str | None = Field(
        description="Stripe's subscription status (active, trialing, past_due, canceled, ...)."
    )
    past_due: bool = Field(description="A payment failed; the tier is kept until grace_until.")
    grace_until: datetime | None
    current_period_end: datetime | None
    has_billing_account: bool = Field(description="A Stripe customer exists: the portal works.")


class WebhookAck(BaseModel):
    received: bool = True
    outcome: str = Field(
        description="applied, duplicate, stale, ignored, unknown_user, unknown_price or unhandled."
    )
