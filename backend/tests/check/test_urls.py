"""`urls`: FRONTEND_URL, CORS_ORIGINS and the cookie settings, together."""

from __future__ import annotations

import pytest

from optio.check import run_checks

from .conftest import WEB, only_failure, result

pytestmark = pytest.mark.usefixtures("services", "stripe_api")


def test_an_https_web_app_allowed_by_cors_passes(settings):
    found = result(run_checks(settings()), "urls")
    assert found.status == "ok"
    assert found.detail == f"web app {WEB}; CORS origins {WEB}; cookies Secure; SameSite=Lax"


def test_no_cors_origins_pass_when_the_api_serves_the_web_app(settings):
    found = result(run_checks(settings(cors_origins=[])), "urls")
    assert found.status == "ok" and "served by this API" in found.detail


def test_a_trailing_slash_on_frontend_url_is_harmless(settings):
    assert result(run_checks(settings(frontend_url=f"{WEB}/")), "urls").status == "ok"


def test_a_web_app_origin_missing_from_cors_fails(settings):
    line = only_failure(settings(cors_origins=["https://admin.optio.test"]), "urls")
    assert (
        f"the web app's origin {WEB} (FRONTEND_URL) is not in CORS_ORIGINS"
        " (https://admin.optio.test)" in line
    )
    assert f"add {WEB} to CORS_ORIGINS, or set CORS_ORIGINS='[]'" in line


def test_a_cors_origin_with_a_trailing_slash_fails(settings):
    line = only_failure(settings(cors_origins=[f"{WEB}/"]), "urls")
    assert f"CORS origin '{WEB}/' has a path or trailing slash" in line
    assert f"write it as {WEB}" in line
    assert "is not in CORS_ORIGINS" not in line  # one problem, said once


def test_an_http_frontend_url_in_production_fails(settings):
    line = only_failure(
        settings(frontend_url="http://app.optio.test", cors_origins=["http://app.optio.test"]),
        "urls",
    )
    assert "FRONTEND_URL=http://app.optio.test is http in production" in line
    assert "set FRONTEND_URL=https://app.optio.test" in line
    assert "CORS origin 'http://app.optio.test' is http in production" in line


def test_an_unset_frontend_url_in_production_fails(settings):
    line = only_failure(settings(frontend_url="", cors_origins=[]), "urls")
    assert "FRONTEND_URL is not set" in line and "http://127.0.0.1:5000" in line


def test_a_frontend_url_without_a_scheme_fails(settings):
    line = only_failure(settings(frontend_url="app.optio.test"), "urls")
    assert "FRONTEND_URL=app.optio.test is not an absolute http(s) URL" in line


@pytest.mark.parametrize("entry", ["*", ".*"])
def test_a_wildcard_cors_origin_fails(settings, entry):
    line = only_failure(settings(cors_origins=[entry, WEB]), "urls")
    assert f"CORS_ORIGINS allows '{entry}': any web site could call the API" in line


def test_a_cors_entry_that_is_not_an_origin_fails(settings):
    line = only_failure(settings(cors_origins=[WEB, "app.optio.test"]), "urls")
    assert "CORS origin 'app.optio.test' is not an origin (scheme://host)" in line


def test_samesite_none_without_secure_cookies_fails(settings):
    found = result(run_checks(settings(optio_env="development", cookie_samesite="None")), "urls")
    assert found.status == "FAILED"
    assert "COOKIE_SAMESITE=None without Secure cookies" in found.line()
    assert "set COOKIE_SECURE=true" in found.line()


def test_samesite_none_with_secure_cookies_passes(settings):
    assert result(run_checks(settings(cookie_samesite="None")), "urls").status == "ok"


def test_insecure_cookies_in_production_fail(settings):
    line = only_failure(settings(cookie_secure=False), "urls")
    assert "COOKIE_SECURE=false in production" in line
