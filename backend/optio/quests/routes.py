"""Quest catalog, enrollment and task completion."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ..api import body, errors, query, response
from ..auth.identity import Identity, current_identity, login_required
from . import service
from .schemas import (
    CompletionPublic,
    CompletionResult,
    EnrollmentPublic,
    EvidenceIn,
    EvidenceItemIn,
    EvidenceItemPublic,
    FileEvidenceIn,
    FileItemIn,
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


@bp.patch("/quests/<uuid:quest_id>/tasks/<uuid:task_id>/completion")
@login_required
@body(EvidenceIn, multipart=FileEvidenceIn)
@response(CompletionPublic)
@errors(404, 413, 415)
def revise_evidence(
    evidence: EvidenceIn | FileEvidenceIn,
    quest_id: uuid.UUID,
    task_id: uuid.UUID,
    identity: Identity,
):
    """Replace my completion's evidence (JSON text or link, or a multipart image or PDF).

    The previous version is kept; the completion's XP and date stay as they were.
    """
    return service.revise_evidence(identity.user_id, quest_id, task_id, evidence)


@bp.post("/quests/<uuid:quest_id>/tasks/<uuid:task_id>/completion/items")
@login_required
@body(EvidenceItemIn, multipart=FileItemIn)
@response(EvidenceItemPublic, status=201)
@errors(404, 409, 413, 415)
def add_evidence_item(
    item: EvidenceItemIn | FileItemIn, quest_id: uuid.UUID, task_id: uuid.UUID, identity: Identity
):
    """Add a further piece of evidence (text, link, image or PDF) to my completion; no XP."""
    return service.add_item(identity.user_id, quest_id, task_id, item)


@bp.delete("/quests/<uuid:quest_id>/tasks/<uuid:task_id>/completion/items/<uuid:item_id>")
@login_required
@response(None, status=204, description="Removed")
@errors(404)
def remove_evidence_item(
    quest_id: uuid.UUID, task_id: uuid.UUID, item_id: uuid.UUID, identity: Identity
):
    """Remove a further piece of my evidence."""
    service.remove_item(identity.user_id, quest_id, task_id, item_id)
