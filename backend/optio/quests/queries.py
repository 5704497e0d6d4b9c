"""SQL of the quest loop. Every query runs as the requesting role, under RLS."""

from __future__ import annotations

from typing import Any

from ..db import Query, Tx
from ..plans.queries import LOCK_ME, plan_query
from ..storage import queries as storage_queries

ENROLLMENT_JSON = """
  case when uq.id is null then null else json_build_object(
    'status', case when not uq.is_active then 'abandoned'
                   when uq.completed_at is not null then 'completed' else 'active' end,
    'started_at', uq.started_at, 'completed_at', uq.completed_at, 'abandoned_at', uq.abandoned_at)
  end"""

_TASK_STATS = """
  left join lateral (
    select array_agg(distinct pillar order by pillar) as pillars, count(*) as task_count,
           sum(xp_value) as total_xp
    from public.quest_tasks where quest_id = q.id) t on true"""


def _summary(signed_in: bool) -> tuple[str, str]:
    """Columns and joins of a quest summary; with my enrollment when signed in (anon has no
    rights on enrollments at all, so its query does not touch them)."""
    columns = """
  q.id, q.title, q.description, q.source, q.image_url,
  coalesce(t.pillars, '{}') as pillars, coalesce(t.task_count, 0) as task_count,
  coalesce(t.total_xp, 0) as total_xp"""
    if not signed_in:
        return columns + ", 0 as completed_tasks, null::json as enrollment", _TASK_STATS
    return (
        columns
        + f""",
  (select count(*) from public.quest_task_completions c
    where c.user_id = (select auth.uid()) and c.quest_id = q.id) as completed_tasks,
  {ENROLLMENT_JSON} as enrollment""",
        _TASK_STATS
        + """
  left join public.user_quests uq on uq.quest_id = q.id and uq.user_id = (select auth.uid())""",
    )


CATALOG_FILTER = """
  q.is_active and q.is_public
  and (%(source)s::text is null or q.source = %(source)s)
  and (%(pillar)s::text is null or exists (
        select 1 from public.quest_tasks pt where pt.quest_id = q.id and pt.pillar = %(pillar)s))
  and (%(pattern)s::text is null or q.title ilike %(pattern)s or q.description ilike %(pattern)s)"""

COMPLETION_JSON = """json_build_object(
  'id', c.id, 'task_id', c.task_id, 'quest_id', c.quest_id, 'xp_awarded', c.xp_awarded,
  'completed_at', c.completed_at, 'evidence_type', c.evidence_type,
  'evidence_text', c.evidence_text,
  'evidence_url', c.evidence_url, 'evidence_path', c.evidence_path,
  'evidence_content_type', c.evidence_content_type, 'evidence_size', c.evidence_size,
  'is_private', c.is_private)"""

COMPLETION_COLUMNS = """c.id, c.task_id, c.quest_id, c.xp_awarded, c.completed_at, c.evidence_type,
  c.evidence_text, c.evidence_url, c.evidence_path, c.evidence_content_type, c.evidence_size,
  c.is_private"""


def _like_pattern(search: str | None) -> str | None:
    if not search:
        return None
    escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def catalog(
    tx: Tx,
    *,
    signed_in: bool,
    pillar: str | None,
    source: str | None,
    search: str | None,
    limit: int,
    offset: int,
) -> tuple[list[dict], int]:
    """One page of active public quests and the total count, in one round trip."""
    params = {
        "pillar": pillar,
        "source": source,
        "pattern": _like_pattern(search),
        "limit": limit,
        "offset": offset,
    }
    columns, joins = _summary(signed_in)
    page, count = tx.run(
        (
            f"select {columns} from public.quests q {joins}"
            f" where {CATALOG_FILTER} order by q.created_at desc, q.title, q.id"
            " limit %(limit)s offset %(offset)s",
            params,
        ),
        (f"select count(*) as n from public.quests q where {CATALOG_FILTER}", params),
    )
    return page, count[0]["n"]


def quest_detail(tx: Tx, quest_id: Any, signed_in: bool) -> dict | None:
    """The quest, its ordered tasks with my completion of each, in one query."""
    columns, joins = _summary(signed_in)
    completion = (
        f"case when c.id is null then null else {COMPLETION_JSON} end" if signed_in else "null"
    )
    my_completions = (
        " left join public.quest_task_completions c"
        "   on c.task_id = tk.id and c.user_id = (select auth.uid())"
        if signed_in
        else ""
    )
    return tx.one(
        f"select {columns}, coalesce(("
        "  select json_agg(json_build_object("
        "    'id', tk.id, 'title', tk.title, 'description', tk.description, 'pillar', tk.pillar,"
        "    'xp_value', tk.xp_value, 'order_index', tk.order_index, 'is_required', tk.is_required,"
        f"   'completion', {completion})"
        "    order by tk.order_index, tk.id)"
        f"  from public.quest_tasks tk {my_completions}"
        "  where tk.quest_id = q.id), '[]') as tasks"
        f" from public.quests q {joins} where q.id = %(id)s",
        {"id": quest_id},
    )


# My quests in progress other than this one: what max_active_quests limits.
_ACTIVE_ELSEWHERE = "private.my_active_quests_besides(%(id)s)"


def enroll(tx: Tx, quest_id: Any) -> tuple[dict | None, bool, dict | None]:
    """Enroll the current user, or resume an abandoned enrollment, if my tier allows one more
    active quest (staying enrolled always is). One round trip: lock my row so enrollments take
    turns, write, then read whether the quest exists and my plan, for the refusal.
    Returns (enrollment or None, quest exists, my plan)."""
    params = {"id": quest_id}
    _, enrolled, found, plan = tx.run(
        LOCK_ME,
        (
            "with quest as (select id from public.quests where id = %(id)s and is_active)"
            " insert into public.user_quests as uq (user_id, quest_id)"
            " select (select auth.uid()), id from quest"
            " where private.may_i_take_quest(%(id)s)"
            " on conflict (user_id, quest_id) do update set is_active = true, abandoned_at = null"
            f" returning {ENROLLMENT_JSON} as enrollment",
            params,
        ),
        ("select exists (select 1 from public.quests where id = %(id)s and is_active)", params),
        plan_query(_ACTIVE_ELSEWHERE, params),
    )
    return (
        enrolled[0]["enrollment"] if enrolled else None,
        found[0]["exists"],
        plan[0] if plan else None,
    )


def abandon(tx: Tx, quest_id: Any) -> dict | None:
    return tx.one(
        "update public.user_quests uq set is_active = false,"
        "  abandoned_at = coalesce(uq.abandoned_at, now())"
        " where uq.user_id = (select auth.uid()) and uq.quest_id = %(id)s"
        "   and uq.completed_at is null"
        f" returning {ENROLLMENT_JSON} as enrollment",
        {"id": quest_id},
    )


def enrollment_state(tx: Tx, quest_id: Any) -> dict | None:
    return tx.one(
        f"select {ENROLLMENT_JSON} as enrollment from public.user_quests uq"
        " where uq.user_id = (select auth.uid()) and uq.quest_id = %(id)s",
        {"id": quest_id},
    )


def task_for_completion(tx: Tx, task_id: Any) -> dict | None:
    """The task, whether I am actively enrolled in its quest, and my completion if any."""
    return tx.one(
        "select t.id, t.quest_id, t.pillar, t.xp_value,"
        " coalesce(uq.is_active, false) as enrolled, uq.completed_at as quest_completed_at,"
        f" case when c.id is null then null else {COMPLETION_JSON} end as existing"
        " from public.quest_tasks t"
        " left join public.user_quests uq on uq.quest_id = t.quest_id"
        "   and uq.user_id = (select auth.uid())"
        " left join public.quest_task_completions c on c.task_id = t.id"
        "   and c.user_id = (select auth.uid())"
        " where t.id = %(task)s",
        {"task": task_id},
    )


def _progress_query(quest_id: Any) -> Query:
    return (
        "select count(*) as total_tasks, count(c.id) as completed_tasks,"
        " count(*) filter (where t.is_required) as required_total,"
        " count(c.id) filter (where t.is_required) as required_completed,"
        " coalesce(sum(c.xp_awarded), 0) as xp_earned,"
        " coalesce(sum(t.xp_value), 0) as xp_available,"
        " (select completed_at from public.user_quests"
        "   where user_id = (select auth.uid()) and quest_id = %(quest)s) as quest_completed_at"
        " from public.quest_tasks t"
        " left join public.quest_task_completions c"
        "   on c.task_id = t.id and c.user_id = (select auth.uid())"
        " where t.quest_id = %(quest)s",
        {"quest": quest_id},
    )


def insert_completion(
    tx: Tx, task_id: Any, quest_id: Any, evidence: dict[str, Any]
) -> tuple[dict | None, dict]:
    """Record the completion (XP and quest completion follow by trigger) and read the quest's
    progress after it, in one round trip. The row is None when the task was already completed.

    A file's record (its owner, sniffed type and size) is written in the same trip, before the
    completion that names it: the database takes the file's type and size from the record, and
    refuses a completion naming a file that is not the student's own."""
    path, content_type, size = evidence["path"], evidence["content_type"], evidence["size"]
    before = storage_queries.record(path, content_type, size) if path else []
    after = storage_queries.forget_if_unused(path) if path else []
    results = tx.run(
        *before,
        (
            "insert into public.quest_task_completions as c (user_id, task_id, evidence_type,"
            " evidence_text, evidence_url, evidence_path, is_private)"
            " values ((select auth.uid()), %(task)s, %(type)s, %(text)s, %(url)s, %(path)s,"
            " %(is_private)s)"
            f" on conflict (user_id, task_id) do nothing returning {COMPLETION_COLUMNS}",
            {"task": task_id, **evidence},
        ),
        *after,
        _progress_query(quest_id),
    )
    inserted, progress = results[len(before)], results[-1]
    return (inserted[0] if inserted else None), progress[0]


def completion(tx: Tx, task_id: Any) -> dict | None:
    return tx.one(
        f"select {COMPLETION_COLUMNS} from public.quest_task_completions c"
        " where c.user_id = (select auth.uid()) and c.task_id = %(task)s",
        {"task": task_id},
    )


def progress(tx: Tx, quest_id: Any) -> dict:
    row = tx.one(*_progress_query(quest_id))
    assert row is not None
    return row
