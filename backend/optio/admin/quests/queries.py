"""SQL of quest and task management, run as the admin under RLS.

Each write is one pipelined round trip: lock what must not change underneath, write the rows
and their audit_log entry in one statement, then read the result back (a later statement of
the same transaction sees the write).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, NamedTuple, TypedDict, cast

from psycopg import sql

from ...db import Query, Tx
from ...quests.queries import TaskFieldsJson
from ...search import contains
from ..audit import audited_update


class AdminQuestRow(TypedDict):
    """A quest as QUEST_COLUMNS reads it, with how many students took and finished it."""

    id: uuid.UUID
    title: str
    description: str
    source: str
    is_active: bool
    is_public: bool
    image_url: str | None
    created_by: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    enrollments: int
    completions: int


class AdminQuestSummaryRow(AdminQuestRow):
    pillars: list[str]
    task_count: int
    total_xp: int


class AdminTaskJson(TaskFieldsJson):
    """A task as TASK_JSON builds it (ids as JSON strings), with its completion count."""

    quest_id: str
    completions: int


class AdminQuestDetailRow(AdminQuestRow):
    tasks: list[AdminTaskJson]


class TaskFields(TypedDict):
    """What an admin writes of a task (TaskIn)."""

    title: str
    description: str
    pillar: str
    xp_value: int
    is_required: bool


class TaskOrderResult(NamedTuple):
    quest_found: bool
    accepted: bool
    detail: AdminQuestDetailRow | None


QUEST_COLUMNS = sql.SQL("""q.id, q.title, q.description, q.source, q.is_active, q.is_public,
  q.image_url, q.created_by, q.created_at, q.updated_at,
  (select count(*) from public.user_quests uq where uq.quest_id = q.id) as enrollments,
  (select count(*) from public.user_quests uq
    where uq.quest_id = q.id and uq.completed_at is not null) as completions""")

# One shape of a task (AdminTaskJson), whether read alone or in its quest's detail.
TASK_JSON = sql.SQL("""(select to_json(x) from (
  select t.id, t.quest_id, t.title, t.description, t.pillar, t.xp_value, t.order_index,
    t.is_required,
    (select count(*) from public.quest_task_completions c where c.task_id = t.id) as completions
  ) x)""")

# What the audit log records of a task.
TASK_FIELDS = sql.SQL(
    "id, quest_id, title, description, pillar, xp_value, order_index, is_required"
)

QUEST_FILTER = sql.SQL("""
  (%(is_active)s::boolean is null or q.is_active = %(is_active)s)
  and (%(pattern)s::text is null
       or q.title ilike %(pattern)s or q.description ilike %(pattern)s)""")

AUDIT = sql.SQL(
    "insert into public.audit_log (actor_id, action, target_type, target_id, before, after)"
)

QUESTS_PAGE = sql.SQL("""
select {quest_columns}, coalesce(s.pillars, '{{}}') as pillars,
       coalesce(s.task_count, 0) as task_count, coalesce(s.total_xp, 0) as total_xp
from public.quests q
left join lateral (
  select array_agg(distinct pillar order by pillar) as pillars,
         count(*) as task_count, sum(xp_value) as total_xp
  from public.quest_tasks where quest_id = q.id) s on true
where {filter}
order by q.created_at desc, q.title, q.id
limit %(limit)s offset %(offset)s""").format(quest_columns=QUEST_COLUMNS, filter=QUEST_FILTER)

QUESTS_COUNT = sql.SQL("select count(*) as n from public.quests q where {filter}").format(
    filter=QUEST_FILTER
)

QUEST_DETAIL = sql.SQL("""
select {quest_columns}, coalesce((
  select json_agg({task} order by t.order_index, t.id)
  from public.quest_tasks t where t.quest_id = q.id), '[]') as tasks
from public.quests q where q.id = %(id)s""").format(quest_columns=QUEST_COLUMNS, task=TASK_JSON)

TASK = sql.SQL("""
select {task} as task from public.quest_tasks t
where t.id = %(task)s and t.quest_id = %(quest)s""").format(task=TASK_JSON)

# Serializes the writes that change a quest's set or order of tasks. NO KEY UPDATE does not
# wait for students enrolling (their foreign key takes only a KEY SHARE lock).
LOCK_QUEST = "select id from public.quests where id = %(quest)s for no key update"

CREATE_QUEST = """
insert into public.quests
  (id, title, description, source, is_active, is_public, image_url, created_by)
values (%(id)s, %(title)s, %(description)s, %(source)s, %(is_active)s, %(is_public)s,
  %(image_url)s, (select auth.uid()))"""

# The tasks in order, and one audit entry holding the quest and its tasks.
CREATE_TASKS = sql.SQL("""
with tasks as (
  insert into public.quest_tasks
    (quest_id, title, description, pillar, xp_value, is_required, order_index)
  select %(id)s, t.title, t.description, t.pillar, t.xp_value, t.is_required, t.n - 1
  from unnest(%(titles)s::text[], %(descriptions)s::text[],
    %(pillars)s::text[], %(xp_values)s::int[], %(required)s::boolean[])
    with ordinality as t(title, description, pillar, xp_value, is_required, n)
  returning {task_fields})
{audit}
select (select auth.uid()), 'quest.create', 'quest', q.id::text, null,
  jsonb_build_object('title', q.title, 'description', q.description,
    'source', q.source, 'is_active', q.is_active, 'is_public', q.is_public,
    'image_url', q.image_url, 'tasks',
    (select jsonb_agg(to_jsonb(tasks) order by order_index) from tasks))
from public.quests q where q.id = %(id)s""").format(task_fields=TASK_FIELDS, audit=AUDIT)

# Append the task after the quest's last one, and audit it.
ADD_TASK = sql.SQL("""
with task as (
  insert into public.quest_tasks
    (id, quest_id, title, description, pillar, xp_value, is_required, order_index)
  select %(task)s, q.id, %(title)s, %(description)s, %(pillar)s, %(xp_value)s,
    %(is_required)s, coalesce((select max(order_index) + 1 from public.quest_tasks
                               where quest_id = q.id), 0)
  from public.quests q where q.id = %(quest)s
  returning {task_fields})
{audit}
select (select auth.uid()), 'task.create', 'task', task.id::text, null,
  to_jsonb(task) from task""").format(task_fields=TASK_FIELDS, audit=AUDIT)

LOCK_TASK = """
select id from public.quest_tasks where id = %(task)s and quest_id = %(quest)s for update"""

DELETE_TASK = sql.SQL("""
with task as (
  delete from public.quest_tasks t
  where t.id = %(task)s and t.quest_id = %(quest)s and not exists (
    select 1 from public.quest_task_completions c where c.task_id = t.id)
  returning {task_fields}),
audit as ({audit}
  select (select auth.uid()), 'task.delete', 'task', task.id::text, to_jsonb(task),
    null from task)
select id from task""").format(task_fields=TASK_FIELDS, audit=AUDIT)

# Reorder when `ids` lists exactly the quest's tasks, and audit a real change of order.
REORDER_TASKS = sql.SQL("""
with wanted as (
  select w.id, (w.n - 1)::int as order_index
  from unnest(%(ids)s::uuid[]) with ordinality as w(id, n)),
present as (
  select id, order_index from public.quest_tasks where quest_id = %(quest)s),
verdict as (
  select (select array_agg(id order by id) from wanted)
    is not distinct from (select array_agg(id order by id) from present) as ok,
  (select coalesce(jsonb_agg(id order by order_index, id), '[]') from present)
    as before,
  (select coalesce(jsonb_agg(id order by order_index), '[]') from wanted) as after),
moved as (
  update public.quest_tasks t set order_index = w.order_index
  from wanted w, verdict v
  where v.ok and t.id = w.id and t.quest_id = %(quest)s
    and t.order_index <> w.order_index),
audit as ({audit}
  select (select auth.uid()), 'quest.reorder_tasks', 'quest', %(quest)s::text,
    jsonb_build_object('task_ids', v.before), jsonb_build_object('task_ids', v.after)
  from verdict v where v.ok and v.before <> v.after)
select ok from verdict""").format(audit=AUDIT)


def quests(
    tx: Tx, *, search: str | None, is_active: bool | None, limit: int, offset: int
) -> tuple[list[AdminQuestSummaryRow], int]:
    """One page of every quest (inactive and private too), newest first, and the count."""
    params = {
        "is_active": is_active,
        "pattern": contains(search),
        "limit": limit,
        "offset": offset,
    }
    page, count = tx.run((QUESTS_PAGE, params), (QUESTS_COUNT, params))
    return cast(list[AdminQuestSummaryRow], page), count[0]["n"]


def _detail(quest_id: uuid.UUID) -> Query:
    return QUEST_DETAIL, {"id": quest_id}


def _task(quest_id: uuid.UUID, task_id: uuid.UUID) -> Query:
    return TASK, {"task": task_id, "quest": quest_id}


def _lock_quest(quest_id: uuid.UUID) -> Query:
    return LOCK_QUEST, {"quest": quest_id}


def _detail_of(rows: list[dict[str, Any]]) -> AdminQuestDetailRow | None:
    return cast(AdminQuestDetailRow, rows[0]) if rows else None


def _task_of(rows: list[dict[str, Any]]) -> AdminTaskJson | None:
    return cast(AdminTaskJson, rows[0]["task"]) if rows else None


def quest(tx: Tx, quest_id: uuid.UUID) -> AdminQuestDetailRow | None:
    return _detail_of(tx.run(_detail(quest_id))[0])


def create_quest(
    tx: Tx, quest_id: uuid.UUID, quest: dict[str, Any], tasks: list[TaskFields]
) -> AdminQuestDetailRow:
    """The quest, then its tasks in order with one audit entry holding both, then the detail.

    The tasks go in a second statement: a task row must be readable once written (RLS on
    RETURNING), and a task is readable through its quest, which only a later statement sees.
    """
    _, _, created = tx.run(
        (CREATE_QUEST, {**quest, "id": quest_id}),
        (
            CREATE_TASKS,
            {
                "id": quest_id,
                "titles": [t["title"] for t in tasks],
                "descriptions": [t["description"] for t in tasks],
                "pillars": [t["pillar"] for t in tasks],
                "xp_values": [t["xp_value"] for t in tasks],
                "required": [t["is_required"] for t in tasks],
            },
        ),
        _detail(quest_id),
    )
    detail = _detail_of(created)
    if detail is None:  # the admin just wrote it, in this transaction
        raise RuntimeError("a quest created in this transaction could not be read back")
    return detail


def update_quest(
    tx: Tx, quest_id: uuid.UUID, changes: dict[str, Any]
) -> AdminQuestDetailRow | None:
    """Change the quest and log what changed; None when there is no such quest."""
    updated, detail = tx.run(
        audited_update(
            "quests",
            changes,
            sql.SQL("t.id = %(id)s"),
            {"id": quest_id},
            action="quest.update",
            target_type="quest",
        ),
        _detail(quest_id),
    )
    return _detail_of(detail) if updated else None


def add_task(
    tx: Tx, quest_id: uuid.UUID, task_id: uuid.UUID, task: TaskFields
) -> AdminTaskJson | None:
    """Append the task after the quest's last one; None when there is no such quest."""
    _, _, added = tx.run(
        _lock_quest(quest_id),
        (ADD_TASK, {**task, "task": task_id, "quest": quest_id}),
        _task(quest_id, task_id),
    )
    return _task_of(added)


def update_task(
    tx: Tx, quest_id: uuid.UUID, task_id: uuid.UUID, changes: dict[str, Any]
) -> AdminTaskJson | None:
    """Change the task and log what changed; None when the quest has no such task."""
    updated, task = tx.run(
        audited_update(
            "quest_tasks",
            changes,
            sql.SQL("t.id = %(task)s and t.quest_id = %(quest)s"),
            {"task": task_id, "quest": quest_id},
            action="task.update",
            target_type="task",
        ),
        _task(quest_id, task_id),
    )
    return _task_of(task) if updated else None


def delete_task(tx: Tx, quest_id: uuid.UUID, task_id: uuid.UUID) -> tuple[bool, bool]:
    """Delete the task unless a student completed it; returns (found, deleted).

    The task row is locked first, in its own statement: FOR UPDATE waits for a completion
    being recorded right now (its foreign key holds a KEY SHARE lock on the task), and the
    delete that follows, with a fresh snapshot, then sees that completion and keeps the task.
    """
    params = {"task": task_id, "quest": quest_id}
    _, found, deleted = tx.run(_lock_quest(quest_id), (LOCK_TASK, params), (DELETE_TASK, params))
    return bool(found), bool(deleted)


def reorder_tasks(tx: Tx, quest_id: uuid.UUID, task_ids: list[uuid.UUID]) -> TaskOrderResult:
    """Give the quest's tasks the order of `task_ids`, when it lists exactly the quest's tasks."""
    found, verdict, detail = tx.run(
        _lock_quest(quest_id),
        (REORDER_TASKS, {"ids": task_ids, "quest": quest_id}),
        _detail(quest_id),
    )
    return TaskOrderResult(bool(found), bool(verdict and verdict[0]["ok"]), _detail_of(detail))
