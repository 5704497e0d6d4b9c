"""The plan SQL the guarded writes pipeline: my effective tier and its features, the lock that
makes limited writes take turns, and the condition "my tier allows one more"."""

from __future__ import annotations

import re
from typing import Any, TypedDict

from psycopg import sql

from ..db import Query


class TierJson(TypedDict):
    """A tier as `plan_query` lists it (json_build_object in SQL)."""

    tier: str
    display_name: str
    features: dict[str, Any]


class PlanRow(TypedDict):
    """`plan_query`'s row: my effective tier, its features, my usage and every tier."""

    tier: str
    features: dict[str, Any]
    used: int | None
    tiers: list[TierJson] | None


# Lock my own row, so that two requests checking the same limit at once take turns: pipelined
# before the guarded write, whose statement then sees what the other one committed.
LOCK_ME: Query = (
    "select 1 from public.users where id = (select auth.uid()) for no key update",
    None,
)

# No usage to report: a plan read for a feature that is included or not.
NO_USAGE = sql.SQL("null")

# private.my_effective_tier() is the tier I have right now (past_due keeps it through the grace
# period): the rule lives in the database (20261122000420_tier_rules.sql), which applies it on
# its own paths too. The API's statements run as the signed-in user, who may only ask about
# themself (20261202000110_tier_rules_for_the_caller.sql).
_PLAN = sql.SQL("""
select t.tier_key as tier, t.features, ({used}) as used,
       (select json_agg(json_build_object('tier', s.tier_key, 'display_name', s.display_name,
                                          'features', s.features) order by s.sort_order)
        from public.subscription_tiers s) as tiers
from public.users u
join public.subscription_tiers t on t.tier_key = private.my_effective_tier()
where u.id = (select auth.uid())""")

_ALLOWS_ONE_MORE = sql.SQL("private.my_tier_allows({feature}, ({used}))")

_FEATURE = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


def _key(feature: str) -> str:
    if not _FEATURE.match(feature):
        raise ValueError(f"not a feature key: {feature!r}")
    return feature


def _expression(used: sql.Composable | str) -> sql.Composable:
    # A plain string is a static SQL expression written in a queries module, never user input.
    return sql.SQL(used) if isinstance(used, str) else used


def plan_query(
    used: sql.Composable | str = NO_USAGE, params: dict[str, Any] | None = None
) -> Query:
    """My effective tier, its features, how much of a limit I use (`used`, an SQL expression
    whose placeholders are in `params`) and every tier cheapest first: one statement to
    pipeline; its row is a `PlanRow`."""
    return _PLAN.format(used=_expression(used)), params


def allows_one_more(feature: str, used: sql.Composable | str) -> sql.Composed:
    """An SQL condition: my effective tier allows one more use of `feature` beyond `used`.
    The same rule as `allows`, for a write that must check and act in one statement (the
    database checks it again on the write itself: 20261202000100_tier_limits_enforced.sql)."""
    return _ALLOWS_ONE_MORE.format(feature=sql.Literal(_key(feature)), used=_expression(used))
