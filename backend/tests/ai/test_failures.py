"""What Gemini can get wrong: malformed or out-of-range output, failures, timeouts. Every
outcome leaves its ai_usage row, whatever the answer."""

import time

import httpx
import pytest

from .conftest import (
    draft_request,
    failure,
    quest_draft,
    reply,
    suggestion_request,
    suggestions,
    tasks,
    usage_rows,
)

SUGGESTIONS = "/api/ai/task-suggestions"


def ask(client, people):
    return client.post(SUGGESTIONS, json=suggestion_request(), headers=people["student"]["headers"])


def test_malformed_json_is_asked_again_once_and_the_good_answer_is_used(
    client, conn, people, gemini
):
    gemini.mock(
        side_effect=[
            reply('{"tasks": [{"title": "Trunc', prompt_tokens=100, output_tokens=7),
            reply(suggestions(4), prompt_tokens=100, output_tokens=90),
        ]
    )
    resp = ask(client, people)
    assert resp.status_code == 200, resp.get_json()
    assert len(resp.get_json()["tasks"]) == 4
    assert gemini.call_count == 2
    [row] = usage_rows(conn, people["student"])
    assert (row["outcome"], row["attempts"]) == ("ok", 2)
    assert (row["input_tokens"], row["output_tokens"]) == (200, 97)  # both attempts are paid for


BAD_OUTPUTS = {
    "not json": "Sure! Here are some tasks: 1. Build it",
    "wrong shape": {"suggestions": ["Build it"]},
    "unknown pillar": {"tasks": tasks(3, pillar="astrology")},
    "xp not a number": {"tasks": tasks(3, xp_value="lots")},
    "empty title": {"tasks": tasks(3, title=" ")},
}


@pytest.mark.parametrize("bad", BAD_OUTPUTS.values(), ids=BAD_OUTPUTS.keys())
def test_invalid_output_twice_answers_502_ai_invalid_output(client, conn, people, gemini, bad):
    gemini.mock(return_value=reply(bad, prompt_tokens=50, output_tokens=20))
    resp = ask(client, people)
    assert resp.status_code == 502
    assert resp.get_json()["error"]["code"] == "ai_invalid_output"
    assert gemini.call_count == 2  # retried once, never more
    [row] = usage_rows(conn)
    assert (row["outcome"], row["attempts"], row["input_tokens"], row["output_tokens"]) == (
        "invalid_output",
        2,
        100,
        40,
    )


def test_an_answer_without_candidates_is_invalid_output(client, conn, people, gemini):
    blocked = httpx.Response(200, json={"promptFeedback": {"blockReason": "SAFETY"}})
    gemini.mock(return_value=blocked)
    resp = ask(client, people)
    assert resp.status_code == 502
    assert resp.get_json()["error"]["code"] == "ai_invalid_output"
    assert [r["outcome"] for r in usage_rows(conn)] == ["invalid_output"]


def test_out_of_range_xp_values_are_clamped_not_refused(client, conn, people, gemini):
    answer = quest_draft(4)
    for task, xp in zip(answer["tasks"], [5, 900, 24.6, 120], strict=True):
        task["xp_value"] = xp
    gemini.mock(return_value=reply(answer))
    resp = client.post(
        "/api/ai/quest-drafts", json=draft_request(), headers=people["admin"]["headers"]
    )
    assert resp.status_code == 200, resp.get_json()
    assert [t["xp_value"] for t in resp.get_json()["tasks"]] == [25, 200, 25, 120]
    assert gemini.call_count == 1  # clamping costs no second call
    assert [r["outcome"] for r in usage_rows(conn)] == ["ok"]


@pytest.mark.parametrize(("status", "reason"), [(500, "INTERNAL"), (503, "UNAVAILABLE")])
def test_an_upstream_5xx_answers_502_without_retrying(client, conn, people, gemini, status, reason):
    gemini.mock(return_value=failure(status, reason))
    resp = ask(client, people)
    assert resp.status_code == 502
    error = resp.get_json()["error"]
    assert error["code"] == "ai_upstream_error"
    assert error["details"] == [{"upstream_status": status}]
    assert gemini.call_count == 1  # google-genai's own retries are off
    [row] = usage_rows(conn)
    assert (row["outcome"], row["attempts"], row["input_tokens"]) == ("upstream_error", 1, 0)


@pytest.mark.parametrize(
    ("status", "reason"), [(400, "INVALID_ARGUMENT"), (429, "RESOURCE_EXHAUSTED")]
)
def test_an_upstream_4xx_is_our_providers_failure_too(client, conn, people, gemini, status, reason):
    gemini.mock(return_value=failure(status, reason))
    resp = ask(client, people)
    assert resp.status_code == 502
    assert resp.get_json()["error"]["code"] == "ai_upstream_error"
    assert [r["outcome"] for r in usage_rows(conn)] == ["upstream_error"]


@pytest.mark.parametrize(
    "broken",
    [httpx.ConnectError("connection refused"), httpx.Response(200, text="<html>proxy</html>")],
    ids=["unreachable", "not json"],
)
def test_an_unreachable_or_garbled_provider_answers_502(client, conn, people, gemini, broken):
    gemini.mock(side_effect=[broken])
    resp = ask(client, people)
    assert resp.status_code == 502
    assert resp.get_json()["error"]["code"] == "ai_upstream_error"
    assert [r["outcome"] for r in usage_rows(conn)] == ["upstream_error"]


def test_a_timeout_answers_504_ai_timeout(client, conn, people, gemini):
    gemini.mock(side_effect=httpx.ReadTimeout("the model took too long"))
    resp = ask(client, people)
    assert resp.status_code == 504
    error = resp.get_json()["error"]
    assert error["code"] == "ai_timeout" and "5 seconds" in error["message"]
    assert gemini.call_count == 1
    [row] = usage_rows(conn)
    assert (row["outcome"], row["attempts"]) == ("timeout", 1)


class TestTheTimeoutBoundsTheWholeRequest:
    @pytest.fixture
    def settings_overrides(self, settings_overrides):
        return {**settings_overrides, "gemini_timeout_seconds": 0.3}

    def test_no_second_attempt_starts_after_the_deadline(self, client, conn, people, gemini):
        def slow_and_malformed(request):
            time.sleep(0.35)
            return reply("{not json")

        gemini.mock(side_effect=slow_and_malformed)
        resp = ask(client, people)
        assert resp.status_code == 504
        assert resp.get_json()["error"]["code"] == "ai_timeout"
        assert gemini.call_count == 1
        assert [r["outcome"] for r in usage_rows(conn)] == ["timeout"]

    def test_a_second_attempt_gets_only_the_time_left(self, client, people, gemini):
        answers = iter([reply("{not json"), reply(suggestions())])

        def slow_malformed_then_good(request):
            time.sleep(0.1)
            return next(answers)

        gemini.mock(side_effect=slow_malformed_then_good)
        assert ask(client, people).status_code == 200
        first, second = (call.request.extensions["timeout"]["read"] for call in gemini.calls)
        assert first <= 0.3 and second <= 0.2 and second < first


def test_while_gemini_thinks_the_reservation_is_committed_and_no_transaction_is_open(
    client, conn, people, gemini
):
    seen = {}

    def look_at_the_database(request):
        seen["rows"] = usage_rows(conn)
        seen["open"] = conn.execute(
            "select count(*) from pg_stat_activity where datname = current_database()"
            " and state like 'idle in transaction%%' and pid <> pg_backend_pid()"
        ).fetchone()[0]
        return reply(suggestions())

    gemini.mock(side_effect=look_at_the_database)
    assert ask(client, people).status_code == 200
    assert [r["outcome"] for r in seen["rows"]] == ["pending"]
    assert seen["open"] == 0
