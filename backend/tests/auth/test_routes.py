import logging

import jwt
import pytest

from ..factories import PASSWORD, bearer, login, make_user
from .conftest import session_ending


def signup(client, **overrides):
    payload = {"email": "new@example.com", "password": PASSWORD, **overrides}
    return client.post("/api/auth/signup", json=payload)


def test_signup_creates_the_account_and_its_profile(client, conn):
    resp = signup(client, username="new_one", first_name="Nia", last_name="Okafor")
    assert resp.status_code == 201
    body = resp.get_json()
    assert body["user"]["email"] == "new@example.com"
    assert body["user"]["username"] == "new_one"
    assert body["user"]["display_name"] == "Nia Okafor"
    assert body["user"]["role"] == "student"
    row = conn.execute(
        "select encrypted_password from auth.users where email = %s", ("new@example.com",)
    ).fetchone()
    assert row[0].startswith("$2")  # bcrypt, never the password


def test_signup_without_username_derives_a_unique_one(client, app):
    make_user(app, email="sam@example.com")
    resp = signup(client, email="sam@example.org")
    assert resp.status_code == 201
    assert resp.get_json()["user"]["username"] == "sam2"


def test_signup_with_a_taken_email_is_a_conflict(client, app):
    make_user(app, email="taken@example.com")
    resp = signup(client, email="TAKEN@example.com")
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "email_taken"


def test_signup_with_a_taken_username_is_a_conflict(client, app):
    make_user(app, username="dupe_name")
    resp = signup(client, username="dupe_name")
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "username_taken"


def test_a_bad_body_answers_422_naming_the_fields(client, conn):
    resp = client.post("/api/auth/signup", json={"email": "not-an-email", "password": "short"})
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "validation_error"
    assert {d["field"] for d in error["details"]} == {"email", "password"}
    assert conn.execute("select count(*) from auth.users").fetchone()[0] == 0


def test_a_body_that_is_not_json_answers_415(client):
    resp = client.post(
        "/api/auth/login", data="email=a", content_type="application/x-www-form-urlencoded"
    )
    assert resp.status_code == 415
    assert resp.get_json()["error"]["code"] == "unsupported_media_type"


def test_malformed_json_answers_400(client):
    resp = client.post("/api/auth/login", data="{nope", content_type="application/json")
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "bad_request"


def test_login_returns_a_supabase_format_session_and_sets_cookies(client, app):
    user = make_user(app)
    resp = client.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["token_type"] == "bearer" and body["refresh_token"] and body["expires_in"] == 3600
    cookies = {c.split("=")[0]: c for c in resp.headers.getlist("Set-Cookie")}
    assert "HttpOnly" in cookies["optio_access"] and "HttpOnly" in cookies["optio_refresh"]
    assert "HttpOnly" not in cookies["optio_csrf"]


@pytest.mark.parametrize(
    "email,password", [("user-x@example.com", "wrong-password"), ("nobody@example.com", PASSWORD)]
)
def test_login_with_wrong_credentials_answers_401(client, app, email, password):
    make_user(app, email="user-x@example.com")
    resp = client.post("/api/auth/login", json={"email": email, "password": password})
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "invalid_credentials"


def test_me_with_a_bearer_token_returns_my_profile(client, app):
    user = make_user(app, first_name="Ana")
    resp = client.get("/api/auth/me", headers=bearer(login(client, user)))
    assert resp.status_code == 200
    assert resp.get_json()["id"] == str(user["id"])


def test_me_without_a_token_answers_401(client):
    resp = client.get("/api/auth/me")
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "unauthorized"


def test_me_with_a_garbage_bearer_token_answers_401(client):
    resp = client.get("/api/auth/me", headers={"Authorization": "Bearer not.a.jwt"})
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "invalid_token"


def test_me_works_with_the_login_cookie(client, app):
    login(client, make_user(app))
    assert client.get("/api/auth/me").status_code == 200


def test_cookie_authenticated_write_without_csrf_header_is_refused(client, app):
    login(client, make_user(app))
    resp = client.post("/api/auth/logout")
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "csrf_failed"


def test_cookie_authenticated_write_with_csrf_header_is_accepted(client, app):
    login(client, make_user(app))
    csrf = client.get_cookie("optio_csrf").value
    resp = client.post("/api/auth/logout", headers={"X-CSRF-Token": csrf})
    assert resp.status_code == 204
    assert client.get_cookie("optio_access", path="/api") is None


def test_csrf_endpoint_sets_the_cookie_it_returns(client):
    resp = client.get("/api/auth/csrf")
    assert resp.status_code == 200
    assert client.get_cookie("optio_csrf").value == resp.get_json()["csrf_token"]


def test_refresh_rotates_the_token(client, app):
    first = login(client, make_user(app))
    resp = client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert resp.status_code == 200
    second = resp.get_json()
    assert second["refresh_token"] != first["refresh_token"]
    assert client.get("/api/auth/me", headers=bearer(second)).status_code == 200


def test_reusing_a_spent_refresh_token_revokes_the_session(
    client, app, conn, spend, age_spent_tokens, auth_provider
):
    first = login(client, make_user(app))
    second = spend(first["refresh_token"])
    # Past the reuse interval, which forgives a retry or a second tab (test_refresh_reuse.py).
    age_spent_tokens(3600)
    reuse = client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    assert reuse.get_json()["error"]["code"] == "refresh_token_reused"
    # The thief's replay also killed the legitimate successor token (through Supabase Auth once
    # GoTrue's grace for the tokens it has just revoked, one more interval, is over).
    age_spent_tokens(3600)
    after = client.post("/api/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert after.status_code == 401
    claims = jwt.decode(first["access_token"], options={"verify_signature": False})
    # GoTrue revokes the session's refresh tokens but keeps its row (tests/auth/conftest.py).
    ended = {"local": "refresh_token_reuse", "supabase": None}[auth_provider]
    assert session_ending(conn, claims["session_id"]) == ended


def test_refresh_from_the_cookie_needs_the_csrf_header(client, app):
    login(client, make_user(app))
    assert client.post("/api/auth/refresh", json={}).status_code == 403
    csrf = client.get_cookie("optio_csrf").value
    resp = client.post("/api/auth/refresh", json={}, headers={"X-CSRF-Token": csrf})
    assert resp.status_code == 200


def test_logout_ends_the_session_for_its_refresh_token(client, app):
    session = login(client, make_user(app))
    assert client.post("/api/auth/logout", headers=bearer(session)).status_code == 204
    resp = client.post("/api/auth/refresh", json={"refresh_token": session["refresh_token"]})
    assert resp.status_code == 401


def test_password_reset_works_once_and_ends_sessions(client, app, reset_token):
    user = make_user(app)
    old_session = login(client, user)
    token = reset_token(client, user["email"])

    new_password = "a-brand-new-password"
    assert (
        client.post(
            "/api/auth/password/reset", json={"token": token, "password": new_password}
        ).status_code
        == 204
    )
    again = client.post(
        "/api/auth/password/reset", json={"token": token, "password": "another-one-123"}
    )
    assert again.status_code == 422
    assert again.get_json()["error"]["code"] == "invalid_reset_token"

    assert (
        client.post(
            "/api/auth/login", json={"email": user["email"], "password": PASSWORD}
        ).status_code
        == 401
    )
    assert (
        client.post(
            "/api/auth/login", json={"email": user["email"], "password": new_password}
        ).status_code
        == 200
    )
    stale = client.post("/api/auth/refresh", json={"refresh_token": old_session["refresh_token"]})
    assert stale.status_code == 401


def test_forgot_password_for_an_unknown_email_looks_the_same(
    client, caplog, auth_provider, request
):
    with caplog.at_level(logging.WARNING, logger="optio.auth.providers.local"):
        resp = client.post("/api/auth/password/forgot", json={"email": "ghost@example.com"})
    assert resp.status_code == 202
    assert not [r for r in caplog.records if "password reset link" in r.getMessage()]
    if auth_provider == "supabase":
        assert request.getfixturevalue("fake_supabase").mails_to("ghost@example.com") == []


class TestRateLimits:
    @pytest.fixture
    def settings_overrides(self):
        return {"rate_limit_auth": "3/minute"}

    def test_login_answers_429_past_its_limit_per_ip(self, client):
        statuses = [
            client.post(
                "/api/auth/login", json={"email": f"x{i}@example.com", "password": "x"}
            ).status_code
            for i in range(4)
        ]
        assert statuses == [401, 401, 401, 429]

    def test_forgot_password_is_limited_per_email_across_addresses(self, client):
        statuses = [
            client.post(
                "/api/auth/password/forgot",
                json={"email": "target@example.com"},
                environ_base={"REMOTE_ADDR": f"10.0.0.{i}"},
            ).status_code
            for i in range(4)
        ]
        assert statuses == [202, 202, 202, 429]

    def test_the_429_has_the_error_shape(self, client):
        for _ in range(3):
            client.post("/api/auth/password/forgot", json={"email": "a@example.com"})
        resp = client.post("/api/auth/password/forgot", json={"email": "a@example.com"})
        assert resp.status_code == 429
        assert resp.get_json()["error"]["code"] == "rate_limited"
        # When to come back, from the counter's own expiry: within the minute's window.
        assert 1 <= int(resp.headers["Retry-After"]) <= 60

    def test_answers_under_the_limit_carry_no_rate_limit_headers(self, client):
        # Reading them back would cost two more calls to the counters' store on every request.
        resp = client.post("/api/auth/password/forgot", json={"email": "a@example.com"})
        assert resp.status_code == 202
        assert not [h for h in resp.headers if h[0].lower().startswith("x-ratelimit")]


def test_without_oauth_providers_the_settings_offer_none_and_oauth_is_404(client):
    assert client.get("/api/auth/settings").get_json() == {"oauth_providers": []}
    resp = client.get("/api/auth/oauth/google")
    assert (resp.status_code, resp.get_json()["error"]["code"]) == (404, "unknown_provider")


def test_resend_is_accepted_for_any_address(client):
    resp = client.post("/api/auth/resend", json={"email": "nobody@example.com"})
    assert resp.status_code == 202


def test_an_unknown_email_link_is_422(client):
    resp = client.post("/api/auth/verify", json={"token_hash": "f" * 56, "type": "email"})
    assert (resp.status_code, resp.get_json()["error"]["code"]) == (422, "invalid_link")


def test_an_oauth_callback_without_a_started_sign_in_is_400(client):
    resp = client.post("/api/auth/oauth/callback", json={"code": "some-code"})
    assert (resp.status_code, resp.get_json()["error"]["code"]) == (400, "oauth_verifier_missing")
