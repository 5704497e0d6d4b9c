"""Bounds: the tier's requests per UTC day (429 ai_daily_limit, with a row for the refusal),
the per-minute rate limit (429 rate_limited), and no race past the daily limit."""

import threading

import pytest

from .conftest import (
    draft_request,
    quest_draft,
    reply,
    set_daily_limit,
    suggestion_request,
    suggestions,
    usage_rows,
)

DRAFTS, SUGGESTIONS = "/api/ai/quest-drafts", "/api/ai/task-suggestions"


def ask(client, person, path=SUGGESTIONS):
    body = draft_request() if path == DRAFTS else suggestion_request()
    return client.post(path, json=body, headers=person["headers"])


def add_usage(conn, person, outcome="ok", n=1):
    conn.execute(
        "insert into public.ai_usage (user_id, feature, model, outcome)"
        " select %s, 'task_suggestions', 'm', %s from generate_series(1, %s)",
        (person["id"], outcome, n),
    )


@pytest.fixture
def answers(gemini):
    """Gemini answers every request well."""

    def answer(request):
        wants_draft = b"Draft a quest" in request.content
        return reply(quest_draft() if wants_draft else suggestions())

    gemini.mock(side_effect=answer)
    return gemini


def test_the_daily_limit_answers_429_and_records_the_refusal(client, conn, people, answers):
    set_daily_limit(conn, 2)
    student = people["student"]
    left = [ask(client, student).get_json()["requests_left_today"] for _ in range(2)]
    assert left == [1, 0]
    resp = ask(client, student)
    assert resp.status_code == 429
    error = resp.get_json()["error"]
    assert error["code"] == "ai_daily_limit" and "midnight UTC" in error["message"]
    assert error["details"] == [{"daily_limit": 2, "used_today": 2}]
    assert answers.call_count == 2  # the refused request never reaches Gemini
    rows = usage_rows(conn, student)
    assert [r["outcome"] for r in rows] == ["ok", "ok", "limited"]
    assert (rows[-1]["attempts"], rows[-1]["input_tokens"], rows[-1]["output_tokens"]) == (0, 0, 0)


def test_both_endpoints_share_the_daily_limit_and_other_users_keep_theirs(
    client, conn, people, answers
):
    set_daily_limit(conn, 1)
    assert ask(client, people["admin"], DRAFTS).status_code == 200
    refused = ask(client, people["admin"], SUGGESTIONS)
    assert refused.status_code == 429 and refused.get_json()["error"]["code"] == "ai_daily_limit"
    assert ask(client, people["student"]).status_code == 200


@pytest.mark.parametrize(
    ("outcome", "counts"),
    [
        ("ok", True),
        ("invalid_output", True),  # Gemini's tokens were spent
        ("timeout", True),  # they may have been
        ("pending", True),  # under way
        ("limited", False),  # refused, nothing spent
        ("upstream_error", False),  # the provider failed; not the user's doing
    ],
)
def test_what_counts_against_the_daily_limit(client, conn, people, answers, outcome, counts):
    set_daily_limit(conn, 3)
    add_usage(conn, people["student"], outcome, n=3)
    resp = ask(client, people["student"])
    assert resp.status_code == (429 if counts else 200), resp.get_json()


def test_a_tier_without_a_daily_limit_is_unlimited(client, conn, people, answers):
    set_daily_limit(conn, None, tier="academy")
    conn.execute(
        "update public.users set subscription_tier = 'academy' where id = %s",
        (people["student"]["id"],),
    )
    add_usage(conn, people["student"], n=500)
    resp = ask(client, people["student"])
    assert resp.status_code == 200
    assert resp.get_json()["requests_left_today"] is None


def test_the_limit_is_the_users_tiers(client, conn, people, answers):
    set_daily_limit(conn, 0)  # free
    set_daily_limit(conn, 5, tier="supported")
    conn.execute(
        "update public.users set subscription_tier = 'supported' where id = %s",
        (people["student"]["id"],),
    )
    assert ask(client, people["admin"]).status_code == 429
    assert ask(client, people["student"]).get_json()["requests_left_today"] == 4


def test_a_past_due_subscription_past_its_grace_period_has_the_free_limit(
    client, conn, people, answers
):
    set_daily_limit(conn, 0)  # free
    set_daily_limit(conn, 5, tier="supported")
    conn.execute(
        "update public.users set subscription_tier = 'supported', subscription_status = 'past_due',"
        " subscription_grace_until = now() + interval '1 day' where id = %s",
        (people["student"]["id"],),
    )
    assert ask(client, people["student"]).status_code == 200  # still in its grace period
    conn.execute(
        "update public.users set subscription_grace_until = now() - interval '1 second'"
        " where id = %s",
        (people["student"]["id"],),
    )
    assert ask(client, people["student"]).status_code == 429


class TestTheDayIsTheUtcDay:
    """The database's time zone is UTC+14, so a local day would start ten hours off."""

    @pytest.fixture(autouse=True)
    def far_east(self, conn):
        name = conn.execute("select current_database()").fetchone()[0]
        conn.execute(f"alter database \"{name}\" set timezone = 'Pacific/Kiritimati'")

    @pytest.fixture
    def limit_one(self, conn):
        set_daily_limit(conn, 1)

    def add_usage_at(self, conn, person, offset):
        midnight = "date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'"
        conn.execute(
            "insert into public.ai_usage (user_id, feature, model, outcome, created_at)"
            f" values (%s, 'quest_draft', 'm', 'ok', {midnight} + %s::interval)",
            (person["id"], offset),
        )

    def test_the_apps_connections_really_use_that_time_zone(self, client, people, app):
        from optio.db import database

        with database(app).transaction(role="elevated") as tx:
            assert tx.scalar("show timezone") == "Pacific/Kiritimati"

    def test_yesterdays_last_request_does_not_count(self, client, conn, people, limit_one, answers):
        self.add_usage_at(conn, people["student"], "-1 millisecond")
        assert ask(client, people["student"]).status_code == 200

    def test_todays_first_request_counts(self, client, conn, people, limit_one, answers):
        self.add_usage_at(conn, people["student"], "0 seconds")
        assert ask(client, people["student"]).status_code == 429


class TestPerMinuteRateLimit:
    @pytest.fixture
    def settings_overrides(self, settings_overrides):
        return {**settings_overrides, "rate_limit_ai": "2/minute"}

    def test_the_third_request_in_a_minute_is_429_in_the_error_shape(
        self, client, conn, people, answers
    ):
        statuses = [ask(client, people["student"]).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        resp = ask(client, people["student"])
        error = resp.get_json()["error"]
        assert error["code"] == "rate_limited" and "2 per 1 minute" in error["message"]
        assert error["details"] == []
        assert resp.headers["Retry-After"]
        assert answers.call_count == 2
        assert len(usage_rows(conn)) == 2  # refused before the endpoint: no row, no quota

    def test_the_budget_is_per_user_and_shared_by_both_endpoints(self, client, people, answers):
        admin = people["admin"]
        assert ask(client, admin, DRAFTS).status_code == 200
        assert ask(client, admin, SUGGESTIONS).status_code == 200
        assert ask(client, admin, DRAFTS).status_code == 429
        assert ask(client, people["student"]).status_code == 200


def test_two_requests_at_once_cannot_both_take_the_last_one(app, conn, people, answers):
    set_daily_limit(conn, 1)
    start = threading.Barrier(2)
    statuses = []

    def request():
        client = app.test_client()
        start.wait()
        statuses.append(ask(client, people["student"]).status_code)

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [200, 429]
    assert sorted(r["outcome"] for r in usage_rows(conn)) == ["limited", "ok"]
