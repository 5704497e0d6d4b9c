"""Quest and task management: the rules an admin keeps when editing the catalog.

Rules the database enforces (supabase/schema/quests.sql, admin.sql):
- policies quests_admin_insert / _update, quest_tasks_admin_insert / _update / _delete
  (20261122000300_admin_notifications.sql): only admins write the catalog.
- quest_tasks check constraints (20261122000200_quest_loop.sql): a known pillar, xp_value > 0.
- quests_image_url_check (20261205000400_quest_image_url.sql): an image is an http(s) address or a
  path on the site, at most 2048 characters (the API asks more: https, URL characters only).
- policy audit_log_admin_write and trigger audit_log_append_only (20261122000300_admin_notifications
  .sql): an admin records changes as themself; the log is never rewritten.
"""

from __future__ import annotations

import uuid
from typing import Any

from ...db import tx
from ...errors import Conflict, Invalid, NotFound
from . import queries
from .queries import AdminQuestDetailRow, AdminTaskJson, TaskFields
from .schemas import AdminQuestListQuery, QuestIn, QuestUpdate, TaskIn, TaskOrder, TaskUpdate


def quests(admin_id: uuid.UUID, params: AdminQuestListQuery) -> dict[str, Any]:
    rows, count = queries.quests(
        tx(admin_id),
        search=params.search,
        is_active=params.is_active,
        limit=params.per_page,
        offset=params.offset,
    )
    return params.page_of(rows, count)


def quest(admin_id: uuid.UUID, quest_id: uuid.UUID) -> AdminQuestDetailRow:
    found = queries.quest(tx(admin_id), quest_id)
    if found is None:
        raise NotFound("No such quest.")
    return found


def create_quest(admin_id: uuid.UUID, new: QuestIn) -> AdminQuestDetailRow:
    fields = new.model_dump(mode="json", exclude={"tasks"})
    tasks = [_task_fields(task) for task in new.tasks]
    return queries.create_quest(tx(admin_id), uuid.uuid4(), fields, tasks)


def update_quest(
    admin_id: uuid.UUID, quest_id: uuid.UUID, change: QuestUpdate
) -> AdminQuestDetailRow:
    updated = queries.update_quest(
        tx(admin_id), quest_id, change.model_dump(mode="json", exclude_unset=True)
    )
    if updated is None:
        raise NotFound("No such quest.")
    return updated


def add_task(admin_id: uuid.UUID, quest_id: uuid.UUID, task: TaskIn) -> AdminTaskJson:
    added = queries.add_task(tx(admin_id), quest_id, uuid.uuid4(), _task_fields(task))
    if added is None:
        raise NotFound("No such quest.")
    return added


def update_task(
    admin_id: uuid.UUID, quest_id: uuid.UUID, task_id: uuid.UUID, change: TaskUpdate
) -> AdminTaskJson:
    updated = queries.update_task(
        tx(admin_id), quest_id, task_id, change.model_dump(exclude_unset=True)
    )
    if updated is None:
        raise NotFound("This quest has no such task.")
    return updated


def delete_task(admin_id: uuid.UUID, quest_id: uuid.UUID, task_id: uuid.UUID) -> None:
    """Delete a task nobody has completed: a completion and the XP it awarded must not lose
    their task."""
    found, deleted = queries.delete_task(tx(admin_id), quest_id, task_id)
    if not found:
        raise NotFound("This quest has no such task.")
    if not deleted:
        raise Conflict(
            "Students have completed this task: it stays, with the XP they earned from it.",
            code="task_has_completions",
        )


def reorder_tasks(
    admin_id: uuid.UUID, quest_id: uuid.UUID, order: TaskOrder
) -> AdminQuestDetailRow:
    found, accepted, detail = queries.reorder_tasks(tx(admin_id), quest_id, order.task_ids)
    if not found or detail is None:
        raise NotFound("No such quest.")
    if not accepted:
        raise Invalid(
            "List every task of the quest exactly once.",
            code="task_order_mismatch",
            details=[
                {
                    "field": "task_ids",
                    "location": "body",
                    "message": "must list exactly the quest's tasks",
                    "type": "task_order_mismatch",
                }
            ],
        )
    return detail


def _task_fields(task: TaskIn) -> TaskFields:
    return {
        "title": task.title,
        "description": task.description,
        "pillar": task.pillar,
        "xp_value": task.xp_value,
        "is_required": task.is_required,
    }
