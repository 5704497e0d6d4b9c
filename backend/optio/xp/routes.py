"""Pillars, my XP, and my dashboard."""

from __future__ import annotations

from flask import Blueprint

from ..api import response
from ..auth.identity import Identity, login_required
from . import service
from .schemas import DashboardPublic, PillarList, XpPublic

bp = Blueprint("xp", __name__, url_prefix="/api")


@bp.get("/pillars")
@response(PillarList)
def list_pillars():
    """The five skill pillars, in display order."""
    return service.pillars()


@bp.get("/users/me/xp")
@login_required
@response(XpPublic)
def my_xp(identity: Identity):
    """My XP in each of the five pillars (zeros included) and the total."""
    return service.my_xp(identity.user_id)


@bp.get("/users/me/dashboard")
@login_required
@response(DashboardPublic)
def my_dashboard(identity: Identity):
    """Active quests with progress, recently completed quests, recent completions and my XP."""
    return service.dashboard(identity.user_id)
