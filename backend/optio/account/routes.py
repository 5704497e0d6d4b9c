"""My data rights: export everything about me, or delete my account."""

from __future__ import annotations

import uuid

from flask import Blueprint, Response, after_this_request

from ..api import body, errors, response
from ..auth.cookies import clear_session_cookies
from ..auth.identity import Identity, login_required
from . import deletion, service
from .schemas import AccountDeletion, ExportList, ExportPublic

bp = Blueprint("account", __name__, url_prefix="/api")


@bp.post("/users/me/export")
@login_required
@response(ExportPublic, status=202)
@errors(409)
def request_export(identity: Identity):
    """Start an export of everything about me (a zip, built in the background)."""
    return service.request_export(identity.user_id)


@bp.post("/children/<uuid:child_id>/export")
@login_required
@response(ExportPublic, status=202)
@errors(404, 409)
def request_child_export(child_id: uuid.UUID, identity: Identity):
    """As a parent who consented from your account, export everything about your child."""
    return service.request_export(identity.user_id, child_id)


@bp.get("/children/<uuid:child_id>/exports")
@login_required
@response(ExportList)
@errors(404)
def list_child_exports(child_id: uuid.UUID, identity: Identity):
    """My child's exports, newest first (the last 20); none unless I manage the child."""
    return service.child_exports(identity.user_id, child_id)


@bp.post("/children/<uuid:child_id>/delete")
@login_required
@body(AccountDeletion)
@response(None, status=204, description="Deleted: the child's account and everything about it")
@errors(403, 404, 503)
def delete_child(confirmation: AccountDeletion, child_id: uuid.UUID, identity: Identity):
    """As a parent who consented from your account, delete your child's account for good
    (confirm with your own password)."""
    deletion.delete_account(identity.user_id, confirmation.password, child_id)
    return "", 204


@bp.get("/users/me/exports")
@login_required
@response(ExportList)
def list_exports(identity: Identity):
    """My recent exports, with a download link for those that are ready."""
    return service.my_exports(identity.user_id)


@bp.get("/users/me/exports/<uuid:export_id>")
@login_required
@response(ExportPublic)
@errors(404)
def get_export(export_id: uuid.UUID, identity: Identity):
    """One of my exports: its status and, once ready, a short-lived download link."""
    return service.my_export(identity.user_id, export_id)


@bp.post("/users/me/delete")
@login_required
@body(AccountDeletion)
@response(None, status=204)
@errors(403, 503)
def delete_me(confirmation: AccountDeletion, identity: Identity):
    """Delete my account and everything about me, for good (confirm with my password)."""
    deletion.delete_account(identity.user_id, confirmation.password)

    @after_this_request
    def _clear(resp: Response) -> Response:
        clear_session_cookies(resp)
        return resp
