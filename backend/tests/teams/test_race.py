"""Duplicate team-up requests, both ways, at the same instant, through a real HTTP server against
a committed database: per pair exactly one request is created and every other send gets 409."""

from collections import Counter

import httpx
import pytest

from ..concurrency import fire_together
from ..factories import bearer, login, make_user

PAIRS, SENDS_EACH_WAY = 4, 2
CONCURRENCY = PAIRS * 2 * SENDS_EACH_WAY


@pytest.fixture
def settings_overrides():
    return {"db_pool_max_size": CONCURRENCY}


def test_simultaneous_requests_both_ways_create_one_request_per_pair(app, client, conn, server):
    sends, pair_of = [], []
    for p in range(PAIRS):
        a, b = make_user(app, username=f"a_{p}"), make_user(app, username=f"b_{p}")
        for me, them in ((a, b), (b, a)):
            headers = bearer(login(client, me))
            for _ in range(SENDS_EACH_WAY):

                def send(headers=headers, them=them):
                    with httpx.Client(base_url=server, timeout=30) as http:
                        r = http.post(
                            "/api/team-requests",
                            json={"recipient": them["username"]},
                            headers=headers,
                        )
                        return r.status_code, r.json()

                sends.append(send)
                pair_of.append(p)

    results = fire_together(sends)
    by_pair = {p: Counter() for p in range(PAIRS)}
    for p, (status, body) in zip(pair_of, results, strict=True):
        by_pair[p][status] += 1
        if status == 409:
            assert body["error"]["code"] == "request_pending"
    expected = Counter({201: 1, 409: 2 * SENDS_EACH_WAY - 1})
    assert all(counts == expected for counts in by_pair.values()), by_pair

    rows = conn.execute(
        "select count(*), count(distinct least(sender_id, recipient_id)),"
        " (select count(*) from public.notifications where type = 'team_request_received')"
        " from public.team_requests"
    ).fetchone()
    assert rows == (PAIRS, PAIRS, PAIRS)
