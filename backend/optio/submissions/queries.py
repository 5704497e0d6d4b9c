"""SQL of quest submissions. Every query runs as the requesting role, under RLS: authors see
their own submissions, admins see and review all of them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, NotRequired, TypedDict, cast

from psycopg import sql
from psycopg.types.json import Jsonb

from ..db import Tx
from ..plans.queries import LOCK_ME, PlanRow, allows_one_more, plan_query


class TaskSuggestionJson(TypedDict):
    title: str
    description: str
    pillar: str
    xp_value: int


class SubmissionRow(TypedDict):
    id: uuid.UUID
    title: str
    description: str
    suggested_tasks: list[TaskSuggestionJson]
    make_public: bool
    status: str
    approved_quest_id: uuid.UUID | None
    admin_notes: str | None
    reviewed_at: datetime | None
    created_at: datetime
    # Lists only: the approved quest's title now (an admin may rename it), as I may read it.
    quest_title: NotRequired[str | None]


class AuthorJson(TypedDict):
    id: str
    username: str | None
    display_name: str | None


class QueuedSubmissionRow(SubmissionRow):
    reviewed_by: uuid.UUID | None
    author: AuthorJson


class SubmissionJson(TypedDict):
    """A reviewed submission as to_jsonb gives it (ids and times as strings)."""

    id: str
    user_id: str
    title: str
    description: str
    suggested_tasks: list[TaskSuggestionJson]
    make_public: bool
    status: str
    approved_quest_id: str | None
    admin_notes: str | None
    reviewed_by: str | None
    reviewed_at: str | None
    created_at: str


class ReviewRow(TypedDict):
    """A review's outcome: the submission it claimed (None if none) and whether it exists."""

    claimed: SubmissionJson | None
    found: bool


class CountRow(TypedDict):
    n: int


# My submissions waiting for review: what custom_quest_submissions limits.
_PENDING = sql.SQL("""
select count(*) from public.quest_submissions p
where p.user_id = (select auth.uid()) and p.status = 'pending'""")

_INSERT = sql.SQL("""
insert into public.quest_submissions as s
  (user_id, title, description, suggested_tasks, make_public)
select (select auth.uid()), %(title)s, %(description)s, %(suggested_tasks)s, %(make_public)s
where {allowed}
returning s.id, s.title, s.description, s.suggested_tasks, s.make_public, s.status,
          s.approved_quest_id, s.admin_notes, s.reviewed_at, s.created_at""").format(
    allowed=allows_one_more("custom_quest_submissions", _PENDING)
)

_MINE = """
select s.id, s.title, s.description, s.suggested_tasks, s.make_public, s.status,
       s.approved_quest_id, s.admin_notes, s.reviewed_at, s.created_at, q.title as quest_title
from public.quest_submissions s
left join public.quests q on q.id = s.approved_quest_id
where s.user_id = (select auth.uid())
order by s.created_at desc, s.id desc limit %(limit)s offset %(offset)s"""

_COUNT_MINE = """
select count(*) as n from public.quest_submissions where user_id = (select auth.uid())"""

_QUEUE = """
select s.id, s.title, s.description, s.suggested_tasks, s.make_public, s.status,
       s.approved_quest_id, s.admin_notes, s.reviewed_at, s.created_at, s.reviewed_by,
       q.title as quest_title,
       json_build_object('id', u.id, 'username', u.username,
         'display_name', coalesce(u.display_name,
                                  nullif(btrim(concat_ws(' ', u.first_name, u.last_name)), '')))
         as author
from public.quest_submissions s join public.users u on u.id = s.user_id
left join public.quests q on q.id = s.approved_quest_id
where %(status)s::text is null or s.status = %(status)s
order by s.created_at, s.id limit %(limit)s offset %(offset)s"""

_COUNT_QUEUE = """
select count(*) as n from public.quest_submissions s
where %(status)s::text is null or s.status = %(status)s"""

# In one statement: claim the pending submission for the new quest, create the quest and its
# tasks in order, enroll the author and write the audit row (see `approve`).
_APPROVE = """
with claimed as (
  update public.quest_submissions s
  set status = 'approved', approved_quest_id = %(quest_id)s,
      reviewed_by = (select auth.uid()), reviewed_at = now()
  from public.quest_submissions old
  where s.id = %(id)s and s.status = 'pending' and old.id = s.id
  returning s.id, s.user_id, s.title, s.description, s.suggested_tasks, s.make_public,
            to_jsonb(old) as before, to_jsonb(s) as after
), quest as (
  insert into public.quests (id, title, description, source, is_active, is_public, created_by)
  select %(quest_id)s, coalesce(%(title)s, c.title), coalesce(%(description)s, c.description),
         'custom', true, c.make_public, c.user_id
  from claimed c
  returning id, created_by
), tasks as (
  insert into public.quest_tasks (quest_id, title, description, pillar, xp_value, order_index)
  select q.id, t.task ->> 'title', coalesce(t.task ->> 'description', ''),
         t.task ->> 'pillar', (t.task ->> 'xp_value')::int, t.n - 1
  from quest q cross join claimed c
  cross join lateral jsonb_array_elements(coalesce(%(tasks)s::jsonb, c.suggested_tasks))
       with ordinality as t(task, n)
), enrolled as (
  insert into public.user_quests (user_id, quest_id)
  select created_by, id from quest
), audited as (
  insert into public.audit_log (actor_id, action, target_type, target_id, before, after)
  select (select auth.uid()), 'submission.approve', 'quest_submission', c.id::text,
         c.before,
         case when %(edits)s = '{}'::jsonb then c.after
              else c.after || jsonb_build_object('edits', %(edits)s) end
  from claimed c
)
select (select after from claimed) as claimed,
       exists (select 1 from public.quest_submissions where id = %(id)s) as found"""

# Claim the pending submission as rejected with the notes, and write the audit row.
_REJECT = """
with claimed as (
  update public.quest_submissions s
  set status = 'rejected', admin_notes = %(notes)s,
      reviewed_by = (select auth.uid()), reviewed_at = now()
  from public.quest_submissions old
  where s.id = %(id)s and s.status = 'pending' and old.id = s.id
  returning s.id, to_jsonb(old) as before, to_jsonb(s) as after
), audited as (
  insert into public.audit_log (actor_id, action, target_type, target_id, before, after)
  select (select auth.uid()), 'submission.reject', 'quest_submission', c.id::text,
         c.before, c.after
  from claimed c
)
select (select after from claimed) as claimed,
       exists (select 1 from public.quest_submissions where id = %(id)s) as found"""


def insert(tx: Tx, fields: dict[str, Any]) -> tuple[SubmissionRow | None, PlanRow | None]:
    """Insert my submission if my tier allows one more pending review, in one round trip: lock
    my row so submissions take turns, write, then read my plan for the refusal.
    Returns (the submission or None, my plan)."""
    _, row, plan = tx.run(
        LOCK_ME,
        (_INSERT, {**fields, "suggested_tasks": Jsonb(fields["suggested_tasks"])}),
        plan_query(_PENDING),
    )
    return (
        cast(SubmissionRow, row[0]) if row else None,
        cast(PlanRow, plan[0]) if plan else None,
    )


def mine(tx: Tx, limit: int, offset: int) -> tuple[list[SubmissionRow], int]:
    """One page of my submissions, newest first, and their count, in one round trip."""
    params = {"limit": limit, "offset": offset}
    page, count = tx.run((_MINE, params), (_COUNT_MINE, params))
    return cast(list[SubmissionRow], page), cast(CountRow, count[0])["n"]


def queue(
    tx: Tx, status: str | None, limit: int, offset: int
) -> tuple[list[QueuedSubmissionRow], int]:
    """One page of every visible submission (all of them, for an admin), oldest first, with
    its author, and their count, in one round trip."""
    params = {"status": status, "limit": limit, "offset": offset}
    page, count = tx.run((_QUEUE, params), (_COUNT_QUEUE, params))
    return cast(list[QueuedSubmissionRow], page), cast(CountRow, count[0])["n"]


def approve(
    tx: Tx,
    submission_id: uuid.UUID,
    quest_id: uuid.UUID,
    edits: dict[str, Any],
) -> ReviewRow:
    """In one statement: claim the pending submission for the new quest, create the quest and
    its tasks in order, enroll the author and write the audit row.

    The claim is the `status = 'pending'` update: of two approvals at once, the second waits
    for the first's row lock, then finds the row approved and claims nothing, so every other
    part of its statement inserts nothing. Returns the claimed row (None if nothing was
    claimed) and whether the submission exists at all.

    The task and enrollment inserts return nothing: RETURNING would hold their rows to the
    read policies, which look for the quest in the statement's snapshot, where the quest
    inserted beside them is not yet visible.
    """
    params = {
        "id": submission_id,
        "quest_id": quest_id,
        "title": edits.get("title"),
        "description": edits.get("description"),
        "tasks": Jsonb(edits["tasks"]) if edits.get("tasks") is not None else None,
        "edits": Jsonb(edits),
    }
    return _review(tx.one(_APPROVE, params))


def reject(tx: Tx, submission_id: uuid.UUID, notes: str) -> ReviewRow:
    """Claim the pending submission as rejected with the notes, and write the audit row."""
    return _review(tx.one(_REJECT, {"id": submission_id, "notes": notes}))


def _review(row: dict[str, Any] | None) -> ReviewRow:
    if row is None:  # the statement's final select always answers one row
        raise RuntimeError("a review statement returned no row")
    return cast(ReviewRow, row)
