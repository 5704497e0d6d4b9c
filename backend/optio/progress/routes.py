"""My progression, and my teammates' weekly leaderboard."""

from __future__ import annotations

from flask import Blueprint

from ..api import response
from ..auth.identity import Identity, login_required
from . import service
from .schemas import Leaderboard, LevelCurves, MyProgress

bp = Blueprint("progress", __name__, url_prefix="/api")


@bp.get("/levels")
@response(LevelCurves)
def level_curves():
    """Public: the XP each level needs, overall and in a pillar (public.level_curves)."""
    return service.curves()


@bp.get("/users/me/progress")
@login_required
@response(MyProgress)
def my_progress(identity: Identity):
    """My level and pillar mastery, streak, week against my goal, the 12-week heatmap of my
    active days (in my time zone) and the next task of my most recently active quest."""
    return service.progress(identity.user_id)


@bp.get("/users/me/leaderboard")
@login_required
@response(Leaderboard)
def my_leaderboard(identity: Identity):
    """This week's XP of my teammates who opted in, when I did too; nobody else is ranked."""
    return service.leaderboard(identity.user_id)
