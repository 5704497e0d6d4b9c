"""Every admin endpoint: anonymous 401, student 403, admin 2xx; and RLS as the floor beneath."""

from __future__ import annotations

import re
from contextlib import contextmanager

import psycopg
import pytest

from optio.admin.quests import service as quest_service
from optio.admin.quests.schemas import QuestIn
from optio.admin.users import service as user_service
from optio.admin.users.schemas import AdminUserUpdate
from optio.db import tx
from optio.errors import NotFound

from ..conftest import acting_as
from ..diplomas.conftest import complete
from ..factories import make_quest, make_user

TASK = {"title": "Read a chapter", "pillar": "stem_logic", "xp_value": 25, "is_required": True}
NEW_QUEST = {
    "title": "Orbits",
    "description": "Why the Moon does not fall.",
    "source": "custom",
    "is_public": True,
    "tasks": [TASK],
}

NEW_ACHIEVEMENT = {
    "key": "five_tasks",
    "name": "High five",
    "description": "Complete five tasks.",
    "category": "quests",
    "condition": {"kind": "tasks_completed", "at_least": 5},
}

# (method, path with {user}/{quest}/{task}/{task_ids}, JSON body, the admin's status)
ENDPOINTS = [
    ("GET", "/api/admin/analytics", None, 200),
    ("GET", "/api/admin/users?search=user&role=student&page=1&per_page=5", None, 200),
    ("PATCH", "/api/admin/users/{user}", {"subscription_tier": "academy"}, 200),
    ("GET", "/api/admin/quests?search=quest&page=1", None, 200),
    ("POST", "/api/admin/quests", NEW_QUEST, 201),
    ("GET", "/api/admin/quests/{quest}", None, 200),
    ("PATCH", "/api/admin/quests/{quest}", {"is_active": False}, 200),
    ("POST", "/api/admin/quests/{quest}/tasks", TASK, 201),
    ("PATCH", "/api/admin/quests/{quest}/tasks/{task}", {"xp_value": 40}, 200),
    ("DELETE", "/api/admin/quests/{quest}/tasks/{task}", None, 204),
    ("PUT", "/api/admin/quests/{quest}/task-order", {"task_ids": "{task_ids}"}, 200),
    ("POST", "/api/admin/credentials/{credential}/revoke", {"reason": "Copied work."}, 200),
    ("GET", "/api/admin/achievements", None, 200),
    ("POST", "/api/admin/achievements", NEW_ACHIEVEMENT, 201),
    ("PATCH", "/api/admin/achievements/{achievement}", {"retired": True}, 200),
]
IDS = [f"{method} {re.sub(r'[?].*', '', path)}" for method, path, _, _ in ENDPOINTS]


@pytest.fixture
def target(app, conn):
    """Another user, a quest with two tasks, and the credential of a quest the user completed."""
    quest, done = make_quest(conn, tasks=2), make_quest(conn, tasks=1)
    user = make_user(app)
    complete(conn, user["id"], done)
    credential = conn.execute(
        "select id from public.credentials where user_id = %s", (user["id"],)
    ).fetchone()[0]
    conn.execute(
        "insert into public.achievements (key, name, description, category, condition)"
        " values ('listed', 'Listed', 'An achievement.', 'xp',"
        ' \'{"kind": "total_xp", "at_least": 10}\')'
    )
    return {"user": user, "quest": quest, "credential": credential, "achievement": "listed"}


def _request(client, headers, target, method, path, payload):
    ids = {
        "user": target["user"]["id"],
        "quest": target["quest"]["id"],
        "task": target["quest"]["tasks"][0]["id"],
        "credential": target["credential"],
        "achievement": target["achievement"],
    }
    if payload and payload.get("task_ids") == "{task_ids}":
        payload = {"task_ids": [str(t["id"]) for t in reversed(target["quest"]["tasks"])]}
    return client.open(path.format(**ids), method=method, json=payload, headers=headers)


@pytest.mark.parametrize(("method", "path", "payload", "status"), ENDPOINTS, ids=IDS)
def test_anonymous_requests_get_401(app, target, method, path, payload, status):
    resp = _request(app.test_client(), {}, target, method, path, payload)
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(("method", "path", "payload", "status"), ENDPOINTS, ids=IDS)
def test_students_get_403_and_change_nothing(
    client, conn, student, target, method, path, payload, status
):
    counts = "select (select count(*) from public.quest_tasks), (select count(*) from public.quests), (select count(*) from public.audit_log)"
    before = conn.execute(counts).fetchone()
    resp = _request(client, student[1], target, method, path, payload)
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "admin_only"
    assert conn.execute(counts).fetchone() == before


@pytest.mark.parametrize(("method", "path", "payload", "status"), ENDPOINTS, ids=IDS)
def test_admins_succeed_in_at_most_three_round_trips(
    client, admin, target, method, path, payload, status
):
    resp = _request(client, admin[1], target, method, path, payload)
    assert resp.status_code == status, resp.get_json()
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3


def test_the_matrix_covers_every_admin_route(app):
    """A new admin route must join the matrix (quest submissions have their own tests)."""
    routes = {
        (method, re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/admin/")
        and not rule.rule.startswith("/api/admin/quest-submissions")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    covered = {
        (
            method,
            re.sub(r"[?].*", "", path)
            .replace("{quest}", "{quest_id}")
            .replace("{task}", "{task_id}")
            .replace("{user}", "{user_id}")
            .replace("{credential}", "{credential_id}")
            .replace("{achievement}", "{key}"),
        )
        for method, path, _, _ in ENDPOINTS
    }
    assert routes == covered


@contextmanager
def _service_as(app, user):
    """Call services directly, skipping the route guard: queries run as `user` under RLS and
    are rolled back."""
    with app.test_request_context():
        tx().act_as("authenticated", {"sub": str(user["id"]), "role": "authenticated"})
        try:
            yield
        finally:
            tx().rollback()


def test_rls_refuses_a_students_account_change_even_without_the_route_guard(app, conn, target):
    mallory = make_user(app)
    victim = target["user"]["id"]
    with _service_as(app, mallory), pytest.raises(NotFound):
        user_service.update_user(mallory["id"], victim, AdminUserUpdate(role="admin"))
    role = conn.execute("select role from public.users where id = %s", (victim,)).fetchone()[0]
    assert role == "student"


def test_rls_refuses_a_students_quest_even_without_the_route_guard(app, conn):
    mallory = make_user(app)
    with _service_as(app, mallory), pytest.raises(psycopg.errors.InsufficientPrivilege):
        quest_service.create_quest(mallory["id"], QuestIn.model_validate(NEW_QUEST))
    assert conn.execute("select count(*) from public.quests").fetchone()[0] == 0


def test_only_admins_read_the_audit_log_and_only_as_themselves_write_it(app, conn):
    admin, student = make_user(app, role="admin"), make_user(app)
    entry = (
        "insert into public.audit_log (actor_id, action, target_type) values (%s, 'x.y', 'user')"
    )
    with acting_as(conn, student["id"]) as cur:
        assert cur.execute("select count(*) from public.audit_log").fetchone()[0] == 0
    with acting_as(conn, student["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(entry, (student["id"],))
    with acting_as(conn, admin["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(entry, (student["id"],))  # an admin cannot write in someone else's name
    with acting_as(conn, admin["id"]) as cur:
        cur.execute(entry, (admin["id"],))
        assert cur.execute("select count(*) from public.audit_log").fetchone()[0] == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no right to, and append-only
            cur.execute("update public.audit_log set action = 'forged'")
