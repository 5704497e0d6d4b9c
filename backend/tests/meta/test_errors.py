"""One error shape everywhere, a request id and security headers on every response."""

import pytest
from werkzeug.exceptions import InternalServerError


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
