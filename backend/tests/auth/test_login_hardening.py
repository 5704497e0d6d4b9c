"""Sign-in with passwords bcrypt cannot take, and access tokens whose claims are not ids."""

import time
import uuid

import bcrypt
import jwt
import pytest

from ..factories import PASSWORD, bearer, login, make_user

LONG_PASSWORD = "p" * 73  # one byte past what bcrypt reads


@pytest.mark.parametrize("known_email", [True, False])
def test_login_with_a_password_over_72_bytes_is_invalid_credentials(client, app, known_email):
    user = make_user(app)
    email = user["email"] if known_email else "nobody@example.com"
    resp = client.post("/api/auth/login", json={"email": email, "password": LONG_PASSWORD})
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "invalid_credentials"


# The local provider's own bcrypt calls (its timing); through Supabase, GoTrue checks passwords.
@pytest.mark.local_only
def test_login_with_a_password_over_72_bytes_still_runs_one_bcrypt_comparison(
    client, app, monkeypatch
):
    user = make_user(app)
    calls = []
    real_checkpw = bcrypt.checkpw

    def counting_checkpw(password, hashed):
        calls.append(len(password))
        return real_checkpw(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", counting_checkpw)
    resp = client.post("/api/auth/login", json={"email": user["email"], "password": "é" * 50})
    assert resp.status_code == 401
    assert calls == [72]  # as costly as any wrong password, never over bcrypt's limit


def test_a_password_that_only_shares_the_first_72_bytes_does_not_sign_in(client, app):
    user = make_user(app, password="x" * 72)
    resp = client.post("/api/auth/login", json={"email": user["email"], "password": "x" * 73})
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "invalid_credentials"


def test_login_stays_within_the_round_trip_budget(client, app):
    user = make_user(app)
    resp = client.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
    assert resp.status_code == 200
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3


def _signed(app, **overrides):
    settings = app.config["SETTINGS"]
    now = int(time.time())
    claims = {
        "iss": settings.issuer,
        "aud": "authenticated",
        "sub": str(uuid.uuid4()),
        "exp": now + 60,
        "iat": now,
        "role": "authenticated",
        "email": "someone@example.com",
        **overrides,
    }
    return jwt.encode(claims, settings.supabase_jwt_secret, algorithm="HS256")


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "not-a-uuid"},
        {"sub": ""},
        {"sub": "00000000-0000-0000-0000-00000000000g"},
        {"sub": "urn:uuid:12345678-1234-5678-1234-567812345678"},
        {"sub": 12345},
        {"session_id": "not-a-uuid"},
    ],
    ids=["word", "empty", "almost-uuid", "urn", "number", "session-id"],
)
def test_a_signed_token_whose_ids_are_not_uuids_is_invalid_token(client, app, claims):
    resp = client.get("/api/auth/me", headers={"Authorization": f"Bearer {_signed(app, **claims)}"})
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "invalid_token"


def test_a_signed_token_whose_sub_is_not_a_uuid_in_a_cookie_is_an_anonymous_visit(client, app):
    client.set_cookie("optio_access", _signed(app, sub="not-a-uuid"), path="/api")
    resp = client.get("/api/auth/me")
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "unauthorized"


def test_a_well_formed_token_still_works(client, app):
    assert (
        client.get("/api/auth/me", headers=bearer(login(client, make_user(app)))).status_code == 200
    )
