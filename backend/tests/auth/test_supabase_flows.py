"""The flows hosted Supabase sends users through, end to end through the API: e-mail
confirmation, recovery links, OAuth with PKCE and account linking. Supabase Auth is
tests/fakes' FakeSupabase (GoTrue v2.196 behaviour) over real HTTP, the real client runs."""

from __future__ import annotations

import httpx
import pytest

from optio.auth.cookies import ACCESS_COOKIE, OAUTH_VERIFIER_COOKIE, REFRESH_PATH

from ..factories import bearer

WEB = "http://app.optio.test"
PASSWORD = "correct horse battery"


@pytest.fixture
def settings_overrides(fake_supabase) -> dict:
    return {
        "auth_provider": "supabase",
        "supabase_url": fake_supabase.url,
        "supabase_anon_key": fake_supabase.anon_key,
        "supabase_jwt_secret": fake_supabase.jwt_secret,
        "oauth_providers": ["google", "apple"],
        "frontend_url": WEB,
    }


def sign_up(client, email="ada@example.com", password=PASSWORD):
    return client.post("/api/auth/signup", json={"email": email, "password": password})


def signed_in_as(client, email: str) -> None:
    me = client.get("/api/auth/me")
    assert me.status_code == 200, me.get_json()
    assert me.get_json()["email"] == email


# -- e-mail confirmation ------------------------------------------------------------------


def test_sign_up_needing_confirmation_is_202_then_the_link_signs_in(client, fake_supabase):
    fake_supabase.auto_confirm = False

    resp = sign_up(client)

    assert resp.status_code == 202
    assert resp.get_json()["code"] == "confirmation_required"
    assert resp.get_json()["email"] == "ada@example.com"
    assert client.get_cookie(ACCESS_COOKIE, path="/api") is None
    refused = client.post(
        "/api/auth/login", json={"email": "ada@example.com", "password": PASSWORD}
    )
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (
        403,
        "email_not_confirmed",
    )

    [mail] = fake_supabase.mails_to("ada@example.com", "signup")
    # supabase/templates/confirmation.html links /auth/confirm with type=email
    resp = client.post("/api/auth/verify", json={"token_hash": mail.token_hash, "type": "email"})

    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["user"]["email"] == "ada@example.com"
    signed_in_as(client, "ada@example.com")


def test_a_confirmation_link_works_once(client, fake_supabase):
    fake_supabase.auto_confirm = False
    sign_up(client)
    [mail] = fake_supabase.mails_to("ada@example.com", "signup")
    body = {"token_hash": mail.token_hash, "type": "email"}
    assert client.post("/api/auth/verify", json=body).status_code == 200

    again = client.post("/api/auth/verify", json=body)

    assert (again.status_code, again.get_json()["error"]["code"]) == (422, "invalid_link")


def test_a_made_up_link_is_422(client, fake_supabase):
    resp = client.post("/api/auth/verify", json={"token_hash": "0" * 56, "type": "magiclink"})
    assert (resp.status_code, resp.get_json()["error"]["code"]) == (422, "invalid_link")


def test_resend_mails_a_new_link_and_is_rate_limited(client, fake_supabase):
    fake_supabase.auto_confirm = False
    sign_up(client)

    answers = [
        client.post("/api/auth/resend", json={"email": "ada@example.com"}).status_code
        for _ in range(3)
    ]

    assert answers == [202, 202, 429]  # RATE_LIMIT_RESEND: 2/minute per address
    mails = fake_supabase.mails_to("ada@example.com", "signup")
    assert len(mails) == 3
    # The newest link confirms; the first one was replaced.
    latest = {"token_hash": mails[-1].token_hash, "type": "email"}
    assert client.post("/api/auth/verify", json=latest).status_code == 200


def test_supabase_auths_own_mail_rate_limit_is_a_429(client, fake_supabase):
    fake_supabase.auto_confirm = False
    fake_supabase.email_rate_limit_seconds = 60
    sign_up(client)

    resp = client.post("/api/auth/resend", json={"email": "ada@example.com"})

    assert (resp.status_code, resp.get_json()["error"]["code"]) == (429, "rate_limited")


# -- recovery -----------------------------------------------------------------------------


def test_the_recovery_link_sets_a_new_password_and_ends_every_session(client, app, fake_supabase):
    session = sign_up(client).get_json()
    other_device = app.test_client()

    assert (
        client.post("/api/auth/password/forgot", json={"email": "ada@example.com"}).status_code
        == 202
    )
    [mail] = fake_supabase.mails_to("ada@example.com", "recovery")
    assert mail.redirect_to == f"{WEB}/auth/confirm"
    new = "a brand new passphrase"
    resp = other_device.post(
        "/api/auth/password/reset", json={"token": mail.token_hash, "password": new}
    )

    assert resp.status_code == 204
    old = client.get("/api/auth/me", headers=bearer(session))
    assert (old.status_code, old.get_json()["error"]["code"]) == (401, "session_ended")
    stale = client.post("/api/auth/refresh", json={"refresh_token": session["refresh_token"]})
    assert stale.status_code == 401
    login = client.post("/api/auth/login", json={"email": "ada@example.com", "password": new})
    assert login.status_code == 200
    again = other_device.post(
        "/api/auth/password/reset", json={"token": mail.token_hash, "password": "yet another one"}
    )
    assert (again.status_code, again.get_json()["error"]["code"]) == (422, "invalid_reset_token")


# -- OAuth with PKCE ----------------------------------------------------------------------


def start_oauth(client, provider="google") -> httpx.URL:
    """GET /api/auth/oauth/{provider}, then through Supabase Auth and the provider as the
    browser would: where Supabase sends the browser back to."""
    resp = client.get(f"/api/auth/oauth/{provider}")
    assert resp.status_code == 302, resp.get_json()
    back = httpx.get(resp.headers["Location"])
    assert back.status_code == 302, back.text
    return httpx.URL(back.headers["location"])


def test_oauth_start_redirects_to_supabase_with_a_challenge_and_keeps_the_verifier(
    client, fake_supabase
):
    resp = client.get("/api/auth/oauth/google")

    assert resp.status_code == 302
    target = httpx.URL(resp.headers["Location"])
    assert str(target).startswith(f"{fake_supabase.url}/auth/v1/authorize?")
    assert target.params["provider"] == "google"
    assert target.params["redirect_to"] == f"{WEB}/auth/callback"
    assert target.params["code_challenge_method"] == "s256"
    cookie = client.get_cookie(OAUTH_VERIFIER_COOKIE, path=REFRESH_PATH)
    assert cookie is not None and cookie.http_only and len(cookie.value) >= 43
    assert cookie.value != target.params["code_challenge"]


def test_oauth_callback_with_a_valid_code_signs_in(client, fake_supabase, conn):
    fake_supabase.next_oauth_identity("google", "grace@example.com", name="Grace Hopper")
    back = start_oauth(client)
    assert str(back).startswith(f"{WEB}/auth/callback?code=")

    resp = client.post("/api/auth/oauth/callback", json={"code": back.params["code"]})

    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["user"]["email"] == "grace@example.com"
    assert client.get_cookie(OAUTH_VERIFIER_COOKIE, path=REFRESH_PATH) is None
    signed_in_as(client, "grace@example.com")
    assert conn.execute("select count(*) from public.users").fetchone()[0] == 1


def test_a_replayed_code_is_400(client, fake_supabase):
    fake_supabase.next_oauth_identity("google", "grace@example.com")
    code = start_oauth(client).params["code"]
    assert client.post("/api/auth/oauth/callback", json={"code": code}).status_code == 200
    fake_supabase.next_oauth_identity("google", "grace@example.com")
    start_oauth(client)  # a fresh verifier cookie, for another code

    resp = client.post("/api/auth/oauth/callback", json={"code": code})

    assert (resp.status_code, resp.get_json()["error"]["code"]) == (400, "invalid_oauth_code")


def test_a_wrong_code_is_400(client, fake_supabase):
    fake_supabase.next_oauth_identity("google", "grace@example.com")
    start_oauth(client)

    resp = client.post("/api/auth/oauth/callback", json={"code": "not-a-code"})

    assert (resp.status_code, resp.get_json()["error"]["code"]) == (400, "invalid_oauth_code")
    assert client.get_cookie(ACCESS_COOKIE, path="/api") is None


def test_a_code_without_its_verifier_is_400(client, app, fake_supabase):
    fake_supabase.next_oauth_identity("google", "grace@example.com")
    code = start_oauth(client).params["code"]
    elsewhere = app.test_client()  # another browser: no verifier cookie

    resp = elsewhere.post("/api/auth/oauth/callback", json={"code": code})

    assert (resp.status_code, resp.get_json()["error"]["code"]) == (400, "oauth_verifier_missing")


def test_a_code_from_another_browsers_sign_in_is_400(client, app, fake_supabase):
    fake_supabase.next_oauth_identity("google", "grace@example.com")
    code = start_oauth(client).params["code"]
    attacker = app.test_client()
    fake_supabase.next_oauth_identity("google", "mallory@example.com")
    start_oauth(attacker)  # its own verifier, not the one of `code`'s challenge

    resp = attacker.post("/api/auth/oauth/callback", json={"code": code})

    assert (resp.status_code, resp.get_json()["error"]["code"]) == (400, "invalid_oauth_code")


def test_an_unconfigured_provider_is_404(client, fake_supabase):
    resp = client.get("/api/auth/oauth/github")
    assert (resp.status_code, resp.get_json()["error"]["code"]) == (404, "unknown_provider")


def test_settings_list_the_configured_providers(client, fake_supabase):
    assert client.get("/api/auth/settings").get_json() == {"oauth_providers": ["google", "apple"]}


def test_password_then_google_with_the_same_email_is_one_account(client, app, fake_supabase, conn):
    first = sign_up(client, "grace@example.com").get_json()
    browser = app.test_client()
    fake_supabase.next_oauth_identity("google", "grace@example.com", name="Grace Hopper")
    code = start_oauth(browser).params["code"]

    resp = browser.post("/api/auth/oauth/callback", json={"code": code})

    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["user"]["id"] == first["user"]["id"]
    rows = conn.execute(
        "select (select count(*) from auth.users), (select count(*) from public.users)"
    ).fetchone()
    assert rows == (1, 1)
    login = client.post(
        "/api/auth/login", json={"email": "grace@example.com", "password": PASSWORD}
    )
    assert login.get_json()["user"]["id"] == first["user"]["id"]
