"""AI assistance: quest drafts for admins, task suggestions for students. Nothing is saved."""

from __future__ import annotations

from flask import Blueprint

from ..api import body, errors, response
from ..auth.identity import Identity, admin_required, current_identity, login_required
from ..config import current_settings
from ..extensions import limiter
from . import service
from .schemas import QuestDraftIn, QuestDraftPublic, TaskSuggestionsIn, TaskSuggestionsPublic

bp = Blueprint("ai", __name__, url_prefix="/api/ai")


def _ai_limit() -> str:
    return current_settings().rate_limit_ai


def _user_key() -> str:
    identity = current_identity()
    return f"user:{identity.user_id}" if identity else "user:-"


# One per-minute budget per user, shared by both endpoints, on top of the daily quota.
per_user = limiter.shared_limit(_ai_limit, scope="ai", key_func=_user_key)


@bp.post("/quest-drafts")
@admin_required
@per_user
@body(QuestDraftIn)
@response(QuestDraftPublic)
@errors(429, 502, 503, 504)
def draft_quest(subject: QuestDraftIn, identity: Identity):
    """Draft a quest with 4 to 8 tasks on a topic (not saved; save it as an admin quest)."""
    return service.draft_quest(identity.user_id, subject)


@bp.post("/task-suggestions")
@login_required
@per_user
@body(TaskSuggestionsIn)
@response(TaskSuggestionsPublic)
@errors(429, 502, 503, 504)
def suggest_tasks(quest: TaskSuggestionsIn, identity: Identity):
    """Suggest 3 to 8 tasks for a custom quest I am writing (not saved)."""
    return service.suggest_tasks(identity.user_id, quest)
