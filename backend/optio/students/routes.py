"""The parent and advisor views: the students linked to me and their work, within scope."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ..api import body, errors, query, response
from ..auth.identity import Identity, login_required
from . import service
from .schemas import (
    StudentCompletionPage,
    StudentCompletionQuery,
    StudentList,
    StudentListQuery,
    StudentOverview,
    SuggestionIn,
    SuggestionOut,
)

bp = Blueprint("students", __name__, url_prefix="/api/students")


@bp.get("")
@login_required
@query(StudentListQuery)
@response(StudentList)
def list_students(params: StudentListQuery, identity: Identity):
    """The students I follow as a parent or advisor, with last activity, XP this week and
    quests in progress; newest link first."""
    return service.students(identity.user_id, params)


@bp.get("/<uuid:student_id>")
@login_required
@response(StudentOverview)
@errors(404)
def get_student(student_id: uuid.UUID, identity: Identity):
    """A student I follow: XP by pillar, quests in progress and recently completed."""
    return service.overview(identity.user_id, student_id)


@bp.get("/<uuid:student_id>/completions")
@login_required
@query(StudentCompletionQuery)
@response(StudentCompletionPage)
@errors(404)
def list_completions(params: StudentCompletionQuery, student_id: uuid.UUID, identity: Identity):
    """A student's completed tasks, newest first; evidence only where my link's scope covers
    it (null otherwise)."""
    return service.completions(identity.user_id, student_id, params)


@bp.post("/<uuid:student_id>/suggestions")
@login_required
@body(SuggestionIn)
@response(SuggestionOut, status=201, description="Suggested; the student is notified")
@errors(403, 404)
def suggest(payload: SuggestionIn, student_id: uuid.UUID, identity: Identity):
    """As a parent, suggest a quest to my child; they decide whether to take it."""
    service.suggest(identity.user_id, student_id, payload.quest_id, payload.note)
    return {"suggested": True}
