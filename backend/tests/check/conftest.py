"""`optio check` fixtures: a production configuration that passes every check, and the services
it talks to faked at the HTTP layer with their real answers (respx for Supabase and Gemini,
`responses` for Stripe's SDK); the database is the test PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import jwt
import pytest
import responses
import respx
from cryptography.hazmat.primitives.asymmetric import ec

from optio.check import CheckResult, run_checks
from optio.config import Settings

from ..scale.key_value import key_value_server

SUPABASE_URL = "https://project.supabase.test"
ANON_KEY = "anon-key-of-the-optio-project"
SERVICE_KEY = "service-role-key-of-the-optio-project"
JWT_SECRET = "j" * 40
STRIPE_KEY = "sk_live_optio_check_secret"
WEBHOOK_SECRET = "whsec_optio_check_signing_secret"
STRIPE_API = "https://stripe.test"
PRICE_SUPPORTED = "price_supported_live"
PRICE_ACADEMY = "price_academy_live"
GEMINI_URL = "https://gemini.test"
GEMINI_KEY = "gemini-key-of-the-optio-project"
MODEL = "gemini-2.5-flash-lite"
WEB = "https://app.optio.test"

AUTH_SETTINGS = f"{SUPABASE_URL}/auth/v1/settings"
JWKS = f"{SUPABASE_URL}/auth/v1/.well-known/jwks.json"
BUCKET = f"{SUPABASE_URL}/storage/v1/bucket/evidence"
GEMINI_MODEL = f"{GEMINI_URL}/v1beta/models/{MODEL}"

SIGNING_KEY = "z3u2RokWw7u44FkN5BEdPCuXrfTNu1WSCJxTvxgioXJzmgYz"  # a test key, Ed25519
SECRETS = [ANON_KEY, SERVICE_KEY, JWT_SECRET, STRIPE_KEY, WEBHOOK_SECRET, GEMINI_KEY, SIGNING_KEY]


def production(url: str, *, redis_url: str, **overrides: Any) -> dict[str, Any]:
    """Every setting of a production deploy that passes every check, on the database `url` and
    the Redis at `redis_url`."""
    return {
        "optio_env": "production",
        "database_url": url,
        "redis_url": redis_url,
        "auth_provider": "supabase",
        "supabase_url": SUPABASE_URL,
        "supabase_anon_key": ANON_KEY,
        "supabase_jwt_secret": JWT_SECRET,
        "storage_backend": "supabase",
        "supabase_service_role_key": SERVICE_KEY,
        "cors_origins": [WEB],
        "frontend_url": WEB,
        "public_url": WEB,
        "credential_signing_key": SIGNING_KEY,
        "stripe_secret_key": STRIPE_KEY,
        "stripe_webhook_secret": WEBHOOK_SECRET,
        "stripe_api_base": STRIPE_API,
        "stripe_price_supported": PRICE_SUPPORTED,
        "stripe_price_academy": PRICE_ACADEMY,
        "gemini_api_key": GEMINI_KEY,
        "gemini_base_url": GEMINI_URL,
        "gemini_model": MODEL,
        **overrides,
    }


@pytest.fixture(scope="session")
def key_value_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One real Redis (Valkey) for the run's production settings: the `redis` check passes."""
    with key_value_server(tmp_path_factory.mktemp("key-value")) as server:
        yield server.connection_url


@pytest.fixture
def settings(database_url: str, key_value_url: str) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        overrides.setdefault("redis_url", key_value_url)
        return Settings(_env_file=None, **production(database_url, **overrides))

    return make


def signing_key(kid: str = "a1b2c3") -> dict[str, Any]:
    """A JWK as Supabase publishes its asymmetric (ES256) signing keys."""
    public = ec.generate_private_key(ec.SECP256R1()).public_key()
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(public))
    return {**jwk, "alg": "ES256", "ext": True, "key_ops": ["verify"], "kid": kid, "use": "sig"}


def auth_settings_body() -> dict[str, Any]:
    """GET /auth/v1/settings of a project with e-mail sign-in."""
    return {
        "external": {"anonymous_users": False, "email": True, "phone": False, "google": False},
        "disable_signup": False,
        "mailer_autoconfirm": False,
        "phone_autoconfirm": False,
        "sms_provider": "",
        "saml_enabled": False,
    }


def bucket_body(public: bool = False) -> dict[str, Any]:
    """GET /storage/v1/bucket/evidence."""
    return {
        "id": "evidence",
        "name": "evidence",
        "owner": "",
        "public": public,
        "type": "STANDARD",
        "file_size_limit": None,
        "allowed_mime_types": None,
        "created_at": "2026-11-22T10:00:00.000Z",
        "updated_at": "2026-11-22T10:00:00.000Z",
    }


BUCKET_NOT_FOUND = {"statusCode": "404", "error": "Bucket not found", "message": "Bucket not found"}
INVALID_API_KEY = {
    "message": "Invalid API key",
    "hint": "Double check your Supabase `anon` or `service_role` API key.",
}


def gemini_model_body(methods: list[str] | None = None) -> dict[str, Any]:
    """GET /v1beta/models/{model}."""
    return {
        "name": f"models/{MODEL}",
        "version": "001",
        "displayName": "Gemini 2.5 Flash-Lite",
        "description": "Our smallest and most cost effective model.",
        "inputTokenLimit": 1048576,
        "outputTokenLimit": 65536,
        "supportedGenerationMethods": methods
        if methods is not None
        else ["generateContent", "countTokens", "createCachedContent", "batchGenerateContent"],
        "temperature": 1,
        "topP": 0.95,
        "topK": 64,
        "maxTemperature": 2,
        "thinking": True,
    }


def gemini_error(code: int, status: str, message: str) -> httpx.Response:
    return httpx.Response(
        code, json={"error": {"code": code, "message": message, "status": status}}
    )


def price(price_id: str, **overrides: Any) -> dict[str, Any]:
    """A price object as GET /v1/prices/{id} returns it: monthly, active, live mode."""
    return {
        "id": price_id,
        "object": "price",
        "active": True,
        "billing_scheme": "per_unit",
        "created": 1763800000,
        "currency": "usd",
        "custom_unit_amount": None,
        "livemode": True,
        "lookup_key": None,
        "metadata": {},
        "nickname": None,
        "product": "prod_optio_supported",
        "recurring": {
            "interval": "month",
            "interval_count": 1,
            "meter": None,
            "trial_period_days": None,
            "usage_type": "licensed",
        },
        "tax_behavior": "unspecified",
        "tiers_mode": None,
        "transform_quantity": None,
        "type": "recurring",
        "unit_amount": 900,
        "unit_amount_decimal": "900",
        **overrides,
    }


def stripe_error(message: str, code: str | None = None, **extra: Any) -> dict[str, Any]:
    error: dict[str, Any] = {"message": message, "type": "invalid_request_error", **extra}
    if code:
        error["code"] = code
        error["doc_url"] = f"https://stripe.com/docs/error-codes/{code.replace('_', '-')}"
    return {"error": error}


def price_url(price_id: str) -> str:
    return f"{STRIPE_API}/v1/prices/{price_id}"


@pytest.fixture
def services() -> Iterator[respx.MockRouter]:
    """Supabase and Gemini answering as they do for a healthy project; any other request
    fails the test."""
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        router.get(AUTH_SETTINGS, name="auth_settings").respond(json=auth_settings_body())
        router.get(JWKS, name="jwks").respond(json={"keys": [signing_key()]})
        router.get(BUCKET, name="bucket").respond(json=bucket_body())
        router.get(GEMINI_MODEL, name="gemini_model").respond(json=gemini_model_body())
        yield router


@pytest.fixture
def stripe_api() -> Iterator[responses.RequestsMock]:
    """Stripe's API with the two live prices; any other request fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as fake:
        for price_id in (PRICE_SUPPORTED, PRICE_ACADEMY):
            fake.get(price_url(price_id), json=price(price_id))
        yield fake


def result(results: list[CheckResult], name: str) -> CheckResult:
    [found] = [r for r in results if r.name == name]
    return found


def failure(results: list[CheckResult], name: str) -> str:
    """The check's line, asserting that it FAILED; the names of the others that failed too."""
    found = result(results, name)
    assert found.status == "FAILED", found.line()
    return found.line()


def only_failure(settings: Settings, name: str) -> str:
    """Run every check; `name` must be the one that FAILED. Its line."""
    results = run_checks(settings)
    assert [r.name for r in results if r.failed] == [name], [r.line() for r in results]
    line = failure(results, name)
    assert not any(secret in line for secret in SECRETS), line
    return line
