"""An access token is only as good as its session and its account: the request's context, which
rides with its first query, refuses a token whose session ended or whose user is gone (401), and
what was pipelined behind it runs as anon, so it cannot act for the user."""

import pytest

from ..factories import bearer, login, make_user


@pytest.fixture
def settings_overrides():
    return {"refresh_reuse_interval_seconds": 0}


def _refused(resp, code: str) -> None:
    assert resp.status_code == 401, resp.get_json()
    assert resp.get_json()["error"]["code"] == code
    assert resp.headers["X-DB-Round-Trips"] == "1"  # the check rode with the read


def test_an_access_token_stops_working_at_sign_out(client, app):
    headers = bearer(login(client, make_user(app)))
    assert client.post("/api/auth/logout", headers=headers).status_code == 204
    _refused(client.get("/api/auth/me", headers=headers), "session_ended")


def test_sign_out_ends_only_its_own_session(client, app):
    user = make_user(app)
    kept, ended = bearer(login(client, user)), bearer(login(client, user))
    assert client.post("/api/auth/logout", headers=ended).status_code == 204
    assert client.get("/api/auth/me", headers=kept).status_code == 200


def test_a_write_behind_an_ended_session_changes_nothing(client, app, conn):
    user = make_user(app, first_name="Kept")
    headers = bearer(login(client, user))
    client.post("/api/auth/logout", headers=headers)
    resp = client.patch("/api/users/me", json={"first_name": "Forged"}, headers=headers)
    assert resp.status_code == 401
    row = conn.execute("select first_name from public.users where id = %s", (user["id"],))
    assert row.fetchone() == ("Kept",)


# GoTrue (legacy refresh tokens) answers a reuse by revoking the session's refresh tokens and
# keeps the session, so its access tokens last until they expire (tests/auth/conftest.py).
@pytest.mark.local_only
def test_refresh_token_reuse_ends_the_access_tokens_of_its_session(client, app):
    session = login(client, make_user(app))
    first = client.post("/api/auth/refresh", json={"refresh_token": session["refresh_token"]})
    assert first.status_code == 200
    reused = client.post("/api/auth/refresh", json={"refresh_token": session["refresh_token"]})
    assert reused.get_json()["error"]["code"] == "refresh_token_reused"
    _refused(client.get("/api/auth/me", headers=bearer(first.get_json())), "session_ended")
    _refused(client.get("/api/auth/me", headers=bearer(session)), "session_ended")


def test_a_password_reset_ends_every_access_token(client, app, reset_token):
    user = make_user(app)
    headers = bearer(login(client, user))
    reset = {"token": reset_token(client, user["email"]), "password": "a-brand-new-password"}
    assert client.post("/api/auth/password/reset", json=reset).status_code == 204
    _refused(client.get("/api/auth/me", headers=headers), "session_ended")


def test_a_deleted_users_token_is_refused(client, app, conn):
    user = make_user(app)
    headers = bearer(login(client, user))
    conn.execute("delete from auth.users where id = %s", (user["id"],))
    _refused(client.get("/api/auth/me", headers=headers), "invalid_token")
    _refused(client.get("/api/quests", headers=headers), "invalid_token")
