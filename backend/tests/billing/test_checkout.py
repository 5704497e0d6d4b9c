"""Checkout, portal and status, with Stripe's API faked at the HTTP layer (`responses`: the
stripe SDK sends through `requests`), asserting what Optio sends."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs

import pytest
import responses

from ..factories import bearer, login, make_user
from .conftest import API_BASE, PRICE_ACADEMY, PRICE_SUPPORTED, billing_state

CHECKOUT_URL = "https://checkout.stripe.test/c/pay/cs_test_1"
PORTAL_URL = "https://billing.stripe.test/p/session/test_1"


@pytest.fixture
def stripe_api():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as fake:
        fake.post(f"{API_BASE}/v1/customers", json={"id": "cus_new1", "object": "customer"})
        fake.post(
            f"{API_BASE}/v1/checkout/sessions",
            json={"id": "cs_test_1", "object": "checkout.session", "url": CHECKOUT_URL},
        )
        fake.post(
            f"{API_BASE}/v1/billing_portal/sessions",
            json={"id": "bps_1", "object": "billing_portal.session", "url": PORTAL_URL},
        )
        yield fake


def sent(fake, path: str) -> list[tuple[dict[str, list[str]], dict[str, str]]]:
    """The form fields and headers of every call to `path`."""
    return [
        (parse_qs(call.request.body or ""), dict(call.request.headers))
        for call in fake.calls
        if call.request.url.split("?")[0] == f"{API_BASE}{path}"
    ]


@pytest.fixture
def student(app, client):
    user = make_user(app)
    return {**user, "headers": bearer(login(app.test_client(), user))}


def test_checkout_creates_a_customer_then_a_subscription_session(client, conn, stripe_api, student):
    resp = client.post(
        "/api/subscriptions/checkout", json={"tier": "academy"}, headers=student["headers"]
    )
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json() == {"url": CHECKOUT_URL, "mode": "checkout"}

    [(customer, customer_headers)] = sent(stripe_api, "/v1/customers")
    assert customer["email"] == [student["email"]]
    assert customer["metadata[user_id]"] == [str(student["id"])]
    assert customer_headers["Idempotency-Key"] == f"optio-customer-{student['id']}"
    assert customer_headers["Authorization"] == "Bearer sk_test_optio"
    assert billing_state(conn, student["id"])["customer"] == "cus_new1"

    [(session, headers)] = sent(stripe_api, "/v1/checkout/sessions")
    uid = str(student["id"])
    assert session["mode"] == ["subscription"]
    assert session["customer"] == ["cus_new1"]
    assert session["line_items[0][price]"] == [PRICE_ACADEMY]
    assert session["line_items[0][quantity]"] == ["1"]
    assert session["client_reference_id"] == [uid]
    assert session["metadata[user_id]"] == [uid]
    assert session["metadata[tier]"] == ["academy"]
    assert session["subscription_data[metadata][user_id]"] == [uid]
    assert session["subscription_data[metadata][tier]"] == ["academy"]
    assert session["allow_promotion_codes"] == ["true"]
    assert session["success_url"] == [
        "https://app.optio.test/billing/success?session_id={CHECKOUT_SESSION_ID}"
    ]
    assert session["cancel_url"] == ["https://app.optio.test/billing/cancel"]
    window = int(time.time()) // 3600
    assert headers["Idempotency-Key"] == (
        f"optio-checkout-{uid}-academy-{PRICE_ACADEMY}-cus_new1-{window}"
    )


def test_checkout_reuses_the_stored_customer(client, conn, stripe_api, student):
    conn.execute(
        "update public.users set stripe_customer_id = 'cus_kept' where id = %s", (student["id"],)
    )
    resp = client.post(
        "/api/subscriptions/checkout", json={"tier": "supported"}, headers=student["headers"]
    )
    assert resp.status_code == 200
    assert sent(stripe_api, "/v1/customers") == []
    [(session, _)] = sent(stripe_api, "/v1/checkout/sessions")
    assert session["customer"] == ["cus_kept"]
    assert session["line_items[0][price]"] == [PRICE_SUPPORTED]


def test_a_repeated_checkout_sends_the_same_idempotency_key(client, stripe_api, student):
    for _ in range(2):
        client.post(
            "/api/subscriptions/checkout", json={"tier": "supported"}, headers=student["headers"]
        )
    keys = [h["Idempotency-Key"] for _, h in sent(stripe_api, "/v1/checkout/sessions")]
    assert len(keys) == 2 and keys[0] == keys[1]


def test_a_subscriber_changes_plan_in_the_portal_not_a_second_checkout(
    client, conn, stripe_api, student
):
    conn.execute(
        "update public.users set stripe_customer_id = 'cus_paying',"
        " stripe_subscription_id = 'sub_running', subscription_status = 'active'"
        " where id = %s",
        (student["id"],),
    )
    resp = client.post(
        "/api/subscriptions/checkout", json={"tier": "academy"}, headers=student["headers"]
    )
    assert resp.status_code == 200
    assert resp.get_json() == {"url": PORTAL_URL, "mode": "portal"}
    assert sent(stripe_api, "/v1/checkout/sessions") == []
    [(portal, headers)] = sent(stripe_api, "/v1/billing_portal/sessions")
    assert portal["customer"] == ["cus_paying"]
    assert portal["flow_data[type]"] == ["subscription_update"]
    assert portal["flow_data[subscription_update][subscription]"] == ["sub_running"]
    assert portal["return_url"] == ["https://app.optio.test/billing"]
    assert headers["Idempotency-Key"].startswith(f"optio-plan-change-{student['id']}-academy-")


def test_the_free_tier_cannot_be_bought(client, stripe_api, student):
    resp = client.post(
        "/api/subscriptions/checkout", json={"tier": "free"}, headers=student["headers"]
    )
    assert resp.status_code == 422
    assert len(stripe_api.calls) == 0


def test_checkout_needs_a_signed_in_user(client, stripe_api):
    assert client.post("/api/subscriptions/checkout", json={"tier": "academy"}).status_code == 401


def test_a_stripe_outage_answers_503_and_stores_nothing(client, conn, student):
    with responses.RequestsMock() as fake:
        fake.post(f"{API_BASE}/v1/customers", status=500, json={"error": {"message": "down"}})
        resp = client.post(
            "/api/subscriptions/checkout", json={"tier": "academy"}, headers=student["headers"]
        )
    assert resp.status_code == 503
    assert resp.get_json()["error"]["code"] == "billing_unavailable"
    assert billing_state(conn, student["id"])["customer"] is None


def test_the_portal_opens_for_my_customer(client, conn, stripe_api, student):
    conn.execute(
        "update public.users set stripe_customer_id = 'cus_mine' where id = %s", (student["id"],)
    )
    resp = client.post("/api/subscriptions/portal", headers=student["headers"])
    assert resp.status_code == 200
    assert resp.get_json() == {"url": PORTAL_URL}
    [(portal, headers)] = sent(stripe_api, "/v1/billing_portal/sessions")
    assert portal == {"customer": ["cus_mine"], "return_url": ["https://app.optio.test/billing"]}
    assert headers["Idempotency-Key"].startswith(f"optio-portal-{student['id']}-")


def test_the_portal_needs_a_billing_account(client, stripe_api, student):
    resp = client.post("/api/subscriptions/portal", headers=student["headers"])
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "no_billing_account"
    assert len(stripe_api.calls) == 0


def test_status_shows_a_past_due_subscription_in_its_grace_period(client, conn, student):
    conn.execute(
        "update public.users set subscription_tier = 'supported', subscription_status = 'past_due',"
        " subscription_grace_until = now() + interval '3 days', stripe_customer_id = 'cus_s'"
        " where id = %s",
        (student["id"],),
    )
    body = client.get("/api/subscriptions/status", headers=student["headers"]).get_json()
    assert (body["tier"], body["subscribed_tier"], body["status"]) == (
        "supported",
        "supported",
        "past_due",
    )
    assert body["past_due"] is True and body["has_billing_account"] is True
    assert body["grace_until"] is not None


def test_after_the_grace_period_a_past_due_user_has_the_free_tier(client, conn, student):
    conn.execute(
        "update public.users set subscription_tier = 'supported', subscription_status = 'past_due',"
        " subscription_grace_until = now() - interval '1 second' where id = %s",
        (student["id"],),
    )
    body = client.get("/api/subscriptions/status", headers=student["headers"]).get_json()
    assert (body["tier"], body["subscribed_tier"]) == ("free", "supported")


@pytest.mark.parametrize("settings_overrides", [{"stripe_secret_key": None}])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/subscriptions/checkout"),
        ("post", "/api/subscriptions/portal"),
        ("get", "/api/subscriptions/status"),
    ],
)
def test_without_a_secret_key_billing_is_not_configured(
    client, student, settings_overrides, method, path
):
    kwargs = {"json": {"tier": "academy"}} if path.endswith("checkout") else {}
    resp = getattr(client, method)(path, headers=student["headers"], **kwargs)
    assert resp.status_code == 503
    assert resp.get_json()["error"]["code"] == "billing_not_configured"


@pytest.mark.parametrize(
    ("method", "path", "budget"),
    [
        ("post", "/api/subscriptions/checkout", 3),
        ("post", "/api/subscriptions/portal", 2),
        ("get", "/api/subscriptions/status", 2),
        ("get", "/api/tiers", 2),
    ],
)
def test_billing_endpoints_keep_the_round_trip_budget(
    client, conn, stripe_api, student, method, path, budget
):
    if path.endswith("portal"):
        conn.execute(
            "update public.users set stripe_customer_id = 'cus_rt' where id = %s",
            (student["id"],),
        )
    kwargs = {"json": {"tier": "academy"}} if path.endswith("checkout") else {}
    resp = getattr(client, method)(path, headers=student["headers"], **kwargs)
    assert resp.status_code == 200, resp.get_json()
    assert int(resp.headers["X-DB-Round-Trips"]) <= budget


def test_no_transaction_is_held_open_while_stripe_answers(client, conn, stripe_api, student):
    """Checkout reads, releases its connection, then calls Stripe: a slow Stripe must not hold
    pooled connections idle in a transaction."""
    seen = []

    def count_idle_in_transaction(request):
        seen.append(
            conn.execute(
                "select count(*) from pg_stat_activity where datname = current_database()"
                " and state like 'idle in transaction%%' and pid <> pg_backend_pid()"
            ).fetchone()[0]
        )
        body = {"id": "cus_new1", "object": "customer"}
        if "checkout" in request.url:
            body = {"id": "cs_test_1", "object": "checkout.session", "url": CHECKOUT_URL}
        return 200, {}, json.dumps(body)

    for path in ("/v1/customers", "/v1/checkout/sessions"):
        stripe_api.remove(responses.POST, f"{API_BASE}{path}")
        stripe_api.add_callback(responses.POST, f"{API_BASE}{path}", count_idle_in_transaction)
    resp = client.post(
        "/api/subscriptions/checkout", json={"tier": "academy"}, headers=student["headers"]
    )
    assert resp.status_code == 200, resp.get_json()
    assert seen == [0, 0]
