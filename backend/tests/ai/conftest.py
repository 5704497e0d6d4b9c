"""A fake Gemini at the HTTP layer: respx answers the generateContent calls, so the real
google-genai client builds each request, sends it through httpx and parses the answer."""

from __future__ import annotations

import itertools
import json
from typing import Any

import httpx
import pytest
import respx

from ..factories import bearer, login, make_user

BASE_URL = "http://gemini.test"
MODEL = "gemini-test-model"
GENERATE = f"/v1beta/models/{MODEL}:generateContent"
API_KEY = "test-gemini-key"
PILLARS = ["stem_logic", "arts_creativity", "life_wellness", "society_culture"]
_seq = itertools.count(1)


@pytest.fixture
def settings_overrides() -> dict:
    return {
        "gemini_api_key": API_KEY,
        "gemini_base_url": BASE_URL,
        "gemini_model": MODEL,
        "gemini_timeout_seconds": 5.0,
    }


@pytest.fixture
def gemini():
    """The generateContent route; any other request fails the test (nothing reaches a network)."""
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router.post(GENERATE, name="generateContent")


def reply(payload: Any, *, prompt_tokens: int = 120, output_tokens: int = 80) -> httpx.Response:
    """Gemini's answer with `payload` as the model's text (JSON-encoded unless a string)."""
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return httpx.Response(
        200,
        json={
            "candidates": [
                {
                    "content": {"role": "model", "parts": [{"text": text}]},
                    "finishReason": "STOP",
                    "index": 0,
                }
            ],
            "usageMetadata": {
                "promptTokenCount": prompt_tokens,
                "candidatesTokenCount": output_tokens,
                "totalTokenCount": prompt_tokens + output_tokens,
            },
            "modelVersion": MODEL,
            "responseId": f"fake-{next(_seq)}",
        },
    )


def failure(status: int, reason: str = "UNAVAILABLE") -> httpx.Response:
    """Gemini's error answer."""
    body = {"error": {"code": status, "message": "The model is overloaded.", "status": reason}}
    return httpx.Response(status, json=body)


def tasks(n: int, **overrides: Any) -> list[dict[str, Any]]:
    return [
        {
            "title": f"Task {i + 1}",
            "description": f"Do step {i + 1} and show it.",
            "pillar": PILLARS[i % len(PILLARS)],
            "xp_value": 50 + 10 * i,
            **overrides,
        }
        for i in range(n)
    ]


def quest_draft(n_tasks: int = 5, **overrides: Any) -> dict[str, Any]:
    return {
        "title": "Bees of the neighbourhood",
        "description": "Find, watch and draw the bees that live near you.",
        "tasks": tasks(n_tasks),
        **overrides,
    }


def suggestions(n_tasks: int = 4) -> dict[str, Any]:
    return {"tasks": tasks(n_tasks)}


def sent(route) -> dict[str, Any]:
    """The JSON body of the last request sent to Gemini."""
    return json.loads(route.calls.last.request.content)


@pytest.fixture
def people(app) -> dict[str, dict[str, Any]]:
    """A student and an admin, each with `headers`; signed in on clients of their own."""
    found = {}
    for name, role in (("student", "student"), ("admin", "admin")):
        user = make_user(app, role=role)
        found[name] = {**user, "headers": bearer(login(app.test_client(), user))}
    return found


def usage_rows(conn, user: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    cur = conn.execute(
        "select user_id, feature, model, input_tokens, output_tokens, attempts, latency_ms,"
        " outcome from public.ai_usage where %(user)s::uuid is null or user_id = %(user)s"
        " order by created_at, id",
        {"user": user["id"] if user else None},
    )
    names = [c.name for c in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def set_daily_limit(conn, limit: int | None, tier: str = "free") -> None:
    conn.execute(
        "update public.subscription_tiers"
        " set features = features || jsonb_build_object('ai_requests_per_day', %s::int)"
        " where tier_key = %s",
        (limit, tier),
    )


def draft_request(**overrides: Any) -> dict[str, Any]:
    return {"topic": "Bees", "audience": "12-year-olds", "pillars": ["stem_logic"], **overrides}


def suggestion_request(**overrides: Any) -> dict[str, Any]:
    return {"title": "Build a birdhouse", "description": "From scrap wood.", **overrides}
