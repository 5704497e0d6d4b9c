"""POST /api/auth/me/password: the current password proves it is me; every other session
ends and the answer is the session that replaces them. Both providers (run with
--auth-provider=supabase for Supabase Auth's path through tests/fakes)."""

from __future__ import annotations

import pytest

from ..factories import PASSWORD, bearer, login, make_user

NEW = "a-much-better-passphrase"


@pytest.fixture
def ivy(client, app):
    user = make_user(app)
    return {**user, "session": login(client, user)}


def change(client, ivy, current=PASSWORD, new=NEW):
    return client.post(
        "/api/auth/me/password",
        json={"current_password": current, "new_password": new},
        headers=bearer(ivy["session"]),
    )


def _signs_in(client, email, password) -> bool:
    resp = client.post("/api/auth/login", json={"email": email, "password": password})
    return resp.status_code == 200


def test_the_new_password_works_the_old_does_not_and_other_sessions_end(client, ivy):
    other = login(client, ivy)  # the same account signed in elsewhere
    resp = change(client, ivy)
    assert resp.status_code == 200
    fresh = resp.get_json()
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3
    assert client.get("/api/auth/me", headers=bearer(fresh)).get_json()["email"] == ivy["email"]
    assert "optio_access" in resp.headers.get("Set-Cookie", "")
    for ended in (ivy["session"], other):
        stale = client.post("/api/auth/refresh", json={"refresh_token": ended["refresh_token"]})
        assert stale.status_code == 401
    assert _signs_in(client, ivy["email"], NEW)
    assert not _signs_in(client, ivy["email"], PASSWORD)


def test_a_wrong_current_password_is_403_and_changes_nothing(client, ivy):
    resp = change(client, ivy, current="not-my-password")
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "wrong_password"
    assert _signs_in(client, ivy["email"], PASSWORD)
    assert not _signs_in(client, ivy["email"], NEW)
    assert client.get("/api/auth/me", headers=bearer(ivy["session"])).status_code == 200


def test_the_same_password_again_is_422_on_the_new_password(client, ivy):
    resp = change(client, ivy, new=PASSWORD)
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "same_password"
    assert [d["field"] for d in error["details"]] == ["new_password"]


@pytest.mark.parametrize("new", ["short", "x" * 73, "é" * 40])
def test_a_new_password_too_short_or_too_long_for_bcrypt_is_422(client, ivy, new):
    resp = change(client, ivy, new=new)
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == "new_password"
    assert _signs_in(client, ivy["email"], PASSWORD)


def test_signed_out_it_is_401(client):
    resp = client.post(
        "/api/auth/me/password", json={"current_password": PASSWORD, "new_password": NEW}
    )
    assert resp.status_code == 401
