"""Team-up fixtures: the cast of a request (sender, recipient, a bystander, an admin), signed in,
and factories that write requests straight to the database."""

from __future__ import annotations

from typing import Any

import pytest

from ..factories import bearer, login, make_user

ACTORS = ["anon", "sender", "recipient", "other", "admin"]
DECISIONS = {
    # endpoint: {actor: status} for a pending request from `sender` to `recipient`
    "accept": {"anon": 401, "sender": 403, "recipient": 200, "other": 404, "admin": 403},
    "reject": {"anon": 401, "sender": 403, "recipient": 200, "other": 404, "admin": 403},
    "cancel": {"anon": 401, "sender": 200, "recipient": 403, "other": 404, "admin": 403},
}
DECIDED = {"accept": "accepted", "reject": "rejected", "cancel": "cancelled"}


@pytest.fixture
def cast(app) -> dict[str, dict[str, Any]]:
    """Each actor's user (None for anon) and Authorization headers ({} for anon). Each signs in
    on a client of its own, so that `client` carries no session cookie."""
    people: dict[str, dict[str, Any]] = {"anon": {"user": None, "headers": {}}}
    for name, role in (
        ("sender", "student"),
        ("recipient", "student"),
        ("other", "student"),
        ("admin", "admin"),
    ):
        user = make_user(app, role=role, username=name, first_name=name.title())
        people[name] = {"user": user, "headers": bearer(login(app.test_client(), user))}
    return people


def send(client, headers, recipient: str, **fields: Any):
    return client.post(
        "/api/team-requests", json={"recipient": recipient, **fields}, headers=headers
    )


def make_request(
    conn,
    sender: Any,
    recipient: Any,
    *,
    status: str = "pending",
    quest_id: Any = None,
    minutes_ago: int = 0,
) -> Any:
    """A committed request between two users; returns its id."""
    return conn.execute(
        "insert into public.team_requests"
        " (sender_id, recipient_id, quest_id, status, created_at, responded_at)"
        " select %(sender)s, %(recipient)s, %(quest)s, %(status)s, t.at,"
        "  case when %(status)s = 'pending' then null else t.at end"
        " from (select now() - make_interval(mins => %(ago)s) as at) t returning id",
        {
            "sender": sender,
            "recipient": recipient,
            "quest": quest_id,
            "status": status,
            "ago": minutes_ago,
        },
    ).fetchone()[0]


def enroll(conn, user_id: Any, quest_id: Any) -> None:
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) values (%s, %s)", (user_id, quest_id)
    )


def complete(conn, user_id: Any, task_id: Any, text: str = "done", private: bool = False) -> None:
    conn.execute(
        "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text, is_private)"
        " values (%s, %s, 'text', %s, %s)",
        (user_id, task_id, text, private),
    )


@pytest.fixture
def pending(conn, cast):
    """A pending request from the sender to the recipient; its id."""
    return make_request(conn, cast["sender"]["user"]["id"], cast["recipient"]["user"]["id"])
