"""Reading a diploma by its address (the first view, a completed quest with its evidence), and its
owner's settings."""

import json

import pytest

from ..factories import make_quest, signed_in
from .conftest import complete, diploma_of, publish, stored_png


@pytest.fixture
def ana(client, app, conn, student):
    """Ana (a signed-in student) has one completed quest with text, private and file evidence,
    and one quest in progress."""
    user, headers = student
    done = make_quest(
        conn, title="Build a budget", description="Plan a month.", tasks=3, xp=[40, 60, 100]
    )
    complete(
        conn,
        user["id"],
        done,
        [
            {"evidence_text": "My spreadsheet is public"},
            {"evidence_text": "My secret diary", "is_private": True},
            {
                "evidence_type": "image",
                "evidence_text": None,
                "evidence_path": stored_png(app, user["id"]),
                "evidence_content_type": "image/png",
                "evidence_size": 48,
            },
        ],
    )
    going = make_quest(conn, title="Run a 5K", tasks=4, xp=25)
    complete(conn, user["id"], going, [{}])
    return {
        **user,
        "headers": headers,
        "slug": diploma_of(conn, user["id"])["slug"],
        "done": done,
    }


def test_a_public_diplomas_first_view_shows_quests_progress_xp_and_totals(conn, ana, visitor):
    publish(conn, ana["id"])
    resp = visitor.get(f"/api/diplomas/{ana['slug']}")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["slug"] == "ana-lopez" and body["is_public"] is True
    assert body["display_name"] == "Ana López" and body["accredited"] is False
    [quest] = body["recent_quests"]
    assert quest == {
        "id": str(ana["done"]["id"]),
        "title": "Build a budget",
        "description": "Plan a month.",
        "source": "custom",
        "started_at": quest["started_at"],
        "completed_at": quest["completed_at"],
        "xp_earned": 200,
        "tasks_completed": 3,
        "pillars": sorted(t["pillar"] for t in ana["done"]["tasks"]),
    }
    assert body["featured_quests"] == [] and body["more_quests"] is None
    [going] = body["in_progress_quests"]
    assert going["title"] == "Run a 5K"
    assert going["progress"]["completed_tasks"] == 1 and going["progress"]["percent"] == 25
    assert body["totals"] == {"completed_quests": 1, "completed_tasks": 4, "quests_in_progress": 1}
    assert body["xp"]["total"] == 225


def test_a_completed_quest_shows_its_tasks_and_evidence_with_file_links_of_the_api(
    client, conn, ana, visitor, stored_evidence
):
    publish(conn, ana["id"])
    resp = visitor.get(f"/api/diplomas/{ana['slug']}/quests/{ana['done']['id']}")
    assert resp.status_code == 200
    quest = resp.get_json()
    assert quest["title"] == "Build a budget" and quest["description"] == "Plan a month."
    assert quest["xp_earned"] == 200 and quest["image_url"] is None
    text, private, image = (t["evidence"] for t in quest["tasks"])
    assert text == {
        "type": "text",
        "text": "My spreadsheet is public",
        "url": None,
        "file_url": None,
        "content_type": None,
    }
    assert private is None
    assert image["type"] == "image" and image["content_type"] == "image/png"
    assert image["file_url"].startswith(f"/api/diplomas/{ana['slug']}/evidence/")
    followed = visitor.get(image["file_url"])
    assert followed.status_code == 302
    assert stored_evidence.is_signed_url(followed.headers["Location"])
    status, _, content_type = stored_evidence.fetch(client, image["file_url"])
    assert status == 200 and content_type == "image/png"


def test_a_quest_in_progress_or_not_taken_has_no_page_on_the_diploma(conn, ana, visitor):
    publish(conn, ana["id"])
    going = conn.execute(
        "select quest_id from public.user_quests where user_id = %s and completed_at is null",
        (ana["id"],),
    ).fetchone()[0]
    other = make_quest(conn, tasks=1)["id"]
    for quest_id in (going, other):
        resp = visitor.get(f"/api/diplomas/{ana['slug']}/quests/{quest_id}")
        assert resp.status_code == 404
        assert resp.get_json()["error"]["code"] == "not_found"


def test_no_part_of_a_diploma_carries_the_email_private_evidence_or_storage_paths(
    client, conn, ana, visitor
):
    publish(conn, ana["id"])
    slug = ana["slug"]
    path = conn.execute(
        "select evidence_path from public.quest_task_completions where evidence_path is not null"
    ).fetchone()[0]
    for url in (
        f"/api/diplomas/{slug}",
        f"/api/diplomas/{slug}/quests",
        f"/api/diplomas/{slug}/quests/{ana['done']['id']}",
    ):
        text = visitor.get(url).get_data(as_text=True)
        assert "My secret diary" not in text and ana["email"] not in text, url
        assert path not in text and '"path"' not in text, url


def test_diploma_xp_equals_my_xp(client, conn, ana, visitor):
    publish(conn, ana["id"])
    mine = client.get("/api/users/me/xp", headers=ana["headers"]).get_json()
    assert visitor.get(f"/api/diplomas/{ana['slug']}").get_json()["xp"] == mine
    assert mine["total"] == 225


def test_an_academy_diploma_is_accredited(client, conn, ana, visitor):
    publish(conn, ana["id"])
    conn.execute(
        "update public.users set subscription_tier = 'academy' where id = %s", (ana["id"],)
    )
    body = visitor.get(f"/api/diplomas/{ana['slug']}").get_json()
    assert body["accredited"] is True and "academy" not in json.dumps(body)


@pytest.mark.parametrize("viewer", ["anon", "another student"])
@pytest.mark.parametrize(
    "part", ["", "/quests", "/quests/{quest}", "/evidence/{completion}"], ids=str.strip
)
def test_a_private_diploma_cannot_be_told_from_a_missing_one(
    client, app, conn, ana, viewer, visitor, part
):
    browser, headers = (visitor, {}) if viewer == "anon" else (client, signed_in(client, app)[1])
    completion = conn.execute(
        "select id from public.quest_task_completions where evidence_path is not null"
    ).fetchone()[0]
    tail = part.format(quest=ana["done"]["id"], completion=completion)
    private = browser.get(f"/api/diplomas/{ana['slug']}{tail}", headers=headers)
    missing = browser.get(f"/api/diplomas/no-such-student{tail}", headers=headers)
    assert private.status_code == missing.status_code == 404
    assert private.get_json()["error"]["code"] == "not_found"
    assert private.get_data() == missing.get_data()
    for name in ("ETag", "Cache-Control", "X-DB-Round-Trips", "Content-Type"):
        assert private.headers.get(name) == missing.headers.get(name), name


def test_a_deactivated_students_public_diploma_is_hidden(client, conn, ana, admin_headers, visitor):
    publish(conn, ana["id"])
    conn.execute("update public.users set is_active = false where id = %s", (ana["id"],))
    assert visitor.get(f"/api/diplomas/{ana['slug']}").status_code == 404
    assert client.get(f"/api/diplomas/{ana['slug']}", headers=admin_headers).status_code == 200


@pytest.mark.parametrize("viewer", ["owner", "admin"])
def test_a_private_diploma_seen_by_its_owner_or_an_admin_is_not_cached(
    client, ana, admin_headers, viewer
):
    headers = ana["headers"] if viewer == "owner" else admin_headers
    resp = client.get(f"/api/diplomas/{ana['slug']}", headers=headers)
    assert resp.status_code == 200 and resp.get_json()["is_public"] is False
    assert resp.headers["Cache-Control"] == "private, no-store"
    assert resp.headers["ETag"]


# My diploma ----------------------------------------------------------------------------------


def test_my_diploma_reads_even_while_private(client, ana):
    resp = client.get("/api/users/me/diploma", headers=ana["headers"])
    assert resp.status_code == 200
    assert resp.get_json()["slug"] == "ana-lopez" and resp.get_json()["is_public"] is False
    assert resp.headers["Cache-Control"] == "private, no-store"


def test_publishing_makes_it_readable_by_anyone(client, ana, visitor):
    assert visitor.get("/api/diplomas/ana-lopez").status_code == 404
    resp = client.patch("/api/users/me/diploma", json={"is_public": True}, headers=ana["headers"])
    assert resp.status_code == 200 and resp.get_json()["is_public"] is True
    assert resp.headers["Cache-Control"] == "private, no-store"
    assert visitor.get("/api/diplomas/ana-lopez").status_code == 200


def test_headline_and_bio_are_set_and_cleared(client, ana):
    resp = client.patch(
        "/api/users/me/diploma",
        json={"headline": "  Future economist ", "bio": "I like budgets."},
        headers=ana["headers"],
    )
    assert (resp.get_json()["headline"], resp.get_json()["bio"]) == (
        "Future economist",
        "I like budgets.",
    )
    resp = client.patch("/api/users/me/diploma", json={"headline": " "}, headers=ana["headers"])
    assert resp.get_json()["headline"] is None and resp.get_json()["bio"] == "I like budgets."
    resp = client.patch("/api/users/me/diploma", json={"bio": None}, headers=ana["headers"])
    assert resp.status_code == 200 and resp.get_json()["bio"] is None


def test_changing_the_slug_moves_the_diploma(client, conn, ana, visitor):
    publish(conn, ana["id"])
    resp = client.patch(
        "/api/users/me/diploma", json={"slug": "ana-l-2027"}, headers=ana["headers"]
    )
    assert resp.status_code == 200 and resp.get_json()["slug"] == "ana-l-2027"
    assert visitor.get("/api/diplomas/ana-l-2027").status_code == 200
    old = visitor.get("/api/diplomas/ana-lopez")
    assert old.status_code == 404
    assert old.get_data() == visitor.get("/api/diplomas/never-was").get_data()


def test_a_taken_slug_is_a_conflict_and_changes_nothing(client, app, conn, ana):
    other = signed_in(client, app, first_name="Bo", last_name="Berg")[0]
    resp = client.patch(
        "/api/users/me/diploma",
        json={"slug": "bo-berg", "headline": "Should not stick"},
        headers=ana["headers"],
    )
    assert resp.status_code == 409 and resp.get_json()["error"]["code"] == "slug_taken"
    assert diploma_of(conn, ana["id"])["slug"] == "ana-lopez"
    assert diploma_of(conn, ana["id"])["headline"] is None
    assert diploma_of(conn, other["id"])["slug"] == "bo-berg"


def test_keeping_my_own_slug_is_not_a_conflict(client, ana):
    resp = client.patch("/api/users/me/diploma", json={"slug": "ana-lopez"}, headers=ana["headers"])
    assert resp.status_code == 200


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"slug": "Ana-Lopez"}, "slug"),
        ({"slug": "ana--lopez"}, "slug"),
        ({"slug": "-ana"}, "slug"),
        ({"slug": "ana-"}, "slug"),
        ({"slug": "ab"}, "slug"),
        ({"slug": "a" * 61}, "slug"),
        ({"slug": "anà-lopez"}, "slug"),
        ({"slug": "ana_lopez"}, "slug"),
        ({"slug": None}, "slug"),
        ({"is_public": None}, "is_public"),
        ({"is_public": "maybe"}, "is_public"),
        ({"is_public": 0}, "is_public"),
        ({"is_public": "true"}, "is_public"),
        ({"headline": "a\u0000b"}, "headline"),
        ({"headline": "x" * 141}, "headline"),
        ({"bio": "x" * 2001}, "bio"),
        ({"featured_quest_ids": None}, "featured_quest_ids"),
        ({"featured_quest_ids": ["not-a-uuid"]}, "featured_quest_ids.0"),
        ({"user_id": "00000000-0000-0000-0000-000000000000"}, "user_id"),
        ({}, "body"),
    ],
)
def test_invalid_changes_are_422_naming_the_field(client, conn, ana, payload, field):
    resp = client.patch("/api/users/me/diploma", json=payload, headers=ana["headers"])
    assert resp.status_code == 422
    assert [d["field"] for d in resp.get_json()["error"]["details"]] == [field]
    assert diploma_of(conn, ana["id"])["slug"] == "ana-lopez"
