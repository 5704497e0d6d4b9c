"""The rules of custom quest submissions: who may propose, and how an admin reviews once."""

from __future__ import annotations

import uuid
from typing import Any

from ..db import tx
from ..errors import Conflict, NotFound
from ..plans.rules import Plan
from ..plans.wording import require
from . import queries
from .schemas import ApprovalIn, MySubmissionsQuery, QueueQuery, RejectionIn, SubmissionIn


def submit(proposal: SubmissionIn) -> dict[str, Any]:
    """Submit within my plan's limit of submissions waiting for review."""
    row, plan = queries.insert(tx(), proposal.model_dump())
    if row is not None:
        return row
    if plan is None:
        raise NotFound("Your profile was not found.")
    require(Plan.of(plan), "custom_quest_submissions")
    raise AssertionError("an allowed submission was not written")


def mine(params: MySubmissionsQuery) -> dict[str, Any]:
    rows, count = queries.mine(tx(), params.per_page, params.offset)
    return params.page_of(rows, count)


def queue(params: QueueQuery) -> dict[str, Any]:
    rows, count = queries.queue(tx(), params.status, params.per_page, params.offset)
    return params.page_of(rows, count)


def approve(submission_id: uuid.UUID, edits: ApprovalIn) -> dict[str, Any]:
    """Create the quest (with any edits) and enroll the author, once, whoever approves."""
    changes = edits.model_dump(exclude_none=True)
    return _reviewed(queries.approve(tx(), submission_id, uuid.uuid4(), changes))


def reject(submission_id: uuid.UUID, rejection: RejectionIn) -> dict[str, Any]:
    return _reviewed(queries.reject(tx(), submission_id, rejection.notes))


def _reviewed(outcome: dict[str, Any]) -> dict[str, Any]:
    if outcome["claimed"] is not None:
        return outcome["claimed"]
    if not outcome["found"]:
        raise NotFound("No such submission.")
    raise Conflict("This submission has already been reviewed.", code="already_reviewed")
