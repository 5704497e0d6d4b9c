"""SQL of the quest loop. Every query runs as the requesting role, under RLS."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal, NamedTuple, TypedDict, cast

from psycopg import sql

from ..db import Query, Tx
from ..plans.queries import LOCK_ME, PlanRow, plan_query
from ..search import contains
from ..storage import queries as storage_queries


class EnrollmentJson(TypedDict):
    """My enrollment as ENROLLMENT_JSON builds it (times as JSON strings)."""

    status: Literal["active", "completed", "abandoned"]
    started_at: str
    completed_at: str | None
    abandoned_at: str | None


class EvidenceItemJson(TypedDict):
    """A further piece of a completion's evidence as ITEM_JSON builds it."""

    id: str
    evidence_type: Literal["text", "link", "image", "document"]
    evidence_text: str | None
    evidence_url: str | None
    evidence_path: str | None
    evidence_content_type: str | None
    evidence_size: int | None


class CompletionJson(TypedDict):
    """A completion as COMPLETION_JSON builds it (ids and times as JSON strings)."""

    id: str
    task_id: str
    quest_id: str
    xp_awarded: int
    completed_at: str
    evidence_type: Literal["text", "link", "image", "document"]
    evidence_text: str | None
    evidence_url: str | None
    evidence_path: str | None
    evidence_content_type: str | None
    evidence_size: int | None
    is_private: bool
    items: list[EvidenceItemJson]


class QuestSummaryRow(TypedDict):
    """A quest in the catalog, with my progress and enrollment (none when signed out)."""

    id: uuid.UUID
    title: str
    description: str
    source: str
    image_url: str | None
    pillars: list[str]
    task_count: int
    total_xp: int
    completed_tasks: int
    enrollment: EnrollmentJson | None


class TaskFieldsJson(TypedDict):
    """A task's own fields as SQL builds them into JSON (ids as JSON strings)."""

    id: str
    title: str
    description: str
    pillar: str
    xp_value: int
    order_index: int
    is_required: bool


class TaskJson(TaskFieldsJson):
    """A task of QUEST_DETAIL's `tasks`, with my completion of it."""

    completion: CompletionJson | None


class QuestDetailRow(QuestSummaryRow):
    tasks: list[TaskJson]


class ProgressCounts(TypedDict):
    """How far I am in a quest: what ProgressPublic is computed from."""

    total_tasks: int
    completed_tasks: int
    required_total: int
    required_completed: int
    xp_earned: int
    xp_available: int


class ProgressRow(ProgressCounts):
    quest_completed_at: datetime | None


class TaskForCompletionRow(TypedDict):
    id: uuid.UUID
    quest_id: uuid.UUID
    pillar: str
    xp_value: int
    enrolled: bool
    quest_completed_at: datetime | None
    existing: CompletionJson | None


class EvidenceColumns(TypedDict):
    """The evidence columns of a completion to write (file fields set for a stored file)."""

    type: Literal["text", "link", "image", "document"]
    text: str | None
    url: str | None
    path: str | None
    content_type: str | None
    size: int | None
    is_private: bool


class Enrollment(NamedTuple):
    """What an enrollment attempt found: the enrollment when written; otherwise whether the
    quest exists and my plan, for the refusal."""

    enrollment: EnrollmentJson | None
    quest_found: bool
    plan: PlanRow | None


ENROLLMENT_JSON = sql.SQL("""
  case when uq.id is null then null else json_build_object(
    'status', case when not uq.is_active then 'abandoned'
                   when uq.completed_at is not null then 'completed' else 'active' end,
    'started_at', uq.started_at, 'completed_at', uq.completed_at, 'abandoned_at', uq.abandoned_at)
  end""")

# The one shape of a further piece of evidence (EvidenceItemJson).
ITEM_JSON = sql.SQL("""json_build_object(
  'id', i.id, 'evidence_type', i.evidence_type, 'evidence_text', i.evidence_text,
  'evidence_url', i.evidence_url, 'evidence_path', i.evidence_path,
  'evidence_content_type', i.evidence_content_type, 'evidence_size', i.evidence_size)""")

# The one shape of a completion (CompletionJson), whichever statement reads it.
COMPLETION_JSON = sql.SQL("""json_build_object(
  'id', c.id, 'task_id', c.task_id, 'quest_id', c.quest_id, 'xp_awarded', c.xp_awarded,
  'completed_at', c.completed_at, 'evidence_type', c.evidence_type,
  'evidence_text', c.evidence_text,
  'evidence_url', c.evidence_url, 'evidence_path', c.evidence_path,
  'evidence_content_type', c.evidence_content_type, 'evidence_size', c.evidence_size,
  'is_private', c.is_private,
  'items', coalesce((select json_agg({item} order by i.created_at, i.id)
                     from public.evidence_items i where i.completion_id = c.id), '[]'))""").format(
    item=ITEM_JSON
)

_TASK_STATS = sql.SQL("""
  left join lateral (
    select array_agg(distinct pillar order by pillar) as pillars, count(*) as task_count,
           sum(xp_value) as total_xp
    from public.quest_tasks where quest_id = q.id) t on true""")

# A quest summary (QuestSummaryRow), keyed by whether the caller is signed in: anon has no
# rights on enrollments or completions at all, so its statements do not touch them.
_MINE = {
    False: sql.SQL("0 as completed_tasks, null::json as enrollment"),
    True: sql.SQL("""(select count(*) from public.quest_task_completions c
    where c.user_id = (select auth.uid()) and c.quest_id = q.id) as completed_tasks,
  {enrollment} as enrollment""").format(enrollment=ENROLLMENT_JSON),
}
_SUMMARY = {
    signed_in: sql.SQL("""
  q.id, q.title, q.description, q.source, q.image_url,
  coalesce(t.pillars, '{{}}') as pillars, coalesce(t.task_count, 0) as task_count,
  coalesce(t.total_xp, 0) as total_xp,
  {mine}""").format(mine=mine)
    for signed_in, mine in _MINE.items()
}
_SUMMARY_JOINS = {
    False: _TASK_STATS,
    True: sql.SQL("""{task_stats}
  left join public.user_quests uq
    on uq.quest_id = q.id and uq.user_id = (select auth.uid())""").format(task_stats=_TASK_STATS),
}

CATALOG_FILTER = sql.SQL("""
  q.is_active and q.is_public
  and (%(source)s::text is null or q.source = %(source)s)
  and (%(pillar)s::text is null or exists (
        select 1 from public.quest_tasks pt where pt.quest_id = q.id and pt.pillar = %(pillar)s))
  and (%(pattern)s::text is null
       or q.title ilike %(pattern)s or q.description ilike %(pattern)s)""")

CATALOG_PAGE = {
    signed_in: sql.SQL("""
select {summary}
from public.quests q {joins}
where {filter}
order by q.created_at desc, q.title, q.id
limit %(limit)s offset %(offset)s""").format(
        summary=_SUMMARY[signed_in], joins=_SUMMARY_JOINS[signed_in], filter=CATALOG_FILTER
    )
    for signed_in in (False, True)
}

CATALOG_COUNT = sql.SQL("select count(*) as n from public.quests q where {filter}").format(
    filter=CATALOG_FILTER
)

# The quest, and its ordered tasks with my completion of each (QuestDetailRow).
QUEST_DETAIL = {
    signed_in: sql.SQL("""
select {summary}, coalesce((
  select json_agg(json_build_object(
    'id', tk.id, 'title', tk.title, 'description', tk.description, 'pillar', tk.pillar,
    'xp_value', tk.xp_value, 'order_index', tk.order_index, 'is_required', tk.is_required,
    'completion', {completion})
    order by tk.order_index, tk.id)
  from public.quest_tasks tk {my_completions}
  where tk.quest_id = q.id), '[]') as tasks
from public.quests q {joins}
where q.id = %(id)s""").format(
        summary=_SUMMARY[signed_in],
        joins=_SUMMARY_JOINS[signed_in],
        completion=(
            sql.SQL("case when c.id is null then null else {} end").format(COMPLETION_JSON)
            if signed_in
            else sql.SQL("null")
        ),
        my_completions=sql.SQL(
            """
  left join public.quest_task_completions c
    on c.task_id = tk.id and c.user_id = (select auth.uid())"""
            if signed_in
            else ""
        ),
    )
    for signed_in in (False, True)
}

# Enroll me, or resume an abandoned enrollment, when my tier allows one more active quest.
ENROLL = sql.SQL("""
with quest as (select id from public.quests where id = %(id)s and is_active)
insert into public.user_quests as uq (user_id, quest_id)
select (select auth.uid()), id from quest
where private.may_i_take_quest(%(id)s)
on conflict (user_id, quest_id) do update set is_active = true, abandoned_at = null
returning {enrollment} as enrollment""").format(enrollment=ENROLLMENT_JSON)

QUEST_IS_ACTIVE = """
select exists (select 1 from public.quests where id = %(id)s and is_active)"""

# My quests in progress other than this one: what max_active_quests limits.
ACTIVE_ELSEWHERE = "private.my_active_quests_besides(%(id)s)"

ABANDON = sql.SQL("""
update public.user_quests uq
set is_active = false, abandoned_at = coalesce(uq.abandoned_at, now())
where uq.user_id = (select auth.uid()) and uq.quest_id = %(id)s and uq.completed_at is null
returning {enrollment} as enrollment""").format(enrollment=ENROLLMENT_JSON)

ENROLLMENT_STATE = sql.SQL("""
select {enrollment} as enrollment from public.user_quests uq
where uq.user_id = (select auth.uid()) and uq.quest_id = %(id)s""").format(
    enrollment=ENROLLMENT_JSON
)

# The task, whether I am actively enrolled in its quest, and my completion if any.
TASK_FOR_COMPLETION = sql.SQL("""
select t.id, t.quest_id, t.pillar, t.xp_value,
       coalesce(uq.is_active, false) as enrolled, uq.completed_at as quest_completed_at,
       case when c.id is null then null else {completion} end as existing
from public.quest_tasks t
left join public.user_quests uq on uq.quest_id = t.quest_id
  and uq.user_id = (select auth.uid())
left join public.quest_task_completions c on c.task_id = t.id
  and c.user_id = (select auth.uid())
where t.id = %(task)s""").format(completion=COMPLETION_JSON)

PROGRESS = """
select count(*) as total_tasks, count(c.id) as completed_tasks,
       count(*) filter (where t.is_required) as required_total,
       count(c.id) filter (where t.is_required) as required_completed,
       coalesce(sum(c.xp_awarded), 0) as xp_earned,
       coalesce(sum(t.xp_value), 0) as xp_available,
       (select completed_at from public.user_quests
        where user_id = (select auth.uid()) and quest_id = %(quest)s) as quest_completed_at
from public.quest_tasks t
left join public.quest_task_completions c
  on c.task_id = t.id and c.user_id = (select auth.uid())
where t.quest_id = %(quest)s"""

INSERT_COMPLETION = sql.SQL("""
insert into public.quest_task_completions as c
  (user_id, task_id, evidence_type, evidence_text, evidence_url, evidence_path, is_private)
values ((select auth.uid()), %(task)s, %(type)s, %(text)s, %(url)s, %(path)s, %(is_private)s)
on conflict (user_id, task_id) do nothing
returning {completion} as completion""").format(completion=COMPLETION_JSON)

# My completion's evidence, replaced (kept in evidence_revisions by trigger; XP untouched).
REVISE_EVIDENCE = sql.SQL("""
update public.quest_task_completions c
set evidence_type = %(type)s, evidence_text = %(text)s, evidence_url = %(url)s,
    evidence_path = %(path)s, is_private = %(is_private)s
where c.user_id = (select auth.uid()) and c.task_id = %(task)s and c.quest_id = %(quest)s
returning {completion} as completion""").format(completion=COMPLETION_JSON)

# How many further pieces of evidence a completion holds beside its own; the database's cap is
# private.max_evidence_items() (20261205000700_evidence_edits_and_items.sql).
MAX_EVIDENCE_ITEMS = 5

# My completion of the task in the quest, locked so that items added to it take turns, and how
# many items it holds.
LOCK_MY_COMPLETION = """
select c.id, (select count(*) from public.evidence_items i where i.completion_id = c.id) as items
from public.quest_task_completions c
where c.user_id = (select auth.uid()) and c.task_id = %(task)s and c.quest_id = %(quest)s
for update of c"""

ADD_ITEM = sql.SQL("""
insert into public.evidence_items as i
  (completion_id, user_id, evidence_type, evidence_text, evidence_url, evidence_path)
select c.id, c.user_id, %(type)s, %(text)s, %(url)s, %(path)s
from public.quest_task_completions c
where c.user_id = (select auth.uid()) and c.task_id = %(task)s and c.quest_id = %(quest)s
  and (select count(*) from public.evidence_items e where e.completion_id = c.id) < %(cap)s
returning {item} as item""").format(item=ITEM_JSON)

REMOVE_ITEM = """
delete from public.evidence_items i
using public.quest_task_completions c
where i.id = %(item)s and i.completion_id = c.id and i.user_id = (select auth.uid())
  and c.task_id = %(task)s and c.quest_id = %(quest)s
returning i.id"""

MY_COMPLETION = sql.SQL("""
select {completion} as completion from public.quest_task_completions c
where c.user_id = (select auth.uid()) and c.task_id = %(task)s""").format(
    completion=COMPLETION_JSON
)


def catalog(
    tx: Tx,
    *,
    signed_in: bool,
    pillar: str | None,
    source: str | None,
    search: str | None,
    limit: int,
    offset: int,
) -> tuple[list[QuestSummaryRow], int]:
    """One page of active public quests and the total count, in one round trip."""
    params = {
        "pillar": pillar,
        "source": source,
        "pattern": contains(search),
        "limit": limit,
        "offset": offset,
    }
    page, count = tx.run((CATALOG_PAGE[signed_in], params), (CATALOG_COUNT, params))
    return cast(list[QuestSummaryRow], page), count[0]["n"]


def quest_detail(tx: Tx, quest_id: uuid.UUID, signed_in: bool) -> QuestDetailRow | None:
    """The quest, its ordered tasks with my completion of each, in one query."""
    return cast(QuestDetailRow | None, tx.one(QUEST_DETAIL[signed_in], {"id": quest_id}))


def enroll(tx: Tx, quest_id: uuid.UUID) -> Enrollment:
    """Enroll the current user, or resume an abandoned enrollment, if my tier allows one more
    active quest (staying enrolled always is). One round trip: lock my row so enrollments take
    turns, write, then read whether the quest exists and my plan, for the refusal."""
    params = {"id": quest_id}
    _, enrolled, found, plan = tx.run(
        LOCK_ME,
        (ENROLL, params),
        (QUEST_IS_ACTIVE, params),
        plan_query(ACTIVE_ELSEWHERE, params),
    )
    return Enrollment(
        enrolled[0]["enrollment"] if enrolled else None,
        found[0]["exists"],
        cast(PlanRow, plan[0]) if plan else None,
    )


def abandon(tx: Tx, quest_id: uuid.UUID) -> EnrollmentJson | None:
    """Leave the quest unless I completed it; None when there was nothing to abandon."""
    row = tx.one(ABANDON, {"id": quest_id})
    return cast(EnrollmentJson, row["enrollment"]) if row else None


def enrollment_state(tx: Tx, quest_id: uuid.UUID) -> EnrollmentJson | None:
    """My enrollment in the quest; None when I never enrolled."""
    row = tx.one(ENROLLMENT_STATE, {"id": quest_id})
    return cast(EnrollmentJson, row["enrollment"]) if row else None


def task_for_completion(tx: Tx, task_id: uuid.UUID) -> TaskForCompletionRow | None:
    return cast(TaskForCompletionRow | None, tx.one(TASK_FOR_COMPLETION, {"task": task_id}))


def _file_record(evidence: EvidenceColumns) -> tuple[list[Query], list[Query]]:
    """For a stored file: the statements recording it before the write that names it, and
    forgetting it after, should that write not have taken it."""
    path, content_type, size = evidence["path"], evidence["content_type"], evidence["size"]
    if path is None:
        return [], []
    if content_type is None or size is None:
        raise ValueError("a stored file's evidence needs its content type and size")
    return (
        storage_queries.record(path, content_type, size),
        storage_queries.forget_if_unused(path),
    )


def insert_completion(
    tx: Tx, task_id: uuid.UUID, quest_id: uuid.UUID, evidence: EvidenceColumns
) -> tuple[CompletionJson | None, ProgressRow]:
    """Record the completion (XP and quest completion follow by trigger) and read the quest's
    progress after it, in one round trip. The completion is None when the task was already
    completed.

    A file's record (its owner, sniffed type and size) is written in the same trip, before the
    completion that names it: the database takes the file's type and size from the record, and
    refuses a completion naming a file that is not the student's own."""
    before, after = _file_record(evidence)
    results = tx.run(
        *before,
        (INSERT_COMPLETION, {"task": task_id, **evidence}),
        *after,
        (PROGRESS, {"quest": quest_id}),
    )
    inserted, progress = results[len(before)], results[-1]
    completion = cast(CompletionJson, inserted[0]["completion"]) if inserted else None
    return completion, cast(ProgressRow, progress[0])


def revise_evidence(
    tx: Tx, quest_id: uuid.UUID, task_id: uuid.UUID, evidence: EvidenceColumns
) -> CompletionJson | None:
    """Replace my completion's evidence, in one round trip; None when I have no completion of
    that task of that quest. A new file's record is written first, as on completing."""
    before, after = _file_record(evidence)
    results = tx.run(
        *before, (REVISE_EVIDENCE, {"task": task_id, "quest": quest_id, **evidence}), *after
    )
    revised = results[len(before)]
    return cast(CompletionJson, revised[0]["completion"]) if revised else None


class ItemAdded(NamedTuple):
    """What adding an item found: the item when added; else whether I completed the task and
    how many items its completion holds, for the refusal."""

    item: EvidenceItemJson | None
    completed: bool
    items: int


def add_item(
    tx: Tx, quest_id: uuid.UUID, task_id: uuid.UUID, evidence: EvidenceColumns
) -> ItemAdded:
    """Add a piece of evidence to my completion, within the cap, in one round trip."""
    before, _ = _file_record(evidence)
    params = {"task": task_id, "quest": quest_id, "cap": MAX_EVIDENCE_ITEMS, **evidence}
    results = tx.run(*before, (LOCK_MY_COMPLETION, params), (ADD_ITEM, params))
    locked, added = results[-2], results[-1]
    return ItemAdded(
        cast(EvidenceItemJson, added[0]["item"]) if added else None,
        bool(locked),
        locked[0]["items"] if locked else 0,
    )


def remove_item(tx: Tx, quest_id: uuid.UUID, task_id: uuid.UUID, item_id: uuid.UUID) -> bool:
    """Remove a piece of my evidence; False when there is no such item of mine."""
    params = {"item": item_id, "task": task_id, "quest": quest_id}
    return tx.one(REMOVE_ITEM, params) is not None


def completion(tx: Tx, task_id: uuid.UUID) -> CompletionJson | None:
    """My completion of the task, if any."""
    row = tx.one(MY_COMPLETION, {"task": task_id})
    return cast(CompletionJson, row["completion"]) if row else None


def progress(tx: Tx, quest_id: uuid.UUID) -> ProgressRow:
    """My progress in the quest (a row even when I have none: counts are then zero)."""
    row = tx.one(PROGRESS, {"quest": quest_id})
    if row is None:  # an aggregate without GROUP BY always answers one row
        raise RuntimeError("the progress aggregate returned no row")
    return cast(ProgressRow, row)
