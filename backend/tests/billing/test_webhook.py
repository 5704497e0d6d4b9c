"""POST /api/webhooks/stripe with events signed by Stripe's real scheme."""

from __future__ import annotations

import time

import pytest

from optio.notifications.wording import words

from ..factories import make_user
from .conftest import (
    PRICE_ACADEMY,
    PRICE_SUPPORTED,
    billing_state,
    deliver,
    event,
    event_rows,
    history,
    invoice,
    new_ids,
    subscription,
)

CREATED = "customer.subscription.created"
UPDATED = "customer.subscription.updated"
DELETED = "customer.subscription.deleted"


def subscribe(client, user, status="active", price=PRICE_SUPPORTED, at=None):
    sent = event(CREATED, subscription(user["sub"], user["customer"], status, price), at)
    resp = deliver(client, sent)
    assert resp.status_code == 200, resp.get_json()
    return sent


# --- applying events ---------------------------------------------------------------------------


def test_an_active_subscription_gives_the_tier_of_its_price(client, conn, customer_user):
    sent = subscribe(client, customer_user, price=PRICE_ACADEMY)
    state = billing_state(conn, customer_user["id"])
    assert (state["tier"], state["status"], state["subscription"]) == (
        "academy",
        "active",
        customer_user["sub"],
    )
    assert history(conn, customer_user["id"]) == [("free", "academy", "stripe", sent["id"])]


def test_a_tier_change_notifies_the_user(client, conn, customer_user):
    subscribe(client, customer_user)
    notes = conn.execute(
        "select type, data, data ->> 'to' from public.notifications where user_id = %s",
        (customer_user["id"],),
    ).fetchall()
    notes = [(kind, words(kind, data)[0], to) for kind, data, to in notes]
    assert notes == [("tier_changed", "Your plan is now Supported", "supported")]


def test_a_trialing_subscription_gives_the_tier(client, conn, customer_user):
    subscribe(client, customer_user, status="trialing")
    assert billing_state(conn, customer_user["id"])["tier"] == "supported"


def test_a_repeated_delivery_applies_once(client, conn, customer_user):
    sent = event(CREATED, subscription(customer_user["sub"], customer_user["customer"]))
    answers = [deliver(client, sent).get_json()["outcome"] for _ in range(3)]
    assert answers == ["applied", "duplicate", "duplicate"]
    assert len(history(conn, customer_user["id"])) == 1
    assert event_rows(conn) == 1


def test_a_duplicate_after_a_later_change_does_not_undo_it(client, conn, customer_user):
    now = int(time.time())
    first = subscribe(client, customer_user, at=now - 10)
    downgrade = event(DELETED, subscription(customer_user["sub"], customer_user["customer"]), now)
    assert deliver(client, downgrade).status_code == 200
    assert deliver(client, first).get_json()["outcome"] == "duplicate"
    assert billing_state(conn, customer_user["id"])["tier"] == "free"


def test_an_update_arriving_before_its_creation_wins(client, conn, customer_user):
    now = int(time.time())
    sub, cus = customer_user["sub"], customer_user["customer"]
    created = event(CREATED, subscription(sub, cus, "incomplete"), now - 5)
    updated = event(UPDATED, subscription(sub, cus, "active", PRICE_ACADEMY), now)
    assert deliver(client, updated).get_json()["outcome"] == "applied"
    assert deliver(client, created).get_json()["outcome"] == "stale"
    state = billing_state(conn, customer_user["id"])
    assert (state["tier"], state["status"]) == ("academy", "active")


def test_within_one_second_a_creation_is_older_than_an_update(client, conn, customer_user):
    now = int(time.time())
    sub, cus = customer_user["sub"], customer_user["customer"]
    updated = event(UPDATED, subscription(sub, cus, "active"), now)
    created = event(CREATED, subscription(sub, cus, "incomplete"), now)
    deliver(client, updated)
    assert deliver(client, created).get_json()["outcome"] == "stale"
    assert billing_state(conn, customer_user["id"])["status"] == "active"


def test_an_event_older_than_the_last_applied_is_ignored(client, conn, customer_user):
    now = int(time.time())
    sub, cus = customer_user["sub"], customer_user["customer"]
    subscribe(client, customer_user, at=now - 100)
    newer = event(UPDATED, subscription(sub, cus, "active", PRICE_ACADEMY), now)
    older = event(UPDATED, subscription(sub, cus, "canceled"), now - 50)
    deliver(client, newer)
    assert deliver(client, older).get_json()["outcome"] == "stale"
    assert billing_state(conn, customer_user["id"])["tier"] == "academy"
    # ... and recorded, so its retry is a duplicate rather than a second look.
    assert deliver(client, older).get_json()["outcome"] == "duplicate"


def test_past_due_keeps_the_tier_flagged_then_invoice_paid_restores(client, conn, customer_user):
    now = int(time.time())
    sub, cus = customer_user["sub"], customer_user["customer"]
    subscribe(client, customer_user, at=now - 100)
    failed = event("invoice.payment_failed", invoice(sub, cus), now - 50)
    past_due = event(UPDATED, subscription(sub, cus, "past_due"), now - 50)
    assert deliver(client, failed).get_json()["outcome"] == "applied"
    assert deliver(client, past_due).get_json()["outcome"] == "applied"
    state = billing_state(conn, customer_user["id"])
    assert (state["tier"], state["status"]) == ("supported", "past_due")
    assert state["grace_until"] is not None
    assert abs(state["grace_until"].timestamp() - (now - 50 + 7 * 86400)) < 1

    assert deliver(client, event("invoice.paid", invoice(sub, cus), now)).status_code == 200
    state = billing_state(conn, customer_user["id"])
    assert (state["tier"], state["status"], state["grace_until"]) == ("supported", "active", None)
    assert [h[1] for h in history(conn, customer_user["id"])] == ["supported"]


def test_a_failed_payment_notifies_the_user(client, conn, customer_user):
    subscribe(client, customer_user, at=int(time.time()) - 10)
    sub, cus = customer_user["sub"], customer_user["customer"]
    deliver(client, event("invoice.payment_failed", invoice(sub, cus)))
    kinds = conn.execute(
        "select type from public.notifications where user_id = %s order by created_at",
        (customer_user["id"],),
    ).fetchall()
    assert ("payment_failed",) in kinds


def test_deleted_returns_the_user_to_free(client, conn, customer_user):
    now = int(time.time())
    subscribe(client, customer_user, at=now - 10)
    sub, cus = customer_user["sub"], customer_user["customer"]
    gone = event(DELETED, subscription(sub, cus, "canceled"), now)
    assert deliver(client, gone).get_json()["outcome"] == "applied"
    state = billing_state(conn, customer_user["id"])
    assert (state["tier"], state["status"]) == ("free", "canceled")
    assert history(conn, customer_user["id"])[-1] == ("supported", "free", "stripe", gone["id"])


@pytest.mark.parametrize("status", ["unpaid", "canceled", "incomplete_expired"])
def test_an_ended_subscription_returns_the_user_to_free(client, conn, customer_user, status):
    now = int(time.time())
    subscribe(client, customer_user, at=now - 10)
    sub, cus = customer_user["sub"], customer_user["customer"]
    deliver(client, event(UPDATED, subscription(sub, cus, status), now))
    assert billing_state(conn, customer_user["id"])["tier"] == "free"


def test_an_unknown_event_type_answers_200_and_changes_nothing(client, conn, customer_user):
    resp = deliver(client, event("customer.created", {"id": customer_user["customer"]}))
    assert resp.status_code == 200
    assert resp.get_json()["outcome"] == "unhandled"
    assert event_rows(conn) == 0


def test_a_subscription_of_an_unknown_customer_is_linked_by_its_metadata(client, conn, app):
    user = make_user(app)
    customer, sub = new_ids()
    sent = event(CREATED, subscription(sub, customer, user_id=user["id"]))
    assert deliver(client, sent).get_json()["outcome"] == "applied"
    state = billing_state(conn, user["id"])
    assert (state["tier"], state["customer"], state["subscription"]) == (
        "supported",
        customer,
        sub,
    )


def test_checkout_completed_links_customer_and_subscription(client, conn, app):
    user = make_user(app)
    customer, sub = new_ids()
    session = {
        "id": "cs_test_1",
        "object": "checkout.session",
        "mode": "subscription",
        "customer": customer,
        "subscription": sub,
        "client_reference_id": str(user["id"]),
        "metadata": {"user_id": str(user["id"]), "tier": "academy"},
    }
    assert deliver(client, event("checkout.session.completed", session)).status_code == 200
    state = billing_state(conn, user["id"])
    # The session carries no price: the subscription's own events set the tier.
    assert (state["tier"], state["customer"], state["subscription"]) == ("free", customer, sub)
    subscribe(client, {"customer": customer, "sub": sub}, price=PRICE_ACADEMY)
    assert billing_state(conn, user["id"])["tier"] == "academy"


def test_an_event_for_nobody_is_recorded_and_changes_nothing(client, conn):
    sent = event(CREATED, subscription("sub_nobody", "cus_nobody"))
    assert deliver(client, sent).get_json()["outcome"] == "unknown_user"
    assert event_rows(conn) == 1


def test_an_unknown_price_changes_no_tier(client, conn, customer_user):
    sent = event(CREATED, subscription(customer_user["sub"], customer_user["customer"], price="x"))
    assert deliver(client, sent).get_json()["outcome"] == "unknown_price"
    assert billing_state(conn, customer_user["id"])["tier"] == "free"


def test_an_old_subscription_ending_does_not_end_the_new_one(client, conn, customer_user):
    now = int(time.time())
    subscribe(client, customer_user, at=now - 10)
    old = event(DELETED, subscription("sub_old_one", customer_user["customer"], "canceled"), now)
    assert deliver(client, old).get_json()["outcome"] == "ignored"
    assert billing_state(conn, customer_user["id"])["tier"] == "supported"


def test_a_failure_halfway_rolls_everything_back_and_answers_500(client, conn, customer_user):
    # The tier history write fails after the user's row was updated in the same transaction.
    conn.execute(
        "create function public.fail_history() returns trigger language plpgsql as"
        " $$ begin raise exception 'history is down'; end $$"
    )
    conn.execute(
        "create trigger fail_history before insert on public.subscription_tier_changes"
        " for each row execute function public.fail_history()"
    )
    sent = event(CREATED, subscription(customer_user["sub"], customer_user["customer"]))
    resp = deliver(client, sent)
    assert resp.status_code == 500
    state = billing_state(conn, customer_user["id"])
    assert (state["tier"], state["status"], state["subscription"]) == ("free", None, None)
    assert event_rows(conn) == 0
    assert history(conn, customer_user["id"]) == []
    # Stripe retries once the fault is gone, and the event applies then.
    conn.execute("drop trigger fail_history on public.subscription_tier_changes")
    assert deliver(client, sent).get_json()["outcome"] == "applied"
    assert billing_state(conn, customer_user["id"])["tier"] == "supported"
