"""The webhook's guards: Stripe's signature over the raw body and its age, the missing secret,
CSRF and per-IP limits, and the round-trip budget."""

from __future__ import annotations

import json
import time

import pytest

from .conftest import (
    PRICE_ACADEMY,
    STRIPE_SETTINGS,
    billing_state,
    deliver,
    event,
    event_rows,
    signature,
    subscription,
)

CREATED = "customer.subscription.created"


def test_a_bad_signature_is_refused_and_changes_nothing(client, conn, customer_user):
    sent = event(CREATED, subscription(customer_user["sub"], customer_user["customer"]))
    payload = json.dumps(sent)
    resp = client.post(
        "/api/webhooks/stripe",
        data=payload,
        headers={"Stripe-Signature": signature(payload, secret="whsec_someone_else")},
        content_type="application/json",
    )
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "invalid_signature"
    assert billing_state(conn, customer_user["id"])["tier"] == "free"
    assert event_rows(conn) == 0


def test_a_body_changed_after_signing_is_refused(client, customer_user):
    sent = event(CREATED, subscription(customer_user["sub"], customer_user["customer"]))
    header = signature(json.dumps(sent))
    sent["data"]["object"]["items"]["data"][0]["price"]["id"] = PRICE_ACADEMY
    resp = client.post(
        "/api/webhooks/stripe",
        data=json.dumps(sent),
        headers={"Stripe-Signature": header},
        content_type="application/json",
    )
    assert resp.status_code == 400


def test_a_missing_signature_is_refused(client, customer_user):
    sent = event(CREATED, subscription(customer_user["sub"], customer_user["customer"]))
    resp = client.post("/api/webhooks/stripe", json=sent)
    assert resp.status_code == 400


def test_a_signature_older_than_the_tolerance_is_refused(client, conn, customer_user):
    old = int(time.time()) - 301
    sent = event(CREATED, subscription(customer_user["sub"], customer_user["customer"]))
    resp = deliver(client, sent, timestamp=old)
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "invalid_signature"
    assert billing_state(conn, customer_user["id"])["tier"] == "free"


def test_a_signature_within_the_tolerance_is_accepted(client, conn, customer_user):
    sent = event(CREATED, subscription(customer_user["sub"], customer_user["customer"]))
    assert deliver(client, sent, timestamp=int(time.time()) - 250).status_code == 200
    assert billing_state(conn, customer_user["id"])["tier"] == "supported"


@pytest.mark.parametrize("settings_overrides", [{"stripe_webhook_secret": None}])
def test_without_a_webhook_secret_the_webhook_is_not_configured(client, settings_overrides):
    resp = deliver(client, event(CREATED, subscription("sub_x", "cus_x")))
    assert resp.status_code == 503
    assert resp.get_json()["error"]["code"] == "billing_not_configured"


def test_the_webhook_takes_at_most_three_round_trips(client, customer_user):
    resp = deliver(client, event(CREATED, subscription(customer_user["sub"], "x")))
    assert resp.status_code == 200
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3


def test_the_webhook_needs_no_csrf_token_with_a_session_cookie(client, conn, customer_user):
    login = client.post(
        "/api/auth/login",
        json={"email": customer_user["email"], "password": customer_user["password"]},
    )
    assert login.status_code == 200
    sent = event(CREATED, subscription(customer_user["sub"], customer_user["customer"]))
    assert deliver(client, sent).status_code == 200


@pytest.mark.parametrize(
    "settings_overrides", [{**STRIPE_SETTINGS, "rate_limit_default": "2/minute"}]
)
def test_the_webhook_is_not_rate_limited_per_ip(client, customer_user, settings_overrides):
    for _ in range(4):
        assert deliver(client, event("customer.created", {"id": "cus_x"})).status_code == 200
    # ... while other routes are, at the same setting.
    answers = [client.get("/api/tiers").status_code for _ in range(3)]
    assert answers[-1] == 429
