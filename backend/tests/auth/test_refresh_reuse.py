"""A refresh token presented again shortly after it was spent (a retry after a timeout, two
tabs) continues its session, like Supabase Auth's refresh_token_reuse_interval; later, it is
treated as theft and ends the session. A deactivated account's refresh says so."""

import httpx
import jwt
import pytest

from ..concurrency import fire_together
from ..factories import bearer, login, make_user
from .conftest import session_ending


def _claims(session: dict) -> dict:
    return jwt.decode(session["access_token"], options={"verify_signature": False})


def _refresh(client, token: str):
    return client.post("/api/auth/refresh", json={"refresh_token": token})


class TestConcurrentRefreshes:
    @pytest.fixture
    def settings_overrides(self):
        return {"db_pool_max_size": 6}

    @pytest.mark.parametrize("racers", [2, 5])
    def test_simultaneous_refreshes_with_one_token_all_continue_the_session(
        self, app, client, conn, server, racers, auth_provider
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
        assert session_ending(conn, session_id) is None
        # Every racer got a live token: the local provider gives each one of its own, GoTrue
        # gives the later ones the first one's (the answer they "lost"). Each can go on.
        tokens = {body["refresh_token"] for _, body in results}
        assert len(tokens) == (racers if auth_provider == "local" else 1)
        for token in tokens:
            assert _refresh(client, token).status_code == 200


def test_a_spent_token_presented_again_within_the_interval_continues_the_session(
    app, client, conn, spend
):
    first = login(client, make_user(app))
    second = spend(first["refresh_token"])
    retry = _refresh(client, first["refresh_token"])
    assert retry.status_code == 200
    again = retry.get_json()
    assert _claims(again)["session_id"] == _claims(first)["session_id"]
    assert again["refresh_token"] != second["refresh_token"]
    assert session_ending(conn, _claims(first)["session_id"]) is None
    assert client.get("/api/auth/me", headers=bearer(again)).status_code == 200
    assert _refresh(client, second["refresh_token"]).status_code == 200


# GoTrue starts a spent token's interval again at each reuse it forgives (GrantRefreshTokenSwap
# stamps the token's updated_at; tests/fakes/test_gotrue.py).
@pytest.mark.local_only
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


def test_a_spent_token_presented_after_the_interval_ends_the_session(
    app, client, conn, spend, age_spent_tokens, auth_provider
):
    first = login(client, make_user(app))
    live = spend(first["refresh_token"])
    age_spent_tokens(11)
    reuse = _refresh(client, first["refresh_token"])
    assert reuse.status_code == 401
    assert reuse.get_json()["error"]["code"] == "refresh_token_reused"
    # GoTrue revokes the session's refresh tokens but keeps its row (tests/auth/conftest.py).
    ended = {"local": "refresh_token_reuse", "supabase": None}[auth_provider]
    assert session_ending(conn, _claims(first)["session_id"]) == ended
    # GoTrue forgives the tokens it has just revoked for one more interval (RevokeTokenFamily
    # stamps their updated_at).
    age_spent_tokens(11)
    assert _refresh(client, live["refresh_token"]).status_code == 401


class TestWithoutAReuseInterval:
    @pytest.fixture
    def settings_overrides(self):
        return {"refresh_reuse_interval_seconds": 0}

    @pytest.fixture(autouse=True)
    def _gotrue_without_a_reuse_interval(self, auth_provider, request):
        if auth_provider == "supabase":  # GoTrue's own setting: the app's does not reach it
            request.getfixturevalue("fake_supabase").refresh_token_reuse_interval = 0

    def test_any_second_presentation_ends_the_session(
        self, app, client, conn, spend, auth_provider
    ):
        first = login(client, make_user(app))
        live = spend(first["refresh_token"])
        reuse = _refresh(client, first["refresh_token"])
        assert reuse.status_code == 401
        assert reuse.get_json()["error"]["code"] == "refresh_token_reused"
        ended = {"local": "refresh_token_reuse", "supabase": None}[auth_provider]
        assert session_ending(conn, _claims(first)["session_id"]) == ended
        assert _refresh(client, live["refresh_token"]).status_code == 401

    def test_a_detected_reuse_stays_within_the_round_trip_budget(self, app, client, spend):
        first = login(client, make_user(app))
        spend(first["refresh_token"])
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
    assert session_ending(conn, _claims(session)["session_id"]) != "refresh_token_reuse"


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


def test_refresh_after_sign_out_is_invalid_not_reuse(app, client, conn, auth_provider):
    first = login(client, make_user(app))
    assert client.post("/api/auth/logout", headers=bearer(first)).status_code == 204
    resp = _refresh(client, first["refresh_token"])
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "invalid_refresh_token"
    ended = {"local": "sign_out", "supabase": "deleted"}[auth_provider]
    assert session_ending(conn, _claims(first)["session_id"]) == ended


def test_password_reset_ends_every_session_of_the_user(
    app, client, conn, reset_token, auth_provider
):
    user = make_user(app)
    sessions = [login(client, user) for _ in range(2)]
    token = reset_token(client, user["email"])
    resp = client.post(
        "/api/auth/password/reset", json={"token": token, "password": "a-new-password-1"}
    )
    assert resp.status_code == 204
    ended = {"local": "password_reset", "supabase": "deleted"}[auth_provider]
    for session in sessions:
        assert session_ending(conn, _claims(session)["session_id"]) == ended
        assert _refresh(client, session["refresh_token"]).status_code == 401


@pytest.mark.parametrize("spent", [False, True], ids=["fresh", "reused-within-interval"])
def test_refresh_stays_within_the_round_trip_budget(app, client, spent):
    first = login(client, make_user(app))
    if spent:
        assert _refresh(client, first["refresh_token"]).status_code == 200
    resp = _refresh(client, first["refresh_token"])
    assert resp.status_code == 200
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3
