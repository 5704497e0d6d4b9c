"""A student's interests: the pillars picked at onboarding, written through the API or directly."""

from __future__ import annotations

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import signed_in


@pytest.fixture
def ada(client, app):
    user, headers = signed_in(client, app, username="ada_i")
    return {**user, "headers": headers}


def _interests(conn, user_id) -> list[str]:
    return conn.execute("select interests from public.users where id = %s", (user_id,)).fetchone()[
        0
    ]


def test_a_new_profile_has_no_interests(client, ada):
    assert client.get("/api/auth/me", headers=ada["headers"]).get_json()["interests"] == []


def test_interests_are_set_in_order_once_each_and_old_keys_are_mapped(client, conn, ada):
    resp = client.patch(
        "/api/users/me",
        json={"interests": ["arts_creativity", "stem_logic", "arts_creativity", "creativity"]},
        headers=ada["headers"],
    )
    assert resp.status_code == 200
    assert resp.get_json()["interests"] == ["arts_creativity", "stem_logic"]
    assert _interests(conn, ada["id"]) == ["arts_creativity", "stem_logic"]


def test_an_empty_list_clears_them(client, conn, ada):
    client.patch("/api/users/me", json={"interests": ["stem_logic"]}, headers=ada["headers"])
    resp = client.patch("/api/users/me", json={"interests": []}, headers=ada["headers"])
    assert resp.status_code == 200 and _interests(conn, ada["id"]) == []


@pytest.mark.parametrize("interests", [["cooking"], None, "stem_logic", ["stem_logic"] * 6])
def test_anything_else_is_a_422_and_changes_nothing(client, conn, ada, interests):
    client.patch("/api/users/me", json={"interests": ["life_wellness"]}, headers=ada["headers"])
    resp = client.patch("/api/users/me", json={"interests": interests}, headers=ada["headers"])
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"].startswith("interests")
    assert _interests(conn, ada["id"]) == ["life_wellness"]


def test_directly_a_student_writes_their_own_pillars_and_only_pillars(conn, ada):
    with acting_as(conn, ada["id"]) as cur:
        cur.execute(
            "update public.users set interests = '{society_culture}' where id = %s", (ada["id"],)
        )
        assert cur.rowcount == 1
        cur.execute("select interests from public.users where id = %s", (ada["id"],))
        assert cur.fetchone()[0] == ["society_culture"]
    for bad in ("{cooking}", "{stem_logic,NULL}"):
        with acting_as(conn, ada["id"]) as cur, pytest.raises(psycopg.errors.CheckViolation):
            cur.execute("update public.users set interests = %s where id = %s", (bad, ada["id"]))
