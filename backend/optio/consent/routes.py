"""Parental consent (children under 13) and the accounts parents make for their children."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ..api import body, errors, response
from ..auth.identity import Identity, login_required
from ..config import current_settings
from ..extensions import limiter
from . import service
from .schemas import (
    ChildIn,
    ChildPublic,
    ConsentAnswerIn,
    ConsentLinkInfo,
    ConsentRequestIn,
    ConsentStatus,
    ConsentToken,
    ManagedChildren,
)

bp = Blueprint("consent", __name__, url_prefix="/api")


@bp.get("/consent")
@login_required
@response(ConsentStatus)
def my_consent(identity: Identity):
    """Whether my account waits for a parent's consent, and the consent in force."""
    return service.status(identity.user_id)


@bp.post("/consent/requests")
@login_required
@body(ConsentRequestIn)
@response(ConsentStatus, status=201, description="Sent: the parent gets an e-mail with a link")
@errors(409, 429)
def request_consent(payload: ConsentRequestIn, identity: Identity):
    """As a student under 13, ask a parent for consent by e-mail (three times a day at most)."""
    return service.request(identity.user_id, payload.parent_email)


@bp.get("/consent/links/<token>")
@limiter.limit(lambda: current_settings().rate_limit_consent)
@response(ConsentLinkInfo)
@errors(404, 429)
def consent_link(token: ConsentToken):
    """What an e-mailed consent link is about, signed out."""
    return service.link_info(token)


@bp.post("/consent/links/<token>")
@limiter.limit(lambda: current_settings().rate_limit_consent)
@body(ConsentAnswerIn)
@response(ConsentLinkInfo)
@errors(404, 409, 429)
def answer_consent(payload: ConsentAnswerIn, token: ConsentToken):
    """As the parent who received the link, signed out: grant or decline consent, or withdraw
    the consent the link gave (the child's diploma goes private and team-ups stop)."""
    return service.answer(token, payload.decision)


@bp.post("/children")
@login_required
@limiter.limit(lambda: current_settings().rate_limit_auth)
@body(ChildIn)
@response(ChildPublic, status=201, description="Made, with your consent and your link")
@errors(403, 409, 429)
def add_child(payload: ChildIn, identity: Identity):
    """As a parent, make an account for your child under 13 (no e-mail: the child signs in
    with the username). Your consent is recorded and you follow their work."""
    return service.add_child(identity.user_id, payload)


@bp.get("/children")
@login_required
@response(ManagedChildren)
def my_children(identity: Identity):
    """The children I consented for from my account (a parent has a handful: not paginated)."""
    return service.children(identity.user_id)


@bp.delete("/children/<uuid:child_id>/consent")
@login_required
@response(None, status=204, description="Withdrawn: the child's diploma is private again")
@errors(404)
def revoke_consent(child_id: uuid.UUID, identity: Identity):
    """As the parent who consented from your account, withdraw that consent."""
    service.revoke(identity.user_id, child_id)
    return "", 204
