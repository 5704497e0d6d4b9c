"""GET /api/admin/users and PATCH /api/admin/users/{id}."""

from __future__ import annotations

import uuid

import pytest

from ..factories import bearer, login, make_user
from .conftest import audit_rows


@pytest.fixture
def people(app, conn):
    return {
        "grace": make_user(app, first_name="Grace", last_name="Hopper", username="grace_h"),
        "alan": make_user(
            app, first_name="Alan", last_name="Turing", email="alan@bletchley.example"
        ),
        "mentor": make_user(app, role="advisor", first_name="Marie", last_name="Curie"),
    }


def _emails(resp) -> set[str]:
    assert resp.status_code == 200, resp.get_json()
    return {u["email"] for u in resp.get_json()["data"]}


@pytest.mark.parametrize(
    ("search", "who"),
    [
        ("bletchley", "alan"),  # e-mail
        ("GRACE_H", "grace"),  # username, any case
        ("curie", "mentor"),  # last name
        ("grace hop", "grace"),  # full name
    ],
)
def test_search_matches_email_username_and_names(client, admin, people, search, who):
    resp = client.get("/api/admin/users", query_string={"search": search}, headers=admin[1])
    assert _emails(resp) == {people[who]["email"]}


def test_search_treats_wildcards_literally(client, admin, people):
    resp = client.get("/api/admin/users", query_string={"search": "%"}, headers=admin[1])
    assert _emails(resp) == set()


def test_role_filter(client, admin, people):
    resp = client.get("/api/admin/users?role=advisor", headers=admin[1])
    assert _emails(resp) == {people["mentor"]["email"]}
    resp = client.get("/api/admin/users?role=admin", headers=admin[1])
    assert _emails(resp) == {admin[0]["email"]}


def test_the_list_is_paginated_with_the_total_count(client, admin, people):
    first = client.get("/api/admin/users?per_page=3", headers=admin[1]).get_json()
    second = client.get("/api/admin/users?per_page=3&page=2", headers=admin[1]).get_json()
    assert (first["count"], first["page"], first["per_page"]) == (4, 1, 3)
    assert len(first["data"]) == 3 and len(second["data"]) == 1
    ids = [u["id"] for u in first["data"] + second["data"]]
    assert len(set(ids)) == 4
    assert first["data"][0]["is_active"] is True and "subscription_tier" in first["data"][0]


@pytest.mark.parametrize("bad", ["page=0", "per_page=101", "role=king"])
def test_bad_list_parameters_are_422_naming_the_field(client, admin, bad):
    resp = client.get(f"/api/admin/users?{bad}", headers=admin[1])
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == bad.split("=")[0]


def test_the_users_list_costs_three_round_trips(client, app, admin):
    for _ in range(5):
        make_user(app)
    resp = client.get("/api/admin/users?search=example", headers=admin[1])
    assert resp.status_code == 200
    assert resp.headers["X-DB-Round-Trips"] == "2"  # the admin check, then page and count


def test_changing_role_and_tier_writes_one_audit_row_of_the_changed_fields(
    client, conn, admin, people
):
    grace = people["grace"]
    resp = client.patch(
        f"/api/admin/users/{grace['id']}",
        json={"role": "advisor", "subscription_tier": "academy", "is_active": True},
        headers=admin[1],
    )
    assert resp.status_code == 200
    body = resp.get_json()
    assert (body["role"], body["subscription_tier"], body["is_active"]) == (
        "advisor",
        "academy",
        True,
    )
    assert audit_rows(conn) == [
        {
            "actor_id": admin[0]["id"],
            "action": "user.update",
            "target_type": "user",
            "target_id": str(grace["id"]),
            "before": {"role": "student", "subscription_tier": "free"},
            "after": {"role": "advisor", "subscription_tier": "academy"},
        }
    ]
    row = conn.execute(
        "select role, subscription_tier from public.users where id = %s", (grace["id"],)
    ).fetchone()
    assert row == ("advisor", "academy")


def test_a_change_to_the_same_values_writes_no_audit_row(client, conn, admin, people):
    resp = client.patch(
        f"/api/admin/users/{people['grace']['id']}", json={"role": "student"}, headers=admin[1]
    )
    assert resp.status_code == 200
    assert audit_rows(conn) == []


def test_the_update_costs_three_round_trips(client, admin, people):
    resp = client.patch(
        f"/api/admin/users/{people['alan']['id']}",
        json={"subscription_tier": "supported"},
        headers=admin[1],
    )
    assert resp.headers["X-DB-Round-Trips"] == "3"


def test_an_admin_may_demote_another_admin(client, app, conn, admin):
    other = make_user(app, role="admin")
    resp = client.patch(
        f"/api/admin/users/{other['id']}", json={"role": "student"}, headers=admin[1]
    )
    assert resp.status_code == 200
    assert audit_rows(conn)[0]["before"] == {"role": "admin"}


@pytest.mark.parametrize(
    "change",
    [
        {"role": "student"},
        {"is_active": False},
        {"role": "advisor", "subscription_tier": "academy"},
    ],
)
def test_an_admin_cannot_demote_or_deactivate_themselves(client, conn, admin, change):
    resp = client.patch(f"/api/admin/users/{admin[0]['id']}", json=change, headers=admin[1])
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "cannot_change_self"
    row = conn.execute(
        "select role, is_active, subscription_tier from public.users where id = %s",
        (admin[0]["id"],),
    ).fetchone()
    assert row == ("admin", True, "free")
    assert audit_rows(conn) == []


def test_an_admin_may_change_their_own_tier(client, admin):
    resp = client.patch(
        f"/api/admin/users/{admin[0]['id']}",
        json={"subscription_tier": "academy", "role": "admin"},
        headers=admin[1],
    )
    assert resp.status_code == 200
    assert resp.get_json()["subscription_tier"] == "academy"


def test_an_unknown_user_is_404(client, admin):
    resp = client.patch(
        f"/api/admin/users/{uuid.uuid4()}", json={"role": "advisor"}, headers=admin[1]
    )
    assert resp.status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({}, "body"),
        ({"subscription_tier": "platinum"}, "subscription_tier"),
        ({"role": None}, "role"),
        ({"is_active": "maybe"}, "is_active"),
        ({"email": "x@example.com"}, "email"),
    ],
)
def test_a_bad_change_is_422_naming_the_field(client, admin, people, change, field):
    resp = client.patch(f"/api/admin/users/{people['grace']['id']}", json=change, headers=admin[1])
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == field


def test_a_deactivated_user_loses_their_token_and_cannot_sign_in(client, conn, admin, people):
    grace = people["grace"]
    headers = bearer(login(client, grace))
    assert client.get("/api/auth/me", headers=headers).status_code == 200

    resp = client.patch(
        f"/api/admin/users/{grace['id']}", json={"is_active": False}, headers=admin[1]
    )
    assert resp.status_code == 200
    assert resp.get_json()["is_active"] is False
    banned = conn.execute(
        "select banned_until = 'infinity' from auth.users where id = %s", (grace["id"],)
    ).fetchone()[0]
    assert banned is True
    assert audit_rows(conn)[0]["after"] == {"is_active": False}

    me = client.get("/api/auth/me", headers=headers)
    assert me.status_code == 401
    assert me.get_json()["error"]["code"] == "account_deactivated"
    again = client.post(
        "/api/auth/login", json={"email": grace["email"], "password": grace["password"]}
    )
    assert again.status_code == 403
    assert again.get_json()["error"]["code"] == "account_deactivated"


def test_reactivating_restores_sign_in(client, conn, admin, people):
    grace = people["grace"]
    for active in (False, True):
        resp = client.patch(
            f"/api/admin/users/{grace['id']}", json={"is_active": active}, headers=admin[1]
        )
        assert resp.status_code == 200
    assert (
        client.post(
            "/api/auth/login", json={"email": grace["email"], "password": grace["password"]}
        ).status_code
        == 200
    )
    assert [r["after"] for r in audit_rows(conn)] == [{"is_active": False}, {"is_active": True}]
