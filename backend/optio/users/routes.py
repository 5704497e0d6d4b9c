"""My profile."""

from __future__ import annotations

from flask import Blueprint

from ..api import body, errors, response
from ..auth.identity import Identity, login_required
from . import service
from .schemas import UserPublic, UserUpdate

bp = Blueprint("users", __name__, url_prefix="/api")


@bp.patch("/users/me")
@login_required
@body(UserUpdate)
@response(UserPublic)
@errors(409, 422)
def update_me(changes: UserUpdate, identity: Identity):
    """Change my username, names, time zone, weekly XP goal, leaderboard opt-in or interests."""
    return service.update_me(identity.user_id, changes)
