"""An admin approves a submission into a quest the author is enrolled in, or rejects it with
notes; the author is notified, the audit log records it, and nothing is ever half done."""

import uuid

import pytest

from optio.notifications.wording import words

from .conftest import make_submission, suggested_tasks


def approve(client, people, submission_id, **edits):
    return client.post(
        f"/api/admin/quest-submissions/{submission_id}/approve",
        json=edits,
        headers=people["admin"]["headers"],
    )


def reject(client, people, submission_id, body):
    return client.post(
        f"/api/admin/quest-submissions/{submission_id}/reject",
        json=body,
        headers=people["admin"]["headers"],
    )


def state_of(conn, submission_id):
    return conn.execute(
        "select status, approved_quest_id, admin_notes, reviewed_by"
        " from public.quest_submissions where id = %s",
        (submission_id,),
    ).fetchone()


def totals(conn):
    """Rows in every table an approval or a rejection writes to."""
    tables = ["quests", "quest_tasks", "user_quests", "audit_log", "notifications"]
    return {t: conn.execute(f"select count(*) from public.{t}").fetchone()[0] for t in tables}


NOTHING = {"quests": 0, "quest_tasks": 0, "user_quests": 0, "audit_log": 0, "notifications": 0}


def test_approving_creates_the_quest_and_its_tasks_in_order(client, conn, people, submission):
    resp = approve(client, people, submission["id"])
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert body["status"] == "approved" and body["reviewed_at"]
    quest_id = uuid.UUID(body["approved_quest_id"])

    quest = conn.execute(
        "select title, description, source, is_active, is_public, created_by"
        " from public.quests where id = %s",
        (quest_id,),
    ).fetchone()
    assert quest == (
        submission["title"],
        submission["description"],
        "custom",
        True,
        True,
        people["author"]["id"],
    )
    tasks = conn.execute(
        "select title, description, pillar, xp_value, order_index from public.quest_tasks"
        " where quest_id = %s order by order_index",
        (quest_id,),
    ).fetchall()
    assert tasks == [
        (t["title"], t["description"], t["pillar"], t["xp_value"], i)
        for i, t in enumerate(submission["suggested_tasks"])
    ]
    assert state_of(conn, submission["id"]) == (
        "approved",
        quest_id,
        None,
        people["admin"]["id"],
    )


def test_the_approved_public_quest_is_in_the_catalog_with_the_author_enrolled(
    client, people, submission
):
    quest_id = approve(client, people, submission["id"]).get_json()["approved_quest_id"]
    for who in ("author", "other"):
        catalog = client.get("/api/quests", headers=people[who]["headers"]).get_json()
        listed = {q["id"]: q for q in catalog["data"]}
        assert quest_id in listed
        enrollment = listed[quest_id]["enrollment"]
        assert (enrollment and enrollment["status"]) == ("active" if who == "author" else None)
    assert quest_id in {q["id"] for q in client.get("/api/quests").get_json()["data"]}


def test_an_approved_private_quest_is_seen_by_its_author_only(client, conn, people):
    submission = make_submission(conn, people["author"], make_public=False)
    quest_id = approve(client, people, submission["id"]).get_json()["approved_quest_id"]
    assert quest_id not in {q["id"] for q in client.get("/api/quests").get_json()["data"]}
    mine = client.get(f"/api/quests/{quest_id}", headers=people["author"]["headers"])
    assert mine.status_code == 200
    assert mine.get_json()["enrollment"]["status"] == "active"
    assert len(mine.get_json()["tasks"]) == len(submission["suggested_tasks"])
    assert (
        client.get(f"/api/quests/{quest_id}", headers=people["other"]["headers"]).status_code == 404
    )
    assert client.get(f"/api/quests/{quest_id}").status_code == 404


def test_approving_with_edits_uses_the_edited_quest(client, conn, people, submission):
    edited = [
        {"title": "Sketch it", "pillar": "creativity", "xp_value": 25},
        {
            "title": "Present it",
            "description": "Five minutes.",
            "pillar": "communication",
            "xp_value": 200,
        },
        {"title": "Reflect", "pillar": "life_wellness", "xp_value": 100},
    ]
    resp = approve(
        client, people, submission["id"], title="  A better title ", description="", tasks=edited
    )
    assert resp.status_code == 200, resp.get_json()
    quest_id = resp.get_json()["approved_quest_id"]
    detail = client.get(f"/api/quests/{quest_id}", headers=people["author"]["headers"]).get_json()
    assert (detail["title"], detail["description"]) == ("A better title", "")
    assert [
        (t["title"], t["description"], t["pillar"], t["xp_value"]) for t in detail["tasks"]
    ] == [
        ("Sketch it", "", "arts_creativity", 25),
        ("Present it", "Five minutes.", "language_communication", 200),
        ("Reflect", "", "life_wellness", 100),
    ]
    # The submission keeps what the author proposed; the audit log keeps the edits.
    row = conn.execute(
        "select s.title, a.after -> 'edits' ->> 'title', jsonb_array_length(a.after -> 'edits' -> 'tasks')"
        " from public.quest_submissions s join public.audit_log a on a.target_id = s.id::text"
        " where s.id = %s",
        (submission["id"],),
    ).fetchone()
    assert row == (submission["title"], "A better title", 3)


@pytest.mark.parametrize(
    ("edits", "field"),
    [
        ({"title": "ab"}, "title"),
        ({"tasks": []}, "tasks"),
        ({"tasks": suggested_tasks(1, pillar="astrology")}, "tasks.0.pillar"),
        ({"tasks": suggested_tasks(1, xp_value=500)}, "tasks.0.xp_value"),
        ({"is_public": False}, "is_public"),
    ],
)
def test_invalid_edits_are_refused_and_change_nothing(
    client, conn, people, submission, edits, field
):
    resp = approve(client, people, submission["id"], **edits)
    assert resp.status_code == 422
    assert field in {d["field"] for d in resp.get_json()["error"]["details"]}
    assert state_of(conn, submission["id"])[0] == "pending"
    assert totals(conn) == NOTHING


def test_the_author_is_notified_of_an_approval_with_the_new_quest(client, conn, people, submission):
    quest_id = approve(client, people, submission["id"], title="Edited title").get_json()[
        "approved_quest_id"
    ]
    notes = conn.execute("select user_id, type, data from public.notifications").fetchall()
    notes = [(user, kind, words(kind, data)[0], data) for user, kind, data in notes]
    assert notes == [
        (
            people["author"]["id"],
            "submission_approved",
            "Quest approved: Edited title",
            {
                "submission_id": str(submission["id"]),
                "quest_id": quest_id,
                "quest_title": "Edited title",
            },
        )
    ]


def test_rejecting_records_the_notes_and_notifies_the_author(client, conn, people, submission):
    resp = reject(client, people, submission["id"], {"notes": "  Add tasks that need evidence. "})
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert (body["status"], body["admin_notes"]) == ("rejected", "Add tasks that need evidence.")
    assert body["approved_quest_id"] is None
    assert state_of(conn, submission["id"]) == (
        "rejected",
        None,
        "Add tasks that need evidence.",
        people["admin"]["id"],
    )
    notes = conn.execute("select user_id, type, data from public.notifications").fetchall()
    notes = [(user, kind, words(kind, data)[1], data) for user, kind, data in notes]
    assert notes == [
        (
            people["author"]["id"],
            "submission_rejected",
            "Add tasks that need evidence.",
            {
                "submission_id": str(submission["id"]),
                "notes": "Add tasks that need evidence.",
                "quest_title": submission["title"],
            },
        )
    ]
    counts = totals(conn)
    assert (counts["quests"], counts["quest_tasks"], counts["user_quests"]) == (0, 0, 0)
    mine = client.get("/api/quest-submissions", headers=people["author"]["headers"]).get_json()
    assert mine["data"][0]["admin_notes"] == "Add tasks that need evidence."


@pytest.mark.parametrize("body", [{}, {"notes": ""}, {"notes": "   \n "}, {"notes": None}])
def test_a_rejection_needs_notes(client, conn, people, submission, body):
    resp = reject(client, people, submission["id"], body)
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == "notes"
    assert state_of(conn, submission["id"])[0] == "pending"
    assert totals(conn) == NOTHING


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_both_reviews_are_audited(client, conn, people, submission, action):
    if action == "approve":
        resp = approve(client, people, submission["id"])
    else:
        resp = reject(client, people, submission["id"], {"notes": "Too short"})
    assert resp.status_code == 200
    rows = conn.execute(
        "select actor_id, action, target_type, target_id, before, after from public.audit_log"
    ).fetchall()
    assert len(rows) == 1
    actor, logged, target_type, target_id, before, after = rows[0]
    assert (actor, logged, target_type, target_id) == (
        people["admin"]["id"],
        f"submission.{action}",
        "quest_submission",
        str(submission["id"]),
    )
    assert before["status"] == "pending" and before["reviewed_by"] is None
    assert after["status"] == resp.get_json()["status"]
    assert after["reviewed_by"] == str(people["admin"]["id"])
    assert after["approved_quest_id"] == resp.get_json()["approved_quest_id"]
    assert after["admin_notes"] == ("Too short" if action == "reject" else None)
    assert "edits" not in after


@pytest.mark.parametrize(
    ("first", "then"),
    [("approve", "approve"), ("approve", "reject"), ("reject", "approve"), ("reject", "reject")],
)
def test_a_submission_is_reviewed_once(client, conn, people, submission, first, then):
    def review(action):
        if action == "approve":
            return approve(client, people, submission["id"])
        return reject(client, people, submission["id"], {"notes": "No"})

    assert review(first).status_code == 200
    before = totals(conn), state_of(conn, submission["id"])
    second = review(then)
    assert second.status_code == 409
    assert second.get_json()["error"]["code"] == "already_reviewed"
    assert (totals(conn), state_of(conn, submission["id"])) == before


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_reviewing_an_unknown_submission_is_not_found(client, conn, people, action):
    missing = uuid.uuid4()
    if action == "approve":
        resp = approve(client, people, missing)
    else:
        resp = reject(client, people, missing, {"notes": "No"})
    assert resp.status_code == 404
    assert totals(conn) == NOTHING


@pytest.mark.parametrize(
    "table", ["quests", "quest_tasks", "user_quests", "audit_log", "notifications"]
)
def test_a_failure_at_any_step_of_an_approval_leaves_nothing_behind(
    client, conn, people, submission, table
):
    """Every later insert into `table` breaks a constraint, so the approval fails part-way."""
    conn.execute(f"alter table public.{table} add constraint test_breaks check (false) not valid")
    resp = approve(client, people, submission["id"], title="Half done")
    assert resp.status_code == 500
    assert state_of(conn, submission["id"]) == ("pending", None, None, None)
    assert totals(conn) == NOTHING

    conn.execute(f"alter table public.{table} drop constraint test_breaks")
    assert approve(client, people, submission["id"]).status_code == 200
    assert totals(conn) == {
        "quests": 1,
        "quest_tasks": len(submission["suggested_tasks"]),
        "user_quests": 1,
        "audit_log": 1,
        "notifications": 1,
    }


def test_my_list_shows_the_approved_quest_under_its_new_title(client, conn, people, submission):
    assert (
        approve(client, people, submission["id"], title="Birdhouses, reviewed").status_code == 200
    )
    mine = client.get("/api/quest-submissions", headers=people["author"]["headers"]).get_json()
    assert (mine["data"][0]["title"], mine["data"][0]["quest_title"]) == (
        submission["title"],
        "Birdhouses, reviewed",
    )
    quest_id = mine["data"][0]["approved_quest_id"]
    conn.execute("update public.quests set title = 'Birdhouses' where id = %s", (quest_id,))
    mine = client.get("/api/quest-submissions", headers=people["author"]["headers"]).get_json()
    assert mine["data"][0]["quest_title"] == "Birdhouses"
