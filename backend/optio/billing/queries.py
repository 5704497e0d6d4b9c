"""SQL of billing. Tiers and my subscription are read under RLS; the webhook runs elevated."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from ..db import Query, Tx
from ..plans.queries import EFFECTIVE_TIER

TIERS: Query = (
    "select tier_key as tier, display_name, description, price_cents, currency,"
    " stripe_price_id, features from public.subscription_tiers order by sort_order",
    None,
)

_ME = (
    f"select u.id, u.email, u.subscription_tier, {EFFECTIVE_TIER} as tier,"
    " u.subscription_status, u.subscription_grace_until, u.current_period_end,"
    " u.stripe_customer_id, u.stripe_subscription_id"
    " from public.users u where u.id = (select auth.uid())"
)


def tiers(tx: Tx) -> list[dict[str, Any]]:
    return tx.all(*TIERS)


def me_and_tiers(tx: Tx, *, release: bool = False) -> tuple[dict | None, list[dict[str, Any]]]:
    """My billing state and every tier, in one round trip; with `release`, the transaction
    ends in that trip too, so no connection is held while Stripe is called."""
    me, every = tx.run((_ME, None), TIERS, commit=release)
    return (me[0] if me else None), every


def me(tx: Tx, *, release: bool = False) -> dict | None:
    rows = tx.run((_ME, None), commit=release)[0]
    return rows[0] if rows else None


def link_customer(tx: Tx, customer: str) -> str | None:
    """Store the Stripe customer on my row unless one is there; the one stored wins. `tx` must
    be elevated with my claims (side_transaction(role="elevated")): clients may not call it."""
    link = ("select private.link_stripe_customer(%(c)s) as customer", {"c": customer})
    return tx.run(link, commit=True)[0][0]["customer"]


# --- webhook (elevated) --------------------------------------------------------------------------

_CLAIM = (
    "insert into public.stripe_events (id, type, created_at)"
    " values (%(id)s, %(type)s, to_timestamp(%(created)s))"
    " on conflict (id) do nothing returning id"
)

# The user a Stripe object belongs to: by customer, else by the user id we put in its metadata;
# locked, so that events about one user apply one at a time.
_SUBJECT = (
    "select id, subscription_tier, subscription_status, subscription_grace_until,"
    " stripe_customer_id, stripe_subscription_id, stripe_event_at, stripe_event_rank"
    " from public.users"
    " where stripe_customer_id = %(customer)s or id = %(user_id)s::uuid"
    " order by stripe_customer_id = %(customer)s desc nulls last limit 1"
    " for no key update"
)


def claim_event(
    tx: Tx, event: dict[str, Any], customer: str | None, user_id: str | None
) -> tuple[bool, dict | None, list[dict[str, Any]]]:
    """In one round trip: name the event as the cause of this transaction's changes, record it
    (a delivery already recorded, or being applied right now, claims nothing), and read and
    lock its user, and the tiers' prices. Returns (claimed, user, tiers)."""
    params = {
        "id": event["id"],
        "type": event["type"],
        "created": event["created"],
        "customer": customer,
        "user_id": user_id,
    }
    _, claimed, user, every = tx.run(
        ("select set_config('optio.stripe_event_id', %(id)s, true)", params),
        (_CLAIM, params),
        (_SUBJECT, params),
        TIERS,
    )
    return bool(claimed), (user[0] if user else None), every


def apply_event(tx: Tx, event_id: str, outcome: str, user_id: Any, changes: dict[str, Any]) -> None:
    """Write the event's changes to its user and its outcome, in one round trip."""
    queries: list[Query] = []
    if changes and user_id is not None:
        assignments = sql.SQL(", ").join(
            sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in changes
        )
        update = sql.SQL("update public.users set {} where id = %(_user)s").format(assignments)
        queries.append((update.as_string(), {**changes, "_user": user_id}))
    queries.append(
        (
            "update public.stripe_events set outcome = %(outcome)s, user_id = %(user)s,"
            " processed_at = now() where id = %(id)s",
            {"outcome": outcome, "user": user_id, "id": event_id},
        )
    )
    tx.run(*queries)
