"""My profile."""

from __future__ import annotations

from flask import Blueprint

from ..api import body, errors, response
from ..auth.identity import Identity, login_required
from . import avatar, service
from .schemas import AvatarIn, UserPublic, UserUpdate

bp = Blueprint("users", __name__, url_prefix="/api")


@bp.patch("/users/me")
@login_required
@body(UserUpdate)
@response(UserPublic)
@errors(409, 422)
def update_me(changes: UserUpdate, identity: Identity):
    """Change my username, names, time zone, weekly XP goal, leaderboard opt-in or interests."""
    return service.update_me(identity.user_id, changes)


@bp.put("/users/me/avatar")
@login_required
@body(AvatarIn, multipart=AvatarIn)
@response(UserPublic)
@errors(404, 413, 415)
def put_avatar(upload: AvatarIn, identity: Identity):
    """Set my profile picture (multipart field `file`: PNG, JPEG or WebP, at most 2 MB); the
    one it replaces is deleted."""
    return avatar.set_avatar(identity.user_id, upload)


@bp.delete("/users/me/avatar")
@login_required
@response(None, status=204, description="Removed; my profile shows my initials")
@errors(404)
def delete_avatar(identity: Identity):
    """Remove my profile picture."""
    avatar.remove_avatar(identity.user_id)
