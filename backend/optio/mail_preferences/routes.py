"""My e-mail preferences, and the unsubscribe link every platform e-mail carries."""

from __future__ import annotations

from flask import Blueprint

from ..api import body, errors, query, response
from ..auth.identity import Identity, csrf_exempt, login_required
from . import service
from .schemas import (
    MailPreferencesPublic,
    MailPreferencesUpdate,
    UnsubscribePublic,
    UnsubscribeQuery,
)

bp = Blueprint("mail_preferences", __name__, url_prefix="/api")


@bp.get("/users/me/notification-preferences")
@login_required
@response(MailPreferencesPublic)
def my_preferences(identity: Identity):
    """Which e-mail I get, by category."""
    return service.mine(identity.user_id)


@bp.patch("/users/me/notification-preferences")
@login_required
@body(MailPreferencesUpdate)
@response(MailPreferencesPublic)
@errors(404)
def change_preferences(changes: MailPreferencesUpdate, identity: Identity):
    """Turn categories of e-mail on or off."""
    return service.change(identity.user_id, changes)


@bp.get("/mail/unsubscribe")
@query(UnsubscribeQuery)
@response(UnsubscribePublic)
@errors(404)
def unsubscribe_preview(params: UnsubscribeQuery):
    """What an e-mail's unsubscribe link would turn off (signed out; changes nothing)."""
    return service.preview(params.token)


@bp.post("/mail/unsubscribe")
@csrf_exempt
@query(UnsubscribeQuery)
@response(UnsubscribePublic)
@errors(404)
def unsubscribe(params: UnsubscribeQuery):
    """Turn off the category of e-mail a link names (signed out; RFC 8058 one-click: any body)."""
    return service.unsubscribe(params.token)
