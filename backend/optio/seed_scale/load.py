"""Writing a plan: COPY for the rows people make, then set-based SQL for what triggers derive.

Everything runs in one transaction with `session_replication_role = replica`, which turns
off triggers (and foreign-key checks) so 500k completions cost no per-row trigger calls. The
derived rows are then made by the statements below, each doing for all rows at once what its
trigger does for one:

- private.award_completion: an xp_events row per completion, and user_quests.completed_at
  once every required task of the quest is completed (at the last such completion);
- private.add_to_pillar_total: user_skill_xp, the ledger's sum per user and pillar;
- private.notify_quest_completed, notify_team_request_received, team_request_accepted: their
  notifications, with the same kinds and data, dated when the trigger would have run.

Only the load users' rows are touched: their ids sit in the temporary table scale_users.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import psycopg

from . import rows
from .plan import Plan

COPY_AUTH_USERS = """copy auth.users (id, email, encrypted_password, email_confirmed_at,
  raw_user_meta_data, created_at, updated_at) from stdin"""
COPY_PROFILES = """copy public.users (id, email, username, first_name, last_name,
  display_name, role, created_at, updated_at) from stdin"""
COPY_DIPLOMAS = """copy public.diplomas (id, user_id, slug, is_public, headline, bio,
  created_at, updated_at) from stdin"""
COPY_QUESTS = """copy public.quests (id, title, description, source, image_url, created_at,
  updated_at) from stdin"""
COPY_TASKS = """copy public.quest_tasks (id, quest_id, title, description, pillar, xp_value,
  order_index, created_at) from stdin"""
COPY_ENROLLMENTS = "copy public.user_quests (id, user_id, quest_id, started_at) from stdin"
COPY_COMPLETIONS = """copy public.quest_task_completions (id, user_id, quest_id, task_id,
  evidence_type, evidence_text, evidence_url, evidence_path, evidence_content_type,
  evidence_size, is_private, xp_awarded, completed_at) from stdin"""
COPY_EVIDENCE_OBJECTS = """copy private.evidence_objects (path, owner, content_type, size,
  created_at) from stdin"""
COPY_TEAM_REQUESTS = """copy public.team_requests (id, sender_id, recipient_id, quest_id,
  message, status, created_at, responded_at) from stdin"""

SCALE_USERS = "create temporary table scale_users (id uuid primary key) on commit drop"
COPY_SCALE_USERS = "copy scale_users (id) from stdin"

# In time order, so the ledger's ids grow as the awards happened.
XP_EVENTS = """
insert into public.xp_events (user_id, pillar, amount, source_type, source_id, created_at)
select c.user_id, t.pillar, c.xp_awarded, 'task_completion', c.id, c.completed_at
from public.quest_task_completions c
join scale_users s on s.id = c.user_id
join public.quest_tasks t on t.id = c.task_id
order by c.completed_at, c.id"""

PILLAR_TOTALS = """
insert into public.user_skill_xp (user_id, pillar, xp_amount, updated_at)
select e.user_id, e.pillar, sum(e.amount), max(e.created_at)
from public.xp_events e
join scale_users s on s.id = e.user_id
group by e.user_id, e.pillar"""

# Generated quests have every task required, so "every required task" is a count.
QUESTS_COMPLETED = """
update public.user_quests uq set completed_at = done.last_at
from (
  select c.user_id, c.quest_id, count(*) as done, max(c.completed_at) as last_at
  from public.quest_task_completions c
  join scale_users s on s.id = c.user_id
  join public.quest_tasks t on t.id = c.task_id and t.is_required
  group by c.user_id, c.quest_id) done,
  (select quest_id, count(*) as required from public.quest_tasks where is_required
   group by quest_id) need
where uq.user_id = done.user_id and uq.quest_id = done.quest_id
  and need.quest_id = done.quest_id and done.done = need.required
  and uq.completed_at is null"""

# What users_create_diploma_totals and the counting triggers keep (20261202300100), counted.
DIPLOMA_TOTALS = """
insert into private.diploma_totals (user_id, completed_quests, quests_in_progress,
                                    completed_tasks, version)
select s.id,
  (select count(*) from public.user_quests uq
   where uq.user_id = s.id and uq.completed_at is not null),
  (select count(*) from public.user_quests uq
   where uq.user_id = s.id and uq.is_active and uq.completed_at is null),
  (select count(*) from public.quest_task_completions c where c.user_id = s.id),
  1
from scale_users s"""

# What xp_events_to_activity keeps (20261204000200): each event on its day, in UTC (the zone of
# a student who has not chosen one); then each student's streak, rebuilt from those days.
ACTIVITY_DAYS = """
insert into public.activity_days (user_id, day, tasks, xp)
select e.user_id, (e.created_at at time zone 'UTC')::date,
       count(*) filter (where e.source_type = 'task_completion'), sum(e.amount)
from public.xp_events e
join scale_users s on s.id = e.user_id
group by 1, 2"""

STREAKS = "select private.rebuild_streak(s.id) from scale_users s"

# Older notices are mostly read: four in five of those over three days old.
_READ_AT = """case
  when {at} < %(now)s - interval '3 days' and mod(abs(hashtext({key}::text)), 5) <> 0
  then {at} + interval '4 hours' end"""

NOTIFY_QUESTS_COMPLETED = f"""
insert into public.notifications (user_id, type, data, created_at, read_at)
select uq.user_id, 'quest_completed',
       jsonb_build_object('quest_id', uq.quest_id, 'quest_title', q.title),
       uq.completed_at, {_READ_AT.format(at="uq.completed_at", key="uq.id")}
from public.user_quests uq
join scale_users s on s.id = uq.user_id
join public.quests q on q.id = uq.quest_id
where uq.completed_at is not null"""

NOTIFY_TEAM_REQUESTS_RECEIVED = f"""
insert into public.notifications (user_id, type, data, created_at, read_at)
select r.recipient_id, 'team_request_received',
       jsonb_build_object(
         'request_id', r.id, 'sender_id', r.sender_id, 'quest_id', r.quest_id,
         'sender_name', private.shown_name(r.sender_id),
         'quest_title', (select q.title from public.quests q where q.id = r.quest_id),
         'message', r.message),
       r.created_at, {_READ_AT.format(at="r.created_at", key="r.id")}
from public.team_requests r
join scale_users s on s.id = r.sender_id"""

# Accepted requests name no quest (plan.py), so nobody is enrolled and quest_title is null.
NOTIFY_TEAM_REQUESTS_ACCEPTED = f"""
insert into public.notifications (user_id, type, data, created_at, read_at)
select r.sender_id, 'team_request_accepted',
       jsonb_build_object(
         'request_id', r.id, 'teammate_id', r.recipient_id, 'quest_id', r.quest_id,
         'enrolled', false, 'teammate_name', private.shown_name(r.recipient_id),
         'quest_title', null),
       r.responded_at, {_READ_AT.format(at="r.responded_at", key="r.id")}
from public.team_requests r
join scale_users s on s.id = r.sender_id
where r.status = 'accepted'"""

ANALYZE = """analyze auth.users, public.users, public.diplomas, public.quests,
  public.quest_tasks, public.user_quests, public.quest_task_completions,
  private.evidence_objects, public.xp_events, public.user_skill_xp, public.notifications,
  public.team_requests"""


class NeedsSuperuser(RuntimeError):
    """The connection may not turn triggers off (session_replication_role)."""


def write(
    conn: psycopg.Connection[Any],
    plan: Plan,
    rng: random.Random,
    now: datetime,
    password_hash: str,
) -> dict[str, int]:
    """Write `plan` in the connection's transaction; the number of rows of each kind."""
    try:
        conn.execute("set local session_replication_role = replica")
    except psycopg.errors.InsufficientPrivilege as exc:
        raise NeedsSuperuser(
            "the scale seed turns triggers off while it loads (session_replication_role),"
            " which needs a superuser connection: use the embedded database or a local one"
        ) from exc
    conn.execute(SCALE_USERS)
    _copy(conn, COPY_SCALE_USERS, ((p.id,) for p in plan.people))
    _copy(conn, COPY_AUTH_USERS, rows.auth_users(plan, password_hash))
    _copy(conn, COPY_PROFILES, rows.profiles(plan))
    _copy(conn, COPY_DIPLOMAS, rows.diplomas(plan, rng))
    _copy(conn, COPY_QUESTS, rows.quests(plan))
    _copy(conn, COPY_TASKS, rows.tasks(plan))
    _copy(conn, COPY_ENROLLMENTS, rows.enrollments(plan))
    completions = rows.Completions(plan, rng, now)
    counts = {"completions": _copy(conn, COPY_COMPLETIONS, completions)}
    # Filled while the completions streamed, so only now complete.
    counts["evidence_files"] = _copy(conn, COPY_EVIDENCE_OBJECTS, completions.stored)
    counts["team_requests"] = _copy(conn, COPY_TEAM_REQUESTS, rows.team_requests(plan))
    counts["xp_events"] = _run(conn, XP_EVENTS)
    counts["pillar_totals"] = _run(conn, PILLAR_TOTALS)
    counts["completed_quests"] = _run(conn, QUESTS_COMPLETED)
    # An older schema (make bench-load --app-root measuring an earlier commit) has no totals.
    if conn.execute("select to_regclass('private.diploma_totals')").fetchone() != (None,):
        counts["diploma_totals"] = _run(conn, DIPLOMA_TOTALS)
    if conn.execute("select to_regclass('public.activity_days')").fetchone() != (None,):
        counts["activity_days"] = _run(conn, ACTIVITY_DAYS)
        _run(conn, STREAKS)
    counts["notifications"] = sum(
        _run(conn, statement, {"now": now})
        for statement in (
            NOTIFY_QUESTS_COMPLETED,
            NOTIFY_TEAM_REQUESTS_RECEIVED,
            NOTIFY_TEAM_REQUESTS_ACCEPTED,
        )
    )
    return counts


def _copy(conn: psycopg.Connection[Any], statement: str, data: Iterable[rows.Row]) -> int:
    n = 0
    with conn.cursor() as cur, cur.copy(statement) as copy:
        for row in data:
            copy.write_row(row)
            n += 1
    return n


def _run(
    conn: psycopg.Connection[Any], statement: str, params: dict[str, Any] | None = None
) -> int:
    with conn.cursor() as cur:
        cur.execute(statement, params)
        return cur.rowcount
