"""The calls Optio makes to Stripe's API: a customer, a Checkout Session, a portal session.

A client is made per use from the settings (nothing connects at import time); it talks to
`STRIPE_API_BASE`, which may be a local emulator, through `requests` (what tests fake).
Every create carries an idempotency key, so Stripe's own retries and ours never make two.
"""

from __future__ import annotations

import logging
from typing import Any

import stripe

from ..config import Settings, current_settings
from ..errors import Unavailable

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 20


def settings() -> Settings:
    return current_settings()


def require_billing() -> Settings:
    """The settings, or 503 `billing_not_configured` when there is no Stripe secret key."""
    current = settings()
    _secret_key(current)
    return current


def _secret_key(current: Settings) -> str:
    if not current.stripe_secret_key:
        raise Unavailable(
            "Billing is not configured on this server (STRIPE_SECRET_KEY).",
            code="billing_not_configured",
        )
    return current.stripe_secret_key


def client(current: Settings) -> stripe.StripeClient:
    return stripe.StripeClient(
        _secret_key(current),
        base_addresses={"api": current.stripe_api_base},
        http_client=stripe.RequestsClient(timeout=TIMEOUT_SECONDS),
        max_network_retries=2,
    )


def _call(what: str, create: Any, params: dict[str, Any], key: str) -> Any:
    try:
        return create(params=params, options={"idempotency_key": key})
    except stripe.StripeError as exc:
        # Never the key or the request: the message and Stripe's request id are enough.
        log.warning(
            "stripe %s failed: %s (request %s)", what, exc.user_message or exc, exc.request_id
        )
        raise Unavailable(
            "The payment provider could not be reached; try again shortly.",
            code="billing_unavailable",
        ) from exc


def create_customer(current: Settings, user_id: str, email: str) -> str:
    customer = _call(
        "customer",
        client(current).v1.customers.create,
        {"email": email, "metadata": {"user_id": user_id}},
        f"optio-customer-{user_id}",
    )
    return customer.id


def create_checkout_session(
    current: Settings, *, user_id: str, customer: str, tier: str, price: str, key: str
) -> str:
    base = current.web_url
    metadata = {"user_id": user_id, "tier": tier}
    session = _call(
        "checkout session",
        client(current).v1.checkout.sessions.create,
        {
            "mode": "subscription",
            "customer": customer,
            "line_items": [{"price": price, "quantity": 1}],
            "client_reference_id": user_id,
            "metadata": metadata,
            "subscription_data": {"metadata": metadata},
            "allow_promotion_codes": True,
            "success_url": f"{base}/billing/success?session_id={{CHECKOUT_SESSION_ID}}",
            "cancel_url": f"{base}/billing/cancel",
        },
        key,
    )
    return session.url


def create_portal_session(
    current: Settings, *, customer: str, key: str, subscription: str | None = None
) -> str:
    """A Billing Portal session; with `subscription`, opened on changing that plan."""
    params: dict[str, Any] = {
        "customer": customer,
        "return_url": f"{current.web_url}/billing",
    }
    if subscription:
        params["flow_data"] = {
            "type": "subscription_update",
            "subscription_update": {"subscription": subscription},
        }
    session = _call(
        "portal session", client(current).v1.billing_portal.sessions.create, params, key
    )
    return session.url


def cancel_subscription(current: Settings, subscription: str) -> None:
    """Cancel the subscription now (an account being deleted); one already gone is fine."""
    try:
        client(current).v1.subscriptions.cancel(
            subscription, options={"idempotency_key": f"optio-cancel-{subscription}"}
        )
    except stripe.InvalidRequestError as exc:
        if exc.http_status == 404 or exc.code == "resource_missing":
            return
        _call_failed("subscription cancel", exc)
    except stripe.StripeError as exc:
        _call_failed("subscription cancel", exc)


def _call_failed(what: str, exc: stripe.StripeError) -> None:
    log.warning("stripe %s failed: %s (request %s)", what, exc.user_message or exc, exc.request_id)
    raise Unavailable(
        "The payment provider could not be reached; try again shortly.",
        code="billing_unavailable",
    ) from exc
