"""SupabaseProvider against a fake GoTrue: respx answers at the HTTP layer, the real client runs."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx

from optio import create_app
from optio.auth.cookies import ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE, REFRESH_PATH
from optio.auth.providers.base import AuthSession
from optio.auth.providers.supabase import RateLimited, SupabaseProvider
from optio.config import Settings
from optio.errors import Conflict, Invalid, Unauthorized, Unavailable

from ..conftest import TEST_SETTINGS

GOTRUE = "http://supabase.test/auth/v1"
USER_ID = uuid.UUID("6f1c2a8e-3b7d-4c1e-9a55-0d2f8e4b7c91")


@pytest.fixture
def provider() -> SupabaseProvider:
    settings = Settings(
        _env_file=None,
        optio_env="test",
        auth_provider="supabase",
        supabase_url="http://supabase.test",
        supabase_anon_key="anon-key",
    )
    return SupabaseProvider(settings)


@pytest.fixture
def gotrue() -> Iterator[respx.MockRouter]:
    # Any request without a route fails the test, so unexpected calls cannot slip by.
    with respx.mock(base_url=GOTRUE, assert_all_called=True, assert_all_mocked=True) as router:
        yield router


def gotrue_user(**overrides: Any) -> dict[str, Any]:
    user = {
        "id": str(USER_ID),
        "aud": "authenticated",
        "role": "authenticated",
        "email": "ada@example.com",
        "email_confirmed_at": "2025-01-10T09:30:00.000000Z",
        "phone": "",
        "confirmed_at": "2025-01-10T09:30:00.000000Z",
        "last_sign_in_at": "2025-01-10T09:30:00.000000Z",
        "app_metadata": {"provider": "email", "providers": ["email"]},
        "user_metadata": {"username": "ada", "email_verified": True},
        "identities": [],
        "created_at": "2025-01-10T09:30:00.000000Z",
        "updated_at": "2025-01-10T09:30:00.000000Z",
        "is_anonymous": False,
    }
    return user | overrides


def gotrue_session(access_token: str, refresh_token: str) -> dict:
    return {
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": 3600,
        "expires_at": int(time.time()) + 3600,
        "refresh_token": refresh_token,
        "user": gotrue_user(),
    }


def gotrue_error(status: int, code: str, message: str) -> httpx.Response:
    # GoTrue answers in the 2024-01-01 error format because the client asks for that version.
    headers = {"X-Supabase-Api-Version": "2024-01-01"}
    return httpx.Response(status, json={"code": code, "message": message}, headers=headers)


def sent(route: respx.Route) -> tuple[httpx.Request, dict[str, Any]]:
    request = route.calls.last.request
    return request, json.loads(request.content) if request.content else {}


def test_sign_up_sends_email_password_and_metadata_and_returns_the_session(provider, gotrue):
    body = gotrue_session("access-1", "refresh-1")
    route = gotrue.post("/signup").respond(200, json=body)

    session = provider.sign_up("ada@example.com", "correct horse", {"username": "ada"})

    assert session == AuthSession("access-1", "refresh-1", body["expires_at"], USER_ID)
    request, payload = sent(route)
    assert request.headers["apikey"] == "anon-key"
    assert request.headers["authorization"] == "Bearer anon-key"
    assert payload["email"] == "ada@example.com"
    assert payload["password"] == "correct horse"
    assert payload["data"] == {"username": "ada"}
    assert "code_challenge" not in payload  # implicit flow: no PKCE verifier to lose


def test_sign_up_needing_email_confirmation_returns_no_session(provider, gotrue):
    unconfirmed = gotrue_user(
        email_confirmed_at=None,
        confirmed_at=None,
        last_sign_in_at=None,
        confirmation_sent_at="2025-01-10T09:30:00.000000Z",
    )
    gotrue.post("/signup").respond(200, json=unconfirmed)

    assert provider.sign_up("ada@example.com", "correct horse", {}) is None


def test_sign_up_with_a_registered_email_is_a_conflict(provider, gotrue):
    gotrue.post("/signup").mock(
        return_value=gotrue_error(422, "user_already_exists", "User already registered")
    )

    with pytest.raises(Conflict) as caught:
        provider.sign_up("ada@example.com", "correct horse", {})
    assert caught.value.code == "email_taken"


@pytest.fixture
def admin_provider() -> SupabaseProvider:
    settings = Settings(
        _env_file=None,
        optio_env="test",
        auth_provider="supabase",
        supabase_url="http://supabase.test",
        supabase_anon_key="anon-key",
        supabase_service_role_key="service-role-key",
    )
    return SupabaseProvider(settings)


def test_create_user_makes_a_confirmed_account_through_the_admin_api(admin_provider, gotrue):
    route = gotrue.post("/admin/users").respond(200, json=gotrue_user())

    admin_provider.create_user("ada@example.com", "correct horse", {"username": "ada"})

    request, payload = sent(route)
    assert request.headers["authorization"] == "Bearer service-role-key"
    assert payload == {
        "email": "ada@example.com",
        "password": "correct horse",
        "email_confirm": True,
        "user_metadata": {"username": "ada"},
    }


def test_create_user_with_a_registered_email_is_a_conflict(admin_provider, gotrue):
    gotrue.post("/admin/users").mock(
        return_value=gotrue_error(
            422, "email_exists", "A user with this email address has already been registered"
        )
    )

    with pytest.raises(Conflict) as caught:
        admin_provider.create_user("ada@example.com", "correct horse", {})
    assert caught.value.code == "email_taken"


def test_create_user_needs_the_service_role_key(provider):
    with pytest.raises(ValueError, match="SUPABASE_SERVICE_ROLE_KEY"):
        provider.create_user("ada@example.com", "correct horse", {})


def test_sign_in_sends_a_password_grant_and_returns_the_session(provider, gotrue):
    body = gotrue_session("access-1", "refresh-1")
    route = gotrue.post("/token", params={"grant_type": "password"}).respond(200, json=body)

    session = provider.sign_in("ada@example.com", "correct horse")

    assert session == AuthSession("access-1", "refresh-1", body["expires_at"], USER_ID)
    request, payload = sent(route)
    assert request.headers["apikey"] == "anon-key"
    assert payload["email"] == "ada@example.com"
    assert payload["password"] == "correct horse"


def test_sign_in_with_a_wrong_password_is_unauthorized(provider, gotrue):
    gotrue.post("/token", params={"grant_type": "password"}).mock(
        return_value=gotrue_error(400, "invalid_credentials", "Invalid login credentials")
    )

    with pytest.raises(Unauthorized) as caught:
        provider.sign_in("ada@example.com", "wrong")
    assert caught.value.code == "invalid_credentials"


def test_refresh_trades_the_refresh_token_for_a_new_session(provider, gotrue):
    body = gotrue_session("access-2", "refresh-2")
    route = gotrue.post("/token", params={"grant_type": "refresh_token"}).respond(200, json=body)

    session = provider.refresh("refresh-1")

    assert session == AuthSession("access-2", "refresh-2", body["expires_at"], USER_ID)
    request, payload = sent(route)
    assert request.headers["apikey"] == "anon-key"
    assert payload == {"refresh_token": "refresh-1"}


@pytest.mark.parametrize(
    ("gotrue_code", "message", "app_code"),
    [
        (
            "refresh_token_not_found",
            "Invalid Refresh Token: Refresh Token Not Found",
            "invalid_refresh_token",
        ),
        ("session_expired", "Session Expired", "invalid_refresh_token"),
        (
            "refresh_token_already_used",
            "Invalid Refresh Token: Already Used",
            "refresh_token_reused",
        ),
    ],
)
def test_refresh_with_an_unusable_token_is_unauthorized(
    provider, gotrue, gotrue_code, message, app_code
):
    gotrue.post("/token", params={"grant_type": "refresh_token"}).mock(
        return_value=gotrue_error(400, gotrue_code, message)
    )

    with pytest.raises(Unauthorized) as caught:
        provider.refresh("refresh-1")
    assert caught.value.code == app_code


def test_sign_out_posts_logout_for_this_session_with_the_users_token(provider, gotrue):
    route = gotrue.post("/logout", params={"scope": "local"}).respond(204)

    provider.sign_out("access-1", "session-1")

    request, _ = sent(route)
    assert request.headers["authorization"] == "Bearer access-1"
    assert request.headers["apikey"] == "anon-key"


def test_sign_out_without_an_access_token_calls_nothing(provider, gotrue):
    provider.sign_out(None, None)

    assert not gotrue.calls


SESSION_GONE = gotrue_error(403, "session_not_found", "Session from session_id not found")


@pytest.mark.parametrize(
    "answer",
    [
        SESSION_GONE,
        gotrue_error(401, "bad_jwt", "invalid JWT: token is expired"),
        gotrue_error(404, "user_not_found", "User from sub claim in JWT does not exist"),
    ],
    ids=["session-gone", "token-refused", "user-gone"],
)
def test_sign_out_of_a_session_gotrue_already_ended_succeeds(provider, gotrue, answer):
    route = gotrue.post("/logout", params={"scope": "local"}).mock(return_value=answer)

    provider.sign_out("access-1", "session-1")  # no error: the session is over either way

    request, _ = sent(route)
    assert route.call_count == 1
    assert request.headers["authorization"] == "Bearer access-1"


@pytest.fixture
def supabase_app(database_url, storage_dir):
    app = create_app(
        {
            **TEST_SETTINGS,
            "database_url": database_url,
            "storage_dir": storage_dir,
            "auth_provider": "supabase",
            "supabase_url": "http://supabase.test",
            "supabase_anon_key": "anon-key",
        }
    )
    yield app
    app.extensions["optio_db"].close()


def test_logout_of_a_session_gotrue_already_ended_answers_204_and_clears_the_cookies(
    supabase_app, gotrue
):
    route = gotrue.post("/logout", params={"scope": "local"}).mock(return_value=SESSION_GONE)
    access, _ = supabase_app.extensions["optio_tokens"].issue(
        {"id": USER_ID, "email": "ada@example.com"}, uuid.uuid4()
    )
    client = supabase_app.test_client()
    client.set_cookie(ACCESS_COOKIE, access, path="/api")
    client.set_cookie(REFRESH_COOKIE, "refresh-1", path=REFRESH_PATH)
    client.set_cookie(CSRF_COOKIE, "csrf-1", path="/")

    resp = client.post("/api/auth/logout", headers={"Authorization": f"Bearer {access}"})

    assert resp.status_code == 204
    assert route.calls.last.request.headers["authorization"] == f"Bearer {access}"
    assert client.get_cookie(ACCESS_COOKIE, path="/api") is None
    assert client.get_cookie(REFRESH_COOKIE, path=REFRESH_PATH) is None
    assert client.get_cookie(CSRF_COOKIE, path="/") is None


def test_password_reset_request_posts_the_email_and_redirect_to_recover(provider, gotrue):
    route = gotrue.post("/recover").respond(200, json={})

    provider.request_password_reset("ada@example.com", "https://app.example/reset")

    request, payload = sent(route)
    assert request.url.params["redirect_to"] == "https://app.example/reset"
    assert request.headers["apikey"] == "anon-key"
    assert payload["email"] == "ada@example.com"
    assert "code_challenge" not in payload


def test_reset_password_verifies_the_token_sets_the_password_then_signs_out(provider, gotrue):
    verify = gotrue.post("/verify").respond(
        200, json=gotrue_session("recovery-access", "recovery-refresh")
    )
    update = gotrue.put("/user").respond(200, json=gotrue_user())
    logout = gotrue.post("/logout", params={"scope": "global"}).respond(204)

    provider.reset_password("token-hash-1", "new correct horse")

    assert [call.request.url.path for call in gotrue.calls] == [
        "/auth/v1/verify",
        "/auth/v1/user",
        "/auth/v1/logout",
    ]
    _, verified = sent(verify)
    assert verified["type"] == "recovery"
    assert verified["token_hash"] == "token-hash-1"
    request, updated = sent(update)
    assert updated == {"password": "new correct horse"}
    assert request.headers["authorization"] == "Bearer recovery-access"
    request, _ = sent(logout)
    assert request.headers["authorization"] == "Bearer recovery-access"


def test_reset_password_with_an_expired_token_is_invalid_and_changes_nothing(provider, gotrue):
    gotrue.post("/verify").mock(
        return_value=gotrue_error(403, "otp_expired", "Email link is invalid or has expired")
    )

    with pytest.raises(Invalid) as caught:
        provider.reset_password("token-hash-1", "new correct horse")
    assert caught.value.code == "invalid_reset_token"
    assert len(gotrue.calls) == 1


def test_rate_limited_gotrue_is_a_429(provider, gotrue):
    gotrue.post("/recover").mock(
        return_value=gotrue_error(429, "over_email_send_rate_limit", "email rate limit exceeded")
    )

    with pytest.raises(RateLimited) as caught:
        provider.request_password_reset("ada@example.com", "https://app.example/reset")
    assert (caught.value.status, caught.value.code) == (429, "rate_limited")


@pytest.mark.parametrize(
    "failure",
    [
        gotrue_error(500, "unexpected_failure", "Database error saving new user"),
        httpx.Response(500, text="<html>Internal Server Error</html>"),
        httpx.Response(503, text="upstream connect error"),
        httpx.ConnectError("connection refused"),
    ],
    ids=["500", "500-not-json", "503-not-json", "network"],
)
def test_gotrue_down_is_unavailable(provider, gotrue, failure):
    gotrue.post("/token", params={"grant_type": "password"}).mock(side_effect=[failure])

    with pytest.raises(Unavailable) as caught:
        provider.sign_in("ada@example.com", "correct horse")
    assert caught.value.code == "auth_unavailable"
