"""PATCH /api/users/me: what null means for each field, and what it may not mean."""

from __future__ import annotations

import pytest

from ..factories import signed_in


@pytest.fixture
def sam(client, app):
    user, headers = signed_in(
        client, app, username="sam_s", first_name="Sam", last_name="Stone", display_name="Sammy"
    )
    return {**user, "headers": headers}


def _username(conn, user_id) -> str | None:
    return conn.execute("select username from public.users where id = %s", (user_id,)).fetchone()[0]


def test_a_null_username_is_a_422_and_keeps_the_username(client, conn, sam):
    resp = client.patch("/api/users/me", json={"username": None}, headers=sam["headers"])
    assert resp.status_code == 422
    assert [d["field"] for d in resp.get_json()["error"]["details"]] == ["username"]
    assert _username(conn, sam["id"]) == "sam_s"


def test_the_username_can_be_changed(client, conn, sam):
    resp = client.patch("/api/users/me", json={"username": "sam_2"}, headers=sam["headers"])
    assert resp.status_code == 200 and resp.get_json()["username"] == "sam_2"
    assert _username(conn, sam["id"]) == "sam_2"


@pytest.mark.parametrize("field", ["first_name", "last_name", "display_name"])
def test_null_clears_a_name(client, sam, field):
    resp = client.patch("/api/users/me", json={field: None}, headers=sam["headers"])
    assert resp.status_code == 200
    assert resp.get_json()[field] is None and resp.get_json()["username"] == "sam_s"


def test_the_document_offers_no_null_username_but_null_names(client):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    props = schemas["UserUpdate"]["properties"]
    assert "anyOf" not in props["username"] and props["username"]["type"] == "string"
    assert "default" not in props["username"]
    assert {"type": "null"} in props["first_name"]["anyOf"]


@pytest.mark.parametrize("payload", [{"first_name": 0}, {"username": 123}, {"nickname": "x"}])
def test_other_bad_changes_are_422(client, sam, payload):
    assert client.patch("/api/users/me", json=payload, headers=sam["headers"]).status_code == 422
