"""Routes of the admin workspace: every one needs an admin, checked here and again by RLS."""

from __future__ import annotations

from flask import Blueprint

from .analytics.routes import bp as analytics
from .quests.routes import bp as quests
from .users.routes import bp as users

bp = Blueprint("admin", __name__, url_prefix="/api")
for child in (analytics, users, quests):
    bp.register_blueprint(child)
