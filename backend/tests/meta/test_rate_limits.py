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
