"""Tier limits held by the database itself: Supabase's Data API lets a signed-in user write
their own enrollments, submissions and team-up requests directly, as `authenticated`, so the
limits must hold there whatever Flask checks (and however many sessions write at once)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from psycopg.types.json import Jsonb

from ..concurrency import fire_together
from ..conftest import acting_as
from ..factories import bearer, login, make_quest, make_user, set_tier, set_tier_features
from ..submissions.conftest import make_submission, suggested_tasks

SESSIONS = 10
ENROLL = "insert into public.user_quests (user_id, quest_id) values (%s, %s)"
SUBMIT = (
    "insert into public.quest_submissions (user_id, title, suggested_tasks)"
    " values (%s, 'My own quest', %s)"
)
TIER_LIMIT = "tier_limit"


@pytest.fixture
def student(app):
    """A student on the free tier: 5 active quests, 1 submission pending review at once."""
    return make_user(app)


def active_count(conn, user_id) -> int:
    return conn.execute(
        "select count(*) from public.user_quests"
        " where user_id = %s and is_active and completed_at is null",
        (user_id,),
    ).fetchone()[0]


def enrolled(conn, user_id, quests) -> None:
    """Arrange enrollments as the superuser (not a user's own write)."""
    for quest in quests:
        conn.execute(ENROLL, (user_id, quest["id"]))


@contextmanager
def session_as(url: str, user_id) -> Iterator[psycopg.Connection]:
    """A connection of its own in one transaction as `authenticated` for `user_id`, committed
    at the end (rolled back on an error): what one Data API request does."""
    with psycopg.connect(url) as connection, connection.transaction():
        connection.execute(
            "select set_config('role', 'authenticated', true),"
            " set_config('request.jwt.claims', %s, true)",
            (f'{{"sub": "{user_id}", "role": "authenticated"}}',),
        )
        yield connection


def slow_down_after_the_checks(conn, table: str) -> None:
    """A trigger that sleeps after the tier check (trigger names fire in order, and `zz_` comes
    last), so that overlapping transactions would all pass a check that was not serialized."""
    conn.execute(
        "create or replace function public.zz_slow() returns trigger language plpgsql as"
        " $$ begin perform pg_sleep(0.2); return new; end $$"
    )
    conn.execute(
        f"create trigger zz_slow before insert or update on public.{table}"
        " for each row execute function public.zz_slow()"
    )


# --- max_active_quests -----------------------------------------------------------------------


def test_direct_inserts_stop_at_the_free_limit_of_active_quests(conn, student):
    quests = [make_quest(conn, tasks=1) for _ in range(12)]
    with acting_as(conn, student["id"]) as cur:
        for quest in quests[:5]:
            cur.execute(ENROLL, (student["id"], quest["id"]))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=TIER_LIMIT):
            cur.execute(ENROLL, (student["id"], quests[5]["id"]))


def test_one_statement_enrolling_in_many_quests_is_refused_past_the_limit(conn, student):
    for _ in range(12):
        make_quest(conn, tasks=1)
    with (
        acting_as(conn, student["id"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match=TIER_LIMIT),
    ):
        cur.execute(
            "insert into public.user_quests (user_id, quest_id) select %s, id from public.quests",
            (student["id"],),
        )
    assert active_count(conn, student["id"]) == 0


@pytest.mark.parametrize("one_statement", [False, True], ids=["one_by_one", "all_at_once"])
def test_resuming_abandoned_quests_by_update_is_refused_past_the_limit(
    conn, student, one_statement
):
    quests = [make_quest(conn, tasks=1) for _ in range(7)]
    enrolled(conn, student["id"], quests)
    conn.execute(
        "update public.user_quests set is_active = false, abandoned_at = now()"
        " where user_id = %s and quest_id = any(%s)",
        (student["id"], [q["id"] for q in quests[5:]]),
    )
    resume = (
        "update public.user_quests set is_active = true, abandoned_at = null where user_id = %s"
    )
    with (
        acting_as(conn, student["id"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match=TIER_LIMIT),
    ):
        if one_statement:
            cur.execute(resume, (student["id"],))
        else:
            cur.execute(resume + " and quest_id = %s", (student["id"], quests[5]["id"]))
    assert active_count(conn, student["id"]) == 5


def test_below_the_limit_a_student_may_still_enroll_resume_and_abandon_directly(conn, student):
    quests = [make_quest(conn, tasks=1) for _ in range(5)]
    enrolled(conn, student["id"], quests[:4])
    set_active = "update public.user_quests set is_active = %s where quest_id = %s"
    with acting_as(conn, student["id"]) as cur:
        cur.execute(set_active, (False, quests[0]["id"]))
        cur.execute(ENROLL, (student["id"], quests[4]["id"]))
        cur.execute(set_active, (True, quests[0]["id"]))  # the fifth: full now
        cur.execute(set_active, (True, quests[1]["id"]))  # staying in a quest is always fine
        cur.execute(
            ENROLL + " on conflict (user_id, quest_id) do nothing",
            (student["id"], quests[2]["id"]),
        )
        active = "select count(*) from public.user_quests where is_active and completed_at is null"
        assert cur.execute(active).fetchone()[0] == 5


def test_a_higher_tier_raises_the_limit_of_direct_writes(conn, student):
    set_tier(conn, student["id"], "academy")
    quests = [make_quest(conn, tasks=1) for _ in range(12)]
    with acting_as(conn, student["id"]) as cur:
        for quest in quests:
            cur.execute(ENROLL, (student["id"], quest["id"]))


def test_ten_sessions_at_once_never_exceed_the_limit_of_active_quests(conn, database_url, student):
    quests = [make_quest(conn, tasks=1) for _ in range(4 + SESSIONS)]
    enrolled(conn, student["id"], quests[:4])  # one place left of 5
    slow_down_after_the_checks(conn, "user_quests")

    def enroll(quest):
        def go():
            try:
                with session_as(database_url, student["id"]) as session:
                    session.execute(ENROLL, (student["id"], quest["id"]))
                return "committed"
            except psycopg.errors.InsufficientPrivilege as exc:
                assert TIER_LIMIT in str(exc)
                return "refused"

        return go

    answers = fire_together([enroll(q) for q in quests[4:]])
    assert Counter(answers) == {"committed": 1, "refused": SESSIONS - 1}
    assert active_count(conn, student["id"]) == 5


def test_ten_sessions_resuming_at_once_never_exceed_the_limit(conn, database_url, student):
    quests = [make_quest(conn, tasks=1) for _ in range(4 + SESSIONS)]
    enrolled(conn, student["id"], quests)
    conn.execute(
        "update public.user_quests set is_active = false where quest_id = any(%s)",
        ([q["id"] for q in quests[4:]],),
    )
    slow_down_after_the_checks(conn, "user_quests")

    def resume(quest):
        def go():
            try:
                with session_as(database_url, student["id"]) as session:
                    session.execute(
                        "update public.user_quests set is_active = true where quest_id = %s",
                        (quest["id"],),
                    )
                return "committed"
            except psycopg.errors.InsufficientPrivilege:
                return "refused"

        return go

    answers = fire_together([resume(q) for q in quests[4:]])
    assert Counter(answers) == {"committed": 1, "refused": SESSIONS - 1}
    assert active_count(conn, student["id"]) == 5


# --- custom_quest_submissions ----------------------------------------------------------------


def test_direct_inserts_stop_at_the_free_limit_of_pending_submissions(conn, student):
    with acting_as(conn, student["id"]) as cur:
        cur.execute(SUBMIT, (student["id"], Jsonb(suggested_tasks())))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=TIER_LIMIT):
            cur.execute(SUBMIT, (student["id"], Jsonb(suggested_tasks())))


def test_a_reviewed_submission_frees_its_place_for_a_direct_insert(conn, student):
    mine = make_submission(conn, student)
    conn.execute(
        "update public.quest_submissions set status = 'rejected', reviewed_at = now(),"
        " admin_notes = 'No' where id = %s",
        (mine["id"],),
    )
    with acting_as(conn, student["id"]) as cur:
        cur.execute(SUBMIT, (student["id"], Jsonb(suggested_tasks())))


def test_ten_sessions_at_once_keep_one_pending_submission(conn, database_url, student):
    slow_down_after_the_checks(conn, "quest_submissions")

    def submit():
        try:
            with session_as(database_url, student["id"]) as session:
                session.execute(SUBMIT, (student["id"], Jsonb(suggested_tasks())))
            return "committed"
        except psycopg.errors.InsufficientPrivilege:
            return "refused"

    answers = fire_together([submit] * SESSIONS)
    assert Counter(answers) == {"committed": 1, "refused": SESSIONS - 1}
    pending = conn.execute(
        "select count(*) from public.quest_submissions where user_id = %s and status = 'pending'",
        (student["id"],),
    ).fetchone()[0]
    assert pending == 1


# --- team_ups --------------------------------------------------------------------------------


def test_a_tier_without_team_ups_cannot_send_one_directly(app, conn, student):
    friend = make_user(app)
    set_tier_features(conn, "free", team_ups=False)
    with (
        acting_as(conn, student["id"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match=TIER_LIMIT),
    ):
        cur.execute(
            "insert into public.team_requests (sender_id, recipient_id) values (%s, %s)",
            (student["id"], friend["id"]),
        )


# --- whose writes the limits bind ------------------------------------------------------------


def test_the_api_still_answers_tier_limit_with_its_message(app, client, conn, student):
    headers = bearer(login(app.test_client(), student))
    quests = [make_quest(conn, tasks=1) for _ in range(6)]
    for quest in quests[:5]:
        resp = client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
        assert resp.status_code == 200
        assert resp.headers["X-DB-Round-Trips"] == "2"
    resp = client.post(f"/api/quests/{quests[5]['id']}/enroll", headers=headers)
    assert resp.status_code == 403
    error = resp.get_json()["error"]
    assert error["code"] == "tier_limit"
    assert error["message"] == (
        "Your Free plan allows 5 active quests at once; the Supported plan does."
    )


def test_an_admin_approving_a_submission_still_enrolls_its_author_with_a_full_plan(
    app, client, conn, student
):
    """The limit binds the student's own writes; an admin's approval enrolls the author in
    the quest they proposed whatever their plan (as it always has)."""
    enrolled(conn, student["id"], [make_quest(conn, tasks=1) for _ in range(5)])
    proposal = make_submission(conn, student)
    admin = make_user(app, role="admin")
    resp = client.post(
        f"/api/admin/quest-submissions/{proposal['id']}/approve",
        json={},
        headers=bearer(login(app.test_client(), admin)),
    )
    assert resp.status_code == 200
    assert active_count(conn, student["id"]) == 6


def test_an_admin_approving_their_own_submission_is_enrolled_with_a_full_plan(app, client, conn):
    """Admins are staff: their own writes are not held to a student's plan either."""
    admin = make_user(app, role="admin")
    enrolled(conn, admin["id"], [make_quest(conn, tasks=1) for _ in range(5)])
    proposal = make_submission(conn, admin)
    resp = client.post(
        f"/api/admin/quest-submissions/{proposal['id']}/approve",
        json={},
        headers=bearer(login(app.test_client(), admin)),
    )
    assert resp.status_code == 200
    assert active_count(conn, admin["id"]) == 6
