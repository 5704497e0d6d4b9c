"""Editing a completion's evidence over HTTP: the evidence changes, the previous version is
kept, the XP stays awarded once."""

import httpx
import pytest

from ..concurrency import fire_together
from ..factories import bearer, login, make_quest, make_user, signed_in
from .test_uploads import PDF, multipart, png_bytes


@pytest.fixture
def done(client, app, conn):
    """A student who completed the first of two tasks with text evidence."""
    quest = make_quest(conn, tasks=2, xp=[80, 20], pillars=["arts_creativity", "stem_logic"])
    user, headers = signed_in(client, app)
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    task = quest["tasks"][0]
    resp = client.post(
        f"/api/tasks/{task['id']}/complete",
        json={"type": "text", "text": "first try"},
        headers=headers,
    )
    assert resp.status_code == 201
    return quest, task, user, headers


def path(quest, task):
    return f"/api/quests/{quest['id']}/tasks/{task['id']}/completion"


def ledger(conn, user):
    return conn.execute(
        "select count(*), coalesce(sum(amount), 0) from public.xp_events where user_id = %s",
        (user["id"],),
    ).fetchone()


def revisions(conn, user):
    return conn.execute(
        "select evidence_type, evidence_text, evidence_url, evidence_path, is_private"
        " from public.evidence_revisions where user_id = %s order by revised_at, id",
        (user["id"],),
    ).fetchall()


def test_editing_text_evidence_changes_it_and_awards_no_xp_again(client, conn, done):
    quest, task, user, headers = done
    before = ledger(conn, user)
    resp = client.patch(
        path(quest, task), json={"type": "text", "text": "second, better try"}, headers=headers
    )
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert body["evidence"]["text"] == "second, better try"
    assert body["xp_awarded"] == 80
    assert ledger(conn, user) == before == (1, 80)
    skill = conn.execute(
        "select xp_amount from public.user_skill_xp where user_id = %s", (user["id"],)
    ).fetchone()
    assert skill == (80,)


def test_the_replaced_version_is_kept(client, conn, done):
    quest, task, user, headers = done
    client.patch(
        path(quest, task),
        json={"type": "link", "url": "https://example.com/work", "is_private": True},
        headers=headers,
    )
    assert revisions(conn, user) == [("text", "first try", None, None, False)]
    row = conn.execute(
        "select evidence_type, evidence_text, evidence_url, is_private"
        " from public.quest_task_completions where user_id = %s",
        (user["id"],),
    ).fetchone()
    assert row == ("link", None, "https://example.com/work", True)


def test_the_quest_page_shows_the_edited_evidence(client, done):
    quest, task, _user, headers = done
    client.patch(path(quest, task), json={"type": "text", "text": "edited"}, headers=headers)
    page = client.get(f"/api/quests/{quest['id']}", headers=headers).get_json()
    assert page["tasks"][0]["completion"]["evidence"]["text"] == "edited"
    assert page["progress"]["xp_earned"] == 80


def test_an_edit_takes_two_round_trips(client, done):
    quest, task, _user, headers = done
    resp = client.patch(path(quest, task), json={"type": "text", "text": "x"}, headers=headers)
    assert resp.headers["X-DB-Round-Trips"] == "2"


def test_a_file_replaces_text_evidence_and_is_stored_like_a_completions(
    client, conn, done, stored_evidence
):
    quest, task, user, headers = done
    body, content_type = multipart(png_bytes(), "new photo.png")
    resp = client.patch(path(quest, task), data=body, headers=headers, content_type=content_type)
    assert resp.status_code == 200, resp.get_json()
    evidence = resp.get_json()["evidence"]
    assert evidence["type"] == "image" and evidence["content_type"] == "image/png"
    assert evidence["text"] is None
    [key] = stored_evidence.keys()
    assert key.startswith(f"{user['id']}/")
    assert stored_evidence.fetch(client, evidence["file_url"]) == (200, png_bytes(), "image/png")
    assert resp.headers["X-DB-Round-Trips"] == "2"
    assert ledger(conn, user) == (1, 80)


def test_replacing_a_file_keeps_the_old_one_in_the_history(client, conn, done, stored_evidence):
    quest, task, user, headers = done
    for data, name in ((png_bytes(), "a.png"), (PDF, "b.pdf")):
        body, content_type = multipart(data, name)
        resp = client.patch(
            path(quest, task), data=body, headers=headers, content_type=content_type
        )
        assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["evidence"]["type"] == "document"
    history = revisions(conn, user)
    assert [r[0] for r in history] == ["text", "image"]
    stored = stored_evidence.keys()
    assert len(stored) == 2 and history[1][3] in stored


def test_text_after_a_file_clears_the_file_columns(client, conn, done, stored_evidence):
    quest, task, user, headers = done
    body, content_type = multipart(png_bytes(), "a.png")
    client.patch(path(quest, task), data=body, headers=headers, content_type=content_type)
    client.patch(path(quest, task), json={"type": "text", "text": "words"}, headers=headers)
    row = conn.execute(
        "select evidence_type, evidence_path, evidence_content_type, evidence_size"
        " from public.quest_task_completions where user_id = %s",
        (user["id"],),
    ).fetchone()
    assert row == ("text", None, None, None)


def test_a_refused_file_changes_nothing_and_stores_nothing(client, conn, done, stored_evidence):
    quest, task, user, headers = done
    body, content_type = multipart(b"not an image at all", "x.png")
    resp = client.patch(path(quest, task), data=body, headers=headers, content_type=content_type)
    assert resp.status_code == 415
    assert stored_evidence.keys() == []
    assert revisions(conn, user) == []


def test_editing_a_task_not_completed_is_not_found(client, conn, done, stored_evidence):
    quest, _task, _user, headers = done
    body, content_type = multipart(png_bytes(), "a.png")
    resp = client.patch(
        path(quest, quest["tasks"][1]), data=body, headers=headers, content_type=content_type
    )
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "not_completed"
    assert stored_evidence.keys() == []  # the file stored for it was removed again


def test_the_task_must_belong_to_the_quest_named(client, conn, done):
    _quest, task, _user, headers = done
    other = make_quest(conn, tasks=1)
    resp = client.patch(path(other, task), json={"type": "text", "text": "x"}, headers=headers)
    assert resp.status_code == 404


def test_another_student_cannot_edit_my_evidence(client, app, conn, done):
    quest, task, user, _headers = done
    _other, other_headers = signed_in(client, app)
    resp = client.patch(
        path(quest, task), json={"type": "text", "text": "vandal"}, headers=other_headers
    )
    assert resp.status_code == 404
    text = conn.execute(
        "select evidence_text from public.quest_task_completions where user_id = %s",
        (user["id"],),
    ).fetchone()
    assert text == ("first try",)


def test_editing_needs_a_signed_in_user(app, done):
    quest, task, _user, _headers = done
    visitor = app.test_client()
    assert visitor.patch(path(quest, task), json={"type": "text", "text": "x"}).status_code == 401


def test_blank_text_is_refused(client, done):
    quest, task, _user, headers = done
    resp = client.patch(path(quest, task), json={"type": "text", "text": "   "}, headers=headers)
    assert resp.status_code == 422


@pytest.fixture
def settings_overrides():
    return {"db_pool_max_size": 4}


def test_two_simultaneous_edits_both_land_and_xp_stays_awarded_once(app, client, conn, server):
    quest = make_quest(conn, tasks=1, xp=[50])
    user = make_user(app)
    headers = bearer(login(client, user))
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    task = quest["tasks"][0]
    client.post(
        f"/api/tasks/{task['id']}/complete", json={"type": "text", "text": "v1"}, headers=headers
    )

    def send(text):
        with httpx.Client(base_url=server, timeout=30) as http:
            return http.patch(
                path(quest, task), json={"type": "text", "text": text}, headers=headers
            ).status_code

    assert fire_together([lambda: send("edit A"), lambda: send("edit B")]) == [200, 200]
    assert ledger(conn, user) == (1, 50)
    kept = {r[1] for r in revisions(conn, user)}
    final = conn.execute(
        "select evidence_text from public.quest_task_completions where user_id = %s",
        (user["id"],),
    ).fetchone()[0]
    assert len(revisions(conn, user)) == 2
    assert kept | {final} == {"v1", "edit A", "edit B"}


def test_sending_the_same_evidence_again_keeps_no_revision(client, conn, done):
    quest, task, user, headers = done
    resp = client.patch(
        path(quest, task), json={"type": "text", "text": "first try"}, headers=headers
    )
    assert resp.status_code == 200
    assert revisions(conn, user) == []


def test_making_evidence_private_is_an_edit_too(client, conn, done):
    quest, task, user, headers = done
    resp = client.patch(
        path(quest, task),
        json={"type": "text", "text": "first try", "is_private": True},
        headers=headers,
    )
    assert resp.get_json()["evidence"]["is_private"] is True
    assert revisions(conn, user) == [("text", "first try", None, None, False)]
