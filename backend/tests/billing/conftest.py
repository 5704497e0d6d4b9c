"""Billing fixtures: Stripe settings, events signed with Stripe's real scheme, and users with
a Stripe customer."""

from __future__ import annotations

import itertools
import json
import time
import uuid
from typing import Any

import pytest
import stripe

from ..factories import make_user

SECRET = "whsec_test_secret_for_optio_billing_tests"
PRICE_SUPPORTED = "price_supported_test"
PRICE_ACADEMY = "price_academy_test"
API_BASE = "https://stripe.test"
STRIPE_SETTINGS = {
    "stripe_secret_key": "sk_test_optio",
    "stripe_webhook_secret": SECRET,
    "stripe_api_base": API_BASE,
    "stripe_price_supported": PRICE_SUPPORTED,
    "stripe_price_academy": PRICE_ACADEMY,
    "frontend_url": "https://app.optio.test",
    "billing_grace_days": 7,
}
_seq = itertools.count(1)


@pytest.fixture
def settings_overrides() -> dict:
    return dict(STRIPE_SETTINGS)


def signature(payload: str, timestamp: int | None = None, secret: str = SECRET) -> str:
    """The Stripe-Signature header Stripe would send (the stripe library's own helper)."""
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp)


def deliver(client, event: dict[str, Any], **signing: Any):
    """POST the event to the webhook, signed like Stripe signs it."""
    payload = json.dumps(event)
    return client.post(
        "/api/webhooks/stripe",
        data=payload,
        headers={"Stripe-Signature": signature(payload, **signing)},
        content_type="application/json",
    )


def event(kind: str, obj: dict[str, Any], created: int | None = None) -> dict[str, Any]:
    return {
        "id": f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "type": kind,
        "created": created if created is not None else int(time.time()),
        "livemode": False,
        "api_version": stripe.api_version,
        "data": {"object": obj},
    }


def subscription(
    sub_id: str,
    customer: str | None,
    status: str = "active",
    price: str = PRICE_SUPPORTED,
    user_id: Any = None,
    period_end: int | None = None,
) -> dict[str, Any]:
    """A subscription object as the API version of stripe 16 sends it."""
    end = period_end or int(time.time()) + 30 * 86400
    return {
        "id": sub_id,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "metadata": {"user_id": str(user_id)} if user_id else {},
        "items": {
            "object": "list",
            "data": [
                {
                    "id": f"si_{sub_id}",
                    "object": "subscription_item",
                    "price": {"id": price, "object": "price"},
                    "current_period_end": end,
                }
            ],
        },
    }


def invoice(sub_id: str, customer: str, price: str = PRICE_SUPPORTED) -> dict[str, Any]:
    return {
        "id": f"in_{next(_seq)}",
        "object": "invoice",
        "customer": customer,
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": sub_id, "metadata": {}},
        },
        "lines": {
            "object": "list",
            "data": [{"pricing": {"price_details": {"price": price}}}],
        },
    }


def new_ids() -> tuple[str, str]:
    n = next(_seq)
    return f"cus_test{n}_{uuid.uuid4().hex[:6]}", f"sub_test{n}_{uuid.uuid4().hex[:6]}"


@pytest.fixture
def customer_user(app, conn) -> dict[str, Any]:
    """A student whose Stripe customer is already stored (checkout created it)."""
    user = make_user(app)
    customer, sub = new_ids()
    conn.execute(
        "update public.users set stripe_customer_id = %s where id = %s", (customer, user["id"])
    )
    return {**user, "customer": customer, "sub": sub}


def billing_state(conn, user_id: Any) -> dict[str, Any]:
    row = conn.execute(
        "select subscription_tier, subscription_status, stripe_subscription_id,"
        " subscription_grace_until, stripe_customer_id from public.users where id = %s",
        (user_id,),
    ).fetchone()
    keys = ("tier", "status", "subscription", "grace_until", "customer")
    return dict(zip(keys, row, strict=True))


def history(conn, user_id: Any) -> list[tuple]:
    return conn.execute(
        "select from_tier, to_tier, cause, stripe_event_id from public.subscription_tier_changes"
        " where user_id = %s order by id",
        (user_id,),
    ).fetchall()


def event_rows(conn) -> int:
    return conn.execute("select count(*) from public.stripe_events").fetchone()[0]
