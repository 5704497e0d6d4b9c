import base64
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from optio.auth.tokens import InvalidToken, TokenService
from optio.config import Settings

SECRET = "a-test-secret-that-is-long-enough-for-hs256"


class JwksServer:
    """A real HTTP server on loopback publishing a JWKS, counting how often it is fetched."""

    def __init__(self):
        self.keys: list[dict] = []
        self.fetches = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.fetches += 1
                body = json.dumps({"keys": outer.keys}).encode()
                self.send_response(200 if self.path.endswith("/jwks.json") else 404)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def publish(self, private_key, kid: str, alg: str):
        jwk = json.loads(
            jwt.algorithms.get_default_algorithms()[alg].to_jwk(private_key.public_key())
        )
        self.keys.append({**jwk, "kid": kid, "alg": alg, "use": "sig"})


@pytest.fixture
def jwks():
    server = JwksServer()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def service(supabase_url=None, secret=SECRET) -> TokenService:
    settings = Settings(
        _env_file=None, optio_env="test", supabase_url=supabase_url, supabase_jwt_secret=secret
    )
    return TokenService(settings)


def claims_for(svc: TokenService, **overrides) -> dict:
    now = int(time.time())
    return {
        "iss": svc.issuer,
        "aud": "authenticated",
        "sub": str(uuid.uuid4()),
        "role": "authenticated",
        "email": "a@example.com",
        "iat": now,
        "exp": now + 600,
        **overrides,
    }


def test_a_token_we_issued_verifies():
    svc = service()
    token, _ = svc.issue({"id": uuid.uuid4(), "email": "a@example.com"}, uuid.uuid4())
    claims = svc.verify(token)
    assert claims["aud"] == "authenticated" and claims["role"] == "authenticated"
    assert {
        "sub",
        "email",
        "exp",
        "iat",
        "session_id",
        "app_metadata",
        "user_metadata",
    } <= claims.keys()


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_alg_none_is_rejected():
    svc = service()
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims_for(svc))}."
    with pytest.raises(InvalidToken):
        svc.verify(token)


def test_a_token_signed_with_another_key_is_rejected():
    svc = service()
    token = jwt.encode(claims_for(svc), "another-secret-of-a-sufficient-length!", algorithm="HS256")
    with pytest.raises(InvalidToken, match="Signature"):
        svc.verify(token)


def test_an_expired_token_is_rejected():
    svc = service()
    token = jwt.encode(claims_for(svc, exp=int(time.time()) - 5), SECRET, algorithm="HS256")
    with pytest.raises(InvalidToken, match="expired"):
        svc.verify(token)


def test_a_verified_token_is_remembered_until_it_expires(monkeypatch):
    svc = service()
    now = time.time()
    token = jwt.encode(claims_for(svc, exp=int(now) + 60), SECRET, algorithm="HS256")
    decoded = []
    real_decode = jwt.decode
    monkeypatch.setattr(jwt, "decode", lambda *a, **k: decoded.append(1) or real_decode(*a, **k))
    first = svc.verify(token)
    first["sub"] = "changed by a caller"
    assert svc.verify(token)["sub"] != "changed by a caller"  # callers get copies
    assert len(decoded) == 1  # the second request cost a lookup, not a verification
    monkeypatch.setattr(time, "time", lambda: now + 61)  # past its exp: verified afresh
    svc.verify(token)
    assert len(decoded) == 2


def test_a_refused_token_is_not_remembered():
    svc = service()
    token = jwt.encode(claims_for(svc), "another-secret-of-a-sufficient-length!", algorithm="HS256")
    for _ in range(2):
        with pytest.raises(InvalidToken):
            svc.verify(token)


def test_a_token_for_another_audience_is_rejected():
    svc = service()
    token = jwt.encode(claims_for(svc, aud="someone-else"), SECRET, algorithm="HS256")
    with pytest.raises(InvalidToken, match=r"(?i)audience"):
        svc.verify(token)


def test_a_token_from_another_issuer_is_rejected():
    svc = service()
    token = jwt.encode(
        claims_for(svc, iss="https://evil.example.com/auth/v1"), SECRET, algorithm="HS256"
    )
    with pytest.raises(InvalidToken, match=r"(?i)issuer"):
        svc.verify(token)


def test_a_tampered_payload_is_rejected():
    svc = service()
    header, _, signature = jwt.encode(claims_for(svc), SECRET, algorithm="HS256").split(".")
    forged = _b64(claims_for(svc, sub=str(uuid.uuid4()), role="authenticated"))
    with pytest.raises(InvalidToken):
        svc.verify(f"{header}.{forged}.{signature}")


def test_an_anon_or_service_role_key_is_not_a_user_token():
    svc = service()
    token = jwt.encode(claims_for(svc, role="service_role"), SECRET, algorithm="HS256")
    with pytest.raises(InvalidToken, match="signed-in user"):
        svc.verify(token)


@pytest.mark.parametrize("alg", ["ES256", "RS256"])
def test_an_asymmetric_token_verifies_against_the_served_jwks(jwks, alg):
    key = (
        ec.generate_private_key(ec.SECP256R1())
        if alg == "ES256"
        else rsa.generate_private_key(65537, 2048)
    )
    jwks.publish(key, kid="key-1", alg=alg)
    svc = service(supabase_url=jwks.url)
    token = jwt.encode(claims_for(svc), key, algorithm=alg, headers={"kid": "key-1"})
    assert svc.verify(token)["role"] == "authenticated"
    svc.verify(token)
    assert jwks.fetches == 1  # fetched once, then cached


def test_an_unknown_kid_is_rejected(jwks):
    known, stranger = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    jwks.publish(known, kid="known", alg="ES256")
    svc = service(supabase_url=jwks.url)
    token = jwt.encode(claims_for(svc), stranger, algorithm="ES256", headers={"kid": "unknown"})
    with pytest.raises(InvalidToken, match="unknown key"):
        svc.verify(token)


def test_a_token_signed_by_a_stranger_under_a_known_kid_is_rejected(jwks):
    known, stranger = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    jwks.publish(known, kid="known", alg="ES256")
    svc = service(supabase_url=jwks.url)
    token = jwt.encode(claims_for(svc), stranger, algorithm="ES256", headers={"kid": "known"})
    with pytest.raises(InvalidToken):
        svc.verify(token)


def test_a_rotated_key_is_found_by_refetching_the_jwks(jwks):
    old, new = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    jwks.publish(old, kid="old", alg="ES256")
    svc = service(supabase_url=jwks.url)
    svc.verify(jwt.encode(claims_for(svc), old, algorithm="ES256", headers={"kid": "old"}))
    jwks.publish(new, kid="new", alg="ES256")
    svc.jwks.refetch_interval = 0
    assert svc.verify(jwt.encode(claims_for(svc), new, algorithm="ES256", headers={"kid": "new"}))
    assert jwks.fetches == 2


def test_unknown_kids_cannot_make_us_refetch_on_every_request(jwks):
    jwks.publish(ec.generate_private_key(ec.SECP256R1()), kid="known", alg="ES256")
    svc = service(supabase_url=jwks.url)
    stranger = ec.generate_private_key(ec.SECP256R1())
    for i in range(5):
        with pytest.raises(InvalidToken):
            svc.verify(
                jwt.encode(claims_for(svc), stranger, algorithm="ES256", headers={"kid": f"k{i}"})
            )
    assert jwks.fetches == 1


def test_an_hs256_token_is_not_checked_against_a_public_key(jwks):
    """Algorithm confusion: a public key used as an HMAC secret must not verify."""
    key = ec.generate_private_key(ec.SECP256R1())
    jwks.publish(key, kid="k", alg="ES256")
    svc = service(supabase_url=jwks.url, secret=None)
    public_part = jwks.keys[0]["x"]
    token = jwt.encode(
        claims_for(svc),
        public_part + "-padding-to-make-it-long-enough",
        algorithm="HS256",
        headers={"kid": "k"},
    )
    with pytest.raises(InvalidToken, match="not accepted"):
        svc.verify(token)


def test_the_api_rejects_an_expired_bearer_token(client, app):
    svc = app.extensions["optio_tokens"]
    token = jwt.encode(claims_for(svc, exp=int(time.time()) - 5), svc.secret, algorithm="HS256")
    resp = client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "invalid_token"
