"""Parental consent for children under 13, and the accounts parents make for them.

Rules the database enforces (supabase/schema/consent.sql, 20261203210300_child_consent.sql):
- the birth date comes with the sign-up (trigger on_auth_user_created) and is never public;
- private.consent_pending: under 13 with no consent in force. Trigger hold_until_consent keeps
  such a student's diploma private and refuses their team-ups (403 consent_required);
- public.request_parental_consent (3 a day), public.answer_consent_request (the e-mailed
  token, signed out: grant, decline, or later revoke), public.revoke_parental_consent (the
  parent who consented from their account); revoking makes the diploma private again;
- policy student_links_scope: a child under 13 does not set their links' scopes; the parent
  who consented from their account does.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..config import current_settings
from ..db import tx
from ..errors import Conflict, Forbidden, NotFound, TooManyRequests
from ..mail.outbox import Mail, statements
from ..users import queries as users
from ..users.service import create_account
from . import queries
from .schemas import ChildIn

# Children made by a parent sign in with their username; their address is never mailed.
CHILD_EMAIL_DOMAIN = "children.optio.invalid"


def status(user_id: uuid.UUID) -> dict[str, Any]:
    found = queries.status(tx(user_id))
    if found is None:
        raise NotFound("Your profile was not found.")
    return found


def request(user_id: uuid.UUID, address: str) -> dict[str, Any]:
    current = tx(user_id)
    asked, me = queries.request(current, address)
    if asked["outcome"] == "not_needed":
        raise Conflict("Your account does not need a parent's consent.", code="consent_not_needed")
    if asked["outcome"] == "too_many":
        raise TooManyRequests(
            "You asked three times today; ask your parent to look for the e-mail, or try tomorrow.",
            code="too_many_consent_requests",
        )
    current.run(*statements(_request_mail(address, me["name"] or me["username"], asked["token"])))
    found = queries.status(current)
    assert found is not None
    return found


def _request_mail(address: str, child: str, token: str) -> Mail:
    settings = current_settings()
    page = f"{settings.site_url}/consent/{token}"
    return Mail(
        to=address,
        kind="consent_request",
        subject=f"{child} asks for your consent to use Optio",
        text=(
            f"{child} signed up for Optio, a platform for self-directed learning, and gave this "
            "address as their parent's. Because they are under 13, they can learn on Optio but "
            "cannot make their diploma public or work with other students until a parent "
            "consents.\n\n"
            f"Read what we keep and decide: {page}\n\n"
            f"The link works for 7 days (policy version {settings.consent_policy_version}). "
            "If you consent, the same link lets you withdraw it later. If this is not your "
            "child, ignore this message: nothing changes."
        ),
    )


def link_info(token: str) -> dict[str, Any]:
    found = queries.info(tx(), token)
    if found is None:
        raise NotFound("This consent link is not valid.", code="consent_link_not_found")
    return {**found, "policy_version": current_settings().consent_policy_version}


_ANSWER_ERRORS = {
    "not_found": (NotFound, "This consent link is not valid.", "consent_link_not_found"),
    "expired": (Conflict, "This consent link has expired; ask for a new one.", "consent_expired"),
    "answered": (Conflict, "This consent request was already answered.", "consent_answered"),
    "not_granted": (Conflict, "There is no consent from this link to withdraw.", "not_granted"),
}


def answer(token: str, decision: str) -> dict[str, Any]:
    current = tx()
    answered = queries.answer(current, token, decision, current_settings().consent_policy_version)
    if answered["outcome"] in _ANSWER_ERRORS:
        error, message, code = _ANSWER_ERRORS[answered["outcome"]]
        raise error(message, code=code)
    return link_info(token)


def children(user_id: uuid.UUID) -> dict[str, Any]:
    return {"data": queries.children(tx(user_id))}


def revoke(user_id: uuid.UUID, child: uuid.UUID) -> None:
    if not queries.revoke(tx(user_id), child):
        raise NotFound("You have no consent in force for this child.", code="no_consent")


def add_child(parent_id: uuid.UUID, payload: ChildIn) -> dict[str, Any]:
    """A child's account made by a parent: consent given from the parent's account, and the
    parent's link. The child signs in with their username."""
    current = tx()
    current.act_as("elevated")
    me = users.profile(current, parent_id)
    if me is None or me["role"] != "parent":
        raise Forbidden("Only parent accounts can add a child.", code="not_a_parent")
    if users.username_taken(current, payload.username):
        raise Conflict("That username is taken.", code="username_taken")
    child = create_account(
        f"{payload.username}@{CHILD_EMAIL_DOMAIN}",
        payload.password,
        "student",
        username=payload.username,
        first_name=payload.first_name,
        birth_date=payload.birth_date.isoformat(),
    )
    return queries.child_added(
        current, child["id"], parent_id, current_settings().consent_policy_version
    )
