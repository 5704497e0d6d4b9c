"""SQL of account management, run as the admin under RLS."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, TypedDict, cast

from psycopg import sql

from ...db import Query, Tx
from ...search import contains
from ...users.queries import ProfileRow
from ..audit import audited_update


class AdminUserRow(ProfileRow):
    """An account as USER_COLUMNS reads it (AdminUserPublic): the profile and its state."""

    subscription_status: str | None
    is_active: bool
    created_at: datetime
    updated_at: datetime


class AuditedRow(TypedDict):
    """What `audited_update` answers for a row it found: its id, and whether it changed."""

    id: uuid.UUID
    audited: bool


USER_COLUMNS = sql.SQL("""u.id, u.email, u.username, u.first_name, u.last_name, u.display_name,
  u.role, u.subscription_tier, u.subscription_status, u.is_active, u.created_at, u.updated_at""")

USER_FILTER = sql.SQL("""
  (%(role)s::text is null or u.role = %(role)s)
  and (%(pattern)s::text is null
       or u.email ilike %(pattern)s or u.username ilike %(pattern)s
       or u.first_name ilike %(pattern)s or u.last_name ilike %(pattern)s
       or u.display_name ilike %(pattern)s
       or concat_ws(' ', u.first_name, u.last_name) ilike %(pattern)s)""")

USERS_PAGE = sql.SQL("""
select {columns} from public.users u
where {filter}
order by u.created_at desc, u.id limit %(limit)s offset %(offset)s""").format(
    columns=USER_COLUMNS, filter=USER_FILTER
)

USERS_COUNT = sql.SQL("select count(*) as n from public.users u where {filter}").format(
    filter=USER_FILTER
)

USER = sql.SQL("select {columns} from public.users u where u.id = %(id)s").format(
    columns=USER_COLUMNS
)


def users(
    tx: Tx, *, search: str | None, role: str | None, limit: int, offset: int
) -> tuple[list[AdminUserRow], int]:
    """One page of users, newest first, and the total count, in one round trip."""
    params = {"role": role, "pattern": contains(search), "limit": limit, "offset": offset}
    page, count = tx.run((USERS_PAGE, params), (USERS_COUNT, params))
    return cast(list[AdminUserRow], page), count[0]["n"]


def _user(user_id: uuid.UUID) -> Query:
    return USER, {"id": user_id}


def update_user(
    tx: Tx, user_id: uuid.UUID, changes: dict[str, Any]
) -> tuple[AuditedRow | None, AdminUserRow | None]:
    """Change the account and log the changed fields; then read it back, in one round trip.
    Returns (update result, user); both None when there is no such user."""
    updated, user = tx.run(
        audited_update(
            "users",
            changes,
            sql.SQL("t.id = %(id)s"),
            {"id": user_id},
            action="user.update",
            target_type="user",
        ),
        _user(user_id),
    )
    return (
        cast(AuditedRow, updated[0]) if updated else None,
        cast(AdminUserRow, user[0]) if user else None,
    )
