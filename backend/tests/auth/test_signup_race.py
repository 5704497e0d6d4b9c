"""Sign-ups racing for one username, through a real HTTP server against a committed database."""

from collections import Counter

import httpx
import pytest

from ..concurrency import fire_together
from ..factories import PASSWORD, make_user

SIGNUPS = 10


@pytest.fixture
def settings_overrides():
    return {"db_pool_max_size": SIGNUPS, "rate_limit_auth": "1000/minute"}


def _signup(server, **payload):
    def send():
        with httpx.Client(base_url=server, timeout=30) as http:
            r = http.post("/api/auth/signup", json={"password": PASSWORD, **payload})
            return r.status_code, r.json()

    return send


def test_simultaneous_signups_with_one_username_give_it_once_and_409_the_rest(server, conn):
    sends = [
        _signup(server, email=f"racer{i}@example.com", username="wanted") for i in range(SIGNUPS)
    ]
    results = fire_together(sends)
    assert Counter(status for status, _ in results) == {201: 1, 409: SIGNUPS - 1}, results
    assert {body["error"]["code"] for status, body in results if status == 409} == {
        "username_taken"
    }
    assert conn.execute("select count(*) from auth.users").fetchone()[0] == 1


def test_simultaneous_signups_from_one_local_part_all_get_distinct_usernames(server, conn):
    sends = [_signup(server, email=f"sam@example{i}.com") for i in range(SIGNUPS)]
    results = fire_together(sends)
    assert [status for status, _ in results] == [201] * SIGNUPS, results
    names = {body["user"]["username"] for _, body in results}
    assert names == {"sam", *(f"sam{n}" for n in range(2, SIGNUPS + 1))}
    assert conn.execute("select count(*) from public.users").fetchone()[0] == SIGNUPS


def test_a_sequential_signup_with_a_taken_username_is_409_and_creates_nothing(app, client, conn):
    make_user(app, username="first_come")
    resp = client.post(
        "/api/auth/signup",
        json={"email": "second@example.com", "password": PASSWORD, "username": "FIRST_COME"},
    )
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "username_taken"
    found = conn.execute("select count(*) from auth.users where email = 'second@example.com'")
    assert found.fetchone()[0] == 0


def test_signup_stays_within_the_round_trip_budget(client):
    resp = client.post(
        "/api/auth/signup",
        json={"email": "budget@example.com", "password": PASSWORD, "username": "budget"},
    )
    assert resp.status_code == 201
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3
