"""The rules of links between students and the parents and advisors who follow their work.

Rules the database enforces (supabase/schema/links.sql, 20261203200100_student_links.sql):
- links are made only by public.invite_student + public.answer_link_invitation (a parent or
  advisor invites, the student accepts) and public.create_link_code + public.redeem_link_code
  (a student's one-time code, 72 hours, single use; 10 failed redemptions an hour at most);
  each checks the caller's role and locks the invitation, so two accepts make one link.
- policies student_links_scope and student_links_end: the student sets a link's scope, either
  side ends it.
- what a link shows: private.link_scope, private.sees_evidence and the policies on
  user_quests, user_skill_xp, xp_events and quest_task_completions; ending a link or
  narrowing its scope hides at once.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..config import current_settings
from ..db import tx
from ..errors import Conflict, Forbidden, Invalid, NotFound, TooManyRequests
from ..mail.outbox import Mail, statements
from . import queries
from .schemas import CodeIn, InvitationIn, InvitationListQuery, LinkListQuery


def _refuse(outcome: str) -> Exception:
    """The error of a refused outcome of the link functions."""
    match outcome:
        case "not_a_supporter":
            return Forbidden(
                "Only parent and advisor accounts can do that.", code="not_a_supporter"
            )
        case "not_a_student":
            return Forbidden("Only student accounts can do that.", code="not_a_student")
        case "not_found":
            return NotFound("No student has that username.", code="recipient_not_found")
        case "self":
            return Invalid("You cannot link to yourself.", code="cannot_link_self")
        case "already_linked":
            return Conflict("You are already linked.", code="already_linked")
        case "pending":
            return Conflict(
                "An invitation to this student is already waiting for an answer.",
                code="invitation_pending",
            )
        case "too_many":
            return Conflict(
                "You have 5 unused codes: use or cancel one before making another.",
                code="too_many_codes",
            )
        case "throttled":
            return TooManyRequests(
                "Too many wrong codes: try again in an hour.", code="too_many_attempts"
            )
        case "invalid":
            return NotFound("That code is not valid.", code="code_invalid")
        case "used":
            return Conflict("That code has already been used.", code="code_used")
        case "expired":
            return Conflict("That code or invitation has expired.", code="expired")
        case "not_yours":
            return Forbidden("This invitation is the other side's to answer.", code="not_yours")
        case "not_pending":
            return Conflict("This invitation has already been answered.", code="not_pending")
    raise AssertionError(f"unknown outcome {outcome}")


def invite(user_id: uuid.UUID, payload: InvitationIn) -> dict[str, Any]:
    """Invite a student; an address with no account yet gets an e-mail asking them to join."""
    current = tx(user_id)
    found, my_name = queries.invite(current, payload.recipient, payload.scope)
    if found["outcome"] == "not_a_student":  # the recipient, not me
        raise Forbidden(
            "That account is not a student's: only students can be followed.",
            code="not_a_student",
        )
    if found["outcome"] != "invited":
        raise _refuse(found["outcome"])
    if found["invitee_email"]:
        current.run(*statements(_join_mail(found["invitee_email"], my_name)))
    invitation = queries.invitation(current, found["invitation_id"])  # type: ignore[arg-type]
    if invitation is None:
        raise RuntimeError("an invitation was made but could not be read back")
    return invitation


def _join_mail(address: str, inviter: str | None) -> Mail:
    site = current_settings().site_url
    who = inviter or "Someone"
    return Mail(
        to=address,
        kind="link_invitation",
        subject=f"{who} invited you to Optio",
        text=(
            f"{who} would like to follow your learning on Optio.\n\n"
            f"Create your account with this e-mail address at {site}/signup, then open "
            f"{site}/links to accept or decline. The invitation expires in 14 days.\n\n"
            "If you do not know them, ignore this message: nothing happens until you accept."
        ),
    )


def create_code(user_id: uuid.UUID, payload: CodeIn) -> dict[str, Any]:
    found = queries.create_code(tx(user_id), payload.scope)
    if found["outcome"] != "created":
        raise _refuse(found["outcome"])
    return {k: found[k] for k in ("code", "expires_at", "invitation_id")}


def redeem(user_id: uuid.UUID, code: str) -> dict[str, Any]:
    found = queries.redeem(tx(user_id), code)
    if found["outcome"] != "linked":
        raise _refuse(found["outcome"])
    seen = queries.link(tx(user_id), found["link_id"])  # type: ignore[arg-type]
    if seen is None:
        raise RuntimeError("a link was made but could not be read back")
    return seen


def answer(user_id: uuid.UUID, invitation_id: uuid.UUID, answer: str) -> dict[str, Any]:
    found, seen = queries.answer(tx(user_id), invitation_id, answer)
    if found["outcome"] == "not_found":
        raise NotFound("No such invitation.")
    if found["outcome"] not in ("accepted", "declined", "cancelled"):
        raise _refuse(found["outcome"])
    if seen is None:
        raise RuntimeError("an answered invitation could not be read back")
    return seen


def invitations(user_id: uuid.UUID, params: InvitationListQuery) -> dict[str, Any]:
    rows, count = queries.invitations(
        tx(user_id), params.status, limit=params.per_page, offset=params.offset
    )
    return params.page_of(rows, count)


def links(user_id: uuid.UUID, params: LinkListQuery) -> dict[str, Any]:
    rows, count = queries.links(tx(user_id), limit=params.per_page, offset=params.offset)
    return params.page_of(rows, count)


def set_scope(user_id: uuid.UUID, link_id: uuid.UUID, scope: str) -> dict[str, Any]:
    changed, seen = queries.set_scope(tx(user_id), link_id, scope)
    if seen is None:
        raise NotFound("No such link.")
    if not changed:
        raise Forbidden("Only the student chooses what a link shows.", code="not_the_student")
    return seen


def end(user_id: uuid.UUID, link_id: uuid.UUID) -> None:
    if not queries.end(tx(user_id), link_id):
        raise NotFound("No such link.")
