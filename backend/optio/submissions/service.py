"""The rules of custom quest submissions: who may propose, and how an admin reviews once.

Rules the database enforces (supabase/schema/submissions.sql):
- policy quest_submissions_insert_own and private.valid_suggested_tasks
  (20261122000330_quest_submissions.sql): I propose only as myself, pending, with valid tasks.
- trigger quest_submissions_hold_tier_limit (20261202000100_tier_limits_enforced.sql): no more
  pending proposals at once than my plan's custom_quest_submissions.
- policy quest_submissions_review_admin and trigger quest_submissions_review_once
  (20261122000330_quest_submissions.sql): only an admin reviews, as themself, exactly once.
- trigger quest_submissions_notify_reviewed (20261202000300_notification_kinds.sql): the author
  is told the outcome.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..db import tx
from ..errors import Conflict, NotFound
from ..plans.rules import Plan
from ..plans.wording import require
from . import queries
from .queries import ReviewRow, SubmissionJson, SubmissionRow
from .schemas import ApprovalIn, MySubmissionsQuery, QueueQuery, RejectionIn, SubmissionIn


def submit(user_id: uuid.UUID, proposal: SubmissionIn) -> SubmissionRow:
    """Submit within my plan's limit of submissions waiting for review."""
    row, plan = queries.insert(tx(user_id), proposal.model_dump())
    if row is not None:
        return row
    if plan is None:
        raise NotFound("Your profile was not found.")
    require(Plan.of(plan), "custom_quest_submissions")
    raise RuntimeError("an allowed submission was not written")


def mine(user_id: uuid.UUID, params: MySubmissionsQuery) -> dict[str, Any]:
    rows, count = queries.mine(tx(user_id), params.per_page, params.offset)
    return params.page_of(rows, count)


def queue(user_id: uuid.UUID, params: QueueQuery) -> dict[str, Any]:
    rows, count = queries.queue(tx(user_id), params.status, params.per_page, params.offset)
    return params.page_of(rows, count)


def approve(user_id: uuid.UUID, submission_id: uuid.UUID, edits: ApprovalIn) -> SubmissionJson:
    """Create the quest (with any edits) and enroll the author, once, whoever approves."""
    changes = edits.model_dump(exclude_none=True)
    return _reviewed(queries.approve(tx(user_id), submission_id, uuid.uuid4(), changes))


def reject(user_id: uuid.UUID, submission_id: uuid.UUID, rejection: RejectionIn) -> SubmissionJson:
    return _reviewed(queries.reject(tx(user_id), submission_id, rejection.notes))


def _reviewed(outcome: ReviewRow) -> SubmissionJson:
    if outcome["claimed"] is not None:
        return outcome["claimed"]
    if not outcome["found"]:
        raise NotFound("No such submission.")
    raise Conflict("This submission has already been reviewed.", code="already_reviewed")
