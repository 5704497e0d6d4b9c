"""`gemini`: with GEMINI_API_KEY set, the key is accepted and GEMINI_MODEL can generate."""

from __future__ import annotations

import httpx
from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from ..ai.gemini import API_VERSION
from ..config import Settings
from .result import TIMEOUT_SECONDS, CheckResult, failed, http_client, network_error, ok, skipped

NAME = "gemini"
_KEY_FIX = "set GEMINI_API_KEY to a key from Google AI Studio, or unset it to turn AI off"


def check_gemini(settings: Settings) -> CheckResult:
    if not settings.gemini_api_key:
        return skipped(NAME, "AI off: GEMINI_API_KEY is not set")
    model_name = settings.gemini_model
    try:
        with http_client() as http:
            # The model's description: no tokens spent, and it proves both key and model.
            model = _client(settings, http).models.get(model=model_name)
    except genai_errors.APIError as exc:
        said = f"{exc.code} {exc.status}: {exc.message}"
        if exc.code == 404:
            return failed(
                NAME,
                f"GEMINI_MODEL={model_name} is not a model Gemini knows ({said})",
                "set GEMINI_MODEL to a current model (e.g. gemini-2.5-flash-lite)",
            )
        if exc.code in (400, 401, 403):
            return failed(NAME, f"Gemini refused GEMINI_API_KEY ({said})", _KEY_FIX)
        return failed(
            NAME,
            f"Gemini answered with an error ({said})",
            "run the check again; if it persists, see https://aistudio.google.com/status",
        )
    except httpx.HTTPError as exc:
        return failed(
            NAME,
            f"Gemini could not be reached ({network_error(exc)})",
            "check GEMINI_BASE_URL (unset: Google's endpoint) and the outbound network",
        )
    actions = model.supported_actions or []
    if "generateContent" not in actions:
        return failed(
            NAME,
            f"GEMINI_MODEL={model_name} cannot generate content (it supports"
            f" {', '.join(actions) or 'nothing'})",
            "set GEMINI_MODEL to a text generation model (e.g. gemini-2.5-flash-lite)",
        )
    return ok(NAME, f"GEMINI_API_KEY accepted; model {model_name} generates content")


def _client(settings: Settings, http: httpx.Client) -> genai.Client:
    return genai.Client(
        vertexai=False,
        api_key=settings.gemini_api_key,
        http_options=types.HttpOptions(
            base_url=settings.gemini_base_url,
            api_version=API_VERSION,
            timeout=round(TIMEOUT_SECONDS * 1000),
            retry_options=types.HttpRetryOptions(attempts=1),
            httpx_client=http,
        ),
    )
