"""`optio check` as Render runs it: settings from the environment, one line per check, exit 1
on any FAILED."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from optio.cli import main
from optio.config import Settings

from .conftest import INVALID_API_KEY, SECRETS, production

pytestmark = pytest.mark.usefixtures("services", "stripe_api")
CHECK_NAMES = [
    "database",
    "redis",
    "supabase_auth",
    "jwks",
    "storage_bucket",
    "stripe",
    "gemini",
    "urls",
    "credentials",
]


@pytest.fixture
def environment(monkeypatch, database_url, key_value_url):
    """Only these variables configure the command: no .env, nothing from the shell."""
    monkeypatch.setitem(Settings.model_config, "env_file", None)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)

    def set_to(**overrides) -> CliRunner:
        overrides.setdefault("redis_url", key_value_url)
        for name, value in production(database_url, **overrides).items():
            if value is not None:
                text = json.dumps(value) if isinstance(value, list) else str(value)
                monkeypatch.setenv(name.upper(), text)
        return CliRunner()

    return set_to


def lines(output: str) -> list[list[str]]:
    return [line.split(maxsplit=2) for line in output.splitlines()]


def test_a_correct_production_configuration_exits_0_with_every_check_ok(environment):
    result = environment().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert [(name, status) for name, status, _ in lines(result.output)] == [
        (name, "ok") for name in CHECK_NAMES
    ]


def test_one_failed_check_exits_1_and_the_others_still_run(environment, services):
    services.routes["auth_settings"].respond(401, json=INVALID_API_KEY)
    result = environment(supabase_anon_key="the-wrong-anon-key").invoke(main, ["check"])
    assert result.exit_code == 1
    statuses = {name: status for name, status, _ in lines(result.output)}
    assert statuses == {name: "FAILED" if name == "supabase_auth" else "ok" for name in CHECK_NAMES}
    assert "Supabase Auth refused SUPABASE_ANON_KEY (401: Invalid API key)" in result.output
    assert "the-wrong-anon-key" not in result.output


def test_no_secret_is_printed_even_when_every_service_fails(environment, services, stripe_api):
    for route in services.routes:
        route.respond(500, json={"message": "down"})
    stripe_api.replace(
        "GET",
        "https://stripe.test/v1/prices/price_supported_live",
        status=500,
        json={"error": {"message": "down", "type": "api_error"}},
    )
    result = environment().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not any(secret in result.output for secret in SECRETS), result.output


def test_settings_production_refuses_are_one_failed_line(environment):
    result = environment(auth_provider="local", supabase_jwt_secret="short").invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "settings        FAILED   refusing to start in production: AUTH_PROVIDER=local is for"
        " development; use AUTH_PROVIDER=supabase; SUPABASE_JWT_SECRET is shorter than 32"
        " characters. Fix: change the environment variables named"
    ]


def test_a_malformed_setting_is_named_without_its_value(environment, monkeypatch):
    runner = environment()
    monkeypatch.setenv("DB_POOL_MAX_SIZE", "ten-connections")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.startswith("settings        FAILED   DB_POOL_MAX_SIZE: Input should be")
    assert "ten-connections" not in result.output


def test_a_check_that_breaks_is_a_failed_line_with_the_error_and_no_secret(environment, services):
    # Supabase answering 200 with a body that is not the bucket's description at all.
    services.routes["bucket"].respond(json=["not", "a", "bucket"])
    services.routes["jwks"].side_effect = RuntimeError(
        "boom with anon-key-of-the-optio-project inside"
    )
    result = environment().invoke(main, ["check"])
    assert result.exit_code == 1
    statuses = dict((name, rest) for name, _, rest in lines(result.output))
    assert statuses["jwks"].startswith(
        "the check broke on an unexpected answer (RuntimeError: boom with *** inside)"
    )
    assert statuses["storage_bucket"].endswith(
        "/storage/v1/bucket/evidence answered 200 without a bucket's description. Fix: set"
        " SUPABASE_URL to the project's URL, https://<project-ref>.supabase.co (no path)"
    )
