"""Admin account management."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ...api import body, errors, query, response
from ...auth.identity import Identity, admin_required
from . import service
from .schemas import AdminUserList, AdminUserPublic, AdminUserUpdate, UserListQuery

bp = Blueprint("users", __name__, url_prefix="/admin/users")


@bp.get("")
@admin_required
@query(UserListQuery)
@response(AdminUserList)
def list_users(params: UserListQuery, identity: Identity):
    """Every account, newest first; search e-mail, username and names, filter by role."""
    return service.users(identity.user_id, params)


@bp.patch("/<uuid:user_id>")
@admin_required
@body(AdminUserUpdate)
@response(AdminUserPublic)
@errors(404, 409)
def update_user(update: AdminUserUpdate, user_id: uuid.UUID, identity: Identity):
    """Change an account's role, tier or activity; the change is written to the audit log."""
    return service.update_user(identity.user_id, user_id, update)
