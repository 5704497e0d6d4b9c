"""`supabase_auth`, `jwks`, `storage_bucket` against Supabase's Auth and Storage answers."""

from __future__ import annotations

import httpx
import pytest

from optio.check import run_checks

from .conftest import (
    BUCKET_NOT_FOUND,
    INVALID_API_KEY,
    SUPABASE_URL,
    bucket_body,
    only_failure,
    result,
    signing_key,
)

pytestmark = pytest.mark.usefixtures("stripe_api")


def test_the_anon_key_is_sent_to_auth_settings(settings, services):
    assert result(run_checks(settings()), "supabase_auth").status == "ok"
    request = services.routes["auth_settings"].calls.last.request
    assert request.headers["apikey"] == "anon-key-of-the-optio-project"


def test_a_wrong_anon_key_fails_supabase_auth_with_its_401(settings, services):
    services.routes["auth_settings"].respond(401, json=INVALID_API_KEY)
    line = only_failure(settings(supabase_anon_key="a-wrong-anon-key"), "supabase_auth")
    assert "Supabase Auth refused SUPABASE_ANON_KEY (401: Invalid API key)" in line
    assert "set SUPABASE_ANON_KEY to the anon (publishable) key" in line
    assert "a-wrong-anon-key" not in line


def test_a_url_that_is_not_a_supabase_project_fails_supabase_auth(settings, services):
    services.routes["auth_settings"].respond(404, text="<html>Not Found</html>")
    line = only_failure(settings(), "supabase_auth")
    assert f"{SUPABASE_URL}/auth/v1/settings answered 404" in line
    assert "set SUPABASE_URL to the project's URL" in line


def test_an_unreachable_supabase_fails_with_the_network_error(settings, services):
    services.routes["auth_settings"].side_effect = httpx.ConnectError("Name or service not known")
    line = only_failure(settings(), "supabase_auth")
    assert "did not answer (ConnectError: Name or service not known)" in line


@pytest.mark.parametrize("missing", ["supabase_url", "supabase_anon_key"])
def test_supabase_auth_without_its_settings_names_the_missing_one(settings, services, missing):
    # Production refuses to load without them; a development setup with AUTH_PROVIDER=supabase
    # can lack them.
    found = result(
        run_checks(settings(optio_env="development", **{missing: None})), "supabase_auth"
    )
    assert found.status == "FAILED"
    assert f"{missing.upper()} is not set (AUTH_PROVIDER=supabase)" in found.line()


def test_supabase_auth_is_skipped_with_the_local_provider(settings, services):
    found = result(
        run_checks(settings(optio_env="development", auth_provider="local")), "supabase_auth"
    )
    assert found.status == "skipped" and "AUTH_PROVIDER=local" in found.line()
    assert not services.routes["auth_settings"].called


def test_published_signing_keys_pass_jwks_and_are_named(settings, services):
    services.routes["jwks"].respond(json={"keys": [signing_key("kid-1")]})
    found = result(run_checks(settings(supabase_jwt_secret=None)), "jwks")
    assert found.status == "ok" and "kid-1 (ES256)" in found.detail


def test_an_empty_jwks_with_a_jwt_secret_passes_on_hs256(settings, services):
    services.routes["jwks"].respond(json={"keys": []})
    found = result(run_checks(settings()), "jwks")
    assert found.status == "ok" and "HS256 with SUPABASE_JWT_SECRET" in found.detail


def test_an_empty_jwks_without_a_jwt_secret_fails(settings, services):
    services.routes["jwks"].respond(json={"keys": []})
    line = only_failure(settings(supabase_jwt_secret=None), "jwks")
    assert "publishes no signing key and SUPABASE_JWT_SECRET is not set" in line
    assert "no token could be verified" in line


def test_keys_without_a_kid_count_as_none(settings, services):
    # tokens.py ignores them: a token names its key by kid.
    services.routes["jwks"].respond(json={"keys": [{**signing_key(), "kid": None}]})
    line = only_failure(settings(supabase_jwt_secret=None), "jwks")
    assert "publishes no signing key" in line


@pytest.mark.parametrize(
    "answer",
    [httpx.ConnectError("Connection refused"), httpx.Response(404, json={"message": "no"})],
    ids=["unreachable", "404"],
)
def test_a_jwks_that_cannot_be_fetched_fails(settings, services, answer):
    services.routes["jwks"].side_effect = [answer]
    line = only_failure(settings(), "jwks")
    assert f"the JWKS at {SUPABASE_URL}/auth/v1/.well-known/jwks.json could not be fetched" in line


def test_a_jwks_key_that_does_not_parse_fails_naming_it(settings, services):
    broken = {**signing_key("bad-key"), "crv": "P-999"}
    services.routes["jwks"].respond(json={"keys": [broken]})
    line = only_failure(settings(), "jwks")
    assert "key bad-key of" in line and "cannot be read" in line


def test_an_answer_that_is_not_a_jwks_fails(settings, services):
    services.routes["jwks"].respond(json={"message": "hello"})
    assert "is not a JWKS" in only_failure(settings(), "jwks")


def test_without_a_url_and_a_secret_no_token_could_be_verified(settings, services):
    found = result(
        run_checks(
            settings(
                optio_env="development",
                auth_provider="local",
                supabase_url=None,
                supabase_jwt_secret=None,
                storage_backend="local",
            )
        ),
        "jwks",
    )
    assert found.status == "FAILED"
    assert "neither SUPABASE_JWT_SECRET nor SUPABASE_URL is set" in found.line()


def test_the_bucket_is_read_with_the_service_role_key(settings, services):
    found = result(run_checks(settings()), "storage_bucket")
    assert found.status == "ok" and "'evidence' exists and is private" in found.detail
    request = services.routes["bucket"].calls.last.request
    assert request.headers["apikey"] == "service-role-key-of-the-optio-project"
    assert request.headers["authorization"] == "Bearer service-role-key-of-the-optio-project"


@pytest.mark.parametrize("http_status", [404, 400], ids=["404", "400-with-statusCode-404"])
def test_a_missing_bucket_fails_naming_it(settings, services, http_status):
    services.routes["bucket"].respond(http_status, json=BUCKET_NOT_FOUND)
    line = only_failure(settings(), "storage_bucket")
    assert "bucket 'evidence' does not exist in the project at SUPABASE_URL" in line
    assert "create a private bucket named evidence" in line


def test_a_public_bucket_fails(settings, services):
    services.routes["bucket"].respond(json=bucket_body(public=True))
    line = only_failure(settings(), "storage_bucket")
    assert "bucket 'evidence' is public" in line and "Public bucket off" in line


def test_another_bucket_name_is_looked_up(settings, services):
    route = services.get(f"{SUPABASE_URL}/storage/v1/bucket/proofs").respond(
        404, json=BUCKET_NOT_FOUND
    )
    line = only_failure(settings(storage_bucket="proofs"), "storage_bucket")
    assert route.called and "bucket 'proofs' does not exist" in line


@pytest.mark.parametrize(
    "http_status,body",
    [
        (400, {"statusCode": "403", "error": "Unauthorized", "message": "invalid signature"}),
        (401, INVALID_API_KEY),
    ],
    ids=["storage-403", "gateway-401"],
)
def test_a_wrong_service_role_key_fails(settings, services, http_status, body):
    services.routes["bucket"].respond(http_status, json=body)
    line = only_failure(settings(), "storage_bucket")
    assert "Supabase Storage refused SUPABASE_SERVICE_ROLE_KEY" in line
    assert body["message"] in line


def test_a_storage_server_error_fails_with_its_status(settings, services):
    services.routes["bucket"].respond(
        500, json={"statusCode": "500", "error": "internal", "message": "database timeout"}
    )
    line = only_failure(settings(), "storage_bucket")
    assert "answered 500 (database timeout)" in line


def test_an_unreachable_storage_fails(settings, services):
    services.routes["bucket"].side_effect = httpx.ReadTimeout("timed out")
    line = only_failure(settings(), "storage_bucket")
    assert "did not answer (ReadTimeout: timed out)" in line


def test_storage_without_the_service_role_key_names_it(settings, services):
    found = result(
        run_checks(settings(optio_env="development", supabase_service_role_key=None)),
        "storage_bucket",
    )
    assert found.status == "FAILED"
    assert "SUPABASE_SERVICE_ROLE_KEY is not set (STORAGE_BACKEND=supabase)" in found.line()
