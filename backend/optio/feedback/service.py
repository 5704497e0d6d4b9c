"""Feedback threads on completions: an advisor linked to the student starts one; the student
and their advisors reply; linked parents whose scope covers evidence read along.

Rules the database enforces (supabase/schema/feedback.sql): policies completion_feedback_read
(private.reads_feedback) and completion_feedback_write (private.writes_feedback); trigger
completion_feedback_fill sets the author and the student; completion_feedback_notify tells the
student, or the advisors on the thread, and their e-mail follows from the notification.
"""

from __future__ import annotations

import uuid
from typing import Any

import psycopg

from ..db import tx
from ..errors import Forbidden, NotFound
from . import queries
from .schemas import FeedbackQuery

_NOT_FOUND = "No such completion, or its feedback is not yours to see."
_NOT_ALLOWED = (
    "Only the student's advisors can start feedback on this work; the student can reply once "
    "an advisor has written."
)


def thread(user_id: uuid.UUID, completion_id: uuid.UUID, params: FeedbackQuery) -> dict[str, Any]:
    state, rows = queries.thread(
        tx(user_id), completion_id, limit=params.per_page, offset=params.offset
    )
    if state is None or not state["reads"]:
        raise NotFound(_NOT_FOUND)
    return params.page_of(rows, state["n"], can_reply=state["writes"])


def write(user_id: uuid.UUID, completion_id: uuid.UUID, body: str) -> dict[str, Any]:
    current = tx(user_id)
    state = queries.state(current, completion_id)
    if state is None or not state["reads"]:
        raise NotFound(_NOT_FOUND)
    if not state["writes"]:
        raise Forbidden(_NOT_ALLOWED, code="feedback_not_allowed")
    try:
        written = queries.write(current, completion_id, body)
    except psycopg.errors.InsufficientPrivilege:  # the link ended meanwhile
        raise Forbidden(_NOT_ALLOWED, code="feedback_not_allowed") from None
    if written is None:
        raise RuntimeError("feedback was written but could not be read back")
    return written
