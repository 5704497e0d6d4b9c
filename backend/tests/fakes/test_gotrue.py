"""The fake GoTrue answers the real supabase_auth client as GoTrue does (tests/fakes/__init__)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import jwt
import pytest
from supabase import ClientOptions, create_client
from supabase_auth import SyncGoTrueClient
from supabase_auth.errors import AuthApiError, AuthWeakPasswordError

from .server import FakeSupabase

PASSWORD = "correct-horse-battery"


@pytest.fixture
def auth(fake_supabase: FakeSupabase) -> Iterator[SyncGoTrueClient]:
    options = ClientOptions(auto_refresh_token=False, persist_session=False, flow_type="implicit")
    with create_client(fake_supabase.url, fake_supabase.anon_key, options=options).auth as client:
        yield client


@pytest.fixture
def pkce_auth(fake_supabase: FakeSupabase) -> Iterator[SyncGoTrueClient]:
    options = ClientOptions(auto_refresh_token=False, persist_session=False, flow_type="pkce")
    with create_client(fake_supabase.url, fake_supabase.anon_key, options=options).auth as client:
        yield client


def sign_up(auth: SyncGoTrueClient, email: str = "ada@example.com", **data):
    return auth.sign_up({"email": email, "password": PASSWORD, "options": {"data": data}})


def api_error(call) -> AuthApiError:
    with pytest.raises(AuthApiError) as caught:
        call()
    return caught.value


def sessions(conn, user_id) -> int:
    return conn.execute(
        "select count(*) from auth.sessions where user_id = %s", (user_id,)
    ).fetchone()[0]


# -- sign-up ------------------------------------------------------------------------------


def test_sign_up_writes_auth_users_and_the_trigger_makes_the_profile(auth, conn):
    response = sign_up(auth, username="ada_l", first_name="Ada")

    user_id = uuid.UUID(response.user.id)
    row = conn.execute(
        "select encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data"
        " from auth.users where id = %s",
        (user_id,),
    ).fetchone()
    assert row[0].startswith("$2") and row[1] is not None
    assert row[2] == {"provider": "email", "providers": ["email"]}
    assert row[3]["username"] == "ada_l" and row[3]["email_verified"] is True
    profile = conn.execute(
        "select username, first_name from public.users where id = %s", (user_id,)
    )
    assert profile.fetchone() == ("ada_l", "Ada")
    assert response.session is not None and sessions(conn, user_id) == 1


def test_the_access_token_carries_gotrues_claims(auth, fake_supabase):
    session = sign_up(auth).session

    claims = jwt.decode(
        session.access_token,
        fake_supabase.jwt_secret,
        algorithms=["HS256"],
        audience="authenticated",
    )
    assert claims["iss"] == f"{fake_supabase.url}/auth/v1"
    assert claims["sub"] == session.user.id and claims["email"] == "ada@example.com"
    assert claims["role"] == "authenticated" and claims["aal"] == "aal1"
    assert claims["amr"][0]["method"] == "password" and claims["is_anonymous"] is False
    assert claims["exp"] - claims["iat"] == 3600 and uuid.UUID(claims["session_id"])


def test_a_registered_email_is_user_already_exists(auth):
    sign_up(auth)

    error = api_error(lambda: sign_up(auth, email="ADA@example.com"))
    assert (error.status, error.code) == (422, "user_already_exists")


def test_with_confirmations_on_sign_up_mails_a_link_and_starts_no_session(auth, fake_supabase):
    fake_supabase.auto_confirm = False

    response = sign_up(auth)

    assert response.session is None and response.user.email_confirmed_at is None
    [mail] = fake_supabase.mailbox
    assert (mail.type, mail.email, mail.template) == ("signup", "ada@example.com", "confirmation")
    error = api_error(
        lambda: auth.sign_in_with_password({"email": "ada@example.com", "password": PASSWORD})
    )
    assert (error.status, error.code) == (400, "email_not_confirmed")
    verified = auth.verify_otp({"type": "signup", "token_hash": mail.token_hash})
    assert verified.session is not None and verified.user.email_confirmed_at is not None


def test_with_confirmations_on_a_registered_email_gets_a_fake_user(auth, fake_supabase, conn):
    first = sign_up(auth)
    fake_supabase.auto_confirm = False

    second = sign_up(auth)

    assert second.session is None and second.user.id != first.user.id
    assert conn.execute("select count(*) from auth.users").fetchone()[0] == 1


def test_a_short_password_is_weak_password(auth):
    with pytest.raises(AuthWeakPasswordError) as caught:
        auth.sign_up({"email": "ada@example.com", "password": "12345"})
    assert (caught.value.status, caught.value.code, caught.value.reasons) == (
        422,
        "weak_password",
        ["length"],
    )


def test_mail_faster_than_the_rate_limit_is_429(auth, fake_supabase):
    fake_supabase.auto_confirm = False
    fake_supabase.email_rate_limit_seconds = 60
    sign_up(auth)

    error = api_error(lambda: auth.resend({"type": "signup", "email": "ada@example.com"}))
    assert (error.status, error.code) == (429, "over_email_send_rate_limit")
    fake_supabase.advance(61)
    auth.resend({"type": "signup", "email": "ada@example.com"})
    assert len(fake_supabase.mails_to("ada@example.com", "signup")) == 2


def test_a_trigger_that_refuses_the_user_is_a_500(auth, conn):
    sign_up(auth, username="taken")

    error = api_error(lambda: sign_up(auth, email="bob@example.com", username="taken"))
    assert (error.status, error.code, error.message) == (
        500,
        "unexpected_failure",
        "Database error saving new user",
    )


# -- password grant and refresh -----------------------------------------------------------


@pytest.mark.parametrize("email", ["ada@example.com", "nobody@example.com"])
def test_wrong_credentials_are_invalid_credentials(auth, email):
    sign_up(auth)

    error = api_error(lambda: auth.sign_in_with_password({"email": email, "password": "wrong-one"}))
    assert (error.status, error.code) == (400, "invalid_credentials")


def test_a_banned_user_cannot_sign_in(auth, conn):
    user = sign_up(auth).user
    conn.execute("update auth.users set banned_until = 'infinity' where id = %s", (user.id,))

    error = api_error(
        lambda: auth.sign_in_with_password({"email": user.email, "password": PASSWORD})
    )
    assert (error.status, error.code) == (400, "user_banned")


def test_refresh_rotates_and_the_parent_of_the_live_token_gets_it_again(auth):
    first = sign_up(auth).session

    second = auth.refresh_session(first.refresh_token).session
    again = auth.refresh_session(first.refresh_token).session

    assert second.refresh_token != first.refresh_token
    assert again.refresh_token == second.refresh_token


def test_a_spent_token_past_the_reuse_interval_revokes_the_family(auth, fake_supabase):
    first = sign_up(auth).session
    second = auth.refresh_session(first.refresh_token).session
    third = auth.refresh_session(second.refresh_token).session

    fake_supabase.advance(11)
    error = api_error(lambda: auth.refresh_session(first.refresh_token))
    assert (error.status, error.code) == (400, "refresh_token_already_used")
    fake_supabase.advance(11)
    error = api_error(lambda: auth.refresh_session(third.refresh_token))
    assert error.code == "refresh_token_already_used"


def test_within_the_reuse_interval_a_spent_token_continues_the_session(auth):
    first = sign_up(auth).session
    second = auth.refresh_session(first.refresh_token).session
    auth.refresh_session(second.refresh_token)

    assert auth.refresh_session(first.refresh_token).session.refresh_token


def test_a_forgiven_reuse_starts_the_tokens_interval_again(auth, fake_supabase):
    first = sign_up(auth).session
    second = auth.refresh_session(first.refresh_token).session
    auth.refresh_session(second.refresh_token)

    def reuse_first() -> None:
        child = auth.refresh_session(first.refresh_token).session
        # Spent at once, so that `first` is no parent of the live token (forgiven always).
        auth.refresh_session(child.refresh_token)

    fake_supabase.advance(8)
    reuse_first()  # 8 s < 10 s
    fake_supabase.advance(8)
    reuse_first()  # 16 s since it was spent, 8 s since it was forgiven
    fake_supabase.advance(11)
    error = api_error(lambda: auth.refresh_session(first.refresh_token))
    assert error.code == "refresh_token_already_used"


def test_an_unknown_refresh_token_is_not_found(auth):
    error = api_error(lambda: auth.refresh_session("abcdefghijkl"))
    assert (error.status, error.code) == (400, "refresh_token_not_found")


def test_refresh_after_the_session_row_is_gone_is_session_not_found(auth, conn):
    session = sign_up(auth).session
    conn.execute("delete from auth.sessions")

    error = api_error(lambda: auth.refresh_session(session.refresh_token))
    assert (error.status, error.code) == (400, "session_not_found")


# -- logout, user -------------------------------------------------------------------------


def test_logout_deletes_the_session_row_and_its_refresh_tokens(auth, conn):
    session = sign_up(auth).session

    auth.admin.sign_out(session.access_token, "local")

    assert sessions(conn, session.user.id) == 0
    error = api_error(lambda: auth.refresh_session(session.refresh_token))
    assert error.code == "refresh_token_not_found"
    error = api_error(lambda: auth.get_user(session.access_token))
    assert (error.status, error.code) == (403, "session_not_found")


def test_logout_scope_others_keeps_only_this_session(auth, conn):
    mine = sign_up(auth).session
    auth.sign_in_with_password({"email": "ada@example.com", "password": PASSWORD})

    auth.admin.sign_out(mine.access_token, "others")

    assert sessions(conn, mine.user.id) == 1
    assert auth.get_user(mine.access_token).user.id == mine.user.id


def test_a_password_change_ends_the_other_sessions(auth, conn):
    mine = sign_up(auth).session
    auth.sign_in_with_password({"email": "ada@example.com", "password": PASSWORD})
    auth.set_session(mine.access_token, mine.refresh_token)

    auth.update_user({"password": "a-new-password-1"})

    assert sessions(conn, mine.user.id) == 1
    auth.sign_in_with_password({"email": "ada@example.com", "password": "a-new-password-1"})


def test_the_same_password_is_same_password(auth):
    session = sign_up(auth).session
    auth.set_session(session.access_token, session.refresh_token)

    error = api_error(lambda: auth.update_user({"password": PASSWORD}))
    assert (error.status, error.code) == (422, "same_password")


def test_user_metadata_updates_merge(auth, conn):
    session = sign_up(auth, first_name="Ada").session
    auth.set_session(session.access_token, session.refresh_token)

    user = auth.update_user({"data": {"last_name": "Lovelace", "first_name": None}}).user

    assert user.user_metadata["last_name"] == "Lovelace" and "first_name" not in user.user_metadata


def test_an_email_change_is_applied_by_its_links(auth, fake_supabase, conn):
    session = sign_up(auth).session
    auth.set_session(session.access_token, session.refresh_token)

    user = auth.update_user({"email": "lovelace@example.com"}).user

    assert user.new_email == "lovelace@example.com"
    [to_new] = fake_supabase.mails_to("lovelace@example.com", "email_change")
    auth.verify_otp({"type": "email_change", "token_hash": to_new.token_hash})
    assert (
        conn.execute("select email from public.users where id = %s", (user.id,)).fetchone()[0]
        == "lovelace@example.com"
    )


def test_a_secure_email_change_needs_both_links(auth, fake_supabase, conn):
    session = sign_up(auth).session
    fake_supabase.auto_confirm = False
    auth.set_session(session.access_token, session.refresh_token)
    auth.update_user({"email": "lovelace@example.com"})

    [to_old] = fake_supabase.mails_to("ada@example.com", "email_change")
    [to_new] = fake_supabase.mails_to("lovelace@example.com", "email_change")
    assert (
        auth.verify_otp({"type": "email_change", "token_hash": to_old.token_hash}).session is None
    )
    assert auth.verify_otp({"type": "email_change", "token_hash": to_new.token_hash}).session
    assert conn.execute("select email from auth.users").fetchone()[0] == "lovelace@example.com"


def test_an_email_change_to_a_registered_email_is_email_exists(auth):
    sign_up(auth, email="other@example.com")
    session = sign_up(auth).session
    auth.set_session(session.access_token, session.refresh_token)

    error = api_error(lambda: auth.update_user({"email": "other@example.com"}))
    assert (error.status, error.code) == (422, "email_exists")


# -- recovery and verify ------------------------------------------------------------------


def test_recovery_mails_a_link_that_signs_in_once(auth, fake_supabase):
    sign_up(auth)

    auth.reset_password_for_email("ada@example.com", {"redirect_to": "http://app.test/reset"})

    [mail] = fake_supabase.mails_to("ada@example.com", "recovery")
    assert mail.redirect_to == "http://app.test/reset"
    assert auth.verify_otp({"type": "recovery", "token_hash": mail.token_hash}).session
    error = api_error(lambda: auth.verify_otp({"type": "recovery", "token_hash": mail.token_hash}))
    assert (error.status, error.code) == (403, "otp_expired")


def test_recovery_for_an_unknown_email_answers_the_same_and_mails_nothing(auth, fake_supabase):
    auth.reset_password_for_email("ghost@example.com")

    assert fake_supabase.mailbox == []


def test_an_expired_link_is_otp_expired(auth, fake_supabase):
    sign_up(auth)
    auth.reset_password_for_email("ada@example.com")
    fake_supabase.advance(86401)

    [mail] = fake_supabase.mailbox
    error = api_error(lambda: auth.verify_otp({"type": "recovery", "token_hash": mail.token_hash}))
    assert error.code == "otp_expired"


def test_the_six_digits_verify_with_the_email(auth, fake_supabase):
    sign_up(auth)
    auth.sign_in_with_otp({"email": "ada@example.com"})

    [mail] = fake_supabase.mails_to("ada@example.com", "magiclink")
    response = auth.verify_otp({"type": "email", "email": "ada@example.com", "token": mail.otp})
    assert response.session is not None


def test_the_link_in_the_mail_redirects_with_the_session(fake_supabase, auth):
    fake_supabase.auto_confirm = False
    sign_up(auth)

    [mail] = fake_supabase.mailbox
    answer = httpx.get(mail.link)

    assert answer.status_code == 303
    location = httpx.URL(answer.headers["location"])
    assert "access_token=" in location.fragment and "type=signup" in location.fragment


def test_an_invited_user_signs_in_through_the_invite_link(fake_supabase, auth):
    with create_client(fake_supabase.url, fake_supabase.service_role_key).auth as admin_client:
        admin_client.admin.invite_user_by_email("new@example.com")

    [mail] = fake_supabase.mails_to("new@example.com", "invite")
    assert auth.verify_otp({"type": "invite", "token_hash": mail.token_hash}).session


def test_an_admin_made_user_signs_in_at_once_without_mail(fake_supabase, auth, conn):
    fake_supabase.auto_confirm = False
    with create_client(fake_supabase.url, fake_supabase.service_role_key).auth as admin_client:
        made = admin_client.admin.create_user(
            {
                "email": "Ops@Example.com",
                "password": "long-password",
                "email_confirm": True,
                "user_metadata": {"username": "ops"},
            }
        ).user
        again = api_error(lambda: admin_client.admin.create_user({"email": "ops@example.com"}))

    assert made.email == "ops@example.com" and made.email_confirmed_at is not None
    assert (again.status, again.code) == (422, "email_exists")
    assert auth.sign_in_with_password({"email": "ops@example.com", "password": "long-password"})
    profile = conn.execute("select username from public.users where id = %s", (made.id,))
    assert profile.fetchone() == ("ops",)
    assert fake_supabase.mails_to("ops@example.com") == []


def test_only_the_service_role_creates_users(fake_supabase, auth):
    error = api_error(lambda: auth.admin.create_user({"email": "ops@example.com"}))
    assert (error.status, error.code) == (403, "not_admin")


# -- PKCE and OAuth -----------------------------------------------------------------------


def authorize(pkce_auth, provider="google"):
    url = pkce_auth.sign_in_with_oauth(
        {"provider": provider, "options": {"redirect_to": "http://app.test/callback"}}
    ).url
    answer = httpx.get(url)
    assert answer.status_code == 302, answer.text
    return httpx.URL(answer.headers["location"])


def test_oauth_pkce_signs_up_a_new_user_with_the_providers_metadata(pkce_auth, fake_supabase, conn):
    fake_supabase.next_oauth_identity("google", "grace@example.com", name="Grace Hopper")

    location = authorize(pkce_auth)
    session = pkce_auth.exchange_code_for_session({"auth_code": location.params["code"]}).session

    assert str(location).startswith("http://app.test/callback?code=")
    assert session.user.app_metadata == {"provider": "google", "providers": ["google"]}
    meta = session.user.user_metadata
    assert meta["full_name"] == "Grace Hopper" and meta["iss"] == "https://accounts.google.com"
    assert conn.execute("select count(*) from public.users").fetchone()[0] == 1


def test_oauth_with_a_verified_email_joins_the_existing_account(
    auth, pkce_auth, fake_supabase, conn
):
    user = sign_up(auth, email="grace@example.com").user
    fake_supabase.next_oauth_identity("google", "grace@example.com", name="Grace Hopper")

    location = authorize(pkce_auth)
    session = pkce_auth.exchange_code_for_session({"auth_code": location.params["code"]}).session

    assert session.user.id == user.id
    assert session.user.app_metadata["providers"] == ["email", "google"]
    assert conn.execute("select count(*) from auth.users").fetchone()[0] == 1


def test_a_code_works_once(pkce_auth, fake_supabase):
    fake_supabase.next_oauth_identity("google", "grace@example.com")
    location = authorize(pkce_auth)
    verifier = pkce_auth._storage.get_item(f"{pkce_auth._storage_key}-code-verifier")
    pkce_auth.exchange_code_for_session({"auth_code": location.params["code"]})

    error = api_error(
        lambda: pkce_auth.exchange_code_for_session(
            {"auth_code": location.params["code"], "code_verifier": verifier}
        )
    )
    assert (error.status, error.code) == (404, "flow_state_not_found")


def test_a_wrong_code_verifier_is_bad_code_verifier(pkce_auth, fake_supabase):
    fake_supabase.next_oauth_identity("google", "grace@example.com")
    location = authorize(pkce_auth)

    error = api_error(
        lambda: pkce_auth.exchange_code_for_session(
            {"auth_code": location.params["code"], "code_verifier": "x" * 50}
        )
    )
    assert (error.status, error.code) == (400, "bad_code_verifier")


def test_an_old_code_is_flow_state_expired(pkce_auth, fake_supabase):
    fake_supabase.next_oauth_identity("google", "grace@example.com")
    location = authorize(pkce_auth)
    fake_supabase.advance(301)

    error = api_error(
        lambda: pkce_auth.exchange_code_for_session({"auth_code": location.params["code"]})
    )
    assert (error.status, error.code) == (422, "flow_state_expired")


def test_the_implicit_flow_redirects_with_the_session_in_the_fragment(auth, fake_supabase):
    fake_supabase.next_oauth_identity("apple", "tim@example.com")

    url = auth.sign_in_with_oauth({"provider": "apple"}).url
    answer = httpx.get(url)

    assert answer.status_code == 302
    assert "access_token=" in httpx.URL(answer.headers["location"]).fragment


def test_an_unknown_provider_is_a_400(fake_supabase, pkce_auth):
    url = pkce_auth.sign_in_with_oauth({"provider": "github"}).url
    answer = httpx.get(url, headers={"X-Supabase-Api-Version": "2024-01-01"})

    assert answer.status_code == 400
    assert answer.json()["code"] == "validation_failed"
    assert answer.json()["message"].startswith("Unsupported provider")


# -- the gateway and the error format -----------------------------------------------------


def test_without_the_api_version_header_errors_come_in_the_old_shape(fake_supabase):
    answer = httpx.post(
        f"{fake_supabase.url}/auth/v1/token?grant_type=password",
        json={"email": "nobody@example.com", "password": "x"},
        headers={"apikey": fake_supabase.anon_key},
    )

    assert answer.status_code == 400
    assert answer.json() == {
        "code": 400,
        "error_code": "invalid_credentials",
        "msg": "Invalid login credentials",
    }


def test_an_unknown_api_key_is_refused_by_the_gateway(fake_supabase):
    answer = httpx.get(f"{fake_supabase.url}/auth/v1/settings", headers={"apikey": "nope"})

    assert answer.status_code == 401


def test_settings_and_jwks(fake_supabase):
    headers = {"apikey": fake_supabase.anon_key}
    settings = httpx.get(f"{fake_supabase.url}/auth/v1/settings", headers=headers).json()
    jwks = httpx.get(f"{fake_supabase.url}/auth/v1/.well-known/jwks.json", headers=headers).json()

    assert settings["mailer_autoconfirm"] is True and settings["external"]["google"] is True
    assert jwks == {"keys": []}


def test_the_admin_api_deletes_a_user_with_their_sessions(auth, fake_supabase, conn):
    user = sign_up(auth).user
    with create_client(fake_supabase.url, fake_supabase.service_role_key).auth as admin:
        admin.admin.delete_user(user.id)
        again = api_error(lambda: admin.admin.delete_user(user.id))

    assert conn.execute("select count(*) from auth.users where id = %s", (user.id,)).fetchone() == (
        0,
    )
    assert sessions(conn, user.id) == 0
    assert (again.status, again.code) == (404, "user_not_found")


def test_only_the_service_role_deletes_users(auth):
    user = sign_up(auth).user
    error = api_error(lambda: auth.admin.delete_user(user.id))
    assert error.status == 403
