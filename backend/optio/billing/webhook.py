"""The Stripe webhook: verify the signature over the raw body, then apply the event once.

The event's id goes into `stripe_events` in the transaction that applies it: a repeated
delivery (even ten at once: they wait on the first one's row) finds it and changes nothing, and
an error rolls back the record with the effects, so Stripe's retry applies it again.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import stripe

from ..config import Settings
from ..db import tx
from ..errors import BadRequest, Unavailable
from . import queries
from .events import HANDLERS, Context, subject_of
from .prices import tiers_by_price

log = logging.getLogger(__name__)


def verified_event(settings: Settings, payload: bytes, signature: str | None) -> dict[str, Any]:
    """The event, if `Stripe-Signature` signs this exact body recently enough; else 400."""
    if not settings.stripe_webhook_secret:
        raise Unavailable(
            "Billing webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET).",
            code="billing_not_configured",
        )
    try:
        stripe.WebhookSignature.verify_header(
            payload,
            signature,
            settings.stripe_webhook_secret,
            tolerance=settings.stripe_webhook_tolerance_seconds,
        )
    except stripe.SignatureVerificationError as exc:
        raise BadRequest(
            "The Stripe-Signature header does not sign this body, or is too old.",
            code="invalid_signature",
        ) from exc
    try:
        event = json.loads(payload)
        _ = (event["id"], event["type"], event["created"], event["data"]["object"])
    except (ValueError, KeyError, TypeError) as exc:
        raise BadRequest("The event is not a Stripe event.", code="invalid_event") from exc
    return event


def handle(settings: Settings, event: dict[str, Any]) -> str:
    """Apply the event unless it was already; returns its outcome."""
    handler = HANDLERS.get(event["type"])
    if handler is None:
        return "unhandled"
    obj = event["data"]["object"]
    subject = subject_of(event["type"], obj)
    current = tx()
    current.act_as("elevated")
    claimed, user, tiers = queries.claim_event(current, event, subject.customer, subject.user_id)
    if not claimed:
        return "duplicate"
    if user is None:
        log.warning("stripe event %s (%s) names no known user", event["id"], event["type"])
        queries.apply_event(current, event["id"], "unknown_user", None, {})
        return "unknown_user"
    context = Context(
        user=user,
        event_type=event["type"],
        event_at=datetime.fromtimestamp(int(event["created"]), UTC),
        tiers_by_price=tiers_by_price(tiers, settings),
        grace=timedelta(days=settings.billing_grace_days),
    )
    decision = handler(obj, context)
    queries.apply_event(current, event["id"], decision.outcome, user["id"], decision.changes)
    return decision.outcome
