"""A parent who consented from their account exports their child's data; no one else can,
and withdrawing consent takes that away."""

from __future__ import annotations

import json

from ..account.conftest import run_jobs, unzip
from .test_children import add_child


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
