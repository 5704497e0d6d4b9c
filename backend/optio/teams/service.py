"""The rules of team-ups: who may ask whom, who answers, and what a teammate may see.

Rules the database enforces (supabase/schema/teams.sql):
- unique index team_requests_one_pending_per_pair_and_quest
  (20261205000200_team_ups_on_quests_and_discovery.sql): one pending request per unordered pair
  and quest (no quest counting as one), even under races.
- trigger team_requests_hold_teammates_to_a_quest (same migration): teammates (an accepted
  request between them) ask each other only onto a quest.
- policies team_requests_send (20261122000320_team_requests.sql) and team_requests_decide
  (20261202000400_one_policy_per_action.sql), trigger team_requests_transition: the sender
  sends and cancels, the recipient accepts or rejects, once.
- trigger team_requests_hold_tier_limit (20261202000100_tier_limits_enforced.sql): sending needs
  a plan with team_ups.
- trigger team_requests_on_accept (private.team_request_accepted, last defined in
  20261202000300_notification_kinds.sql): accepting enrolls both students in the named quest
  where their plans have room, and tells the sender.
- trigger team_requests_read_notice (20261205000200): accepting or rejecting marks the
  recipient's notice of the request read, in the same transaction.
- private.discoverable_students (20261205000200), definer, for signed-in active students: only
  active students who set users.discoverable (off by default; theirs to set, by column grant and
  users_update_own_or_admin), never the caller nor a child awaiting consent; ten at most, id,
  username and shown name only.
"""

from __future__ import annotations

import uuid
from typing import Any

import psycopg

from ..db import tx
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..plans.rules import Plan
from ..plans.wording import require
from . import queries
from .queries import TeamRequestRow
from .schemas import (
    TeamDirectoryQuery,
    TeamDiscoveryIn,
    TeammateListQuery,
    TeamRequestIn,
    TeamRequestListQuery,
)

# How private.hold_teammates_to_a_quest begins its message.
ALREADY_TEAMMATES = "already_teammates:"


def _already_teammates() -> Conflict:
    return Conflict(
        "You are already teammates: choose a quest to invite them onto.",
        code="already_teammates",
    )


def send_request(user_id: uuid.UUID, payload: TeamRequestIn) -> TeamRequestRow:
    """Ask another student to team up, or a teammate onto a quest; at most one pending request
    between two students onto each quest (and one onto none)."""
    current = tx(user_id)
    context, plan = queries.sender_context(current, payload.recipient, payload.quest_id)
    if context is None or plan is None:
        raise NotFound("Your profile was not found.")
    require(Plan.of(plan), "team_ups")
    recipient_id = context["recipient_id"]
    if recipient_id is None:
        raise NotFound("No student has that username or e-mail.", code="recipient_not_found")
    if recipient_id == user_id:
        raise Invalid(
            "You cannot team up with yourself.",
            code="cannot_team_with_self",
            details=[
                {
                    "field": "recipient",
                    "location": "body",
                    "message": "must be another student",
                    "type": "value_error",
                }
            ],
        )
    if not context["quest_ok"]:
        raise NotFound("No such quest in the catalog.", code="quest_not_found")
    if context["teammates"] and payload.quest_id is None:
        raise _already_teammates()

    try:
        created, pending = queries.send(current, recipient_id, payload.quest_id, payload.message)
    except psycopg.errors.CheckViolation as exc:  # accepted since the context was read
        if not (exc.diag.message_primary or "").startswith(ALREADY_TEAMMATES):
            raise
        raise _already_teammates() from None
    if not created:
        incoming = pending is not None and pending["direction"] == "incoming"
        onto = " onto this quest" if payload.quest_id else ""
        raise Conflict(
            f"They have already asked you{onto}: accept or reject their request."
            if incoming
            else f"A team-up request between you two{onto} is already pending.",
            code="request_pending",
        )
    if pending is None:  # ours was just inserted: the pair's only pending one onto its quest
        raise RuntimeError("a team-up request was inserted but could not be read back")
    return pending


def list_requests(user_id: uuid.UUID, params: TeamRequestListQuery) -> dict[str, Any]:
    rows, count = queries.list_requests(
        tx(user_id),
        status=params.status,
        direction=params.direction,
        limit=params.per_page,
        offset=params.offset,
    )
    return params.page_of(rows, count)


def decide(user_id: uuid.UUID, request_id: uuid.UUID, status: str) -> TeamRequestRow:
    """Accept or reject (the recipient) or cancel (the sender) a pending request."""
    changed, state, plan = queries.decide(tx(user_id), request_id, status)
    if changed is not None:
        return changed
    if state is None:  # not mine to see
        raise NotFound("No such team-up request.")
    # The recipient answers; the sender cancels.
    decider = state["sender_id"] if status == "cancelled" else state["recipient_id"]
    if decider != user_id:
        who = "sender" if status == "cancelled" else "recipient"
        raise Forbidden(f"Only the request's {who} may do that.", code="not_your_request")
    if state["status"] == "pending" and plan is not None:  # accepting: no room for its quest
        require(Plan.of(plan), "max_active_quests")
    raise Conflict(f"This request is already {state['status']}.", code="request_not_pending")


def teammates(user_id: uuid.UUID, params: TeammateListQuery) -> dict[str, Any]:
    rows, count = queries.teammates(tx(user_id), limit=params.per_page, offset=params.offset)
    return params.page_of(rows, count)


def directory(user_id: uuid.UUID, params: TeamDirectoryQuery) -> dict[str, Any]:
    """A page of the students who chose to be found, by the start of a username or name."""
    rows = queries.directory(tx(user_id), params.q, limit=params.per_page, offset=params.offset)
    return {
        "data": rows,
        "page": params.page,
        "per_page": params.per_page,
        "has_more": bool(rows) and rows[0]["more"],
    }


def my_discovery(user_id: uuid.UUID) -> dict[str, bool]:
    row = queries.my_discovery(tx(user_id))
    if row is None:
        raise NotFound("Your profile was not found.")
    return {"discoverable": row["discoverable"]}


def set_my_discovery(user_id: uuid.UUID, payload: TeamDiscoveryIn) -> dict[str, bool]:
    row = queries.set_my_discovery(tx(user_id), payload.discoverable)
    if row is None:
        raise NotFound("Your profile was not found.")
    return {"discoverable": row["discoverable"]}
