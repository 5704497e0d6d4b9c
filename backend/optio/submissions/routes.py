"""Custom quest submissions, and the admins' review queue."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ..api import body, errors, query, response
from ..auth.identity import Identity, admin_required, login_required
from . import service
from .schemas import (
    ApprovalIn,
    MySubmissionsQuery,
    QueueList,
    QueueQuery,
    RejectionIn,
    SubmissionIn,
    SubmissionList,
    SubmissionPublic,
)

bp = Blueprint("submissions", __name__, url_prefix="/api")


@bp.post("/quest-submissions")
@login_required
@body(SubmissionIn)
@response(SubmissionPublic, status=201, description="Submitted for review")
@errors(403)
def submit_quest(proposal: SubmissionIn, identity: Identity):
    """Propose a custom quest with 1 to 20 suggested tasks, for an admin to review."""
    return service.submit(identity.user_id, proposal)


@bp.get("/quest-submissions")
@login_required
@query(MySubmissionsQuery)
@response(SubmissionList)
def my_submissions(params: MySubmissionsQuery, identity: Identity):
    """My submissions, newest first, with their review outcome."""
    return service.mine(identity.user_id, params)


@bp.get("/admin/quest-submissions")
@admin_required
@query(QueueQuery)
@response(QueueList)
def submission_queue(params: QueueQuery, identity: Identity):
    """Submissions to review (filter by status), oldest first, with their authors."""
    return service.queue(identity.user_id, params)


@bp.post("/admin/quest-submissions/<uuid:submission_id>/approve")
@admin_required
@body(ApprovalIn)
@response(SubmissionPublic)
@errors(404, 409)
def approve_submission(edits: ApprovalIn, submission_id: uuid.UUID, identity: Identity):
    """Approve a pending submission: create its quest (with any edits) and enroll the author."""
    return service.approve(identity.user_id, submission_id, edits)


@bp.post("/admin/quest-submissions/<uuid:submission_id>/reject")
@admin_required
@body(RejectionIn)
@response(SubmissionPublic)
@errors(404, 409)
def reject_submission(rejection: RejectionIn, submission_id: uuid.UUID, identity: Identity):
    """Reject a pending submission with notes for its author."""
    return service.reject(identity.user_id, submission_id, rejection)
