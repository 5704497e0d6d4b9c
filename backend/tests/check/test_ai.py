"""`gemini`: the key and the model, through google-genai against Gemini's answers."""

from __future__ import annotations

import httpx
import pytest

from optio.check import run_checks

from .conftest import GEMINI_URL, MODEL, gemini_error, gemini_model_body, only_failure, result

pytestmark = pytest.mark.usefixtures("stripe_api")


def test_a_working_key_and_model_pass_without_spending_tokens(settings, services):
    found = result(run_checks(settings()), "gemini")
    assert found.status == "ok" and MODEL in found.detail
    [call] = services.routes["gemini_model"].calls
    assert call.request.method == "GET"
    assert call.request.headers["x-goog-api-key"] == "gemini-key-of-the-optio-project"


def test_gemini_is_skipped_without_a_key(settings, services):
    found = result(run_checks(settings(gemini_api_key=None)), "gemini")
    assert found.status == "skipped" and "GEMINI_API_KEY is not set" in found.detail
    assert not services.routes["gemini_model"].called


def test_a_rejected_key_fails_with_googles_reason(settings, services):
    services.routes["gemini_model"].respond(
        400,
        json={
            "error": {
                "code": 400,
                "message": "API key not valid. Please pass a valid API key.",
                "status": "INVALID_ARGUMENT",
                "details": [
                    {
                        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                        "reason": "API_KEY_INVALID",
                        "domain": "googleapis.com",
                        "metadata": {"service": "generativelanguage.googleapis.com"},
                    }
                ],
            }
        },
    )
    line = only_failure(settings(), "gemini")
    assert "Gemini refused GEMINI_API_KEY (400 INVALID_ARGUMENT: API key not valid." in line
    assert "or unset it to turn AI off" in line


def test_a_key_without_access_fails(settings, services):
    services.routes["gemini_model"].mock(
        return_value=gemini_error(
            403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers."
        )
    )
    line = only_failure(settings(), "gemini")
    assert "Gemini refused GEMINI_API_KEY (403 PERMISSION_DENIED" in line


def test_an_unknown_model_fails_naming_it(settings, services):
    route = services.get(f"{GEMINI_URL}/v1beta/models/gemini-0-retired").mock(
        return_value=gemini_error(
            404,
            "NOT_FOUND",
            "models/gemini-0-retired is not found for API version v1beta, or is not supported"
            " for generateContent.",
        )
    )
    line = only_failure(settings(gemini_model="gemini-0-retired"), "gemini")
    assert route.called
    assert "GEMINI_MODEL=gemini-0-retired is not a model Gemini knows (404 NOT_FOUND" in line


def test_a_model_that_cannot_generate_fails(settings, services):
    services.routes["gemini_model"].respond(json=gemini_model_body(["embedContent"]))
    line = only_failure(settings(), "gemini")
    assert f"GEMINI_MODEL={MODEL} cannot generate content (it supports embedContent)" in line


def test_a_gemini_outage_fails_with_its_status(settings, services):
    services.routes["gemini_model"].mock(
        return_value=gemini_error(503, "UNAVAILABLE", "The model is overloaded.")
    )
    line = only_failure(settings(), "gemini")
    assert "Gemini answered with an error (503 UNAVAILABLE: The model is overloaded.)" in line


def test_an_unreachable_gemini_fails_with_the_network_error(settings, services):
    services.routes["gemini_model"].side_effect = httpx.ConnectTimeout("timed out")
    line = only_failure(settings(), "gemini")
    assert "Gemini could not be reached (ConnectTimeout: timed out)" in line
