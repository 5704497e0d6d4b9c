"""Admin quest and task management; every write is recorded in the audit log."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ...api import body, errors, query, response
from ...auth.identity import Identity, admin_required
from . import service
from .schemas import (
    AdminQuestDetail,
    AdminQuestList,
    AdminQuestListQuery,
    AdminTaskPublic,
    QuestIn,
    QuestUpdate,
    TaskIn,
    TaskOrder,
    TaskUpdate,
)

bp = Blueprint("quests", __name__, url_prefix="/admin/quests")


@bp.get("")
@admin_required
@query(AdminQuestListQuery)
@response(AdminQuestList)
def list_quests(params: AdminQuestListQuery, identity: Identity):
    """Every quest, inactive and private ones too, newest first."""
    return service.quests(identity.user_id, params)


@bp.post("")
@admin_required
@body(QuestIn)
@response(AdminQuestDetail, status=201, description="Created, with its tasks")
def create_quest(new: QuestIn, identity: Identity):
    """Create a quest and its tasks, in the order given."""
    return service.create_quest(identity.user_id, new)


@bp.get("/<uuid:quest_id>")
@admin_required
@response(AdminQuestDetail)
@errors(404)
def get_quest(quest_id: uuid.UUID, identity: Identity):
    """A quest with its ordered tasks and how many students took and finished them."""
    return service.quest(identity.user_id, quest_id)


@bp.patch("/<uuid:quest_id>")
@admin_required
@body(QuestUpdate)
@response(AdminQuestDetail)
@errors(404)
def update_quest(change: QuestUpdate, quest_id: uuid.UUID, identity: Identity):
    """Change a quest's text, source, image, or whether it is active and public."""
    return service.update_quest(identity.user_id, quest_id, change)


@bp.post("/<uuid:quest_id>/tasks")
@admin_required
@body(TaskIn)
@response(AdminTaskPublic, status=201, description="Added as the quest's last task")
@errors(404)
def add_task(task: TaskIn, quest_id: uuid.UUID, identity: Identity):
    """Add a task after the quest's last one."""
    return service.add_task(identity.user_id, quest_id, task)


@bp.patch("/<uuid:quest_id>/tasks/<uuid:task_id>")
@admin_required
@body(TaskUpdate)
@response(AdminTaskPublic)
@errors(404)
def update_task(change: TaskUpdate, quest_id: uuid.UUID, task_id: uuid.UUID, identity: Identity):
    """Change a task; XP already awarded for it stays as it was."""
    return service.update_task(identity.user_id, quest_id, task_id, change)


@bp.delete("/<uuid:quest_id>/tasks/<uuid:task_id>")
@admin_required
@response(None, status=204, description="Deleted")
@errors(404, 409)
def delete_task(quest_id: uuid.UUID, task_id: uuid.UUID, identity: Identity):
    """Delete a task that no student has completed (409 task_has_completions otherwise)."""
    service.delete_task(identity.user_id, quest_id, task_id)


@bp.put("/<uuid:quest_id>/task-order")
@admin_required
@body(TaskOrder)
@response(AdminQuestDetail)
@errors(404)
def reorder_tasks(order: TaskOrder, quest_id: uuid.UUID, identity: Identity):
    """Put the quest's tasks in a new order; the list must name each of its tasks once."""
    return service.reorder_tasks(identity.user_id, quest_id, order)
