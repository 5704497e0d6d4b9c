"""Schemathesis over our own OpenAPI document: the document must not lie, and nothing may 5xx.

Every operation of /api/openapi.json is called with requests generated from the document
(hypothesis, derandomized: the same cases every run), as a signed-in student and as an admin, on
the in-process WSGI app: no network. Each answer must be no 5xx, carry a documented status,
content type and headers, and match the documented schema. Requests the document allows
(positive cases) must be accepted, less the few refusals JSON Schema cannot state
(BEYOND_THE_DOCUMENT); requests it forbids (negative cases) must be refused with a 4xx. Stripe and Gemini are faked at the HTTP
layer, as in tests/billing and tests/ai, so their endpoints answer for real instead of 503, and the
web app's build is stood in for by a docs page, so that /api/docs answers as a built one does
(the suite runs before `make test` builds the app). Half
of the cases name rows that exist (a quest, its tasks, a submission, ...) instead of random ids,
so updates and deletes reach the database too.

Nothing is excluded; the one special case is POST /api/auth/logout, which gets a session of its
own so that it does not end the one every other call uses. The Stripe webhook is called like any
other operation: generated requests carry no valid signature, so it must answer its documented
400, never a 5xx.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import responses
import respx
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings, strategies
from hypothesis.errors import Unsatisfiable
from psycopg.types.json import Jsonb
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.control import SkipTest
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ..billing.conftest import API_BASE, STRIPE_SETTINGS
from ..factories import bearer, login, make_quest, make_user

GEMINI = "http://gemini.test"
GEMINI_MODEL = "gemini-test-model"
# Refusals of schema-valid requests that JSON Schema has no words for: a 422 whose every detail
# is one of these. Any other refusal of a request the document allows (a null it offers, a
# duplicate it does not forbid, an empty change) means the document lies, and fails the run.
BEYOND_THE_DOCUMENT = {
    "string_too_short": "a length counted after surrounding whitespace is stripped",
    "value_error": "rules in code: not blank, a password of at most 72 bytes (bcrypt), an e-mail"
    " address email-validator takes (the `email` format also allows .test domains, ...)",
    "task_order_mismatch": "task_ids must be exactly the quest's tasks",
    "featured_not_completed": "featured_quest_ids must name quests the student completed",
}
BEYOND_THE_DOCUMENT_CODES = {
    "invalid_reset_token": "a reset token nobody was sent",
    "invalid_link": "an e-mail link's token nobody was sent",
    "oauth_verifier_missing": "an OAuth callback's code without the sign-in started here",
    "invalid_oauth_code": "an OAuth code Supabase Auth never issued",
    "unknown_time_zone": "a time zone name the IANA database (as PostgreSQL has it) lacks",
    "same_password": "a new password that is the current one",
    "reward_pillar": "an achievement names a reward pillar exactly when it gives XP",
    # The webhook's body and signature come from Stripe: a request the document describes
    # (it describes none of it) carries no valid signature, which is a 400, never a 5xx.
    "invalid_signature": "a Stripe event not signed with the webhook secret",
}


def schema_valid_requests_are_accepted(ctx: Any, response: Any, case: Case) -> bool | None:
    """schemathesis's positive_data_acceptance, less what BEYOND_THE_DOCUMENT lists."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if response.status_code == 415 and case.media_type == "multipart/form-data":
            return None  # `format: binary` cannot say which bytes are an image or a PDF
        error = (response.json() if response.status_code in {400, 422} else {}).get("error", {})
        if error.get("code") in BEYOND_THE_DOCUMENT_CODES:
            return None
        details = error.get("details") or [{}]
        if response.status_code == 422 and all(
            d.get("type") in BEYOND_THE_DOCUMENT for d in details
        ):
            return None
        raise


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Schema-valid requests are accepted; schema-invalid ones are refused with a 4xx.
ACCEPTED = schema_valid_requests_are_accepted
# Cases per operation, caller and mode: about 50 operations, two callers, about 800 cases in all.
EXAMPLES = {GenerationMode.POSITIVE: 5, GenerationMode.NEGATIVE: 3}
# Given, so that no schemathesis.toml found on the way up changes the run; the cases come from
# hypothesis (hypothesis_settings below: derandomized), one strategy per operation.
CONFIG = SchemathesisConfig.from_dict({"generation": {"deterministic": True}})


@pytest.fixture
def settings_overrides() -> dict:
    return {
        **STRIPE_SETTINGS,
        "gemini_api_key": "test-gemini-key",
        "gemini_base_url": GEMINI,
        "gemini_model": GEMINI_MODEL,
        "gemini_timeout_seconds": 5.0,
        # Hundreds of requests a minute from one address and one user: not what limits are for.
        "rate_limit_default": "100000/minute",
        "rate_limit_auth": "100000/minute",
        "rate_limit_ai": "100000/minute",
    }


def _gemini_answer(request: httpx.Request) -> httpx.Response:
    """One draft that parses both as a quest draft (4 to 8 tasks) and as task suggestions."""
    tasks = [
        {"title": f"Step {i}", "description": "Do it.", "pillar": "stem_logic", "xp_value": 50}
        for i in range(4)
    ]
    draft = {"title": "A drafted quest", "description": "Drafted.", "tasks": tasks}
    return httpx.Response(
        200,
        json={
            "candidates": [
                {
                    "content": {"role": "model", "parts": [{"text": json.dumps(draft)}]},
                    "finishReason": "STOP",
                    "index": 0,
                }
            ],
            "usageMetadata": {
                "promptTokenCount": 10,
                "candidatesTokenCount": 10,
                "totalTokenCount": 20,
            },
            "modelVersion": GEMINI_MODEL,
        },
    )


@pytest.fixture
def fakes(app):
    """Stripe (requests) and Gemini (httpx) at the HTTP layer; any other call fails, but those
    to FakeSupabase (a real server on 127.0.0.1) in the --auth-provider=supabase run."""
    with (
        responses.RequestsMock(assert_all_requests_are_fired=False) as stripe,
        respx.mock(base_url=GEMINI, assert_all_called=False) as gemini,
    ):
        supabase_url = app.config["SETTINGS"].supabase_url
        if supabase_url:
            supabase = urlsplit(supabase_url)
            gemini.route(host=supabase.hostname, port=supabase.port).pass_through()
        stripe.post(f"{API_BASE}/v1/customers", json={"id": "cus_fuzz", "object": "customer"})
        stripe.post(
            f"{API_BASE}/v1/checkout/sessions",
            json={"id": "cs_fuzz", "object": "checkout.session", "url": "https://stripe.test/c"},
        )
        stripe.post(
            f"{API_BASE}/v1/billing_portal/sessions",
            json={
                "id": "bps_fuzz",
                "object": "billing_portal.session",
                "url": "https://stripe.test/p",
            },
        )
        gemini.post(f"/v1beta/models/{GEMINI_MODEL}:generateContent").mock(
            side_effect=_gemini_answer
        )
        yield


@pytest.fixture
def world(app, client, conn) -> dict[str, Any]:
    """Rows for the generated requests to find: a student with history, an admin, and the ids
    their paths take."""
    student = make_user(app, username="fuzz_student", first_name="Fay", last_name="Fuzz")
    other = make_user(app, username="fuzz_other")
    admin = make_user(app, role="admin", username="fuzz_admin")
    quest = make_quest(conn, tasks=3)
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) values (%s, %s)",
        (student["id"], quest["id"]),
    )
    conn.execute(
        "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text)"
        " values (%s, %s, 'text', 'Done well')",
        (student["id"], quest["tasks"][0]["id"]),
    )
    submission = conn.execute(
        "insert into public.quest_submissions (user_id, title, suggested_tasks)"
        " values (%s, 'A proposed quest', %s) returning id",
        (
            student["id"],
            Jsonb([{"title": "T", "description": "", "pillar": "stem_logic", "xp_value": 50}]),
        ),
    ).fetchone()[0]
    team_request = conn.execute(
        "insert into public.team_requests (sender_id, recipient_id) values (%s, %s) returning id",
        (other["id"], student["id"]),
    ).fetchone()[0]
    notification = conn.execute(
        "select id from public.notifications where user_id = %s limit 1", (student["id"],)
    ).fetchone()
    slug = conn.execute(
        "update public.diplomas set is_public = true where user_id = %s returning slug",
        (student["id"],),
    ).fetchone()[0]
    known = {
        "quest_id": quest["id"],
        "task_id": quest["tasks"][1]["id"],
        "submission_id": submission,
        "request_id": team_request,
        "notification_id": notification[0] if notification else None,
        "user_id": student["id"],
        "slug": slug,
    }
    return {
        "student": student,
        "admin": admin,
        "headers": {
            "student": bearer(login(client, student)),
            "admin": bearer(login(client, admin)),
        },
        "known": {k: str(v) for k, v in known.items() if v is not None},
    }


def buffered(app):
    """The app with each answer read whole and closed: schemathesis's WSGI client leaves file
    answers (the docs page) open, which the suite's warnings-as-errors would fail on."""

    def wsgi(environ, start_response):
        answer = app(environ, start_response)
        try:
            return [b"".join(answer)]
        finally:
            if hasattr(answer, "close"):
                answer.close()

    return wsgi


def run_every_operation(app, world, role: str, mode: GenerationMode) -> tuple[Counter, list[str]]:
    """Every operation's cases as `role`: (cases per operation, the failures)."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", buffered(app), config=CONFIG)
    checks = [*CHECKS, ACCEPTED if mode is GenerationMode.POSITIVE else negative_data_rejection]
    calls: Counter = Counter()
    failures = []

    def caller(operation: APIOperation):
        def call(case: Case) -> None:
            headers = world["headers"][role]
            if operation.path == "/api/auth/logout":  # a session of its own to end
                headers = bearer(login(app.test_client(), world[role]))
            calls[operation.label] += 1
            case.call_and_validate(headers=headers, checks=checks)

        return call

    for result in schema.get_all_operations():
        operation = result.ok()
        strategy = operation.as_strategy(mode)
        known = {
            name: world["known"][name]
            for name in re.findall(r"{(\w+)}", operation.path)
            if name in world["known"]
        }
        if known:  # half the cases on rows that exist, so that writes reach the database
            strategy = strategies.one_of(
                strategy, operation.as_strategy(mode, path_parameters=known)
            )

        try:
            given(case=strategy)(hypothesis_settings(mode)(caller(operation)))()
        except (SkipTest, Unsatisfiable):
            # Nothing to get wrong: no parameters, or only strings that any string satisfies.
            assert mode is GenerationMode.NEGATIVE and not calls[operation.label]
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"{role} {operation.label}:\n{exc}")
    return calls, failures


def hypothesis_settings(mode: GenerationMode) -> settings:
    return settings(
        max_examples=EXAMPLES[mode],
        derandomize=True,  # the same cases every run
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture
def built_web_app(app, tmp_path):
    """A web app build holding the docs page (optio/meta/routes.py serves it from the build)."""
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>")
    (tmp_path / "api-docs.html").write_text('<!doctype html><main id="swagger-ui"></main>')
    app.config["WEB_DIST"] = tmp_path


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize("role", ["student", "admin"])
@pytest.mark.usefixtures("built_web_app")
def test_the_api_keeps_its_document(app, world, fakes, role, mode):
    started = time.perf_counter()
    calls, failures = run_every_operation(app, world, role, mode)
    elapsed = time.perf_counter() - started
    print(
        f"schemathesis, {mode.value} cases as {role}: {sum(calls.values())} cases,"
        f" {len(calls)} operations, {elapsed:.1f} s"
    )
    assert len(calls) >= (50 if mode is GenerationMode.POSITIVE else 40)
    assert failures == [], "\n\n".join(failures)
