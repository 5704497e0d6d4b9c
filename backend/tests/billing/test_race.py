"""Races through a real HTTP server against a committed database."""

from __future__ import annotations

import json
from collections import Counter

import httpx
import pytest

from ..concurrency import fire_together
from ..factories import bearer, login, make_quest, make_user
from .conftest import STRIPE_SETTINGS, event, history, signature, subscription

DELIVERIES = 10


@pytest.fixture
def settings_overrides():
    return {**STRIPE_SETTINGS, "db_pool_max_size": DELIVERIES}


def test_one_event_delivered_ten_times_at_once_applies_once(conn, server, customer_user):
    payload = json.dumps(
        event(
            "customer.subscription.created",
            subscription(customer_user["sub"], customer_user["customer"]),
        )
    )
    headers = {"Stripe-Signature": signature(payload), "Content-Type": "application/json"}

    def deliver():
        with httpx.Client(base_url=server, timeout=30) as http:
            r = http.post("/api/webhooks/stripe", content=payload, headers=headers)
            return r.status_code, r.json()["outcome"]

    answers = fire_together([deliver] * DELIVERIES)
    assert Counter(answers) == {(200, "applied"): 1, (200, "duplicate"): DELIVERIES - 1}
    assert len(history(conn, customer_user["id"])) == 1
    tier = conn.execute(
        "select subscription_tier from public.users where id = %s", (customer_user["id"],)
    ).fetchone()[0]
    assert tier == "supported"
    assert conn.execute("select count(*) from public.stripe_events").fetchone()[0] == 1


def test_simultaneous_enrollments_never_exceed_the_tier_limit(app, client, conn, server):
    student = make_user(app)
    headers = bearer(login(client, student))
    quests = [make_quest(conn, tasks=1) for _ in range(DELIVERIES)]
    for quest in quests[:4]:  # the free tier allows 5 at once: one slot is left
        assert client.post(f"/api/quests/{quest['id']}/enroll", headers=headers).status_code == 200

    def enroll(quest_id):
        def go():
            with httpx.Client(base_url=server, timeout=30) as http:
                return http.post(f"/api/quests/{quest_id}/enroll", headers=headers).status_code

        return go

    # Widen the window between the check and the commit, so that overlapping requests would
    # both pass a check that was not serialized.
    conn.execute(
        "create function public.slow_enroll() returns trigger language plpgsql as"
        " $$ begin perform pg_sleep(0.2); return new; end $$"
    )
    conn.execute(
        "create trigger slow_enroll before insert on public.user_quests"
        " for each row execute function public.slow_enroll()"
    )
    answers = fire_together([enroll(q["id"]) for q in quests[4:]])
    assert Counter(answers) == {200: 1, 403: DELIVERIES - 5}
    active = conn.execute(
        "select count(*) from public.user_quests where user_id = %s and is_active",
        (student["id"],),
    ).fetchone()[0]
    assert active == 5
