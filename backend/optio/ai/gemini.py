"""Gemini through google-genai: one client per app, JSON answers parsed against a schema.

Model output is untrusted: it is validated here with the same pydantic model that was sent as
the response schema. Invalid output is asked for once more; provider failures and timeouts are
turned into 502/504 answers. What each call spent is accumulated in a `Spend` for ai_usage.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import TypeVar

import httpx
from flask import current_app
from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel, ValidationError

from ..config import Settings, current_settings
from ..errors import BadGateway, GatewayTimeout, Unavailable

log = logging.getLogger(__name__)

Answer = TypeVar("Answer", bound=BaseModel)
API_VERSION = "v1beta"
ATTEMPTS = 2  # the first answer, and one more when it is not valid
MAX_OUTPUT_TOKENS = 4096
_client_lock = threading.Lock()


@dataclass
class Prompt:
    system: str
    text: str


@dataclass
class Spend:
    """What one AI request used, over all its attempts; `outcome` as stored in ai_usage."""

    outcome: str = "error"
    input_tokens: int = 0
    output_tokens: int = 0
    attempts: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def latency_ms(self) -> int:
        return round((time.monotonic() - self.started) * 1000)

    def add(self, usage: types.GenerateContentResponseUsageMetadata | None) -> None:
        if usage is not None:
            self.input_tokens += usage.prompt_token_count or 0
            self.output_tokens += (usage.candidates_token_count or 0) + (
                usage.thoughts_token_count or 0
            )


def gemini_client() -> genai.Client:
    """This app's client, created on first use; 503 `ai_not_configured` without an API key."""
    settings: Settings = current_settings()
    if not settings.gemini_api_key:
        raise Unavailable(
            "AI assistance is not configured on this server (GEMINI_API_KEY is not set).",
            code="ai_not_configured",
        )
    with _client_lock:
        client = current_app.extensions.get("optio_gemini")
        if client is None:
            client = current_app.extensions["optio_gemini"] = _new_client(settings)
    return client


def _new_client(settings: Settings) -> genai.Client:
    return genai.Client(
        vertexai=False,
        api_key=settings.gemini_api_key,
        http_options=types.HttpOptions(
            base_url=settings.gemini_base_url,  # None: Google's endpoint
            api_version=API_VERSION,
            timeout=round(settings.gemini_timeout_seconds * 1000),
            # The SDK's own retries would multiply cost and latency; invalid output is retried
            # here, once, and nothing else is.
            retry_options=types.HttpRetryOptions(attempts=1),
            # google-genai 3 sends through httpx2 unless handed an httpx client. httpx is what
            # the rest of the app speaks (and what respx fakes in the tests), so hand it one.
            httpx_client=httpx.Client(),
        ),
    )


def generate(
    client: genai.Client, model: str, prompt: Prompt, schema: type[Answer], spend: Spend
) -> Answer:
    """Ask for JSON matching `schema`, within GEMINI_TIMEOUT_SECONDS in all; record the spend."""
    timeout = current_settings().gemini_timeout_seconds
    deadline = spend.started + timeout
    while spend.attempts < ATTEMPTS:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        spend.attempts += 1
        text = _ask(client, model, prompt, schema, spend, left)
        try:
            answer = schema.model_validate_json(text or "")
        except ValidationError as exc:
            log.warning("gemini answer %d failed %s: %s", spend.attempts, schema.__name__, exc)
            continue
        spend.outcome = "ok"
        return answer
    if spend.attempts < ATTEMPTS:
        spend.outcome = "timeout"
        raise _timeout(timeout)
    spend.outcome = "invalid_output"
    raise BadGateway(
        "The AI answered twice with output that did not fit the expected shape. Try again.",
        code="ai_invalid_output",
    )


def _ask(
    client: genai.Client,
    model: str,
    prompt: Prompt,
    schema: type[BaseModel],
    spend: Spend,
    seconds_left: float,
) -> str | None:
    config = types.GenerateContentConfig(
        system_instruction=prompt.system,
        response_mime_type="application/json",
        response_schema=schema,
        max_output_tokens=MAX_OUTPUT_TOKENS,
        automatic_continuation=False,
        http_options=types.HttpOptions(timeout=max(1, int(seconds_left * 1000))),
    )
    try:
        reply = client.models.generate_content(model=model, contents=prompt.text, config=config)
    except httpx.TimeoutException as exc:
        spend.outcome = "timeout"
        raise _timeout(current_settings().gemini_timeout_seconds) from exc
    except genai_errors.APIError as exc:
        spend.outcome = "upstream_error"
        log.warning("gemini answered %s %s", exc.code, exc.status)
        raise BadGateway(
            f"The AI provider failed (HTTP {exc.code}). Try again later.",
            code="ai_upstream_error",
            details=[{"upstream_status": exc.code}],
        ) from exc
    except (httpx.TransportError, json.JSONDecodeError) as exc:
        spend.outcome = "upstream_error"
        log.warning("gemini could not be reached or answered garbage: %r", exc)
        raise BadGateway(
            "The AI provider could not be reached. Try again later.", code="ai_upstream_error"
        ) from exc
    spend.add(reply.usage_metadata)
    return reply.text


def _timeout(seconds: float) -> GatewayTimeout:
    return GatewayTimeout(
        f"The AI did not answer within {seconds:g} seconds. Try again.", code="ai_timeout"
    )
