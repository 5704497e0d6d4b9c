"""A parent who consented from their account exports their child's data or deletes the
child's account; no one else can, and withdrawing consent takes that away."""

from __future__ import annotations

import json

from ..account.conftest import run_jobs, unzip
from ..account.test_deletion import tables_naming
from .test_children import CHILD, add_child


def test_a_parent_exports_their_child_s_data(app, client, heads, stored_evidence):
    child = add_child(client, heads["parent"]).get_json()
    url = f"/api/children/{child['id']}"
    started = client.post(f"{url}/export", headers=heads["parent"])
    assert started.status_code == 202, started.get_json()
    assert client.post(f"{url}/export", headers=heads["parent"]).status_code == 409
    assert run_jobs(app) >= 1
    [ready] = client.get(f"{url}/exports", headers=heads["parent"]).get_json()["data"]
    assert ready["status"] == "ready" and ready["download_url"]
    status, data, _ = stored_evidence.fetch(client, ready["download_url"])
    assert status == 200
    [profile] = json.loads(unzip(data)["data/public.users.json"])
    assert (profile["id"], profile["username"]) == (child["id"], "little_one")


def test_no_one_else_exports_a_child_and_withdrawing_consent_ends_it(client, heads):
    child = add_child(client, heads["parent"]).get_json()
    url = f"/api/children/{child['id']}"
    by_other = client.post(f"{url}/export", headers=heads["teen"])
    assert by_other.status_code == 404 and by_other.get_json()["error"]["code"] == "not_your_child"
    assert client.post(f"{url}/export", headers=heads["parent"]).status_code == 202
    assert client.get(f"{url}/exports", headers=heads["teen"]).get_json() == {"data": []}
    assert client.delete(f"{url}/consent", headers=heads["parent"]).status_code == 204
    assert client.get(f"{url}/exports", headers=heads["parent"]).get_json() == {"data": []}
    assert client.post(f"{url}/export", headers=heads["parent"]).status_code == 404


def test_a_parent_deletes_their_child_s_account_with_their_own_password(
    app, client, conn, heads, parent
):
    child = add_child(client, heads["parent"]).get_json()
    url = f"/api/children/{child['id']}/delete"
    wrong = client.post(url, json={"password": CHILD["password"]}, headers=heads["parent"])
    assert wrong.status_code == 403 and wrong.get_json()["error"]["code"] == "wrong_password"
    stranger = client.post(url, json={"password": "whatever"}, headers=heads["teen"])
    assert stranger.status_code == 404
    assert stranger.get_json()["error"]["code"] == "not_your_child"

    done = client.post(url, json={"password": parent["password"]}, headers=heads["parent"])
    assert done.status_code == 204, done.get_json()
    assert tables_naming(conn, child["id"], "little_one@") == []
    signed_in = app.test_client().post(
        "/api/auth/login", json={"email": "little_one", "password": CHILD["password"]}
    )
    assert signed_in.status_code == 401
    # The parent's own account is untouched.
    assert client.get("/api/auth/me", headers=heads["parent"]).status_code == 200
