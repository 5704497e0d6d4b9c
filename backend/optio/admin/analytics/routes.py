"""Admin analytics."""

from __future__ import annotations

from flask import Blueprint

from ...api import response
from ...auth.identity import Identity, admin_required
from . import service
from .schemas import AnalyticsPublic

bp = Blueprint("analytics", __name__, url_prefix="/admin")


@bp.get("/analytics")
@admin_required
@response(AnalyticsPublic)
def analytics(identity: Identity):
    """Users, activity, daily completions, XP per pillar, tiers and the top quests."""
    return service.analytics(identity.user_id)
