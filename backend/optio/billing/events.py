"""What each Stripe event does to its user, decided from the event's own data (no API call).

One small handler per event type takes the event's object and the user's billing state and
returns the columns to change. The price decides the tier; `active` and `trialing` give it;
`past_due` keeps it through a grace period; `unpaid`, `canceled`, `incomplete_expired` (and
`paused`) return the user to free. Events about a subscription are ordered by (`created`,
rank): one older than the last applied to the same subscription is stale and ignored.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from .queries import SubscriberRow

LIVE = {"active", "trialing", "past_due"}
PAYING = {"active", "trialing"}
ENDED = {"unpaid", "canceled", "incomplete_expired", "paused"}
FINAL = {"canceled", "incomplete_expired"}

# Within one second, a subscription's creation comes before its updates and its deletion last.
RANK = {
    "customer.subscription.created": 0,
    "customer.subscription.updated": 1,
    "invoice.paid": 1,
    "invoice.payment_failed": 1,
    "customer.subscription.deleted": 2,
}


@dataclass(frozen=True)
class Subject:
    """Whom an event is about: its customer, and the user id our metadata names."""

    customer: str | None
    user_id: str | None


@dataclass(frozen=True)
class Context:
    user: SubscriberRow
    event_type: str
    event_at: datetime
    tiers_by_price: dict[str, str]
    grace: timedelta

    @property
    def rank(self) -> int:
        return RANK.get(self.event_type, 1)


@dataclass(frozen=True)
class Decision:
    outcome: str
    changes: dict[str, Any] = field(default_factory=dict)


def _id(value: Any) -> str | None:
    """An id whether Stripe sent it as a string or as an expanded object."""
    if isinstance(value, dict):
        return value.get("id")
    return value if isinstance(value, str) and value else None


def _user_id(metadata: Any) -> str | None:
    raw = (metadata or {}).get("user_id") if isinstance(metadata, dict) else None
    try:
        return str(uuid.UUID(str(raw))) if raw else None
    except ValueError:
        return None


def _invoice_subscription(invoice: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The invoice's subscription and its metadata (moved under `parent` in newer API versions)."""
    details = ((invoice.get("parent") or {}).get("subscription_details")) or {}
    subscription = _id(invoice.get("subscription")) or _id(details.get("subscription"))
    metadata = details.get("metadata") or (invoice.get("subscription_details") or {}).get(
        "metadata"
    )
    return subscription, metadata or {}


def subject_of(event_type: str, obj: dict[str, Any]) -> Subject:
    if event_type == "checkout.session.completed":
        user = _user_id({"user_id": obj.get("client_reference_id")}) or _user_id(
            obj.get("metadata")
        )
        return Subject(_id(obj.get("customer")), user)
    if event_type.startswith("invoice."):
        return Subject(_id(obj.get("customer")), _user_id(_invoice_subscription(obj)[1]))
    return Subject(_id(obj.get("customer")), _user_id(obj.get("metadata")))


def _when(epoch: Any) -> datetime | None:
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else None


def _subscription_price(sub: dict[str, Any]) -> tuple[str | None, datetime | None]:
    items = (sub.get("items") or {}).get("data") or [{}]
    item = items[0]
    # `plan` on items and subscriptions: older API versions and emulators (a plan id is a price id).
    price = _id(item.get("price")) or _id(item.get("plan")) or _id(sub.get("plan"))
    return price, _when(sub.get("current_period_end") or item.get("current_period_end"))


def _invoice_prices(invoice: dict[str, Any]) -> list[str]:
    prices = []
    for line in (invoice.get("lines") or {}).get("data") or []:
        details = (line.get("pricing") or {}).get("price_details") or {}
        price = _id(line.get("price")) or _id(details.get("price")) or _id(line.get("plan"))
        if price:
            prices.append(price)
    return prices


def _skip(ctx: Context, subscription: str, keeps_running: bool) -> str | None:
    """Why this event about `subscription` must not apply (None: it may)."""
    user = ctx.user
    if user["stripe_subscription_id"] == subscription:
        last = user["stripe_event_at"]
        if last is not None and (ctx.event_at, ctx.rank) < (last, user["stripe_event_rank"]):
            return "stale"
        return None
    if user["stripe_subscription_id"] and user["subscription_status"] in LIVE:
        # Another subscription of this user is running: only a running one may replace it.
        return None if keeps_running else "ignored"
    return None


def _tracking(ctx: Context, subscription: str, customer: str | None) -> dict[str, Any]:
    changes: dict[str, Any] = {
        "stripe_subscription_id": subscription,
        "stripe_event_at": ctx.event_at,
        "stripe_event_rank": ctx.rank,
    }
    if customer and not ctx.user["stripe_customer_id"]:
        changes["stripe_customer_id"] = customer
    return changes


def _grace_until(ctx: Context, subscription: str) -> datetime:
    user = ctx.user
    ongoing = user["subscription_status"] == "past_due" and user["stripe_subscription_id"] == (
        subscription
    )
    if ongoing and user["subscription_grace_until"] is not None:
        return user["subscription_grace_until"]
    return ctx.event_at + ctx.grace


def subscription_changed(obj: dict[str, Any], ctx: Context) -> Decision:
    """customer.subscription.created / .updated / .deleted"""
    status = obj.get("status") or "canceled"
    if ctx.event_type == "customer.subscription.deleted" and status not in ENDED:
        status = "canceled"
    skip = _skip(ctx, obj["id"], status in LIVE)
    if skip:
        return Decision(skip)
    price, period_end = _subscription_price(obj)
    changes = _tracking(ctx, obj["id"], _id(obj.get("customer")))
    changes.update(subscription_status=status, current_period_end=period_end)
    if status in PAYING:
        tier = ctx.tiers_by_price.get(price or "")
        if tier is None:
            return Decision("unknown_price")
        changes.update(
            subscription_tier=tier, subscription_price_id=price, subscription_grace_until=None
        )
    elif status == "past_due":
        changes["subscription_grace_until"] = _grace_until(ctx, obj["id"])
    elif status in ENDED:
        changes.update(subscription_tier="free", subscription_grace_until=None)
    return Decision("applied", changes)


def invoice_paid(obj: dict[str, Any], ctx: Context) -> Decision:
    """invoice.paid: a past_due or unpaid subscription is paying again."""
    subscription, _ = _invoice_subscription(obj)
    if subscription is None:
        return Decision("ignored")
    skip = _skip(ctx, subscription, keeps_running=True)
    if skip:
        return Decision(skip)
    user = ctx.user
    if user["stripe_subscription_id"] == subscription and user["subscription_status"] in FINAL:
        return Decision("ignored")
    changes = _tracking(ctx, subscription, _id(obj.get("customer")))
    changes["subscription_grace_until"] = None
    if user["subscription_status"] not in PAYING or user["stripe_subscription_id"] != subscription:
        changes["subscription_status"] = "active"
    tier = next(
        (ctx.tiers_by_price[p] for p in _invoice_prices(obj) if p in ctx.tiers_by_price), None
    )
    if tier is not None:
        changes["subscription_tier"] = tier
    elif user["subscription_tier"] == "free":
        return Decision("unknown_price")
    return Decision("applied", changes)


def invoice_payment_failed(obj: dict[str, Any], ctx: Context) -> Decision:
    """invoice.payment_failed: a running subscription is past due; the tier is kept for now."""
    subscription, _ = _invoice_subscription(obj)
    user = ctx.user
    if subscription is None or user["stripe_subscription_id"] != subscription:
        return Decision("ignored")
    skip = _skip(ctx, subscription, keeps_running=True)
    if skip:
        return Decision(skip)
    if user["subscription_status"] not in LIVE:
        return Decision("ignored")
    changes = _tracking(ctx, subscription, _id(obj.get("customer")))
    changes.update(
        subscription_status="past_due", subscription_grace_until=_grace_until(ctx, subscription)
    )
    return Decision("applied", changes)


def checkout_completed(obj: dict[str, Any], ctx: Context) -> Decision:
    """checkout.session.completed: link the customer and the new subscription to the user; the
    tier comes with the subscription's own events, which carry its price."""
    if obj.get("mode") != "subscription":
        return Decision("ignored")
    user, changes = ctx.user, dict[str, Any]()
    customer, subscription = _id(obj.get("customer")), _id(obj.get("subscription"))
    if customer and not user["stripe_customer_id"]:
        changes["stripe_customer_id"] = customer
    running = user["stripe_subscription_id"] and user["subscription_status"] in LIVE
    if subscription and user["stripe_subscription_id"] != subscription and not running:
        changes.update(stripe_subscription_id=subscription, stripe_event_at=None)
    return Decision("applied" if changes else "ignored", changes)


HANDLERS: dict[str, Callable[[dict[str, Any], Context], Decision]] = {
    "checkout.session.completed": checkout_completed,
    "customer.subscription.created": subscription_changed,
    "customer.subscription.updated": subscription_changed,
    "customer.subscription.deleted": subscription_changed,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
}
