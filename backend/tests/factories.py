"""Small factories with overridable defaults."""

from __future__ import annotations

import itertools
import json
from typing import Any

from flask import Flask

from optio.db import tx
from optio.users.service import create_account

PASSWORD = "correct-horse-battery"
_seq = itertools.count(1)


def make_user(app: Flask, role: str = "student", **overrides: Any) -> dict[str, Any]:
    """A committed account; returns its profile plus the password used."""
    n = next(_seq)
    email = overrides.pop("email", f"user{n}@example.com")
    password = overrides.pop("password", PASSWORD)
    with app.app_context():
        profile = create_account(email, password, role, **overrides)
        tx().commit()
    return {**profile, "password": password}


def login(client, user: dict[str, Any]) -> dict[str, Any]:
    resp = client.post(
        "/api/auth/login", json={"email": user["email"], "password": user["password"]}
    )
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def bearer(session: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {session['access_token']}"}


PILLAR_CYCLE = [
    "stem_logic",
    "life_wellness",
    "language_communication",
    "society_culture",
    "arts_creativity",
]


def make_quest(
    conn,
    tasks: int = 3,
    *,
    title: str | None = None,
    description: str = "A quest made by a test.",
    source: str = "custom",
    is_active: bool = True,
    is_public: bool = True,
    xp: int | list[int] = 50,
    pillars: list[str] | None = None,
    required: list[bool] | None = None,
) -> dict[str, Any]:
    """A committed quest with `tasks` tasks; returns the quest row with its `tasks` (ordered)."""
    n = next(_seq)
    quest = conn.execute(
        "insert into public.quests (title, description, source, is_active, is_public)"
        " values (%s, %s, %s, %s, %s) returning id, title",
        (title or f"Quest {n}", description, source, is_active, is_public),
    ).fetchone()
    rows = []
    for i in range(tasks):
        row = conn.execute(
            "insert into public.quest_tasks (quest_id, title, pillar, xp_value, order_index, is_required)"
            " values (%s, %s, %s, %s, %s, %s) returning id, pillar, xp_value, is_required",
            (
                quest[0],
                f"Task {i + 1} of quest {n}",
                (pillars or PILLAR_CYCLE)[i % len(pillars or PILLAR_CYCLE)],
                xp[i] if isinstance(xp, list) else xp,
                i,
                required[i] if required else True,
            ),
        ).fetchone()
        rows.append(dict(zip(("id", "pillar", "xp_value", "is_required"), row, strict=True)))
    return {"id": quest[0], "title": quest[1], "tasks": rows}


def signed_in(client, app, **overrides) -> tuple[dict[str, Any], dict[str, str]]:
    """A new user and the Authorization header for them."""
    user = make_user(app, **overrides)
    return user, bearer(login(client, user))


def set_tier(conn, user_id: Any, tier: str) -> None:
    """Arrange a user's subscription tier, without the history row and notice that a real
    change writes (triggers off for this one statement), so counts in tests start clean."""
    with conn.transaction():
        conn.execute("set local session_replication_role = replica")
        conn.execute(
            "update public.users set subscription_tier = %s where id = %s", (tier, user_id)
        )


def set_tier_features(conn, tier: str, **features: Any) -> None:
    """Change what a tier allows (feature=value; None is no limit)."""
    conn.execute(
        "update public.subscription_tiers set features = features || %s::jsonb where tier_key = %s",
        (json.dumps(features), tier),
    )
