"""Reviews of one submission sent at the same instant, through a real HTTP server, against a
committed database: exactly one wins, the other answers 409, and one quest at most exists."""

import httpx
import pytest

from ..concurrency import fire_together
from .conftest import make_submission

ROUNDS = 5  # several submissions, each reviewed twice at once: the overlap is not left to luck


@pytest.fixture
def settings_overrides():
    return {"db_pool_max_size": 8}


def review(server, headers, submission_id, action):
    body = {} if action == "approve" else {"notes": "Not this time."}

    def send():
        with httpx.Client(base_url=server, timeout=30) as http:
            r = http.post(
                f"/api/admin/quest-submissions/{submission_id}/{action}",
                json=body,
                headers=headers,
            )
            return r.status_code, r.json()

    return send


def quests_of(conn, author_id):
    return conn.execute(
        "select count(*) from public.quests where created_by = %s", (author_id,)
    ).fetchone()[0]


def test_approving_one_submission_twice_at_once_creates_one_quest(conn, people, server):
    author, headers = people["author"], people["admin"]["headers"]
    for n in range(ROUNDS):
        submission = make_submission(conn, author)
        send = review(server, headers, submission["id"], "approve")
        results = fire_together([send, send])

        assert sorted(status for status, _ in results) == [200, 409], results
        winner = next(body for status, body in results if status == 200)
        loser = next(body for status, body in results if status == 409)
        assert loser["error"]["code"] == "already_reviewed"
        assert quests_of(conn, author["id"]) == n + 1
        counts = conn.execute(
            "select (select count(*) from public.quest_tasks where quest_id = %(q)s),"
            " (select count(*) from public.user_quests where quest_id = %(q)s),"
            " (select count(*) from public.audit_log where target_id = %(s)s),"
            " (select count(*) from public.notifications where data ->> 'submission_id' = %(s)s)",
            {"q": winner["approved_quest_id"], "s": str(submission["id"])},
        ).fetchone()
        assert counts == (len(submission["suggested_tasks"]), 1, 1, 1)


def test_an_approval_and_a_rejection_at_once_leave_one_consistent_outcome(conn, people, server):
    author, headers = people["author"], people["admin"]["headers"]
    for _ in range(ROUNDS):
        submission = make_submission(conn, author)
        before = quests_of(conn, author["id"])
        results = fire_together(
            [
                review(server, headers, submission["id"], "approve"),
                review(server, headers, submission["id"], "reject"),
            ]
        )
        assert sorted(status for status, _ in results) == [200, 409], results
        status, quest_id = conn.execute(
            "select status, approved_quest_id from public.quest_submissions where id = %s",
            (submission["id"],),
        ).fetchone()
        created = quests_of(conn, author["id"]) - before
        assert (status, created, quest_id is not None) in {
            ("approved", 1, True),
            ("rejected", 0, False),
        }
