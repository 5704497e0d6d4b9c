"""A diploma's completed quests beyond its first view: pages newest first from a cursor, and the
quests a student features."""

from __future__ import annotations

import pytest

from ..factories import make_quest
from .conftest import complete, publish


@pytest.fixture
def sam(client, app, conn, student):
    """Sam's public diploma with 9 completed quests, completed in order (Q1 first)."""
    user, headers = student
    quests = []
    for n in range(1, 10):
        quest = make_quest(conn, title=f"Q{n}", tasks=1)
        complete(conn, user["id"], quest)
        quests.append(quest)
    slug = publish(conn, user["id"])
    return {**user, "headers": headers, "slug": slug, "quests": quests}


def titles(quests) -> list[str]:
    return [q["title"] for q in quests]


def test_the_first_view_shows_the_six_most_recent_and_a_cursor_to_the_rest(sam, visitor):
    body = visitor.get(f"/api/diplomas/{sam['slug']}").get_json()
    assert titles(body["recent_quests"]) == ["Q9", "Q8", "Q7", "Q6", "Q5", "Q4"]
    assert body["totals"]["completed_quests"] == 9
    rest = visitor.get(f"/api/diplomas/{sam['slug']}/quests?cursor={body['more_quests']}")
    assert rest.status_code == 200
    assert titles(rest.get_json()["data"]) == ["Q3", "Q2", "Q1"]
    assert rest.get_json()["next_cursor"] is None


def test_pages_follow_each_other_without_gaps_or_repeats(sam, visitor):
    seen, cursor = [], ""
    for _ in range(5):
        page = visitor.get(f"/api/diplomas/{sam['slug']}/quests?limit=4{cursor}").get_json()
        seen += titles(page["data"])
        if page["next_cursor"] is None:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert seen == [f"Q{n}" for n in range(9, 0, -1)]


def test_a_quest_completed_while_paging_neither_shifts_nor_repeats_the_next_page(
    conn, sam, visitor
):
    first = visitor.get(f"/api/diplomas/{sam['slug']}/quests?limit=3").get_json()
    complete(conn, sam["id"], make_quest(conn, title="Q10", tasks=1))
    second = visitor.get(
        f"/api/diplomas/{sam['slug']}/quests?limit=3&cursor={first['next_cursor']}"
    ).get_json()
    assert titles(first["data"]) == ["Q9", "Q8", "Q7"]
    assert titles(second["data"]) == ["Q6", "Q5", "Q4"]


def test_quests_completed_at_the_same_instant_page_in_a_stable_order(conn, sam, visitor):
    conn.execute(
        "update public.user_quests set completed_at = '2026-01-01T00:00:00Z' where user_id = %s",
        (sam["id"],),
    )
    pages, cursor = [], ""
    for _ in range(3):
        page = visitor.get(f"/api/diplomas/{sam['slug']}/quests?limit=4{cursor}").get_json()
        pages += [q["id"] for q in page["data"]]
        cursor = f"&cursor={page['next_cursor']}" if page["next_cursor"] else ""
    assert sorted(pages, reverse=True) == pages and len(set(pages)) == 9


@pytest.mark.parametrize(
    "query", ["cursor=nonsense", "cursor=" + "A" * 201, "limit=0", "limit=101", "cursor=%00"]
)
def test_a_bad_cursor_or_limit_is_422(sam, visitor, query):
    resp = visitor.get(f"/api/diplomas/{sam['slug']}/quests?{query}")
    assert resp.status_code == 422
    field = query.split("=")[0]
    assert [d["field"] for d in resp.get_json()["error"]["details"]] == [field]


def test_a_page_costs_one_round_trip(sam, visitor):
    resp = visitor.get(f"/api/diplomas/{sam['slug']}/quests?limit=100")
    assert resp.status_code == 200 and int(resp.headers["X-DB-Round-Trips"]) == 1


# Featured quests -----------------------------------------------------------------------------


def feature(client, person, quests):
    return client.patch(
        "/api/users/me/diploma",
        json={"featured_quest_ids": [str(q["id"]) for q in quests]},
        headers=person["headers"],
    )


def test_featured_quests_come_first_in_the_students_order(client, sam, visitor):
    q1, q2, q8 = sam["quests"][0], sam["quests"][1], sam["quests"][7]
    resp = feature(client, sam, [q2, q8, q1])
    assert resp.status_code == 200
    assert titles(resp.get_json()["featured_quests"]) == ["Q2", "Q8", "Q1"]
    body = visitor.get(f"/api/diplomas/{sam['slug']}").get_json()
    assert titles(body["featured_quests"]) == ["Q2", "Q8", "Q1"]
    assert titles(body["recent_quests"])[0] == "Q9"
    resp = feature(client, sam, [])
    assert resp.status_code == 200 and resp.get_json()["featured_quests"] == []


def test_a_quest_in_progress_cannot_be_featured(client, conn, sam):
    going = make_quest(conn, tasks=2)
    complete(conn, sam["id"], going, [{}])
    resp = feature(client, sam, [going])
    assert resp.status_code == 422
    [detail] = resp.get_json()["error"]["details"]
    assert detail["field"] == "featured_quest_ids"
    assert detail["message"] == "Only a quest you completed can be featured."


@pytest.mark.parametrize("count,twice", [(7, False), (2, True)])
def test_more_than_six_or_one_twice_is_422_and_changes_nothing(client, conn, sam, count, twice):
    quests = [sam["quests"][0]] * 2 if twice else sam["quests"][:count]
    feature(client, sam, sam["quests"][:1])
    resp = feature(client, sam, quests)
    assert resp.status_code == 422
    assert [d["field"] for d in resp.get_json()["error"]["details"]] == ["featured_quest_ids"]
    stored = conn.execute(
        "select featured_quest_ids from public.diplomas where user_id = %s", (sam["id"],)
    ).fetchone()[0]
    assert stored == [sam["quests"][0]["id"]]


def test_a_featured_quest_whose_enrollment_is_gone_is_not_shown(client, conn, sam, visitor):
    feature(client, sam, sam["quests"][:2])
    conn.execute("delete from public.user_quests where quest_id = %s", (sam["quests"][0]["id"],))
    body = visitor.get(f"/api/diplomas/{sam['slug']}").get_json()
    assert titles(body["featured_quests"]) == ["Q2"]
