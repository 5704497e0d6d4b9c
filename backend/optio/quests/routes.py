"""Quest catalog, enrollment and task completion."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ..api import body, errors, query, response
from ..auth.identity import Identity, current_identity, login_required
from . import service
from .schemas import (
    CompletionResult,
    EnrollmentPublic,
    EvidenceIn,
    FileEvidenceIn,
    QuestDetail,
    QuestList,
    QuestListQuery,
)

bp = Blueprint("quests", __name__, url_prefix="/api")


def _viewer_id() -> uuid.UUID | None:
    """Who browses a page open to anyone: the signed-in user, or None for a visitor."""
    identity = current_identity()
    return identity.user_id if identity else None


@bp.get("/quests")
@query(QuestListQuery)
@response(QuestList)
def list_quests(params: QuestListQuery):
    """Active quests, filtered and paginated; with my enrollment state when signed in."""
    return service.catalog(_viewer_id(), params)


@bp.get("/quests/<uuid:quest_id>")
@response(QuestDetail)
@errors(404)
def get_quest(quest_id: uuid.UUID):
    """A quest with its ordered tasks, my completion of each, and my progress."""
    return service.quest_detail(_viewer_id(), quest_id)


@bp.post("/quests/<uuid:quest_id>/enroll")
@login_required
@response(EnrollmentPublic)
@errors(403, 404)
def enroll(quest_id: uuid.UUID, identity: Identity):
    """Start the quest, or resume it after abandoning, within my plan's active-quest limit."""
    return service.enroll(identity.user_id, quest_id)


@bp.post("/quests/<uuid:quest_id>/abandon")
@login_required
@response(EnrollmentPublic)
@errors(404, 409)
def abandon(quest_id: uuid.UUID, identity: Identity):
    """Leave the quest; its XP and completions stay yours."""
    return service.abandon(identity.user_id, quest_id)


@bp.post("/tasks/<uuid:task_id>/complete")
@login_required
@body(EvidenceIn, multipart=FileEvidenceIn)
@response(
    CompletionResult,
    status=201,
    description="Completed; the task's XP was awarded",
    also={200: "Already completed: the existing completion; no XP again"},
)
@errors(404, 409, 413, 415)
def complete_task(evidence: EvidenceIn | FileEvidenceIn, task_id: uuid.UUID, identity: Identity):
    """Complete a task with evidence: JSON text or link, or a multipart image or PDF.

    A repeat returns the existing completion with 200 and awards nothing.
    """
    result, created = service.complete_task(identity.user_id, task_id, evidence)
    return result, 201 if created else 200
