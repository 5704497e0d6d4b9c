"""Quest and task management under /api/admin/quests."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_quest, make_user
from .conftest import audit_rows, complete, enroll

TASKS = [
    {
        "title": "Measure a shadow",
        "description": "At noon.",
        "pillar": "critical_thinking",
        "xp_value": 30,
        "is_required": True,
    },
    {
        "title": "Write it up",
        "pillar": "language_communication",
        "xp_value": 20,
        "is_required": False,
    },
    {"title": "Sketch the Sun", "pillar": "arts_creativity", "xp_value": 10},
]
NEW_QUEST = {
    "title": "Eratosthenes at home",
    "description": "Measure the Earth with a stick.",
    "source": "custom",
    "is_public": True,
    "image_url": "https://example.com/stick.png",
    "tasks": TASKS,
}


def _titles(detail) -> list[str]:
    return [t["title"] for t in detail["tasks"]]


# Listing and reading ----------------------------------------------------------------------


def test_the_list_includes_inactive_and_private_quests(client, conn, admin):
    make_quest(conn, title="Open")
    make_quest(conn, title="Retired", is_active=False)
    make_quest(conn, title="Private", is_public=False)
    body = client.get("/api/admin/quests", headers=admin[1]).get_json()
    assert body["count"] == 3
    assert {q["title"] for q in body["data"]} == {"Open", "Retired", "Private"}
    retired = next(q for q in body["data"] if q["title"] == "Retired")
    assert (retired["is_active"], retired["task_count"], retired["total_xp"]) == (False, 3, 150)


def test_the_list_searches_filters_and_paginates(client, conn, admin):
    for i in range(5):
        make_quest(conn, title=f"Chemistry {i}", is_active=i % 2 == 0)
    make_quest(conn, title="Poetry")
    page = client.get(
        "/api/admin/quests?search=chem&per_page=2&page=3", headers=admin[1]
    ).get_json()
    assert (page["count"], len(page["data"]), page["page"], page["per_page"]) == (5, 1, 3, 2)
    inactive = client.get(
        "/api/admin/quests?search=chem&is_active=false", headers=admin[1]
    ).get_json()
    assert {q["title"] for q in inactive["data"]} == {"Chemistry 1", "Chemistry 3"}


def test_the_detail_counts_enrollments_and_completions(client, app, conn, admin):
    quest = make_quest(conn, tasks=2)
    student = make_user(app)
    enroll(conn, student["id"], quest["id"])
    complete(conn, student["id"], quest["tasks"][0]["id"])
    body = client.get(f"/api/admin/quests/{quest['id']}", headers=admin[1]).get_json()
    assert (body["enrollments"], body["completions"]) == (1, 0)
    assert [t["completions"] for t in body["tasks"]] == [1, 0]


def test_an_unknown_quest_is_404(client, admin):
    assert client.get(f"/api/admin/quests/{uuid.uuid4()}", headers=admin[1]).status_code == 404


# Creating ---------------------------------------------------------------------------------


def test_creating_a_quest_creates_its_tasks_in_order(client, app, admin):
    resp = client.post("/api/admin/quests", json=NEW_QUEST, headers=admin[1])
    assert resp.status_code == 201, resp.get_json()
    quest = resp.get_json()
    assert _titles(quest) == [t["title"] for t in TASKS]
    assert [t["order_index"] for t in quest["tasks"]] == [0, 1, 2]
    assert [t["pillar"] for t in quest["tasks"]] == [
        "stem_logic",
        "language_communication",
        "arts_creativity",
    ]
    assert [t["is_required"] for t in quest["tasks"]] == [True, False, True]
    assert quest["created_by"] == str(admin[0]["id"])
    assert (quest["is_active"], quest["image_url"]) == (True, "https://example.com/stick.png")
    public = app.test_client().get(f"/api/quests/{quest['id']}").get_json()  # anonymous
    assert _titles(public) == [t["title"] for t in TASKS]


def test_creating_a_quest_is_audited_with_its_tasks(client, conn, admin):
    quest = client.post("/api/admin/quests", json=NEW_QUEST, headers=admin[1]).get_json()
    [row] = audit_rows(conn)
    assert (row["actor_id"], row["action"], row["target_type"], row["target_id"]) == (
        admin[0]["id"],
        "quest.create",
        "quest",
        quest["id"],
    )
    assert row["before"] is None
    assert row["after"]["title"] == NEW_QUEST["title"]
    assert [t["title"] for t in row["after"]["tasks"]] == [t["title"] for t in TASKS]
    assert [t["id"] for t in row["after"]["tasks"]] == [t["id"] for t in quest["tasks"]]


def test_creating_a_quest_costs_three_round_trips(client, admin):
    resp = client.post("/api/admin/quests", json=NEW_QUEST, headers=admin[1])
    assert resp.headers["X-DB-Round-Trips"] == "3"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"tasks": []}, "tasks"),
        ({"title": "   "}, "title"),
        ({"source": "youtube"}, "source"),
        ({"image_url": "javascript:alert(1)"}, "image_url"),
        ({"image_url": "http://example.com/a.png"}, "image_url"),
        ({"image_url": "//example.com/a.png"}, "image_url"),
        ({"tasks": [{**TASKS[0], "xp_value": 0}]}, "tasks.0.xp_value"),
        ({"tasks": [TASKS[0], {**TASKS[1], "pillar": "astrology"}]}, "tasks.1.pillar"),
    ],
)
def test_a_bad_quest_is_422_naming_the_field_and_creates_nothing(
    client, conn, admin, change, field
):
    resp = client.post("/api/admin/quests", json={**NEW_QUEST, **change}, headers=admin[1])
    assert resp.status_code == 422
    assert field in {d["field"] for d in resp.get_json()["error"]["details"]}
    assert conn.execute("select count(*) from public.quests").fetchone()[0] == 0


# Editing a quest --------------------------------------------------------------------------


def test_editing_a_quest_audits_the_changed_fields(client, app, conn, admin):
    quest = make_quest(conn, title="Old title")
    resp = client.patch(
        f"/api/admin/quests/{quest['id']}",
        json={
            "title": "New title",
            "is_active": False,
            "is_public": True,
            "image_url": "https://example.com/a.png",
        },
        headers=admin[1],
    )
    assert resp.status_code == 200
    body = resp.get_json()
    assert (body["title"], body["is_active"], len(body["tasks"])) == ("New title", False, 3)
    [row] = audit_rows(conn)
    assert (row["action"], row["target_type"], row["target_id"]) == (
        "quest.update",
        "quest",
        str(quest["id"]),
    )
    assert row["before"] == {"title": "Old title", "is_active": True, "image_url": None}
    assert row["after"] == {
        "title": "New title",
        "is_active": False,
        "image_url": "https://example.com/a.png",
    }
    anonymous = app.test_client()  # `client` holds the admin's session cookie
    assert anonymous.get(f"/api/quests/{quest['id']}").status_code == 404  # out of the catalog


def test_a_null_image_url_removes_the_image_but_a_null_title_is_refused(client, conn, admin):
    quest = make_quest(conn)
    conn.execute(
        "update public.quests set image_url = 'https://example.com/x.png' where id = %s",
        (quest["id"],),
    )
    assert (
        client.patch(
            f"/api/admin/quests/{quest['id']}", json={"image_url": None}, headers=admin[1]
        ).get_json()["image_url"]
        is None
    )
    resp = client.patch(f"/api/admin/quests/{quest['id']}", json={"title": None}, headers=admin[1])
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == "title"


@pytest.mark.parametrize(
    "image_url",
    [
        "/quest-art/algebra.svg",
        "https://example.com/quests/a.png?size=640#top",
        "https://cdn.example.com:8443/a.svg",
        "https://example.com/" + "a" * 2028,  # 2048 characters
    ],
)
def test_an_image_is_an_https_url_or_a_site_path(client, conn, admin, image_url):
    quest = make_quest(conn)
    resp = client.patch(
        f"/api/admin/quests/{quest['id']}", json={"image_url": image_url}, headers=admin[1]
    )
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["image_url"] == image_url
    stored = conn.execute("select image_url from public.quests where id = %s", (quest["id"],))
    assert stored.fetchone()[0] == image_url


@pytest.mark.parametrize(
    ("image_url", "error_type"),
    [
        ("http://example.com/a.png", "image_url"),  # mixed content on an https site
        ("//example.com/a.png", "image_url"),  # another site, without saying so
        ("/", "image_url"),
        ("quest-art/algebra.svg", "image_url"),
        ("/quest art/a.svg", "image_url"),
        ("https://", "image_url"),
        ("https://exa mple.com/a.png", "image_url"),
        ("data:image/svg+xml,<svg/>", "image_url"),
        ("https://example.com/" + "a" * 2029, "image_url_too_long"),
    ],
)
def test_any_other_image_is_a_clear_422_and_changes_nothing(
    client, conn, admin, image_url, error_type
):
    quest = make_quest(conn)
    resp = client.patch(
        f"/api/admin/quests/{quest['id']}", json={"image_url": image_url}, headers=admin[1]
    )
    assert resp.status_code == 422
    [detail] = resp.get_json()["error"]["details"]
    assert (detail["field"], detail["type"]) == ("image_url", error_type)
    assert ("https://" in detail["message"]) or ("2048" in detail["message"])
    stored = conn.execute("select image_url from public.quests where id = %s", (quest["id"],))
    assert stored.fetchone()[0] is None


def test_creating_a_quest_with_a_site_path_image(client, admin):
    resp = client.post(
        "/api/admin/quests",
        json={**NEW_QUEST, "image_url": "/quest-art/first-5k.svg"},
        headers=admin[1],
    )
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["image_url"] == "/quest-art/first-5k.svg"


@pytest.mark.parametrize(
    "image_url",
    ["javascript:alert(1)", "//example.com/a.png", "/a b.png", "/x\\y", "/" + "a" * 2048],
)
def test_the_database_refuses_an_image_that_is_no_url_even_from_an_admin(app, conn, image_url):
    """Admins can write public.quests directly (the Data API); the check is the floor."""
    quest = make_quest(conn)
    admin = make_user(app, role="admin")
    with acting_as(conn, admin["id"]) as cur, pytest.raises(psycopg.errors.CheckViolation):
        cur.execute(
            "update public.quests set image_url = %s where id = %s", (image_url, quest["id"])
        )


@pytest.mark.parametrize(
    "image_url", ["/quest-art/logic.svg", "https://example.com/a.png", "http://old.example/a.png"]
)
def test_the_database_takes_a_web_address_or_a_site_path(app, conn, image_url):
    quest = make_quest(conn)
    admin = make_user(app, role="admin")
    with acting_as(conn, admin["id"]) as cur:
        cur.execute(
            "update public.quests set image_url = %s where id = %s returning image_url",
            (image_url, quest["id"]),
        )
        assert cur.fetchone() == (image_url,)


def test_editing_an_unknown_quest_is_404_and_audits_nothing(client, conn, admin):
    resp = client.patch(f"/api/admin/quests/{uuid.uuid4()}", json={"title": "x"}, headers=admin[1])
    assert resp.status_code == 404
    assert audit_rows(conn) == []


# Tasks ------------------------------------------------------------------------------------


def test_a_new_task_goes_after_the_last_one(client, conn, admin):
    quest = make_quest(conn, tasks=2)
    conn.execute(
        "update public.quest_tasks set order_index = 7 where id = %s", (quest["tasks"][1]["id"],)
    )
    resp = client.post(
        f"/api/admin/quests/{quest['id']}/tasks",
        json={"title": "Encore", "pillar": "communication", "xp_value": 15},
        headers=admin[1],
    )
    assert resp.status_code == 201
    task = resp.get_json()
    assert (task["order_index"], task["pillar"], task["completions"]) == (
        8,
        "language_communication",
        0,
    )
    detail = client.get(f"/api/admin/quests/{quest['id']}", headers=admin[1]).get_json()
    assert _titles(detail)[-1] == "Encore"
    [row] = audit_rows(conn)
    assert (row["action"], row["target_id"], row["before"]) == ("task.create", task["id"], None)
    assert row["after"]["title"] == "Encore" and row["after"]["order_index"] == 8


def test_adding_a_task_to_an_unknown_quest_is_404(client, admin):
    resp = client.post(f"/api/admin/quests/{uuid.uuid4()}/tasks", json=TASKS[0], headers=admin[1])
    assert resp.status_code == 404


def test_editing_a_task_audits_the_changed_fields(client, conn, admin):
    quest = make_quest(conn, tasks=1, xp=50, pillars=["stem_logic"])
    task = quest["tasks"][0]
    resp = client.patch(
        f"/api/admin/quests/{quest['id']}/tasks/{task['id']}",
        json={"xp_value": 75, "pillar": "cultural_literacy", "is_required": True},
        headers=admin[1],
    )
    assert resp.status_code == 200
    assert (resp.get_json()["xp_value"], resp.get_json()["pillar"]) == (75, "society_culture")
    [row] = audit_rows(conn)
    assert (row["action"], row["target_type"], row["target_id"]) == (
        "task.update",
        "task",
        str(task["id"]),
    )
    assert row["before"] == {"xp_value": 50, "pillar": "stem_logic"}
    assert row["after"] == {"xp_value": 75, "pillar": "society_culture"}


def test_a_tasks_description_is_written_trimmed_and_audited(client, conn, admin):
    quest = make_quest(conn, tasks=1)
    task = quest["tasks"][0]
    path = f"/api/admin/quests/{quest['id']}/tasks/{task['id']}"
    resp = client.patch(path, json={"description": "  Measure it at noon.\n"}, headers=admin[1])
    assert resp.status_code == 200
    assert resp.get_json()["description"] == "Measure it at noon."
    detail = client.get(f"/api/admin/quests/{quest['id']}", headers=admin[1]).get_json()
    assert detail["tasks"][0]["description"] == "Measure it at noon."
    [row] = audit_rows(conn)
    assert (row["action"], row["before"], row["after"]) == (
        "task.update",
        {"description": ""},
        {"description": "Measure it at noon."},
    )


@pytest.mark.parametrize(
    ("description", "status"),
    [("x" * 5000, 200), ("x" * 5001, 422), (None, 422), ("nul\u0000", 422)],
)
def test_a_tasks_description_has_the_quests_limits(client, conn, admin, description, status):
    quest = make_quest(conn, tasks=1)
    resp = client.patch(
        f"/api/admin/quests/{quest['id']}/tasks/{quest['tasks'][0]['id']}",
        json={"description": description},
        headers=admin[1],
    )
    assert resp.status_code == status
    if status == 422:
        assert resp.get_json()["error"]["details"][0]["field"] == "description"
        assert audit_rows(conn) == []


def test_a_task_is_reached_only_through_its_own_quest(client, conn, admin):
    quest, other = make_quest(conn, tasks=1), make_quest(conn, tasks=1)
    path = f"/api/admin/quests/{other['id']}/tasks/{quest['tasks'][0]['id']}"
    assert client.patch(path, json={"xp_value": 5}, headers=admin[1]).status_code == 404
    assert client.delete(path, headers=admin[1]).status_code == 404
    assert audit_rows(conn) == []


def test_deleting_a_task_nobody_completed(client, conn, admin):
    quest = make_quest(conn, tasks=2)
    task = quest["tasks"][0]
    resp = client.delete(f"/api/admin/quests/{quest['id']}/tasks/{task['id']}", headers=admin[1])
    assert resp.status_code == 204
    assert (
        conn.execute(
            "select count(*) from public.quest_tasks where id = %s", (task["id"],)
        ).fetchone()[0]
        == 0
    )
    [row] = audit_rows(conn)
    assert (row["action"], row["target_id"], row["after"]) == ("task.delete", str(task["id"]), None)
    assert (row["before"]["id"], row["before"]["xp_value"]) == (str(task["id"]), 50)


def test_deleting_a_completed_task_is_refused_and_keeps_the_xp(client, app, conn, admin):
    quest = make_quest(conn, tasks=2)
    task = quest["tasks"][0]
    student = make_user(app)
    enroll(conn, student["id"], quest["id"])
    complete(conn, student["id"], task["id"])
    resp = client.delete(f"/api/admin/quests/{quest['id']}/tasks/{task['id']}", headers=admin[1])
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "task_has_completions"
    kept = conn.execute(
        "select (select count(*) from public.quest_tasks where id = %(t)s),"
        " (select count(*) from public.quest_task_completions where task_id = %(t)s)",
        {"t": task["id"]},
    ).fetchone()
    assert kept == (1, 1)
    assert audit_rows(conn) == []


# Task order -------------------------------------------------------------------------------


def test_reordering_tasks(client, app, conn, admin):
    quest = make_quest(conn, tasks=3)
    ids = [str(t["id"]) for t in quest["tasks"]]
    new_order = [ids[2], ids[0], ids[1]]
    resp = client.put(
        f"/api/admin/quests/{quest['id']}/task-order",
        json={"task_ids": new_order},
        headers=admin[1],
    )
    assert resp.status_code == 200
    assert [t["id"] for t in resp.get_json()["tasks"]] == new_order
    assert [t["order_index"] for t in resp.get_json()["tasks"]] == [0, 1, 2]
    public = app.test_client().get(f"/api/quests/{quest['id']}").get_json()  # anonymous
    assert [t["id"] for t in public["tasks"]] == new_order
    [row] = audit_rows(conn)
    assert (row["action"], row["target_type"], row["target_id"]) == (
        "quest.reorder_tasks",
        "quest",
        str(quest["id"]),
    )
    assert row["before"] == {"task_ids": ids} and row["after"] == {"task_ids": new_order}
    assert resp.headers["X-DB-Round-Trips"] == "3"


def test_the_same_order_again_writes_no_audit_row(client, conn, admin):
    quest = make_quest(conn, tasks=2)
    ids = [str(t["id"]) for t in quest["tasks"]]
    resp = client.put(
        f"/api/admin/quests/{quest['id']}/task-order", json={"task_ids": ids}, headers=admin[1]
    )
    assert resp.status_code == 200
    assert audit_rows(conn) == []


@pytest.mark.parametrize("wrong", ["missing", "foreign", "extra", "repeated"])
def test_an_order_that_is_not_exactly_the_quests_tasks_is_422(client, conn, admin, wrong):
    quest, other = make_quest(conn, tasks=3), make_quest(conn, tasks=1)
    ids = [str(t["id"]) for t in quest["tasks"]]
    stranger = str(other["tasks"][0]["id"])
    task_ids = {
        "missing": ids[:2],
        "foreign": [*ids[:2], stranger],
        "extra": [*ids, stranger],
        "repeated": [ids[0], *ids],
    }[wrong]
    resp = client.put(
        f"/api/admin/quests/{quest['id']}/task-order", json={"task_ids": task_ids}, headers=admin[1]
    )
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == "task_ids"
    order = conn.execute(
        "select id from public.quest_tasks where quest_id = %s order by order_index", (quest["id"],)
    ).fetchall()
    assert [str(r[0]) for r in order] == ids
    assert audit_rows(conn) == []


def test_reordering_an_unknown_quest_is_404(client, admin):
    resp = client.put(
        f"/api/admin/quests/{uuid.uuid4()}/task-order", json={"task_ids": []}, headers=admin[1]
    )
    assert resp.status_code == 404
