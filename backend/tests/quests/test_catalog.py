"""Browsing: the catalog and a quest's detail."""

import pytest

from ..factories import make_quest, signed_in


def titles(resp):
    return [q["title"] for q in resp.get_json()["data"]]


def test_anyone_sees_active_public_quests_only(client, conn):
    make_quest(conn, title="Visible")
    make_quest(conn, title="Retired", is_active=False)
    make_quest(conn, title="Unlisted", is_public=False)
    resp = client.get("/api/quests")
    assert resp.status_code == 200
    assert titles(resp) == ["Visible"]
    quest = resp.get_json()["data"][0]
    assert quest["task_count"] == 3 and quest["total_xp"] == 150 and quest["enrollment"] is None


def test_the_catalog_is_paginated_with_a_total(client, conn):
    for i in range(5):
        make_quest(conn, title=f"Q{i}", tasks=1)
    page = client.get("/api/quests?per_page=2&page=3").get_json()
    assert page["count"] == 5 and page["page"] == 3 and page["per_page"] == 2
    assert len(page["data"]) == 1
    beyond = client.get("/api/quests?per_page=2&page=9").get_json()
    assert beyond["data"] == [] and beyond["count"] == 5


@pytest.mark.parametrize(
    "query", ["per_page=101", "per_page=0", "page=0", "pillar=cooking", "source=youtube"]
)
def test_bad_catalog_parameters_answer_422(client, query):
    resp = client.get(f"/api/quests?{query}")
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == query.split("=")[0]


def test_filter_by_pillar_accepts_old_keys(client, conn):
    make_quest(conn, title="Maths", pillars=["stem_logic"])
    make_quest(conn, title="Art", pillars=["arts_creativity"])
    assert titles(client.get("/api/quests?pillar=stem_logic")) == ["Maths"]
    assert titles(client.get("/api/quests?pillar=critical_thinking")) == ["Maths"]
    assert titles(client.get("/api/quests?pillar=creativity")) == ["Art"]


def test_filter_by_source(client, conn):
    make_quest(conn, title="KA", source="khan_academy")
    make_quest(conn, title="Mine", source="custom")
    assert titles(client.get("/api/quests?source=khan_academy")) == ["KA"]


def test_search_matches_title_and_description_literally(client, conn):
    make_quest(conn, title="Budget a month", description="Money basics")
    make_quest(conn, title="Sketching", description="Draw 100% of the time")
    make_quest(conn, title="Other", description="nothing here")
    assert titles(client.get("/api/quests?search=budget")) == ["Budget a month"]
    assert titles(client.get("/api/quests?search=100%25")) == ["Sketching"]
    assert titles(client.get("/api/quests?search=%25")) == ["Sketching"]


def test_signed_in_catalog_shows_my_enrollment(client, app, conn):
    quest = make_quest(conn, title="Mine")
    make_quest(conn, title="Not mine")
    _, headers = signed_in(client, app)
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    by_title = {
        q["title"]: q for q in client.get("/api/quests", headers=headers).get_json()["data"]
    }
    assert by_title["Mine"]["enrollment"]["status"] == "active"
    assert by_title["Not mine"]["enrollment"] is None


def test_quest_detail_lists_tasks_in_order(client, conn):
    quest = make_quest(conn, tasks=4, xp=[25, 50, 75, 100])
    body = client.get(f"/api/quests/{quest['id']}").get_json()
    assert [t["xp_value"] for t in body["tasks"]] == [25, 50, 75, 100]
    assert [t["order_index"] for t in body["tasks"]] == [0, 1, 2, 3]
    assert body["progress"] is None and all(t["completion"] is None for t in body["tasks"])


@pytest.mark.parametrize("active,public", [(False, True), (True, False)])
def test_hidden_quests_are_not_found(client, conn, active, public):
    quest = make_quest(conn, is_active=active, is_public=public)
    assert client.get(f"/api/quests/{quest['id']}").status_code == 404


def test_an_unknown_quest_is_not_found(client):
    resp = client.get("/api/quests/00000000-0000-4000-8000-000000000000")
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"


def test_pillars_are_listed_in_display_order(client):
    data = client.get("/api/pillars").get_json()["data"]
    assert [p["key"] for p in data] == [
        "stem_logic",
        "life_wellness",
        "language_communication",
        "society_culture",
        "arts_creativity",
    ]
    assert data[0]["name"] == "STEM & Logic"
