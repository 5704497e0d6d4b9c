"""SQL of progression, as the signed-in student under RLS: levels from public.level_at over the
XP totals, the streak, the week and the heatmap from the active days, and the next task; each
kept from the ledger by triggers, so none grows with the student's history."""

from __future__ import annotations

from typing import Any

from ..db import Query, Tx

# My overall level and each pillar's mastery (every pillar, zeros included).
_LEVELS = """
with mine as (
  select p.pillar, p.n, coalesce(x.xp_amount, 0)::bigint as xp
  from unnest(%(pillars)s::text[]) with ordinality p(pillar, n)
  left join public.user_skill_xp x
    on x.user_id = (select auth.uid()) and x.pillar = p.pillar
)
select 'overall' as scope, null::text as pillar, t.xp, l.level, l.xp_into_level, l.xp_to_next,
       0::bigint as n
from (select coalesce(sum(xp), 0)::bigint as xp from mine) t
cross join lateral public.level_at('overall', t.xp) l
union all
select 'pillar', m.pillar, m.xp, l.level, l.xp_into_level, l.xp_to_next, m.n
from mine m cross join lateral public.level_at('pillar', m.xp) l
order by n"""

# My streak, this week's XP against my goal, and the active days of the heatmap's 12 weeks
# (Monday of 11 weeks ago to today), all in my time zone.
_RHYTHM = """
with me as (
  select u.time_zone, u.weekly_xp_goal,
         (now() at time zone coalesce(u.time_zone, 'UTC'))::date as today
  from public.users u where u.id = (select auth.uid())
), span as (
  select me.*, date_trunc('week', me.today)::date as week_start,
         date_trunc('week', me.today)::date - 77 as heat_start
  from me
)
select span.time_zone, span.weekly_xp_goal as goal, span.today, span.week_start,
       span.heat_start,
       (select coalesce(sum(a.xp), 0) from public.activity_days a
        where a.user_id = (select auth.uid()) and a.day >= span.week_start)::bigint as week_xp,
       coalesce((
         select json_agg(json_build_object('day', a.day, 'tasks', a.tasks, 'xp', a.xp)
                         order by a.day)
         from public.activity_days a
         where a.user_id = (select auth.uid()) and a.tasks > 0
           and a.day between span.heat_start and span.today), '[]') as days,
       s.current, s.longest, s.active_today, s.freezes_left,
       public.streak_freezes_per_month() as freezes_per_month
from span cross join public.my_streak() s"""

# The next task of my most recently active quest: in progress, ordered by my last completion
# in it (or when I started it); its first required task I have not done, else its first task.
_NEXT_UP = """
with latest as (
  select uq.quest_id
  from public.user_quests uq
  where uq.user_id = (select auth.uid()) and uq.is_active and uq.completed_at is null
  order by greatest(uq.started_at, (
    select max(c.completed_at) from public.quest_task_completions c
    where c.user_id = uq.user_id and c.quest_id = uq.quest_id)) desc, uq.quest_id
  limit 1
)
select q.id as quest_id, q.title as quest_title, t.id as task_id, t.title as task_title,
       t.pillar, t.xp_value
from latest
join public.quests q on q.id = latest.quest_id
cross join lateral (
  select t.* from public.quest_tasks t
  where t.quest_id = latest.quest_id
    and not exists (select 1 from public.quest_task_completions c
                    where c.user_id = (select auth.uid()) and c.task_id = t.id)
  order by t.is_required desc, t.order_index, t.id
  limit 1) t"""

# My teammates' weekly XP, when I and they opted in.
_LEADERBOARD = """
select b.user_id, b.name, b.xp, b.is_me
from public.teammate_leaderboard() b"""

_OPTED_IN = """
select u.leaderboard_opt_in as opted_in,
       date_trunc('week', now() at time zone coalesce(u.time_zone, 'UTC'))::date as week_starts_on
from public.users u where u.id = (select auth.uid())"""


_CURVES = """
select curve, array_agg(xp_required order by level) as thresholds
from public.level_curves group by curve"""


def curves(tx: Tx) -> dict[str, list[int]]:
    return {r["curve"]: r["thresholds"] for r in tx.all(_CURVES)}


def progress(tx: Tx, pillars: list[str]) -> tuple[list[dict[str, Any]], dict[str, Any], Any]:
    """Levels, rhythm and next up, in one round trip."""
    queries: tuple[Query, ...] = (
        (_LEVELS, {"pillars": pillars}),
        (_RHYTHM, None),
        (_NEXT_UP, None),
    )
    levels, rhythm, next_up = tx.run(*queries)
    return levels, rhythm[0], next_up[0] if next_up else None


def leaderboard(tx: Tx) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    me, entries = tx.run((_OPTED_IN, None), (_LEADERBOARD, None))
    return me[0], entries
