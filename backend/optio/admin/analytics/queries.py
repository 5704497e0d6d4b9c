"""Aggregates over the whole platform, read as the admin (RLS lets an admin read every row)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TypedDict, cast

from ...db import Tx

DAYS = 30
TOP = 10

# Activity: a task completed or an enrollment started within the window.
USERS = """
with activity as (
  select user_id, completed_at as at from public.quest_task_completions
  where completed_at >= now() - interval '30 days'
  union all
  select user_id, started_at from public.user_quests
  where started_at >= now() - interval '30 days'
)
select (select count(*) from public.users) as total,
       (select count(*) from public.users where not is_active) as deactivated,
       count(distinct user_id) filter (where at >= now() - interval '7 days') as active_7d,
       count(distinct user_id) as active_30d
from activity"""

# Days are UTC calendar days; the series gives every day, zeros included, oldest first.
COMPLETIONS_PER_DAY = """
with today as (select (now() at time zone 'utc')::date as d),
daily as (
  select (c.completed_at at time zone 'utc')::date as day, count(*) as completions
  from public.quest_task_completions c, today
  where c.completed_at >= ((today.d - %(back)s)::timestamp at time zone 'utc')
  group by 1
)
select today.d - i as day, coalesce(daily.completions, 0) as completions
from today cross join generate_series(%(back)s, 0, -1) as i
left join daily on daily.day = today.d - i
order by day"""

XP_PER_PILLAR = """
select pillar, sum(xp_amount) as xp from public.user_skill_xp group by pillar"""

# Every tier, zeros included, cheapest first.
USERS_PER_TIER = """
select t.tier_key as tier, count(u.id) as users
from public.subscription_tiers t left join public.users u on u.subscription_tier = t.tier_key
group by t.tier_key, t.sort_order order by t.sort_order"""

_QUEST_COUNTS = """
select q.id, q.title, e.enrollments, e.completions
from (select quest_id, count(*) as enrollments, count(completed_at) as completions
      from public.user_quests group by quest_id) e
join public.quests q on q.id = e.quest_id"""

TOP_BY_ENROLLMENTS = (
    _QUEST_COUNTS
    + """
order by e.enrollments desc, e.completions desc, q.title, q.id limit %(top)s"""
)

TOP_BY_COMPLETIONS = (
    _QUEST_COUNTS
    + """
where e.completions > 0
order by e.completions desc, e.enrollments desc, q.title, q.id limit %(top)s"""
)


class UserCountsRow(TypedDict):
    total: int
    deactivated: int
    active_7d: int
    active_30d: int


class DailyRow(TypedDict):
    day: date
    completions: int


class TierRow(TypedDict):
    tier: str
    users: int


class QuestRankRow(TypedDict):
    id: uuid.UUID
    title: str
    enrollments: int
    completions: int


class Analytics(TypedDict):
    users: UserCountsRow
    completions_per_day: list[DailyRow]
    xp_per_pillar: dict[str, int]
    users_per_tier: list[TierRow]
    by_enrollments: list[QuestRankRow]
    by_completions: list[QuestRankRow]


def analytics(tx: Tx) -> Analytics:
    """Every aggregate in one pipelined round trip."""
    users, daily, pillars, tiers, by_enrollments, by_completions = tx.run(
        (USERS, None),
        (COMPLETIONS_PER_DAY, {"back": DAYS - 1}),
        (XP_PER_PILLAR, None),
        (USERS_PER_TIER, None),
        (TOP_BY_ENROLLMENTS, {"top": TOP}),
        (TOP_BY_COMPLETIONS, {"top": TOP}),
    )
    return {
        "users": cast(UserCountsRow, users[0]),
        "completions_per_day": cast(list[DailyRow], daily),
        "xp_per_pillar": {row["pillar"]: int(row["xp"]) for row in pillars},  # sum() is numeric
        "users_per_tier": cast(list[TierRow], tiers),
        "by_enrollments": cast(list[QuestRankRow], by_enrollments),
        "by_completions": cast(list[QuestRankRow], by_completions),
    }
