"""An account with something in every corner (completions with a file, XP, a team request, a
link with feedback both ways, an audit entry, mail, a tier change), and the worker to run
exports."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from optio.jobs.worker import Worker

from ..factories import make_quest, signed_in
from ..quests.test_uploads import png_bytes, upload


def run_jobs(app) -> int:
    """Run every due job; how many ran."""
    worker, ran = Worker(app, name="account-tests"), 0
    while worker.run_one():
        ran += 1
    return ran


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def person(client, app, conn) -> dict[str, Any]:
    """A student with a busy history; `other` is a student linked to them both ways, `file` the bytes
    of their evidence image."""
    quest = make_quest(conn, tasks=2)
    user, headers = signed_in(client, app)
    other, other_headers = signed_in(client, app)
    assert client.post(f"/api/quests/{quest['id']}/enroll", headers=headers).status_code == 200
    image = png_bytes(extra=64)
    done = upload(client, quest["tasks"][0], headers, image, "me.png")
    assert done.status_code == 201, done.get_json()
    text = client.post(
        f"/api/tasks/{quest['tasks'][1]['id']}/complete",
        json={"type": "text", "text": "All done."},
        headers=headers,
    )
    assert text.status_code == 201, text.get_json()
    completion = done.get_json()["completion"]["id"]

    # The other person's own work, which our person (as a supporter too) gives feedback on.
    assert (
        client.post(f"/api/quests/{quest['id']}/enroll", headers=other_headers).status_code == 200
    )
    theirs = client.post(
        f"/api/tasks/{quest['tasks'][1]['id']}/complete",
        json={"type": "text", "text": "Mine."},
        headers=other_headers,
    ).get_json()["completion"]["id"]
    conn.execute(
        "insert into public.student_links (student_id, supporter_id, relation, scope)"
        " values (%(a)s, %(b)s, 'advisor', 'evidence'), (%(b)s, %(a)s, 'advisor', 'evidence')",
        {"a": user["id"], "b": other["id"]},
    )
    conn.execute(
        "insert into public.completion_feedback (completion_id, author_id, body)"
        " values (%s, %s, 'Well done.'), (%s, %s, 'Nice one.')",
        (completion, other["id"], theirs, user["id"]),
    )
    team = client.post("/api/team-requests", json={"recipient": other["email"]}, headers=headers)
    assert team.status_code in (200, 201), team.get_json()
    conn.execute(
        "insert into public.audit_log (actor_id, action, target_type, target_id, after)"
        " values (%s, 'user.update', 'user', %s, %s::jsonb)",
        (other["id"], str(user["id"]), f'{{"email": "{user["email"]}"}}'),
    )
    conn.execute(
        "insert into private.mail_outbox (kind, to_user, to_address, subject, text_body)"
        " values ('digest', %s, %s, 'Your week', 'Hello')",
        (user["id"], user["email"]),
    )
    conn.execute(
        "update public.users set subscription_tier = 'supported' where id = %s", (user["id"],)
    )
    return {
        **user,
        "headers": headers,
        "other": other,
        "other_headers": other_headers,
        "file": image,
        "quest": quest,
    }
