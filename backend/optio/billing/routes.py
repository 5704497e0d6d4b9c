"""Tiers, subscriptions through Stripe Checkout and the Billing Portal, and Stripe's webhook."""

from __future__ import annotations

from flask import Blueprint, request

from ..api import body, errors, response
from ..auth.identity import Identity, csrf_exempt, login_required
from ..config import current_settings
from ..extensions import limiter
from . import service, webhook
from .schemas import (
    BillingRedirect,
    CheckoutIn,
    PortalPublic,
    SubscriptionStatus,
    TierList,
    WebhookAck,
)

bp = Blueprint("billing", __name__, url_prefix="/api")


@bp.get("/tiers")
@response(TierList)
def list_tiers():
    """Every subscription tier with its monthly price and what it allows, cheapest first."""
    return service.tiers()


@bp.post("/subscriptions/checkout")
@login_required
@body(CheckoutIn)
@response(BillingRedirect)
@errors(404, 503)
def checkout(payload: CheckoutIn, identity: Identity):
    """Start paying for a tier: a Stripe Checkout URL, or the portal when already subscribed."""
    return service.checkout(identity.user_id, payload.tier)


@bp.post("/subscriptions/portal")
@login_required
@response(PortalPublic)
@errors(409, 503)
def portal(identity: Identity):
    """A Stripe Billing Portal URL to manage my subscription, payment method and invoices."""
    return service.portal(identity.user_id)


@bp.get("/subscriptions/status")
@login_required
@response(SubscriptionStatus)
@errors(404, 503)
def subscription_status(identity: Identity):
    """My tier and my subscription's state (past due, grace period, renewal)."""
    return service.status(identity.user_id)


@bp.post("/webhooks/stripe")
@csrf_exempt
@limiter.exempt
@response(WebhookAck)
@errors(400, 503)
def stripe_webhook():
    """Stripe's events, signed with STRIPE_WEBHOOK_SECRET; each is applied once."""
    settings = current_settings()
    event = webhook.verified_event(
        settings, request.get_data(cache=False), request.headers.get("Stripe-Signature")
    )
    return {"outcome": webhook.handle(settings, event)}
