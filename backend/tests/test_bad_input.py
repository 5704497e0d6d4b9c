"""Input that fuzzing our own OpenAPI document turned up: every one is a clear 4xx, never a 500.

PostgreSQL text cannot hold NUL (U+0000), so a string with one must be refused at the edge
(422 naming the field), whatever endpoint it is sent to; JSON nested deeper than the parser
recurses is a 400 like any malformed JSON; an over-long URL is a JSON 414.
"""

from __future__ import annotations

import io
import json
import socket
import threading
from typing import Any

import pytest
from click.testing import CliRunner
from psycopg.types.json import Jsonb
from werkzeug.serving import make_server

from .factories import make_quest, signed_in

NUL = "a\x00b"


@pytest.fixture
def world(client, app, conn) -> dict[str, Any]:
    """A student, an admin, a quest with tasks and a pending submission, for the URLs below."""
    student, student_headers = signed_in(client, app, username="stu")
    _, admin_headers = signed_in(client, app, role="admin")
    quest = make_quest(conn, tasks=2)
    submission = conn.execute(
        "insert into public.quest_submissions (user_id, title, suggested_tasks)"
        " values (%s, 'A proposed quest', %s) returning id",
        (
            student["id"],
            Jsonb([{"title": "T", "description": "", "pillar": "stem_logic", "xp_value": 50}]),
        ),
    ).fetchone()[0]
    return {
        "student": student_headers,
        "admin": admin_headers,
        "anon": {},
        "quest_id": quest["id"],
        "task_id": quest["tasks"][0]["id"],
        "submission_id": submission,
    }


def _task(**overrides: Any) -> dict[str, Any]:
    return {"title": "A task", "pillar": "stem_logic", "xp_value": 50, **overrides}


# (who, method, path, JSON body or None, the field the 422 must name)
NUL_CASES = [
    ("anon", "get", f"/api/quests?search={NUL}", None, "search"),
    ("admin", "get", f"/api/admin/users?search={NUL}", None, "search"),
    ("admin", "get", f"/api/admin/quests?search={NUL}", None, "search"),
    ("anon", "get", "/api/diplomas/a%00b", None, "slug"),
    ("anon", "get", "/api/storage/evidence/a%00b/c.png?expires=1&signature=x", None, "owner"),
    # A tagged union puts the tag first (frontend/src/api/errors.ts reads it so).
    (
        "student",
        "post",
        "/api/tasks/{task_id}/complete",
        {"type": "text", "text": NUL},
        "text.text",
    ),
    ("student", "patch", "/api/users/me", {"first_name": NUL}, "first_name"),
    ("student", "patch", "/api/users/me", {"last_name": NUL}, "last_name"),
    ("student", "patch", "/api/users/me", {"display_name": NUL}, "display_name"),
    ("student", "patch", "/api/users/me", {"username": "abc\x00"}, "username"),
    ("student", "patch", "/api/users/me/diploma", {"headline": NUL}, "headline"),
    ("student", "patch", "/api/users/me/diploma", {"bio": NUL}, "bio"),
    ("student", "post", "/api/team-requests", {"recipient": NUL}, "recipient"),
    ("student", "post", "/api/team-requests", {"recipient": "x", "message": NUL}, "message"),
    (
        "student",
        "post",
        "/api/quest-submissions",
        {"title": f"Quest {NUL}", "suggested_tasks": [_task()]},
        "title",
    ),
    (
        "student",
        "post",
        "/api/quest-submissions",
        {"title": "Quest", "suggested_tasks": [_task(description=NUL)]},
        "suggested_tasks.0.description",
    ),
    ("student", "post", "/api/ai/task-suggestions", {"title": f"Quest {NUL}"}, "title"),
    ("admin", "post", "/api/ai/quest-drafts", {"topic": f"Topic {NUL}"}, "topic"),
    ("admin", "post", "/api/admin/quests", {"title": NUL, "tasks": [_task()]}, "title"),
    (
        "admin",
        "post",
        "/api/admin/quests",
        {"title": "Q", "tasks": [_task(title=NUL)]},
        "tasks.0.title",
    ),
    ("admin", "patch", "/api/admin/quests/{quest_id}", {"description": NUL}, "description"),
    ("admin", "post", "/api/admin/quests/{quest_id}/tasks", _task(title=NUL), "title"),
    (
        "admin",
        "patch",
        "/api/admin/quests/{quest_id}/tasks/{task_id}",
        {"description": NUL},
        "description",
    ),
    (
        "admin",
        "post",
        "/api/admin/quest-submissions/{submission_id}/approve",
        {"title": f"Quest {NUL}"},
        "title",
    ),
    (
        "admin",
        "post",
        "/api/admin/quest-submissions/{submission_id}/reject",
        {"notes": NUL},
        "notes",
    ),
    (
        "anon",
        "post",
        "/api/auth/signup",
        {"email": "new@example.com", "password": "long-enough", "first_name": NUL},
        "first_name",
    ),
    (
        "anon",
        "post",
        "/api/auth/signup",
        {"email": "new@example.com", "password": "long-enough", "last_name": NUL},
        "last_name",
    ),
    ("anon", "post", "/api/auth/login", {"email": "a@example.com", "password": NUL}, "password"),
    ("anon", "post", "/api/auth/refresh", {"refresh_token": NUL}, "refresh_token"),
    ("anon", "post", "/api/auth/password/reset", {"token": NUL, "password": "x" * 8}, "token"),
]


@pytest.mark.parametrize(
    ("who", "method", "path", "payload", "field"),
    NUL_CASES,
    ids=[f"{c[1].upper()} {c[2].split('?')[0]} {c[4]}" for c in NUL_CASES],
)
def test_a_nul_character_is_a_422_naming_the_field(
    client, world, who, method, path, payload, field
):
    url = path.format(**world)
    kwargs: dict[str, Any] = {"headers": world[who]}
    if payload is not None:
        kwargs["json"] = payload
    resp = getattr(client, method)(url, **kwargs)
    assert resp.status_code == 422, resp.get_json()
    error = resp.get_json()["error"]
    assert error["code"] == "validation_error"
    named = [d for d in error["details"] if d["field"] == field]
    assert named, error["details"]
    if field != "username":  # its own pattern (a-z, 0-9, _) refuses NUL first
        assert named[0]["message"] == "Text cannot contain the NUL character (\\u0000)."


def test_a_lone_surrogate_is_a_422_too(client, world):
    """JSON may escape half of a surrogate pair; no text column can store it."""
    resp = client.patch(
        "/api/users/me",
        data='{"first_name": "a\\ud800b"}',
        content_type="application/json",
        headers=world["student"],
    )
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == "first_name"


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_json_nested_too_deep_is_a_400_on_login(client, depth):
    """The login rate limiter reads the e-mail from the body before the view does."""
    resp = client.post("/api/auth/login", data=_deep(depth), content_type="application/json")
    assert resp.status_code == 400
    assert resp.get_json()["error"] == {
        "code": "bad_request",
        "message": "The request body is not valid JSON.",
        "details": [],
    }


def test_json_nested_too_deep_is_a_400_on_a_signed_in_route(client, world):
    body = '{"first_name": ' + _deep(5_000) + "}"
    resp = client.patch(
        "/api/users/me", data=body, content_type="application/json", headers=world["student"]
    )
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "bad_request"


def test_json_nested_deep_but_parseable_is_still_a_422(client, world):
    resp = client.patch(
        "/api/users/me",
        data='{"first_name": ' + _deep(200) + "}",
        content_type="application/json",
        headers=world["student"],
    )
    assert resp.status_code == 422


def test_malformed_json_keeps_its_400(client):
    resp = client.post("/api/auth/login", data="{nope", content_type="application/json")
    assert resp.status_code == 400
    assert resp.get_json()["error"]["message"] == "The request body is not valid JSON."


def test_a_url_over_the_limit_is_a_json_414(client):
    resp = client.get("/api/quests?search=" + "x" * 9_000)
    assert resp.status_code == 414
    error = resp.get_json()["error"]
    assert error["code"] == "uri_too_long" and error["message"] and error["details"] == []
    assert resp.headers["X-Request-ID"]


def test_a_url_under_the_limit_is_served(client):
    assert client.get("/api/quests?page=1&x=" + "y" * 7_000).status_code == 200


def _raw_request(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture
def dev_server():
    """A real werkzeug server on 127.0.0.1 with `optio dev`'s request handler; its port."""
    from optio.cli import JsonErrorRequestHandler

    def wsgi(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"served"]

    server = make_server("127.0.0.1", 0, wsgi, request_handler=JsonErrorRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.mark.parametrize(
    ("request_head", "status", "code"),
    [
        (b"GET /api/" + b"x" * 70_000 + b" HTTP/1.1\r\n", 414, "uri_too_long"),
        (
            b"GET /api/health HTTP/1.1\r\nX-Big: " + b"y" * 70_000 + b"\r\n",
            431,
            "headers_too_large",
        ),
    ],
    ids=["70 KB request line", "70 KB header line"],
)
def test_the_dev_servers_own_errors_are_json(dev_server, request_head, status, code):
    answer = _raw_request(dev_server, request_head + b"\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines)}
    assert status_line.split(" ")[1] == str(status)
    assert headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["code"] == code and error["message"] and error["details"] == []


def test_the_dev_servers_error_json_escapes_what_the_client_sent(dev_server):
    """A request line it cannot parse gets an HTTP/0.9 answer (a body, no headers), which
    quotes the line back: quotes and backslashes must not break the JSON."""
    answer = _raw_request(dev_server, b'GET /x HTTP/1.1"\\\r\n\r\n')
    error = json.loads(answer)["error"]
    assert error["code"] == "bad_request"
    assert error["message"] == "Bad request version ('HTTP/1.1\"\\\\')"


BOOLEAN_CASES = [
    ("admin", "patch", "/api/admin/quests/{quest_id}", {"is_active": 0}, "is_active"),
    ("admin", "patch", "/api/admin/quests/{quest_id}", {"is_public": "yes"}, "is_public"),
    (
        "admin",
        "post",
        "/api/admin/quests",
        {"title": "Q", "is_public": 1, "tasks": [_task()]},
        "is_public",
    ),
    (
        "admin",
        "patch",
        "/api/admin/quests/{quest_id}/tasks/{task_id}",
        {"is_required": 0},
        "is_required",
    ),
    (
        "student",
        "post",
        "/api/tasks/{task_id}/complete",
        {"type": "text", "text": "done", "is_private": 1},
        "text.is_private",
    ),
    (
        "student",
        "post",
        "/api/quest-submissions",
        {"title": "Quest", "suggested_tasks": [_task()], "make_public": "false"},
        "make_public",
    ),
    ("admin", "get", "/api/admin/quests?is_active=1", None, "is_active"),
    ("admin", "get", "/api/admin/quests?is_active=yes", None, "is_active"),
]


@pytest.mark.parametrize(
    ("who", "method", "path", "payload", "field"),
    BOOLEAN_CASES,
    ids=[f"{c[1].upper()} {c[2]} {c[4]}" for c in BOOLEAN_CASES],
)
def test_only_true_and_false_are_booleans(client, world, who, method, path, payload, field):
    """The document says boolean; 0, 1, "yes" (and in JSON "true") are not."""
    kwargs: dict[str, Any] = {"headers": world[who]}
    if payload is not None:
        kwargs["json"] = payload
    resp = getattr(client, method)(path.format(**world), **kwargs)
    assert resp.status_code == 422, resp.get_json()
    assert [d["field"] for d in resp.get_json()["error"]["details"]] == [field]


def test_a_query_boolean_is_the_word_true_or_false(client, world, conn):
    conn.execute("update public.quests set is_active = false where id = %s", (world["quest_id"],))
    active = client.get("/api/admin/quests?is_active=true", headers=world["admin"]).get_json()
    retired = client.get("/api/admin/quests?is_active=false", headers=world["admin"]).get_json()
    assert world["quest_id"] not in [q["id"] for q in active["data"]]
    assert [q["id"] for q in retired["data"]] == [str(world["quest_id"])]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


@pytest.mark.parametrize(("is_private", "status"), [("true", 201), ("false", 201), ("1", 422)])
def test_a_form_boolean_is_the_word_true_or_false(client, world, is_private, status):
    client.post(f"/api/quests/{world['quest_id']}/enroll", headers=world["student"])
    resp = client.post(
        f"/api/tasks/{world['task_id']}/complete",
        data={"file": (io.BytesIO(PNG), "proof.png"), "is_private": is_private},
        content_type="multipart/form-data",
        headers=world["student"],
    )
    assert resp.status_code == status, resp.get_json()
    if status == 201:
        evidence = resp.get_json()["completion"]["evidence"]
        assert evidence["is_private"] is (is_private == "true")


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("/api/admin/quests/{quest_id}", {"title": None}, "title"),
        ("/api/admin/quests/{quest_id}", {"is_active": None}, "is_active"),
        ("/api/admin/quests/{quest_id}/tasks/{task_id}", {"xp_value": None}, "xp_value"),
    ],
)
def test_a_field_that_may_only_be_left_out_refuses_null(client, world, path, payload, field):
    resp = client.patch(path.format(**world), json=payload, headers=world["admin"])
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0] == {
        "field": field,
        "location": "body",
        "message": "May be left out, but not null.",
        "type": "not_null",
        "ctx": {},
    }


def test_null_removes_a_quest_image(client, world, conn):
    url = f"/api/admin/quests/{world['quest_id']}"
    client.patch(url, json={"image_url": "https://example.com/a.png"}, headers=world["admin"])
    resp = client.patch(url, json={"image_url": None}, headers=world["admin"])
    assert resp.status_code == 200 and resp.get_json()["image_url"] is None


def test_optio_dev_serves_with_the_json_error_handler(monkeypatch, tmp_path):
    """`optio dev` hands the handler to werkzeug (the server itself is not started here)."""
    import optio
    from optio import cli

    served: dict[str, Any] = {}

    class App:
        def run(self, **options: Any) -> None:
            served.update(options)

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPTIO_ENV", "development")
    monkeypatch.setattr(cli, "_conninfo", lambda: "postgresql:///unused")
    monkeypatch.setattr("optio.migrate.migrate", lambda conninfo: [])
    monkeypatch.setattr(cli, "seed", lambda: None)
    monkeypatch.setattr(optio, "create_app", lambda config=None: App())
    monkeypatch.setattr("optio.jobs.worker.Worker.run", lambda self: None)  # tests/jobs test it
    monkeypatch.setattr("optio.mail.digest.schedule", lambda app: None)  # tests/mail test it
    result = CliRunner().invoke(cli.main, ["dev", "--port", "5999"])
    assert result.exit_code == 0, result.output
    assert served["request_handler"] is cli.JsonErrorRequestHandler
    assert (served["host"], served["port"]) == ("127.0.0.1", 5999)
