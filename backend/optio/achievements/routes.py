"""Achievements: the catalog and mine; admins add, change and retire them."""

from __future__ import annotations

from flask import Blueprint

from ..api import body, errors, response
from ..auth.identity import Identity, admin_required, login_required
from . import service
from .schemas import (
    AchievementAdmin,
    AchievementAdminList,
    AchievementCredential,
    AchievementIn,
    AchievementList,
    AchievementUpdate,
)

bp = Blueprint("achievements", __name__, url_prefix="/api")


@bp.get("/achievements")
@login_required
@response(AchievementList)
def catalog(identity: Identity):
    """Every achievement in force (and any I hold that has retired), with when I unlocked it."""
    return service.catalog(identity.user_id)


@bp.get("/users/me/achievements")
@login_required
@response(AchievementList)
def mine(identity: Identity):
    """The achievements I unlocked, newest first."""
    return service.mine(identity.user_id)


@bp.post("/users/me/achievements/<key>/credential")
@login_required
@response(AchievementCredential)
@errors(404)
def issue_credential(key: str, identity: Identity):
    """A verifiable credential (Open Badges 3.0) of an achievement I unlocked; asking again
    gives the same one."""
    return service.issue_credential(identity.user_id, key)


@bp.get("/admin/achievements")
@admin_required
@response(AchievementAdminList)
def admin_list(identity: Identity):
    """Every achievement, retired last, with its condition and how many students unlocked it."""
    return service.admin_list(identity.user_id)


@bp.post("/admin/achievements")
@admin_required
@body(AchievementIn)
@response(
    AchievementAdmin,
    status=201,
    description="Added; a backfill unlocks it for students who already qualify",
)
@errors(409, 422)
def create(new: AchievementIn, identity: Identity):
    """Add an achievement."""
    return service.create(identity.user_id, new)


@bp.patch("/admin/achievements/<key>")
@admin_required
@body(AchievementUpdate)
@response(AchievementAdmin)
@errors(404)
def update(changes: AchievementUpdate, key: str, identity: Identity):
    """Rename, re-describe, change the icon of, retire or restore an achievement."""
    return service.update(identity.user_id, key, changes)
