import pytest


class TestDefaultLimitFollowsEachAppsSettings:
    """The limiter is one module-level extension bound to many apps; each keeps its own limit."""

    @pytest.fixture
    def settings_overrides(self):
        return {"rate_limit_default": "2/minute"}

    def test_the_default_limit_is_this_apps(self, client):
        statuses = [client.get("/api/pillars").status_code for _ in range(3)]
        assert statuses == [200, 200, 429]


def test_another_app_gets_the_normal_default(client):
    assert all(client.get("/api/pillars").status_code == 200 for _ in range(5))


class TestTheDefaultLimit:
    @pytest.fixture
    def settings_overrides(self):
        return {"rate_limit_default": "2/minute"}

    def test_a_refusal_says_when_to_come_back(self, client):
        for _ in range(2):
            assert client.get("/api/pillars").status_code == 200
        refused = client.get("/api/pillars")
        assert refused.status_code == 429
        assert refused.get_json()["error"]["code"] == "rate_limited"
        assert "2 per 1 minute" in refused.get_json()["error"]["message"]
        assert 1 <= int(refused.headers["Retry-After"]) <= 60

    def test_it_counts_per_client_address(self, client):
        for _ in range(2):
            client.get("/api/pillars")
        assert client.get("/api/pillars").status_code == 429
        other = client.get("/api/pillars", environ_base={"REMOTE_ADDR": "192.0.2.7"})
        assert other.status_code == 200

    def test_exempt_routes_are_not_counted(self, client):
        assert all(client.get("/api/health").status_code == 200 for _ in range(4))
        assert client.get("/api/pillars").status_code == 200

    def test_routes_with_limits_of_their_own_keep_only_those(self, client):
        # Sign-in has RATE_LIMIT_AUTH (10/minute): four attempts pass the default's 2.
        statuses = [
            client.post(
                "/api/auth/login", json={"email": f"x{i}@example.com", "password": "x"}
            ).status_code
            for i in range(4)
        ]
        assert statuses == [401] * 4
        assert client.get("/api/pillars").status_code == 200  # nor counted against it

    def test_unknown_addresses_count_too(self, client):
        assert [client.get("/api/nowhere").status_code for _ in range(3)] == [404, 404, 429]
