"""My progression."""

from __future__ import annotations

from flask import Blueprint

from ..api import response
from ..auth.identity import Identity, login_required
from . import service
from .schemas import ProgressPublic

bp = Blueprint("progress", __name__, url_prefix="/api")


@bp.get("/users/me/progress")
@login_required
@response(ProgressPublic)
def my_progress(identity: Identity):
    """My overall level and my mastery of each pillar, with the XP to the next level."""
    return service.progress(identity.user_id)
