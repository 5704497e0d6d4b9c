"""Factories of the submissions tests."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from psycopg.types.json import Jsonb

from ..factories import bearer, login, make_user, set_tier

_seq = itertools.count(1)


def suggested_tasks(n: int = 2, **overrides: Any) -> list[dict[str, Any]]:
    pillars = ["stem_logic", "arts_creativity", "life_wellness"]
    return [
        {
            "title": f"Suggested task {i + 1}",
            "description": f"Do step {i + 1}.",
            "pillar": pillars[i % len(pillars)],
            "xp_value": 50 + 5 * i,
            **overrides,
        }
        for i in range(n)
    ]


def make_submission(conn, user: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """A committed pending submission by `user`; returns its fields and id."""
    created_at = overrides.pop("created_at", None)
    fields = {
        "title": f"Custom quest {next(_seq)}",
        "description": "A quest a student proposed.",
        "suggested_tasks": suggested_tasks(),
        "make_public": True,
        **overrides,
    }
    row = conn.execute(
        "insert into public.quest_submissions"
        " (user_id, title, description, suggested_tasks, make_public, created_at)"
        " values (%s, %s, %s, %s, %s, coalesce(%s, now())) returning id",
        (
            user["id"],
            fields["title"],
            fields["description"],
            Jsonb(fields["suggested_tasks"]),
            fields["make_public"],
            created_at,
        ),
    ).fetchone()
    return {"id": row[0], "user_id": user["id"], **fields}


@pytest.fixture
def people(app, conn) -> dict[str, dict[str, Any]]:
    """An author, another student and an admin, each with `headers` to call the API as them.
    They are on the academy tier, which puts no limit on pending submissions (the limits are
    tested in tests/billing).

    They sign in on a client of their own: the login cookies must not make `client` anyone.
    """
    found = {}
    for name, role in (("author", "student"), ("other", "student"), ("admin", "admin")):
        user = make_user(app, role=role, first_name=name.title(), last_name="Tester")
        set_tier(conn, user["id"], "academy")
        found[name] = {**user, "headers": bearer(login(app.test_client(), user))}
    return found


@pytest.fixture
def submission(conn, people) -> dict[str, Any]:
    """A pending submission by the author."""
    return make_submission(conn, people["author"])
