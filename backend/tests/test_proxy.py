"""Behind Render's proxy: the client's address and scheme come from X-Forwarded-* headers, but
only from as many proxies as TRUSTED_PROXY_HOPS says; HSTS is always sent in production."""

import gc

import pytest

from optio import create_app

from .conftest import TEST_SETTINGS
from .scale.key_value import key_value_server
from .test_config import GOOD_PRODUCTION


def _login_from(client, forwarded_for: str, email: str = "nobody@example.com"):
    return client.post(
        "/api/auth/login",
        json={"email": email, "password": "wrong-password"},
        headers={"X-Forwarded-For": forwarded_for},
    )


class TestBehindOneProxy:
    @pytest.fixture
    def settings_overrides(self):
        return {"trusted_proxy_hops": 1, "rate_limit_auth": "3/minute"}

    def test_clients_with_different_forwarded_addresses_have_separate_limits(self, client):
        first = [_login_from(client, "203.0.113.1", f"a{i}@example.com") for i in range(4)]
        assert [r.status_code for r in first] == [401, 401, 401, 429]
        other = _login_from(client, "203.0.113.2", "b@example.com")
        assert other.status_code == 401

    def test_only_the_address_the_trusted_proxy_saw_counts(self, client):
        # A client may send its own X-Forwarded-For; Render appends the address it saw.
        spoofed = [_login_from(client, f"10.9.9.{i}, 203.0.113.7") for i in range(4)]
        assert [r.status_code for r in spoofed] == [401, 401, 401, 429]

    def test_the_forwarded_scheme_makes_the_request_secure_and_sends_hsts(self, client):
        resp = client.get("/api/auth/csrf", headers={"X-Forwarded-Proto": "https"})
        assert resp.headers["Strict-Transport-Security"].startswith("max-age=")


class TestWithoutTrustedProxies:
    @pytest.fixture
    def settings_overrides(self):
        return {"trusted_proxy_hops": 0, "rate_limit_auth": "3/minute"}

    def test_forwarded_addresses_are_ignored(self, client):
        statuses = [
            _login_from(client, f"203.0.113.{i}", f"c{i}@example.com").status_code for i in range(4)
        ]
        assert statuses == [401, 401, 401, 429]

    def test_a_forwarded_scheme_is_ignored(self, client):
        resp = client.get("/api/auth/csrf", headers={"X-Forwarded-Proto": "https"})
        assert "Strict-Transport-Security" not in resp.headers


@pytest.fixture
def production_app(database_url, tmp_path):
    with key_value_server(tmp_path / "key-value") as key_value:  # production counts in Redis
        app = create_app(
            {
                **GOOD_PRODUCTION,
                "database_url": database_url,
                "redis_url": key_value.connection_url,
                "log_level": TEST_SETTINGS["log_level"],
                "trusted_proxy_hops": 0,
            }
        )
        gc.unfreeze()  # a production app freezes what exists; the test process must still collect
        yield app
        app.extensions["optio_db"].close()


def test_production_sends_hsts_even_when_the_proxy_spoke_plain_http(production_app):
    resp = production_app.test_client().get("/api/auth/csrf")  # http, no forwarded headers
    assert resp.status_code == 200
    assert resp.headers["Strict-Transport-Security"] == "max-age=63072000"


def test_development_over_plain_http_sends_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/api/auth/csrf").headers
