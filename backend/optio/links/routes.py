"""Links between students and their parents and advisors: invitations, one-time codes, scopes."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ..api import body, errors, query, response
from ..auth.identity import Identity, login_required
from ..config import current_settings
from ..extensions import limiter
from . import service
from .schemas import (
    CodeIn,
    CodeOut,
    InvitationIn,
    InvitationList,
    InvitationListQuery,
    InvitationPublic,
    LinkList,
    LinkListQuery,
    LinkPublic,
    LinkScopeIn,
    RedeemIn,
)

bp = Blueprint("links", __name__, url_prefix="/api/links")


@bp.get("")
@login_required
@query(LinkListQuery)
@response(LinkList)
def list_links(params: LinkListQuery, identity: Identity):
    """My links: as a student, the parents and advisors who follow me; as a parent or advisor,
    the students I follow. Newest first."""
    return service.links(identity.user_id, params)


@bp.patch("/<uuid:link_id>")
@login_required
@body(LinkScopeIn)
@response(LinkPublic)
@errors(403, 404)
def set_scope(payload: LinkScopeIn, link_id: uuid.UUID, identity: Identity):
    """Choose what a parent or advisor sees of my work (the student only); at once."""
    return service.set_scope(identity.user_id, link_id, payload.scope)


@bp.delete("/<uuid:link_id>")
@login_required
@response(None, status=204, description="Ended: they see nothing of the student's work now")
@errors(404)
def end_link(link_id: uuid.UUID, identity: Identity):
    """End a link, from either side."""
    service.end(identity.user_id, link_id)
    return "", 204


@bp.get("/invitations")
@login_required
@query(InvitationListQuery)
@response(InvitationList)
def list_invitations(params: InvitationListQuery, identity: Identity):
    """Invitations I sent or received and the codes I made, newest first."""
    return service.invitations(identity.user_id, params)


@bp.post("/invitations")
@login_required
@body(InvitationIn)
@response(InvitationPublic, status=201, description="Sent; the student is notified")
@errors(403, 404, 409, 422)
def invite(payload: InvitationIn, identity: Identity):
    """As a parent or advisor, invite a student by username or e-mail (an address with no
    account yet gets an e-mail inviting them to join). Expires in 14 days."""
    return service.invite(identity.user_id, payload)


@bp.post("/invitations/<uuid:invitation_id>/accept")
@login_required
@response(InvitationPublic)
@errors(403, 404, 409)
def accept(invitation_id: uuid.UUID, identity: Identity):
    """Accept an invitation sent to me: the link is made with the scope it asked for."""
    return service.answer(identity.user_id, invitation_id, "accept")


@bp.post("/invitations/<uuid:invitation_id>/decline")
@login_required
@response(InvitationPublic)
@errors(403, 404, 409)
def decline(invitation_id: uuid.UUID, identity: Identity):
    """Decline an invitation sent to me."""
    return service.answer(identity.user_id, invitation_id, "decline")


@bp.post("/invitations/<uuid:invitation_id>/cancel")
@login_required
@response(InvitationPublic)
@errors(403, 404, 409)
def cancel(invitation_id: uuid.UUID, identity: Identity):
    """Withdraw an invitation I sent, or a code I made, while it is unused."""
    return service.answer(identity.user_id, invitation_id, "cancel")


@bp.post("/codes")
@login_required
@body(CodeIn)
@response(CodeOut, status=201, description="The code, shown this once")
@errors(403, 409)
def create_code(payload: CodeIn, identity: Identity):
    """As a student, make a one-time code for a parent or advisor: valid 72 hours, once."""
    return service.create_code(identity.user_id, payload)


@bp.post("/codes/redeem")
@login_required
@limiter.limit(lambda: current_settings().rate_limit_link_code)
@body(RedeemIn)
@response(LinkPublic, status=201, description="Linked to the student who made the code")
@errors(403, 404, 409, 429)
def redeem(payload: RedeemIn, identity: Identity):
    """As a parent or advisor, enter a student's code to follow their work."""
    return service.redeem(identity.user_id, payload.code)
