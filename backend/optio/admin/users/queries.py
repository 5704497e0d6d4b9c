"""SQL of account management, run as the admin under RLS."""

from __future__ import annotations

from typing import Any

from ...db import Query, Tx
from ..audit import audited_update
from ..search import contains

USER_COLUMNS = """u.id, u.email, u.username, u.first_name, u.last_name, u.display_name, u.role,
  u.subscription_tier, u.subscription_status, u.is_active, u.created_at, u.updated_at"""

USER_FILTER = """
  (%(role)s::text is null or u.role = %(role)s)
  and (%(pattern)s::text is null
       or u.email ilike %(pattern)s or u.username ilike %(pattern)s
       or u.first_name ilike %(pattern)s or u.last_name ilike %(pattern)s
       or u.display_name ilike %(pattern)s
       or concat_ws(' ', u.first_name, u.last_name) ilike %(pattern)s)"""


def users(
    tx: Tx, *, search: str | None, role: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    """One page of users, newest first, and the total count, in one round trip."""
    params = {"role": role, "pattern": contains(search), "limit": limit, "offset": offset}
    page, count = tx.run(
        (
            f"select {USER_COLUMNS} from public.users u where {USER_FILTER}"
            " order by u.created_at desc, u.id limit %(limit)s offset %(offset)s",
            params,
        ),
        (f"select count(*) as n from public.users u where {USER_FILTER}", params),
    )
    return page, count[0]["n"]


def _user(user_id: Any) -> Query:
    return f"select {USER_COLUMNS} from public.users u where u.id = %(id)s", {"id": user_id}


def update_user(tx: Tx, user_id: Any, changes: dict[str, Any]) -> tuple[dict | None, dict | None]:
    """Change the account and log the changed fields; then read it back, in one round trip.
    Returns (update result, user); both None when there is no such user."""
    updated, user = tx.run(
        audited_update(
            "users",
            changes,
            "t.id = %(id)s",
            {"id": user_id},
            action="user.update",
            target_type="user",
        ),
        _user(user_id),
    )
    return (updated[0] if updated else None), (user[0] if user else None)
