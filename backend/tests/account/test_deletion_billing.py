"""Deleting a subscribed account cancels the subscription at Stripe first; when Stripe cannot
be reached nothing is deleted."""

from __future__ import annotations

import json

import pytest
import responses

from ..billing.conftest import API_BASE, STRIPE_SETTINGS, new_ids
from .test_deletion import delete, tables_naming


@pytest.fixture
def settings_overrides() -> dict:
    return dict(STRIPE_SETTINGS)


@pytest.fixture
def subscribed(conn, person) -> dict:
    customer, sub = new_ids()
    conn.execute(
        "update public.users set stripe_customer_id = %s, stripe_subscription_id = %s,"
        " subscription_status = 'active' where id = %s",
        (customer, sub, person["id"]),
    )
    return {**person, "sub": sub}


def test_deletion_cancels_the_subscription(client, conn, subscribed):
    with responses.RequestsMock() as stripe:
        cancel = stripe.delete(
            f"{API_BASE}/v1/subscriptions/{subscribed['sub']}",
            json={"id": subscribed["sub"], "object": "subscription", "status": "canceled"},
        )
        assert delete(client, subscribed).status_code == 204

    assert cancel.call_count == 1
    assert tables_naming(conn, str(subscribed["id"]), subscribed["sub"]) == []


def test_a_subscription_already_gone_at_stripe_does_not_stop_deletion(client, conn, subscribed):
    with responses.RequestsMock() as stripe:
        stripe.delete(
            f"{API_BASE}/v1/subscriptions/{subscribed['sub']}",
            status=404,
            body=json.dumps(
                {"error": {"type": "invalid_request_error", "code": "resource_missing"}}
            ),
        )
        assert delete(client, subscribed).status_code == 204

    assert tables_naming(conn, str(subscribed["id"])) == []


def test_when_stripe_fails_nothing_is_deleted(client, conn, subscribed, stored_evidence):
    files = stored_evidence.keys()
    with responses.RequestsMock() as stripe:
        stripe.delete(
            f"{API_BASE}/v1/subscriptions/{subscribed['sub']}",
            status=500,
            body=json.dumps({"error": {"type": "api_error", "message": "down"}}),
        )
        resp = delete(client, subscribed)

    assert resp.status_code == 503 and resp.get_json()["error"]["code"] == "billing_unavailable"
    assert stored_evidence.keys() == files
    assert client.get("/api/auth/me", headers=subscribed["headers"]).status_code == 200


def test_an_account_without_a_subscription_calls_no_stripe(client, person):
    with responses.RequestsMock():  # any call to Stripe would fail the test
        assert delete(client, person).status_code == 204
