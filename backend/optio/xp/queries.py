"""SQL for XP totals and the dashboard; everything is the signed-in user's own, under RLS."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TypedDict, cast

from ..db import Query, Tx
from ..quests.queries import ProgressCounts


class MyQuestRow(ProgressCounts):
    """One of my active quests with my progress in it (a DashboardQuest before `progress`)."""

    id: uuid.UUID
    title: str
    source: str
    image_url: str | None
    started_at: datetime
    completed_at: datetime | None


class RecentCompletionRow(TypedDict):
    id: uuid.UUID
    task_id: uuid.UUID
    task_title: str
    quest_id: uuid.UUID
    quest_title: str
    pillar: str
    xp_awarded: int
    completed_at: datetime


class Dashboard(TypedDict):
    active: list[MyQuestRow]
    completed: list[MyQuestRow]
    recent: list[RecentCompletionRow]
    totals: dict[str, int]


_MY_QUESTS = """
select q.id, q.title, q.source, q.image_url, uq.started_at, uq.completed_at,
       p.total_tasks, p.completed_tasks, p.required_total, p.required_completed,
       p.xp_earned, p.xp_available
from public.user_quests uq
join public.quests q on q.id = uq.quest_id
cross join lateral (
  select count(*) as total_tasks, count(c.id) as completed_tasks,
         count(*) filter (where t.is_required) as required_total,
         count(c.id) filter (where t.is_required) as required_completed,
         coalesce(sum(c.xp_awarded), 0) as xp_earned, coalesce(sum(t.xp_value), 0) as xp_available
  from public.quest_tasks t
  left join public.quest_task_completions c on c.task_id = t.id and c.user_id = uq.user_id
  where t.quest_id = q.id) p
where uq.user_id = (select auth.uid()) and uq.is_active"""

MY_ACTIVE_QUESTS = (
    _MY_QUESTS
    + """
  and uq.completed_at is null
order by uq.started_at desc limit %(n)s"""
)

MY_COMPLETED_QUESTS = (
    _MY_QUESTS
    + """
  and uq.completed_at is not null
order by uq.completed_at desc limit %(n)s"""
)

MY_RECENT_COMPLETIONS = """
select c.id, c.task_id, t.title as task_title, c.quest_id, q.title as quest_title,
       t.pillar, c.xp_awarded, c.completed_at
from public.quest_task_completions c
join public.quest_tasks t on t.id = c.task_id
join public.quests q on q.id = c.quest_id
where c.user_id = (select auth.uid())
order by c.completed_at desc, c.id limit %(n)s"""

_TOTALS: Query = (
    "select pillar, xp_amount from public.user_skill_xp where user_id = (select auth.uid())",
    None,
)


def pillar_totals(tx: Tx) -> dict[str, int]:
    return {r["pillar"]: r["xp_amount"] for r in tx.run(_TOTALS)[0]}


def dashboard(tx: Tx, *, active: int, completed: int, recent: int) -> Dashboard:
    """Everything the dashboard shows, as four queries in one round trip."""
    active_rows, completed_rows, recent_rows, totals = tx.run(
        (MY_ACTIVE_QUESTS, {"n": active}),
        (MY_COMPLETED_QUESTS, {"n": completed}),
        (MY_RECENT_COMPLETIONS, {"n": recent}),
        _TOTALS,
    )
    return {
        "active": cast(list[MyQuestRow], active_rows),
        "completed": cast(list[MyQuestRow], completed_rows),
        "recent": cast(list[RecentCompletionRow], recent_rows),
        "totals": {r["pillar"]: r["xp_amount"] for r in totals},
    }
