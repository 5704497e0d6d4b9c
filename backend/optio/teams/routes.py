"""Team-up requests between students, and my teammates."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ..api import body, errors, query, response
from ..auth.identity import Identity, login_required
from . import service
from .schemas import (
    TeamDirectoryPage,
    TeamDirectoryQuery,
    TeamDiscoveryIn,
    TeamDiscoveryPublic,
    TeammateList,
    TeammateListQuery,
    TeamRequestIn,
    TeamRequestList,
    TeamRequestListQuery,
    TeamRequestPublic,
)

bp = Blueprint("teams", __name__, url_prefix="/api")


@bp.post("/team-requests")
@login_required
@body(TeamRequestIn)
@response(TeamRequestPublic, status=201, description="Sent; the recipient is notified")
@errors(403, 404, 409)
def send_request(payload: TeamRequestIn, identity: Identity):
    """Ask another student, by username or e-mail, to team up, optionally on a quest; a
    teammate, onto a quest."""
    return service.send_request(identity.user_id, payload)


@bp.get("/team-requests")
@login_required
@query(TeamRequestListQuery)
@response(TeamRequestList)
def list_requests(params: TeamRequestListQuery, identity: Identity):
    """My incoming and outgoing team-up requests, newest first, paginated."""
    return service.list_requests(identity.user_id, params)


@bp.post("/team-requests/<uuid:request_id>/accept")
@login_required
@response(TeamRequestPublic)
@errors(403, 404, 409)
def accept(request_id: uuid.UUID, identity: Identity):
    """Accept a request sent to me; a named quest enrolls us both."""
    return service.decide(identity.user_id, request_id, "accepted")


@bp.post("/team-requests/<uuid:request_id>/reject")
@login_required
@response(TeamRequestPublic)
@errors(403, 404, 409)
def reject(request_id: uuid.UUID, identity: Identity):
    """Decline a request sent to me; the sender may ask again later."""
    return service.decide(identity.user_id, request_id, "rejected")


@bp.post("/team-requests/<uuid:request_id>/cancel")
@login_required
@response(TeamRequestPublic)
@errors(403, 404, 409)
def cancel(request_id: uuid.UUID, identity: Identity):
    """Withdraw a request I sent while it is still pending."""
    return service.decide(identity.user_id, request_id, "cancelled")


@bp.get("/teammates")
@login_required
@query(TeammateListQuery)
@response(TeammateList)
def list_teammates(params: TeammateListQuery, identity: Identity):
    """My teammates, with their progress on the quests we are both enrolled in."""
    return service.teammates(identity.user_id, params)


@bp.get("/team-directory")
@login_required
@query(TeamDirectoryQuery)
@response(TeamDirectoryPage)
def search_students(params: TeamDirectoryQuery, identity: Identity):
    """Students who chose to be found, whose username or name starts with `q`; ten a page."""
    return service.directory(identity.user_id, params)


@bp.get("/team-directory/me")
@login_required
@response(TeamDiscoveryPublic)
@errors(404)
def my_discovery(identity: Identity):
    """Whether students looking for a teammate may find me by name."""
    return service.my_discovery(identity.user_id)


@bp.put("/team-directory/me")
@login_required
@body(TeamDiscoveryIn)
@response(TeamDiscoveryPublic)
@errors(404)
def set_my_discovery(payload: TeamDiscoveryIn, identity: Identity):
    """Let students looking for a teammate find me by username or name, or stop them."""
    return service.set_my_discovery(identity.user_id, payload)
