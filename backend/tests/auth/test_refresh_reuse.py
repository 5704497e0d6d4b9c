"""A refresh token presented again shortly after it was spent (a retry after a timeout, two
tabs) continues its session, like Supabase Auth's refresh_token_reuse_interval; later, it is
treated as theft and ends the session. A deactivated account's refresh says so."""

import logging
import re

import httpx
import jwt
import pytest

from ..concurrency import fire_together
from ..factories import bearer, login, make_user


def _claims(session: dict) -> dict:
    return jwt.decode(session["access_token"], options={"verify_signature": False})


def _refresh(client, token: str):
    return client.post("/api/auth/refresh", json={"refresh_token": token})


def _session_row(conn, session_id: str):
    return conn.execute(
        "select revoked_at, revoked_reason from auth.sessions where id = %s", (session_id,)
    ).fetchone()


class TestConcurrentRefreshes:
    @pytest.fixture
    def settings_overrides(self):
        return {"db_pool_max_size": 6}

    @pytest.mark.parametrize("racers", [2, 5])
    def test_simultaneous_refreshes_with_one_token_all_continue_the_session(
        self, app, client, conn, server, racers
    ):
        first = login(client, make_user(app))
        session_id = _claims(first)["session_id"]

        def send():
            with httpx.Client(base_url=server, timeout=30) as http:
                r = http.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
                return r.status_code, r.json()

        results = fire_together([send] * racers)
        assert [status for status, _ in results] == [200] * racers, results
        assert {_claims(body)["session_id"] for _, body in results} == {session_id}
        assert _session_row(conn, session_id) == (None, None)
        # Every racer got a live token of its own: each can go on refreshing.
        tokens = {body["refresh_token"] for _, body in results}
        assert len(tokens) == racers
        for token in tokens:
            assert _refresh(client, token).status_code == 200


def test_a_spent_token_presented_again_within_the_interval_continues_the_session(app, client, conn):
    first = login(client, make_user(app))
    second = _refresh(client, first["refresh_token"]).get_json()
    retry = _refresh(client, first["refresh_token"])
    assert retry.status_code == 200
    again = retry.get_json()
    assert _claims(again)["session_id"] == _claims(first)["session_id"]
    assert again["refresh_token"] != second["refresh_token"]
    assert _session_row(conn, _claims(first)["session_id"]) == (None, None)
    assert client.get("/api/auth/me", headers=bearer(again)).status_code == 200
    assert _refresh(client, second["refresh_token"]).status_code == 200


def test_the_interval_counts_from_the_first_spend_not_from_each_reuse(app, client, conn):
    first = login(client, make_user(app))
    assert _refresh(client, first["refresh_token"]).status_code == 200
    conn.execute("update auth.refresh_tokens set revoked_at = now() - interval '8 seconds'")
    assert _refresh(client, first["refresh_token"]).status_code == 200  # 8 s < 10 s
    conn.execute(
        "update auth.refresh_tokens set revoked_at = revoked_at - interval '3 seconds'"
        " where revoked_at is not null"
    )
    late = _refresh(client, first["refresh_token"])
    assert late.status_code == 401
    assert late.get_json()["error"]["code"] == "refresh_token_reused"


def test_a_spent_token_presented_after_the_interval_ends_the_session(app, client, conn):
    first = login(client, make_user(app))
    second = _refresh(client, first["refresh_token"]).get_json()
    conn.execute(
        "update auth.refresh_tokens set revoked_at = now() - interval '11 seconds'"
        " where revoked_at is not null"
    )
    reuse = _refresh(client, first["refresh_token"])
    assert reuse.status_code == 401
    assert reuse.get_json()["error"]["code"] == "refresh_token_reused"
    revoked_at, reason = _session_row(conn, _claims(first)["session_id"])
    assert revoked_at is not None and reason == "refresh_token_reuse"
    assert _refresh(client, second["refresh_token"]).status_code == 401


class TestWithoutAReuseInterval:
    @pytest.fixture
    def settings_overrides(self):
        return {"refresh_reuse_interval_seconds": 0}

    def test_any_second_presentation_ends_the_session(self, app, client, conn):
        first = login(client, make_user(app))
        assert _refresh(client, first["refresh_token"]).status_code == 200
        reuse = _refresh(client, first["refresh_token"])
        assert reuse.status_code == 401
        assert reuse.get_json()["error"]["code"] == "refresh_token_reused"
        assert _session_row(conn, _claims(first)["session_id"])[1] == "refresh_token_reuse"

    def test_a_detected_reuse_stays_within_the_round_trip_budget(self, app, client):
        first = login(client, make_user(app))
        assert _refresh(client, first["refresh_token"]).status_code == 200
        reuse = _refresh(client, first["refresh_token"])
        assert reuse.status_code == 401
        assert int(reuse.headers["X-DB-Round-Trips"]) <= 3


def _deactivate(conn, user):
    conn.execute("update public.users set is_active = false where id = %s", (user["id"],))


def test_refresh_of_a_deactivated_account_is_403_account_deactivated(app, client, conn):
    user = make_user(app)
    session = login(client, user)
    _deactivate(conn, user)
    resp = _refresh(client, session["refresh_token"])
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "account_deactivated"
    # Not mistaken for theft: the session was not ended as a reuse.
    assert _session_row(conn, _claims(session)["session_id"])[1] != "refresh_token_reuse"


def test_refresh_of_a_deactivated_account_with_a_spent_token_is_still_account_deactivated(
    app, client, conn
):
    user = make_user(app)
    first = login(client, user)
    assert _refresh(client, first["refresh_token"]).status_code == 200
    _deactivate(conn, user)
    resp = _refresh(client, first["refresh_token"])
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "account_deactivated"


def test_a_reactivated_account_can_refresh_again(app, client, conn):
    user = make_user(app)
    session = login(client, user)
    _deactivate(conn, user)
    assert _refresh(client, session["refresh_token"]).status_code == 403
    conn.execute("update public.users set is_active = true where id = %s", (user["id"],))
    assert _refresh(client, session["refresh_token"]).status_code == 200


def test_an_unknown_refresh_token_is_invalid(client):
    resp = _refresh(client, "never-issued")
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "invalid_refresh_token"


def test_refresh_after_sign_out_is_invalid_not_reuse(app, client, conn):
    first = login(client, make_user(app))
    assert client.post("/api/auth/logout", headers=bearer(first)).status_code == 204
    resp = _refresh(client, first["refresh_token"])
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "invalid_refresh_token"
    assert _session_row(conn, _claims(first)["session_id"])[1] == "sign_out"


def test_password_reset_marks_every_session_of_the_user_revoked(app, client, conn, caplog):
    user = make_user(app)
    sessions = [login(client, user) for _ in range(2)]
    with caplog.at_level(logging.WARNING, logger="optio.auth.providers.local"):
        client.post("/api/auth/password/forgot", json={"email": user["email"]})
    token = re.search(r"token_hash=([\w-]+)", caplog.records[-1].getMessage()).group(1)
    resp = client.post(
        "/api/auth/password/reset", json={"token": token, "password": "a-new-password-1"}
    )
    assert resp.status_code == 204
    for session in sessions:
        revoked_at, reason = _session_row(conn, _claims(session)["session_id"])
        assert revoked_at is not None and reason == "password_reset"


@pytest.mark.parametrize("spent", [False, True], ids=["fresh", "reused-within-interval"])
def test_refresh_stays_within_the_round_trip_budget(app, client, spent):
    first = login(client, make_user(app))
    if spent:
        assert _refresh(client, first["refresh_token"]).status_code == 200
    resp = _refresh(client, first["refresh_token"])
    assert resp.status_code == 200
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3
