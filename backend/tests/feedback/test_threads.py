"""Feedback threads on a completion: an advisor starts, the student replies, parents with an
evidence scope read along, everyone else sees nothing; through the API and as plain SQL."""

from __future__ import annotations

import psycopg
import pytest

from ..conftest import acting_as


def thread_url(completion) -> str:
    return f"/api/completions/{completion}/feedback"


def test_an_advisor_starts_and_the_student_replies(client, people, sessions, work, conn):
    url = thread_url(work["public"])
    first = client.post(
        url, json={"body": "  Strong argument; cite a source?  "}, headers=sessions["advisor"]
    )
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["body"] == "Strong argument; cite a source?"
    assert first.get_json()["author"] == {
        "id": str(people["advisor"]),
        "display_name": "Advisor",
        "is_me": True,
        "is_student": False,
    }
    reply = client.post(url, json={"body": "Added two."}, headers=sessions["student"])
    assert reply.status_code == 201, reply.get_json()
    seen = client.get(url, headers=sessions["student"]).get_json()
    assert [m["body"] for m in seen["data"]] == ["Strong argument; cite a source?", "Added two."]
    assert seen["data"][0]["author"]["display_name"] == "Advisor"
    assert seen["count"] == 2 and seen["can_reply"] is True
    kinds = conn.execute(
        "select user_id, type from public.notifications where type like 'feedback_%%'"
        " order by created_at"
    ).fetchall()
    assert kinds == [
        (people["student"], "feedback_received"),
        (people["advisor"], "feedback_reply"),
    ]


def test_a_student_cannot_start_a_thread(client, sessions, work):
    answer = client.post(
        thread_url(work["public"]), json={"body": "Hello?"}, headers=sessions["student"]
    )
    assert answer.status_code == 403
    assert answer.get_json()["error"]["code"] == "feedback_not_allowed"


# Who reads a thread with one message (by the advisor) on the public completion.
READS = {
    "student": 200,
    "parent": 200,  # scope evidence
    "advisor": 200,
    "stranger_parent": 404,
    "stranger_advisor": 404,
    "other_student": 404,
    "anon": 401,
    "admin": 200,
}


@pytest.mark.parametrize("role", READS)
def test_who_reads_a_thread(client, sessions, work, role):
    url = thread_url(work["public"])
    assert client.post(url, json={"body": "Nice"}, headers=sessions["advisor"]).status_code == 201
    assert client.get(url, headers=sessions[role]).status_code == READS[role]


WRITES = {
    "student": 201,
    "parent": 403,
    "advisor": 201,
    "stranger_parent": 404,
    "stranger_advisor": 404,
    "other_student": 404,
    "admin": 403,
}


@pytest.mark.parametrize("role", WRITES)
def test_who_writes_on_a_thread(client, sessions, work, role):
    url = thread_url(work["public"])
    assert client.post(url, json={"body": "Nice"}, headers=sessions["advisor"]).status_code == 201
    assert (
        client.post(url, json={"body": "Me too"}, headers=sessions[role]).status_code
        == WRITES[role]
    )


def test_a_parent_with_progress_scope_no_longer_reads_the_thread(client, conn, sessions, work):
    url = thread_url(work["public"])
    client.post(url, json={"body": "Nice"}, headers=sessions["advisor"])
    conn.execute(
        "update public.student_links set scope = 'progress' where id = %s", (work["parent_link"],)
    )
    assert client.get(url, headers=sessions["parent"]).status_code == 404


def test_an_unknown_completion_is_404(client, sessions):
    url = thread_url("e3e70682-c209-1cac-a29f-6fbed82c07cd")
    assert client.get(url, headers=sessions["advisor"]).status_code == 404
    assert client.post(url, json={"body": "x"}, headers=sessions["advisor"]).status_code == 404


def test_as_plain_sql_the_author_is_the_caller(conn, people, work):
    with acting_as(conn, people["advisor"]) as cur:
        cur.execute(
            "insert into public.completion_feedback (completion_id, body) values (%s, 'Good')"
            " returning author_id, student_id",
            (work["public"],),
        )
        assert cur.fetchone() == (people["advisor"], people["student"])
    for role in ("parent", "stranger_advisor", "other_student", "student"):
        with (
            acting_as(conn, people[role]) as cur,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            cur.execute(
                "insert into public.completion_feedback (completion_id, body) values (%s, 'x')",
                (work["public"],),
            )
    with (
        acting_as(conn, people["advisor"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(
            "insert into public.completion_feedback (completion_id, body, author_id)"
            " values (%s, 'as the student', %s)",
            (work["public"], people["student"]),
        )
