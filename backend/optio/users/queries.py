"""SQL for public.users."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from ..db import Query, Tx

PROFILE_COLUMNS = (
    "id, email, username, first_name, last_name, display_name, role, subscription_tier, created_at"
)


def profile_query(user_id: Any) -> Query:
    """The profile's query, to pipeline behind another (e.g. the sign-in that creates a session)."""
    return f"select {PROFILE_COLUMNS} from public.users where id = %(id)s", {"id": user_id}


def profile(tx: Tx, user_id: Any) -> dict | None:
    return tx.one(*profile_query(user_id))


def username_taken(tx: Tx, username: str) -> bool:
    return bool(
        tx.scalar(
            "select exists (select 1 from public.users where username = %(u)s)", {"u": username}
        )
    )


def user_id_by_email(tx: Tx, email: str) -> Any:
    return tx.scalar("select id from public.users where email = %(e)s", {"e": email.lower()})


def set_role(tx: Tx, user_id: Any, role: str) -> dict:
    row = tx.one(
        f"update public.users set role = %(role)s where id = %(id)s returning {PROFILE_COLUMNS}",
        {"id": user_id, "role": role},
    )
    assert row is not None
    return row


def update_me(tx: Tx, changes: dict[str, Any]) -> dict | None:
    """Update my own row, as myself: the column grants and RLS decide what may change."""
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in changes
    )
    query = sql.SQL(
        "update public.users set {} where id = (select auth.uid()) returning " + PROFILE_COLUMNS
    ).format(assignments)
    return tx.one(query.as_string(), changes)
