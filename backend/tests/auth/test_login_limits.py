"""The per-account login limit counts attempts per account and client address, so failing
logins from one place cannot lock the account's owner out everywhere else."""

import pytest

from ..factories import PASSWORD, make_user


@pytest.fixture
def settings_overrides():
    return {"rate_limit_auth": "3/minute", "trusted_proxy_hops": 1}


def _login(client, email, password, address):
    return client.post(
        "/api/auth/login",
        json={"email": email, "password": password},
        headers={"X-Forwarded-For": address},
    )


def test_an_attacker_exhausting_the_limit_for_an_account_does_not_lock_out_its_owner(client, app):
    victim = make_user(app, email="victim@example.com")
    attempts = [_login(client, "victim@example.com", "guess", "198.51.100.66") for _ in range(4)]
    assert [r.status_code for r in attempts] == [401, 401, 401, 429]
    owner = _login(client, "Victim@example.com", victim["password"], "203.0.113.10")
    assert owner.status_code == 200


def test_the_attacker_stays_limited_for_that_account(client, app):
    make_user(app, email="victim@example.com")
    for _ in range(3):
        _login(client, "victim@example.com", "guess", "198.51.100.66")
    again = _login(client, "victim@example.com", PASSWORD, "198.51.100.66")
    assert again.status_code == 429
    assert again.get_json()["error"]["code"] == "rate_limited"
