"""Several pieces of evidence for one task: added beside the completion's own evidence and
removed again by its student, within a cap, never awarding XP."""

import uuid

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_quest, make_user, signed_in
from .test_uploads import multipart, png_bytes


@pytest.fixture
def done(client, app, conn):
    quest = make_quest(conn, tasks=2, xp=[80, 20])
    user, headers = signed_in(client, app)
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    task = quest["tasks"][0]
    client.post(
        f"/api/tasks/{task['id']}/complete",
        json={"type": "text", "text": "a paragraph", "is_private": True},
        headers=headers,
    )
    return quest, task, user, headers


def items_path(quest, task):
    return f"/api/quests/{quest['id']}/tasks/{task['id']}/completion/items"


def ledger(conn, user):
    return conn.execute(
        "select count(*), coalesce(sum(amount), 0) from public.xp_events where user_id = %s",
        (user["id"],),
    ).fetchone()


def test_a_photo_beside_the_paragraph_shows_on_the_quest_page_and_awards_nothing(
    client, conn, done, stored_evidence
):
    quest, task, user, headers = done
    body, content_type = multipart(png_bytes(), "photo.png")
    resp = client.post(
        items_path(quest, task), data=body, headers=headers, content_type=content_type
    )
    assert resp.status_code == 201, resp.get_json()
    item = resp.get_json()
    assert item["type"] == "image" and item["content_type"] == "image/png"
    assert stored_evidence.fetch(client, item["file_url"]) == (200, png_bytes(), "image/png")
    assert resp.headers["X-DB-Round-Trips"] == "2"
    assert ledger(conn, user) == (1, 80)

    page = client.get(f"/api/quests/{quest['id']}", headers=headers).get_json()
    completion = page["tasks"][0]["completion"]
    assert completion["evidence"]["text"] == "a paragraph"
    assert [i["id"] for i in completion["items"]] == [item["id"]]
    assert stored_evidence.is_signed_url(completion["items"][0]["file_url"])
    assert page["tasks"][1]["completion"] is None


def test_text_and_link_items_come_in_the_order_added(client, done):
    quest, task, _user, headers = done
    for payload in (
        {"type": "link", "url": "https://example.com/video"},
        {"type": "text", "text": "and a note"},
    ):
        assert (
            client.post(items_path(quest, task), json=payload, headers=headers).status_code == 201
        )
    page = client.get(f"/api/quests/{quest['id']}", headers=headers).get_json()
    items = page["tasks"][0]["completion"]["items"]
    assert [(i["type"], i["url"], i["text"]) for i in items] == [
        ("link", "https://example.com/video", None),
        ("text", None, "and a note"),
    ]


def test_an_item_has_no_privacy_of_its_own(client, done):
    quest, task, _user, headers = done
    resp = client.post(
        items_path(quest, task),
        json={"type": "text", "text": "x", "is_private": False},
        headers=headers,
    )
    assert resp.status_code == 422


def test_a_task_holds_at_most_five_more_pieces(client, conn, done):
    quest, task, _user, headers = done
    for n in range(5):
        resp = client.post(
            items_path(quest, task), json={"type": "text", "text": f"n{n}"}, headers=headers
        )
        assert resp.status_code == 201
    resp = client.post(items_path(quest, task), json={"type": "text", "text": "6"}, headers=headers)
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "evidence_items_full"
    assert conn.execute("select count(*) from public.evidence_items").fetchone() == (5,)


def test_the_cap_is_the_databases(conn):
    from optio.quests.queries import MAX_EVIDENCE_ITEMS

    assert conn.execute("select private.max_evidence_items()").fetchone() == (MAX_EVIDENCE_ITEMS,)


def test_adding_to_a_task_not_completed_is_not_found_and_keeps_no_file(
    client, done, stored_evidence
):
    quest, _task, _user, headers = done
    body, content_type = multipart(png_bytes(), "photo.png")
    resp = client.post(
        items_path(quest, quest["tasks"][1]), data=body, headers=headers, content_type=content_type
    )
    assert resp.status_code == 404
    assert stored_evidence.keys() == []


def test_removing_an_item(client, conn, done):
    quest, task, _user, headers = done
    item = client.post(
        items_path(quest, task), json={"type": "text", "text": "oops"}, headers=headers
    ).get_json()
    resp = client.delete(f"{items_path(quest, task)}/{item['id']}", headers=headers)
    assert resp.status_code == 204
    assert resp.headers["X-DB-Round-Trips"] == "2"
    assert conn.execute("select count(*) from public.evidence_items").fetchone() == (0,)
    again = client.delete(f"{items_path(quest, task)}/{item['id']}", headers=headers)
    assert again.status_code == 404


def test_another_student_neither_adds_to_nor_removes_my_items(client, app, conn, done):
    quest, task, _user, headers = done
    item = client.post(
        items_path(quest, task), json={"type": "text", "text": "mine"}, headers=headers
    ).get_json()
    _other, other_headers = signed_in(client, app)
    added = client.post(
        items_path(quest, task), json={"type": "text", "text": "theirs"}, headers=other_headers
    )
    removed = client.delete(f"{items_path(quest, task)}/{item['id']}", headers=other_headers)
    assert (added.status_code, removed.status_code) == (404, 404)
    assert conn.execute("select count(*) from public.evidence_items").fetchone() == (1,)


# As `authenticated`, with plain SQL -------------------------------------------------------------


@pytest.fixture
def world(app, conn):
    alice, bob = make_user(app), make_user(app)
    quest = make_quest(conn, tasks=1)
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) values (%s, %s)",
        (alice["id"], quest["id"]),
    )
    completion = conn.execute(
        "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text)"
        " values (%s, %s, 'text', 'main') returning id",
        (alice["id"], quest["tasks"][0]["id"]),
    ).fetchone()[0]
    return {"alice": alice["id"], "bob": bob["id"], "completion": completion}


ADD = (
    "insert into public.evidence_items (completion_id, user_id, evidence_type, evidence_text)"
    " values (%s, %s, 'text', 'more')"
)


def test_a_student_adds_items_to_their_own_completion_only(conn, world):
    with acting_as(conn, world["alice"]) as cur:
        cur.execute(ADD, (world["completion"], world["alice"]))
        assert cur.execute("select count(*) from public.evidence_items").fetchone() == (1,)
    with (
        acting_as(conn, world["bob"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(ADD, (world["completion"], world["bob"]))


def test_an_item_awards_no_xp(conn, world):
    with acting_as(conn, world["alice"]) as cur:
        cur.execute(ADD, (world["completion"], world["alice"]))
        assert cur.execute("select count(*) from public.xp_events").fetchone() == (1,)


def test_the_database_holds_the_cap(conn, world):
    with acting_as(conn, world["alice"]) as cur:
        for _ in range(5):
            cur.execute(ADD, (world["completion"], world["alice"]))
        with pytest.raises(psycopg.errors.CheckViolation):
            cur.execute(ADD, (world["completion"], world["alice"]))


def test_another_student_reads_and_removes_none_of_my_items(conn, world):
    conn.execute(ADD, (world["completion"], world["alice"]))
    with acting_as(conn, world["bob"]) as cur:
        assert cur.execute("select count(*) from public.evidence_items").fetchone() == (0,)
        cur.execute("delete from public.evidence_items")
        assert cur.rowcount == 0


def test_a_file_item_is_a_file_stored_for_me(conn, world):
    bobs = f"{world['bob']}/{uuid.uuid4().hex}.png"
    conn.execute(
        "insert into private.evidence_objects (path, owner, content_type, size)"
        " values (%s, %s, 'image/png', 10)",
        (bobs, world["bob"]),
    )
    with (
        acting_as(conn, world["alice"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(
            "insert into public.evidence_items (completion_id, user_id, evidence_type, evidence_path)"
            " values (%s, %s, 'image', %s)",
            (world["completion"], world["alice"], bobs),
        )


def test_a_file_item_takes_type_and_size_from_the_record(conn, world):
    mine = f"{world['alice']}/{uuid.uuid4().hex}.png"
    conn.execute(
        "insert into private.evidence_objects (path, owner, content_type, size)"
        " values (%s, %s, 'image/png', 321)",
        (mine, world["alice"]),
    )
    with acting_as(conn, world["alice"]) as cur:
        row = cur.execute(
            "insert into public.evidence_items (completion_id, user_id, evidence_type, evidence_path)"
            " values (%s, %s, 'image', %s) returning evidence_content_type, evidence_size",
            (world["completion"], world["alice"], mine),
        ).fetchone()
    assert row == ("image/png", 321)


@pytest.mark.parametrize(
    "statement",
    [
        "update public.evidence_items set evidence_text = 'changed'",
        "insert into public.evidence_items"
        " (completion_id, user_id, evidence_type, evidence_path, evidence_size)"
        " values ('{completion}', '{me}', 'image', 'x', 1)",
    ],
)
def test_no_client_writes_an_items_other_columns(conn, world, statement):
    conn.execute(ADD, (world["completion"], world["alice"]))
    with (
        acting_as(conn, world["alice"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(statement.format(completion=world["completion"], me=world["alice"]))


def test_a_linked_parent_reads_items_as_they_read_the_evidence(app, conn, world):
    parent = make_user(app, role="parent")
    conn.execute(
        "insert into public.student_links (student_id, supporter_id, relation, scope)"
        " values (%s, %s, 'parent', 'evidence')",
        (world["alice"], parent["id"]),
    )
    conn.execute(ADD, (world["completion"], world["alice"]))
    with acting_as(conn, parent["id"]) as cur:
        assert cur.execute("select count(*) from public.evidence_items").fetchone() == (1,)
    conn.execute("update public.quest_task_completions set is_private = true")
    with acting_as(conn, parent["id"]) as cur:
        assert cur.execute("select count(*) from public.evidence_items").fetchone() == (0,)
