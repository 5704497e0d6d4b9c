"""Quest and task management: the rules an admin keeps when editing the catalog."""

from __future__ import annotations

import uuid
from typing import Any

from ...db import tx
from ...errors import Conflict, Invalid, NotFound
from . import queries
from .schemas import AdminQuestListQuery, QuestIn, QuestUpdate, TaskIn, TaskOrder, TaskUpdate


def quests(params: AdminQuestListQuery) -> dict[str, Any]:
    rows, count = queries.quests(
        tx(),
        search=params.search,
        is_active=params.is_active,
        limit=params.per_page,
        offset=params.offset,
    )
    return params.page_of(rows, count)


def quest(quest_id: uuid.UUID) -> dict[str, Any]:
    found = queries.quest(tx(), quest_id)
    if found is None:
        raise NotFound("No such quest.")
    return found


def create_quest(new: QuestIn) -> dict[str, Any]:
    fields = new.model_dump(mode="json", exclude={"tasks"})
    tasks = [task.model_dump() for task in new.tasks]
    return queries.create_quest(tx(), uuid.uuid4(), fields, tasks)


def update_quest(quest_id: uuid.UUID, change: QuestUpdate) -> dict[str, Any]:
    updated = queries.update_quest(
        tx(), quest_id, change.model_dump(mode="json", exclude_unset=True)
    )
    if updated is None:
        raise NotFound("No such quest.")
    return updated


def add_task(quest_id: uuid.UUID, task: TaskIn) -> dict[str, Any]:
    added = queries.add_task(tx(), quest_id, uuid.uuid4(), task.model_dump())
    if added is None:
        raise NotFound("No such quest.")
    return added


def update_task(quest_id: uuid.UUID, task_id: uuid.UUID, change: TaskUpdate) -> dict[str, Any]:
    updated = queries.update_task(tx(), quest_id, task_id, change.model_dump(exclude_unset=True))
    if updated is None:
        raise NotFound("This quest has no such task.")
    return updated


def delete_task(quest_id: uuid.UUID, task_id: uuid.UUID) -> None:
    """Delete a task nobody has completed: a completion and the XP it awarded must not lose
    their task."""
    found, deleted = queries.delete_task(tx(), quest_id, task_id)
    if not found:
        raise NotFound("This quest has no such task.")
    if not deleted:
        raise Conflict(
            "Students have completed this task: it stays, with the XP they earned from it.",
            code="task_has_completions",
        )


def reorder_tasks(quest_id: uuid.UUID, order: TaskOrder) -> dict[str, Any]:
    found, accepted, detail = queries.reorder_tasks(tx(), quest_id, order.task_ids)
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
