"""SQL of billing. Tiers and my subscription are read under RLS; the webhook runs elevated."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, TypedDict, cast

from psycopg import sql

from ..db import Query, Tx


class TierRow(TypedDict):
    tier: str
    display_name: str
    description: str | None
    price_cents: int
    currency: str
    stripe_price_id: str | None
    features: dict[str, Any]


class BillingStateRow(TypedDict):
    """My billing state: the tier I pay for, the one I have now, and my Stripe links."""

    id: uuid.UUID
    email: str
    subscription_tier: str
    tier: str
    subscription_status: str | None
    subscription_grace_until: datetime | None
    current_period_end: datetime | None
    stripe_customer_id: str | None
    stripe_subscription_id: str | None


class SubscriberRow(TypedDict):
    """The user a Stripe event is about, as its handler decides from."""

    id: uuid.UUID
    subscription_tier: str
    subscription_status: str | None
    subscription_grace_until: datetime | None
    stripe_customer_id: str | None
    stripe_subscription_id: str | None
    stripe_event_at: datetime | None
    stripe_event_rank: int | None


TIERS: Query = (
    """
select tier_key as tier, display_name, description, price_cents, currency, stripe_price_id,
       features
from public.subscription_tiers order by sort_order""",
    None,
)

# The tier I have right now is private.my_effective_tier() (see optio/plans/queries.py).
_ME = """
select u.id, u.email, u.subscription_tier, private.my_effective_tier() as tier,
       u.subscription_status, u.subscription_grace_until, u.current_period_end,
       u.stripe_customer_id, u.stripe_subscription_id
from public.users u where u.id = (select auth.uid())"""

_LINK_CUSTOMER = "select private.link_stripe_customer(%(c)s) as customer"


def tiers(tx: Tx) -> list[TierRow]:
    return cast(list[TierRow], tx.all(*TIERS))


def me_and_tiers(tx: Tx, *, release: bool = False) -> tuple[BillingStateRow | None, list[TierRow]]:
    """My billing state and every tier, in one round trip; with `release`, the transaction
    ends in that trip too, so no connection is held while Stripe is called."""
    me, every = tx.run((_ME, None), TIERS, commit=release)
    return (cast(BillingStateRow, me[0]) if me else None), cast(list[TierRow], every)


def me(tx: Tx, *, release: bool = False) -> BillingStateRow | None:
    rows = tx.run((_ME, None), commit=release)[0]
    return cast(BillingStateRow, rows[0]) if rows else None


def link_customer(tx: Tx, customer: str) -> str | None:
    """Store the Stripe customer on my row unless one is there; the one stored wins. `tx` must
    be elevated with my claims (side_transaction(role="elevated")): clients may not call it."""
    row = tx.run((_LINK_CUSTOMER, {"c": customer}), commit=True)[0][0]
    return cast(str | None, row["customer"])


# --- webhook (elevated) --------------------------------------------------------------------------

_NAME_CAUSE = "select set_config('optio.stripe_event_id', %(id)s, true)"

_CLAIM = """
insert into public.stripe_events (id, type, created_at)
values (%(id)s, %(type)s, to_timestamp(%(created)s))
on conflict (id) do nothing returning id"""

# The user a Stripe object belongs to: by customer, else by the user id we put in its metadata;
# locked, so that events about one user apply one at a time.
_SUBJECT = """
select id, subscription_tier, subscription_status, subscription_grace_until,
       stripe_customer_id, stripe_subscription_id, stripe_event_at, stripe_event_rank
from public.users
where stripe_customer_id = %(customer)s or id = %(user_id)s::uuid
order by stripe_customer_id = %(customer)s desc nulls last limit 1
for no key update"""

_RECORD_OUTCOME = """
update public.stripe_events set outcome = %(outcome)s, user_id = %(user)s, processed_at = now()
where id = %(id)s"""


def claim_event(
    tx: Tx, event: dict[str, Any], customer: str | None, user_id: str | None
) -> tuple[bool, SubscriberRow | None, list[TierRow]]:
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
        (_NAME_CAUSE, params),
        (_CLAIM, params),
        (_SUBJECT, params),
        TIERS,
    )
    return (
        bool(claimed),
        cast(SubscriberRow, user[0]) if user else None,
        cast(list[TierRow], every),
    )


def _update_user(changes: dict[str, Any]) -> sql.Composed:
    """`update public.users set <each changed column> = its value` for one user (%(_user)s):
    the columns are the event handler's, never a client's."""
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in changes
    )
    return sql.SQL("update public.users set {} where id = %(_user)s").format(assignments)


def apply_event(
    tx: Tx, event_id: str, outcome: str, user_id: uuid.UUID | None, changes: dict[str, Any]
) -> None:
    """Write the event's changes to its user and its outcome, in one round trip."""
    queries: list[Query] = []
    if changes and user_id is not None:
        queries.append((_update_user(changes), {**changes, "_user": user_id}))
    queries.append((_RECORD_OUTCOME, {"outcome": outcome, "user": user_id, "id": event_id}))
    tx.run(*queries)
