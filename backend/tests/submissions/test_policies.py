"""RLS, grants and constraints of quest_submissions, exercised through the database roles."""

import psycopg
import pytest
from psycopg.types.json import Jsonb

from ..conftest import acting_as
from .conftest import make_submission, suggested_tasks

INSERT = (
    "insert into public.quest_submissions (user_id, title, suggested_tasks)"
    " values (%s, 'A fine quest', %s)"
)


@pytest.fixture
def world(conn, people):
    """A pending submission by the author and one by the other student."""
    return {
        "mine": make_submission(conn, people["author"]),
        "theirs": make_submission(conn, people["other"]),
    }


@pytest.mark.parametrize(
    ("who", "visible"),
    [("author", {"mine"}), ("other", {"theirs"}), ("admin", {"mine", "theirs"})],
)
def test_a_submission_is_read_by_its_author_and_admins_only(conn, people, world, who, visible):
    with acting_as(conn, people[who]["id"]) as cur:
        seen = {r[0] for r in cur.execute("select id from public.quest_submissions")}
    assert seen == {world[name]["id"] for name in visible}


def test_anon_has_no_access_at_all(conn, world):
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select * from public.quest_submissions")


def test_the_author_inserts_a_pending_submission_as_themselves(conn, people):
    me = people["author"]["id"]
    with acting_as(conn, me) as cur:
        cur.execute(INSERT + " returning status, user_id", (me, Jsonb(suggested_tasks())))
        assert cur.fetchone() == ("pending", me)


@pytest.mark.parametrize("who", ["author", "admin"])
def test_nobody_submits_in_someone_elses_name(conn, people, who):
    victim = people["other"]["id"]
    with (
        acting_as(conn, people[who]["id"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"),
    ):
        cur.execute(INSERT, (victim, Jsonb(suggested_tasks())))


@pytest.mark.parametrize(
    "column", ["status", "approved_quest_id", "admin_notes", "reviewed_by", "reviewed_at"]
)
def test_an_author_cannot_set_review_columns_when_submitting(conn, people, column):
    me = people["author"]["id"]
    with (
        acting_as(conn, me) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"),
    ):
        cur.execute(
            f"insert into public.quest_submissions (user_id, title, suggested_tasks, {column})"
            " values (%s, 'Self approved', %s, null)",
            (me, Jsonb(suggested_tasks())),
        )


def test_anon_cannot_submit(conn, people):
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(INSERT, (people["author"]["id"], Jsonb(suggested_tasks())))


@pytest.mark.parametrize(
    "tasks",
    [
        [],
        suggested_tasks(21),
        {"title": "not a list"},
        suggested_tasks(1, pillar="astrology"),
        suggested_tasks(1, pillar="creativity"),  # old keys are mapped by the API, not stored
        suggested_tasks(1, xp_value=24),
        suggested_tasks(1, xp_value=201),
        suggested_tasks(1, xp_value=50.5),
        suggested_tasks(1, xp_value="50"),
        suggested_tasks(1, title=" "),
        [{"pillar": "stem_logic", "xp_value": 50}],
        ["a task"],
    ],
)
def test_the_database_refuses_malformed_suggested_tasks(conn, people, tasks):
    me = people["author"]["id"]
    with acting_as(conn, me) as cur, pytest.raises(psycopg.errors.CheckViolation):
        cur.execute(INSERT, (me, Jsonb(tasks)))


def test_the_author_cannot_approve_or_edit_their_own_submission(conn, people, world):
    me, mine = people["author"]["id"], world["mine"]["id"]
    with acting_as(conn, me) as cur:
        cur.execute(
            "update public.quest_submissions set status = 'approved', reviewed_by = %s,"
            " reviewed_at = now() where id = %s",
            (me, mine),
        )
        assert cur.rowcount == 0  # the row is not the author's to update
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            cur.execute(
                "update public.quest_submissions set title = 'Changed' where id = %s", (mine,)
            )


@pytest.mark.parametrize("who", ["author", "other", "admin"])
def test_nobody_deletes_a_submission(conn, people, world, who):
    with (
        acting_as(conn, people[who]["id"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute("delete from public.quest_submissions")


def test_an_admin_reviews_in_their_own_name_only(conn, people, world):
    admin, someone_else = people["admin"]["id"], people["other"]["id"]
    review = (
        "update public.quest_submissions set status = 'rejected', admin_notes = 'Too vague',"
        " reviewed_by = %s, reviewed_at = now() where id = %s"
    )
    with acting_as(conn, admin) as cur:
        cur.execute(review, (admin, world["mine"]["id"]))
        assert cur.rowcount == 1
    with (
        acting_as(conn, admin) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"),
    ):
        cur.execute(review, (someone_else, world["mine"]["id"]))


def test_a_reviewed_submission_never_changes_status_again(conn, people, world):
    admin, mine = people["admin"]["id"], world["mine"]["id"]
    conn.execute(
        "update public.quest_submissions set status = 'rejected', admin_notes = 'No',"
        " reviewed_by = %s, reviewed_at = now() where id = %s",
        (admin, mine),
    )
    with (
        acting_as(conn, admin) as cur,
        pytest.raises(psycopg.errors.CheckViolation, match="already rejected"),
    ):
        cur.execute(
            "update public.quest_submissions set status = 'pending', admin_notes = null,"
            " reviewed_by = null, reviewed_at = null where id = %s",
            (mine,),
        )


def test_a_rejection_needs_notes(conn, people, world):
    with pytest.raises(psycopg.errors.CheckViolation, match="review_state"):
        conn.execute(
            "update public.quest_submissions set status = 'rejected', admin_notes = '  ',"
            " reviewed_by = %s, reviewed_at = now() where id = %s",
            (people["admin"]["id"], world["mine"]["id"]),
        )


def test_client_roles_cannot_call_the_notification_helper(conn, people):
    me = people["author"]["id"]
    with acting_as(conn, me) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select private.notify(%s, 'submission_approved', '{}')", (me,))
