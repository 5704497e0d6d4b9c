"""Refresh-token helpers for tests that run against either auth provider.

The two differ in ways a client cannot tell apart, which these helpers hide: the local provider
keeps refresh tokens in its own tables and marks an ended session's auth.sessions row with the
reason; Supabase Auth (GoTrue, legacy refresh tokens; tests/fakes) keeps its tokens itself,
deletes an ended session's row, and answers a detected reuse by revoking the session's refresh
tokens while keeping its row (models.RevokeTokenFamily).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def age_spent_tokens(conn, auth_provider, request) -> Callable[[int], None]:
    """Let `seconds` pass for the reuse interval: the local provider's spent tokens are dated
    back, FakeSupabase's clock moves on."""

    def age(seconds: int) -> None:
        if auth_provider == "supabase":
            request.getfixturevalue("fake_supabase").advance(seconds)
        else:
            conn.execute(
                "update auth.refresh_tokens set revoked_at = revoked_at - make_interval(secs => %s)"
                " where revoked_at is not null",
                (seconds,),
            )

    return age


@pytest.fixture
def spend(client, auth_provider) -> Callable[[str], dict[str, Any]]:
    """Spend a refresh token; the session that replaced it. Through Supabase Auth its successor
    is spent as well: GoTrue always forgives the parent of a session's live token (a client that
    lost the answer gets it again), so a token shows as spent once it is two rotations old."""

    def refresh(token: str) -> dict[str, Any]:
        resp = client.post("/api/auth/refresh", json={"refresh_token": token})
        assert resp.status_code == 200, resp.get_json()
        return resp.get_json()

    def spend_token(token: str) -> dict[str, Any]:
        replaced = refresh(token)
        return refresh(replaced["refresh_token"]) if auth_provider == "supabase" else replaced

    return spend_token


def session_ending(conn, session_id: str) -> str | None:
    """Why the session ended (None while its row says it is live): the local provider's reason,
    or "deleted" when its row is gone, as Supabase Auth ends sessions."""
    row = conn.execute(
        "select revoked_at, revoked_reason from auth.sessions where id = %s", (session_id,)
    ).fetchone()
    if row is None:
        return "deleted"
    revoked_at, reason = row
    return reason if revoked_at is not None else None
