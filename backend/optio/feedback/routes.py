"""Feedback threads on completed tasks, between a student and their advisors."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ..api import body, errors, query, response
from ..auth.identity import Identity, login_required
from . import service
from .schemas import FeedbackIn, FeedbackPublic, FeedbackQuery, FeedbackThread

bp = Blueprint("feedback", __name__, url_prefix="/api/completions")


@bp.get("/<uuid:completion_id>/feedback")
@login_required
@query(FeedbackQuery)
@response(FeedbackThread)
@errors(404)
def get_thread(params: FeedbackQuery, completion_id: uuid.UUID, identity: Identity):
    """The feedback on a completion, oldest first: for the student, their advisors, their
    parents whose link shows evidence, and admins."""
    return service.thread(identity.user_id, completion_id, params)


@bp.post("/<uuid:completion_id>/feedback")
@login_required
@body(FeedbackIn)
@response(FeedbackPublic, status=201, description="Written; the other side is notified")
@errors(403, 404)
def write(payload: FeedbackIn, completion_id: uuid.UUID, identity: Identity):
    """Leave feedback on a student's completion (their advisor), or reply to it (the student)."""
    return service.write(identity.user_id, completion_id, payload.body)
