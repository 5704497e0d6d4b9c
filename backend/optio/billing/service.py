"""Plans and subscriptions: the tiers on offer, checkout, the portal and my status.

Rules the database enforces (supabase/schema/billing.sql):
- stripe_events primary key (20261122000410_billing.sql): each Stripe event is applied once.
- trigger users_record_tier_change (same migration): every tier change is recorded, with its
  cause, in the append-only subscription_tier_changes, and the user is told.
- private.effective_tier / private.my_effective_tier (20261122000420_tier_rules.sql,
  20261202000110_tier_rules_for_the_caller.sql): past_due keeps the tier through the grace
  period; a user asks only about themself.
- private.link_stripe_customer (20261202000130_elevated_only_definer_functions.sql): only the
  API's elevated side transaction links a Stripe customer, to the caller only.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from ..config import current_settings
from ..db import side_transaction, tx
from ..errors import Conflict, Invalid, NotFound
from . import queries, stripe_api
from .events import LIVE
from .prices import price_of_tier


def tiers() -> dict[str, Any]:
    rows = queries.tiers(tx())
    buyable = price_of_tier(rows, current_settings())
    return {"data": [{**row, "purchasable": row["tier"] in buyable} for row in rows]}


def checkout(user_id: uuid.UUID, tier: str) -> dict[str, Any]:
    """A Checkout Session for `tier`, on my Stripe customer (created once and kept); someone
    already paying changes plan in the portal instead of getting a second subscription. No
    database connection is held while Stripe answers."""
    settings = stripe_api.require_billing()
    me, rows = queries.me_and_tiers(tx(user_id), release=True)
    if me is None:
        raise NotFound("Your profile was not found.")
    price = price_of_tier(rows, settings).get(tier)
    if price is None:
        raise Invalid(
            f"The {tier} tier cannot be bought right now.",
            code="tier_not_purchasable",
            details=[
                {"field": "tier", "location": "body", "message": "has no price", "type": "value"}
            ],
        )
    customer = me["stripe_customer_id"]
    if me["stripe_subscription_id"] and me["subscription_status"] in LIVE:
        if customer is None:  # a subscription is linked through its customer
            raise RuntimeError("a live subscription has no Stripe customer")
        url = stripe_api.create_portal_session(
            settings,
            customer=customer,
            subscription=me["stripe_subscription_id"],
            key=_key("plan-change", me["id"], tier, price, window=300),
        )
        return {"url": url, "mode": "portal"}
    if customer is None:
        created = stripe_api.create_customer(settings, str(me["id"]), me["email"])
        # Elevated: clients may not link customers (20261202000130); the claims name the caller.
        with side_transaction(role="elevated") as link_tx:
            customer = queries.link_customer(link_tx, created) or created
    url = stripe_api.create_checkout_session(
        settings,
        user_id=str(me["id"]),
        customer=customer,
        tier=tier,
        price=price,
        key=_key("checkout", me["id"], tier, price, customer, window=3600),
    )
    return {"url": url, "mode": "checkout"}


def portal(user_id: uuid.UUID) -> dict[str, Any]:
    settings = stripe_api.require_billing()
    me = queries.me(tx(user_id), release=True)
    if me is None or not me["stripe_customer_id"]:
        raise Conflict(
            "You have no billing account yet: subscribe first.", code="no_billing_account"
        )
    url = stripe_api.create_portal_session(
        settings, customer=me["stripe_customer_id"], key=_key("portal", me["id"], window=300)
    )
    return {"url": url}


def status(user_id: uuid.UUID) -> dict[str, Any]:
    stripe_api.require_billing()
    me = queries.me(tx(user_id))
    if me is None:
        raise NotFound("Your profile was not found.")
    return {
        "tier": me["tier"],
        "subscribed_tier": me["subscription_tier"],
        "status": me["subscription_status"],
        "past_due": me["subscription_status"] == "past_due",
        "grace_until": me["subscription_grace_until"],
        "current_period_end": me["current_period_end"],
        "has_billing_account": me["stripe_customer_id"] is not None,
    }


def _key(kind: str, *parts: Any, window: int) -> str:
    """An idempotency key that is the same for repeats of one request within `window` seconds
    (a double click gets the same session), and new after it."""
    return "-".join(["optio", kind, *map(str, parts), str(int(time.time()) // window)])
