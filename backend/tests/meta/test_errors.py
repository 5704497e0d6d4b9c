"""One error shape everywhere, a request id and security headers on every response.

Validation details carry pydantic's error type and its context, made JSON-safe, so that clients
can word a problem themselves ("Use at most 100 characters.") instead of showing pydantic's
English ("String should have at most 100 characters")."""

import json
import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, Field, StringConstraints, ValidationError, field_validator
from werkzeug.exceptions import InternalServerError

from optio.errors import validation_details

from ..factories import signed_in


def assert_error_shape(resp, status, code):
    assert resp.status_code == status
    error = resp.get_json()["error"]
    assert error["code"] == code and error["message"] and isinstance(error["details"], list)


def test_unknown_path_is_a_json_404(client):
    assert_error_shape(client.get("/api/nope"), 404, "not_found")


def test_wrong_method_is_a_json_405(client):
    resp = client.delete("/api/health")
    assert_error_shape(resp, 405, "method_not_allowed")
    assert "GET" in resp.headers["Allow"]


@pytest.fixture
def settings_overrides():
    return {"max_content_length": 1024}


def test_oversized_body_is_a_json_413(client):
    resp = client.post("/api/auth/login", data="x" * 2048, content_type="application/json")
    assert_error_shape(resp, 413, "payload_too_large")


def test_an_unexpected_error_is_a_json_500_without_internals(app, client):
    @app.get("/api/_boom")
    def boom():
        raise RuntimeError("secret internals")

    resp = client.get("/api/_boom")
    assert_error_shape(resp, 500, "internal_error")
    assert b"secret internals" not in resp.data


def test_an_http_500_is_shaped_too(app, client):
    @app.get("/api/_http500")
    def http500():
        raise InternalServerError()

    assert_error_shape(client.get("/api/_http500"), 500, "internal_error")


def test_every_response_carries_a_request_id(client):
    assert len(client.get("/api/health").headers["X-Request-ID"]) == 32
    assert client.get("/api/nope").headers["X-Request-ID"]


def test_a_safe_incoming_request_id_is_kept(client):
    resp = client.get("/api/health", headers={"X-Request-ID": "abc-123"})
    assert resp.headers["X-Request-ID"] == "abc-123"


def test_security_headers_are_set(client):
    headers = client.get("/api/health").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_cors_allows_only_listed_origins(client):
    allowed = client.get("/api/health", headers={"Origin": "http://localhost:5173"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert allowed.headers["Access-Control-Allow-Credentials"] == "true"
    denied = client.get("/api/health", headers={"Origin": "https://evil.example.com"})
    assert "Access-Control-Allow-Origin" not in denied.headers


@pytest.mark.parametrize("settings_overrides", [{"cors_origins": []}])
def test_one_origin_answers_no_cross_origin_request(client):
    """CORS_ORIGINS=[] (render.yaml: the API serves the web app): no origin is allowed, and a
    preflight gets no CORS headers either."""
    for origin in ("http://localhost:5173", "https://evil.example.com"):
        got = client.get("/api/health", headers={"Origin": origin})
        assert got.status_code == 200
        assert not [name for name, _ in got.headers.items() if name.startswith("Access-Control")]
    preflight = client.options(
        "/api/auth/login",
        headers={"Origin": "http://localhost:5173", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_a_failed_request_writes_nothing(client, conn):
    """A 4xx rolls back the request's transaction; the signup never half-lands."""
    resp = client.post(
        "/api/auth/signup",
        json={"email": "half@example.com", "password": "long-enough-pw", "username": "NO SPACES"},
    )
    assert resp.status_code == 422
    assert conn.execute("select count(*) from auth.users").fetchone()[0] == 0


SIGNUP = {"email": "kim@example.com", "password": "long enough", "birth_date": "2008-05-04"}


def _details(resp) -> dict[str, dict[str, Any]]:
    assert resp.status_code == 422, resp.get_json()
    error = resp.get_json()["error"]
    assert error["code"] == "validation_error"
    return {d["field"]: d for d in error["details"]}


@pytest.mark.parametrize(
    ("change", "field", "type_", "ctx"),
    [
        ({"first_name": "x" * 101}, "first_name", "string_too_long", {"max_length": 100}),
        ({"password": "short"}, "password", "string_too_short", {"min_length": 8}),
        (
            {"username": "Ada Lovelace"},
            "username",
            "string_pattern_mismatch",
            {"pattern": "^[a-z0-9_]{3,30}$"},
        ),
        (
            {"email": "kim@"},
            "email",
            "value_error",
            {"reason": "There must be something after the @-sign."},
        ),
        # A ValueError our own validator raised: its text, not the exception object.
        ({"birth_date": "2999-01-01"}, "birth_date", "value_error", {"error": "ANY"}),
    ],
)
def test_a_signup_422_names_the_type_and_context_of_each_problem(client, change, field, type_, ctx):
    detail = _details(client.post("/api/auth/signup", json={**SIGNUP, **change}))[field]
    assert detail["location"] == "body"
    assert detail["type"] == type_
    if ctx == {"error": "ANY"}:
        assert list(detail["ctx"]) == ["error"] and isinstance(detail["ctx"]["error"], str)
        assert detail["ctx"]["error"] in detail["message"]
    else:
        assert detail["ctx"] == ctx


def test_a_number_out_of_range_names_its_bound(client, app):
    _, headers = signed_in(client, app)
    task = {"title": "Saw", "pillar": "stem_logic", "xp_value": 500}
    resp = client.post(
        "/api/quest-submissions",
        json={"title": "Build a birdhouse", "suggested_tasks": [task]},
        headers=headers,
    )
    detail = _details(resp)["suggested_tasks.0.xp_value"]
    assert (detail["type"], detail["ctx"]) == ("less_than_equal", {"le": 200})
    assert detail["message"] == "Input should be less than or equal to 200"


def test_a_problem_without_context_has_an_empty_one(client, app):
    _, headers = signed_in(client, app)
    task = {"title": "Saw", "pillar": "stem_logic", "xp_value": "many"}
    resp = client.post(
        "/api/quest-submissions",
        json={"title": "Build a birdhouse", "suggested_tasks": [task]},
        headers=headers,
    )
    detail = _details(resp)["suggested_tasks.0.xp_value"]
    assert (detail["type"], detail["ctx"]) == ("int_parsing", {})


class _Odd(BaseModel):
    amount: Annotated[Decimal, Field(le=Decimal("2.5"))] | None = None
    count: Annotated[int, Field(le=Decimal("3"))] | None = None
    day: Annotated[date, Field(gt=date(2020, 1, 1))] | None = None
    code: Annotated[str, StringConstraints(pattern=re.compile(r"^[A-Z]+$"))] | None = None
    ratio: Annotated[float, Field(lt=float("inf"))] | None = None

    @field_validator("code", mode="after")
    @classmethod
    def _not_bad(cls, value: str) -> str:
        if value == "BAD":
            raise ValueError("BAD is reserved")
        return value


def _context_of(data: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(ValidationError) as caught:
        _Odd.model_validate(data)
    details = validation_details(caught.value, "body")
    json.dumps(details, allow_nan=False)  # what Flask's jsonify must be able to send
    return {d["field"]: d["ctx"] for d in details}


def test_context_that_json_cannot_hold_as_it_is_becomes_numbers_or_text():
    assert _context_of({"amount": "3", "count": 4, "day": "2019-12-31", "code": "abc"}) == {
        "amount": {"le": 2.5},
        "count": {"le": 3},
        "day": {"gt": "2020-01-01"},
        "code": {"pattern": "^[A-Z]+$"},
    }
    assert _context_of({"code": "BAD"}) == {"code": {"error": "BAD is reserved"}}
    assert _context_of({"ratio": float("inf")}) == {"ratio": {"lt": "inf"}}
