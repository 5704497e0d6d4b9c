"""The plan SQL the guarded writes pipeline: my effective tier and its features, the lock that
makes limited writes take turns, and the condition "my tier allows one more"."""

from __future__ import annotations

import re
from typing import Any

from ..db import Query

# The tier I have right now (past_due keeps it through the grace period): the rule lives in the
# database (20261122000420_tier_rules.sql), which applies it on its own paths too. The API's
# statements run as the signed-in user, who may only ask about themself
# (20261202000110_tier_rules_for_the_caller.sql).
EFFECTIVE_TIER = "private.my_effective_tier()"

# Lock my own row, so that two requests checking the same limit at once take turns: pipelined
# before the guarded write, whose statement then sees what the other one committed.
LOCK_ME: Query = (
    "select 1 from public.users where id = (select auth.uid()) for no key update",
    None,
)

_FEATURE = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


def _key(feature: str) -> str:
    if not _FEATURE.match(feature):
        raise ValueError(f"not a feature key: {feature!r}")
    return feature


def plan_query(usage_sql: str = "null", params: dict[str, Any] | None = None) -> Query:
    """My effective tier, its features, how much of a limit I use (`usage_sql`, an SQL
    expression) and every tier cheapest first: one statement to pipeline."""
    return (
        f"select t.tier_key as tier, t.features, ({usage_sql}) as used,"
        " (select json_agg(json_build_object('tier', s.tier_key, 'display_name', s.display_name,"
        "   'features', s.features) order by s.sort_order) from public.subscription_tiers s)"
        " as tiers"
        f" from public.users u join public.subscription_tiers t on t.tier_key = {EFFECTIVE_TIER}"
        " where u.id = (select auth.uid())",
        params,
    )


def allows_one_more_sql(feature: str, usage_sql: str) -> str:
    """An SQL condition: my effective tier allows one more use of `feature` beyond `usage_sql`.
    The same rule as `allows`, for a write that must check and act in one statement (the
    database checks it again on the write itself: 20261202000100_tier_limits_enforced.sql)."""
    return f"private.my_tier_allows('{_key(feature)}', ({usage_sql}))"
