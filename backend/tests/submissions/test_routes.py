"""Submitting custom quests and listing them: permissions, validation, pagination, round trips."""

from datetime import UTC, datetime, timedelta

import pytest

from ..factories import set_tier_features
from .conftest import make_submission, suggested_tasks

WHO = ["anon", "author", "other", "admin"]


def proposal(**overrides):
    return {
        "title": "Build a birdhouse",
        "description": "Measure, cut and assemble.",
        "suggested_tasks": suggested_tasks(3),
        "make_public": True,
        **overrides,
    }


def headers_of(people, who):
    return {} if who == "anon" else people[who]["headers"]


def count_submissions(conn):
    return conn.execute("select count(*) from public.quest_submissions").fetchone()[0]


# Every endpoint, by who calls it: anon needs to sign in, students are refused the admin queue.
MATRIX = {
    ("post", "/api/quest-submissions"): [401, 201, 201, 201],
    ("get", "/api/quest-submissions"): [401, 200, 200, 200],
    ("get", "/api/admin/quest-submissions"): [401, 403, 403, 200],
    ("post", "/api/admin/quest-submissions/{id}/approve"): [401, 403, 403, 200],
    ("post", "/api/admin/quest-submissions/{id}/reject"): [401, 403, 403, 200],
}
BODIES = {"approve": {}, "reject": {"notes": "Needs more detail."}}


@pytest.mark.parametrize(
    ("method", "path", "who", "expected"),
    [
        (method, path, who, statuses[i])
        for (method, path), statuses in MATRIX.items()
        for i, who in enumerate(WHO)
    ],
)
def test_permission_matrix(client, conn, people, submission, method, path, who, expected):
    url = path.format(id=submission["id"])
    body = proposal() if url.endswith("submissions") else BODIES.get(url.rsplit("/", 1)[1])
    kwargs = {"json": body} if method == "post" else {}
    resp = getattr(client, method)(url, headers=headers_of(people, who), **kwargs)
    assert resp.status_code == expected, resp.get_json()
    if expected in (401, 403):
        code = "unauthorized" if expected == 401 else "admin_only"
        assert resp.get_json()["error"]["code"] == code
        status = conn.execute(
            "select status from public.quest_submissions where id = %s", (submission["id"],)
        ).fetchone()[0]
        assert status == "pending" and count_submissions(conn) == 1


@pytest.mark.parametrize(("who", "sees_it"), [("author", True), ("other", False), ("admin", False)])
def test_my_submissions_are_only_mine_even_for_an_admin(client, people, submission, who, sees_it):
    body = client.get("/api/quest-submissions", headers=people[who]["headers"]).get_json()
    assert [s["id"] for s in body["data"]] == ([str(submission["id"])] if sees_it else [])
    assert body["count"] == (1 if sees_it else 0)


def test_submitting_stores_a_pending_proposal_with_old_pillar_keys_mapped(client, conn, people):
    tasks = suggested_tasks(2)
    tasks[0]["pillar"] = "critical_thinking"
    tasks[1]["pillar"] = " Creativity "
    resp = client.post(
        "/api/quest-submissions",
        json=proposal(title="  Build a birdhouse  ", suggested_tasks=tasks),
        headers=people["author"]["headers"],
    )
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["status"] == "pending" and body["title"] == "Build a birdhouse"
    assert [t["pillar"] for t in body["suggested_tasks"]] == ["stem_logic", "arts_creativity"]
    assert body["approved_quest_id"] is None and body["reviewed_at"] is None
    row = conn.execute(
        "select user_id, suggested_tasks -> 1 ->> 'pillar', make_public"
        " from public.quest_submissions where id = %s",
        (body["id"],),
    ).fetchone()
    assert row == (people["author"]["id"], "arts_creativity", True)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "ab"}, "title"),
        ({"title": "  ab   "}, "title"),  # too short once trimmed
        ({"title": "x" * 201}, "title"),
        ({"description": "x" * 5001}, "description"),
        ({"suggested_tasks": []}, "suggested_tasks"),
        ({"suggested_tasks": suggested_tasks(21)}, "suggested_tasks"),
        ({"suggested_tasks": suggested_tasks(1, pillar="astrology")}, "suggested_tasks.0.pillar"),
        ({"suggested_tasks": suggested_tasks(1, xp_value=24)}, "suggested_tasks.0.xp_value"),
        ({"suggested_tasks": suggested_tasks(1, xp_value=201)}, "suggested_tasks.0.xp_value"),
        ({"suggested_tasks": suggested_tasks(1, title="")}, "suggested_tasks.0.title"),
        ({"suggested_tasks": suggested_tasks(1, secret=1)}, "suggested_tasks.0.secret"),
        ({"status": "approved"}, "status"),
        ({"make_public": "very"}, "make_public"),
    ],
)
def test_an_invalid_proposal_is_refused_naming_the_field(client, conn, people, change, field):
    resp = client.post(
        "/api/quest-submissions", json=proposal(**change), headers=people["author"]["headers"]
    )
    assert resp.status_code == 422
    assert field in {d["field"] for d in resp.get_json()["error"]["details"]}
    assert count_submissions(conn) == 0


def test_twenty_tasks_is_the_most_a_proposal_may_suggest(client, people):
    resp = client.post(
        "/api/quest-submissions",
        json=proposal(suggested_tasks=suggested_tasks(20, xp_value=200)),
        headers=people["author"]["headers"],
    )
    assert resp.status_code == 201
    assert len(resp.get_json()["suggested_tasks"]) == 20


def test_a_tier_without_custom_submissions_is_refused(client, conn, people):
    set_tier_features(conn, "academy", custom_quest_submissions=False)
    resp = client.post(
        "/api/quest-submissions", json=proposal(), headers=people["author"]["headers"]
    )
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "tier_limit"
    assert count_submissions(conn) == 0


def test_my_submissions_are_paginated_newest_first(client, conn, people):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    made = [
        make_submission(conn, people["author"], created_at=start + timedelta(days=i))
        for i in range(3)
    ]
    make_submission(conn, people["other"])
    newest_first = [str(s["id"]) for s in reversed(made)]
    headers = people["author"]["headers"]
    first = client.get("/api/quest-submissions?per_page=2", headers=headers).get_json()
    second = client.get("/api/quest-submissions?per_page=2&page=2", headers=headers).get_json()
    assert [s["id"] for s in first["data"] + second["data"]] == newest_first
    assert (first["count"], first["page"], first["per_page"]) == (3, 1, 2)
    assert (second["count"], second["page"]) == (3, 2)


@pytest.mark.parametrize("query", ["page=0", "per_page=0", "per_page=101", "page=x"])
def test_bad_paging_of_my_submissions_is_refused(client, people, query):
    resp = client.get(f"/api/quest-submissions?{query}", headers=people["author"]["headers"])
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == query.split("=")[0]


def test_the_admin_queue_filters_by_status_oldest_first_with_authors(client, conn, people):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    later = make_submission(conn, people["author"], created_at=start + timedelta(days=2))
    earlier = make_submission(conn, people["other"], created_at=start + timedelta(days=1))
    done = make_submission(conn, people["author"], created_at=start)
    admin = people["admin"]["headers"]
    client.post(
        f"/api/admin/quest-submissions/{done['id']}/reject", json={"notes": "No"}, headers=admin
    )

    pending = client.get("/api/admin/quest-submissions?status=pending", headers=admin)
    body = pending.get_json()
    assert [s["id"] for s in body["data"]] == [str(earlier["id"]), str(later["id"])]
    assert body["count"] == 2
    author = body["data"][1]["author"]
    assert author == {
        "id": str(people["author"]["id"]),
        "username": people["author"]["username"],
        "display_name": "Author Tester",
    }
    everything = client.get("/api/admin/quest-submissions?per_page=1", headers=admin).get_json()
    assert (everything["count"], len(everything["data"])) == (3, 1)
    assert everything["data"][0]["id"] == str(done["id"])
    assert everything["data"][0]["reviewed_by"] == str(people["admin"]["id"])
    rejected = client.get("/api/admin/quest-submissions?status=rejected", headers=admin)
    assert [s["id"] for s in rejected.get_json()["data"]] == [str(done["id"])]


def test_an_unknown_status_filter_is_refused(client, people):
    resp = client.get(
        "/api/admin/quest-submissions?status=maybe", headers=people["admin"]["headers"]
    )
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == "status"


def test_every_endpoint_takes_at_most_three_round_trips(client, conn, people):
    author, admin = people["author"]["headers"], people["admin"]["headers"]
    for _ in range(30):
        make_submission(conn, people["author"], suggested_tasks=suggested_tasks(20))
    created = client.post(
        "/api/quest-submissions",
        json=proposal(suggested_tasks=suggested_tasks(20)),
        headers=author,
    )
    sid = created.get_json()["id"]
    other = make_submission(conn, people["author"])
    answers = {
        "submit": created,
        "mine": client.get("/api/quest-submissions?per_page=100", headers=author),
        "queue": client.get("/api/admin/quest-submissions?per_page=100", headers=admin),
        "approve": client.post(
            f"/api/admin/quest-submissions/{sid}/approve", json={}, headers=admin
        ),
        "approve again": client.post(
            f"/api/admin/quest-submissions/{sid}/approve", json={}, headers=admin
        ),
        "reject": client.post(
            f"/api/admin/quest-submissions/{other['id']}/reject",
            json={"notes": "Duplicate"},
            headers=admin,
        ),
    }
    trips = {name: int(resp.headers["X-DB-Round-Trips"]) for name, resp in answers.items()}
    assert [r.status_code for r in answers.values()] == [201, 200, 200, 200, 409, 200]
    assert trips == {
        "submit": 2,  # lock, guarded insert and my plan pipelined, the commit
        "mine": 1,  # page and count pipelined with the commit (a read)
        "queue": 2,  # the admin check, then page and count (each commits: a read)
        "approve": 3,  # the admin check, the whole approval in one statement, the commit
        "approve again": 3,  # ... the rollback
        "reject": 3,
    }
