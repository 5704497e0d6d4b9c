"""Who may edit a completion's evidence, and read what it replaced: as `authenticated`, with
plain SQL, as Supabase's Data API lets a student write."""

import uuid

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_quest, make_user


@pytest.fixture
def world(app, conn):
    """Alice completed a task with text evidence (and was awarded its XP); Bob nothing."""
    alice, bob = make_user(app), make_user(app)
    quest = make_quest(conn, tasks=1, xp=[70])
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) values (%s, %s)",
        (alice["id"], quest["id"]),
    )
    conn.execute(
        "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text)"
        " values (%s, %s, 'text', 'original')",
        (alice["id"], quest["tasks"][0]["id"]),
    )
    return {"alice": alice["id"], "bob": bob["id"], "quest": quest}


def xp_total(conn, user):
    return conn.execute(
        "select count(*), coalesce(sum(amount), 0) from public.xp_events where user_id = %s",
        (user,),
    ).fetchone()


EDIT = "update public.quest_task_completions set evidence_text = 'edited' where user_id = %s"


def test_a_student_edits_their_own_evidence_and_keeps_the_old_version(conn, world):
    with acting_as(conn, world["alice"]) as cur:
        cur.execute(EDIT, (world["alice"],))
        assert cur.rowcount == 1
        assert cur.execute("select evidence_text from public.evidence_revisions").fetchall() == [
            ("original",)
        ]
        assert cur.execute(
            "select evidence_text, xp_awarded from public.quest_task_completions"
        ).fetchone() == ("edited", 70)


def test_edits_award_no_xp(conn, world):
    assert xp_total(conn, world["alice"]) == (1, 70)
    with acting_as(conn, world["alice"]) as cur:
        cur.execute(EDIT, (world["alice"],))
        cur.execute(EDIT.replace("'edited'", "'again'"), (world["alice"],))
        ledger = cur.execute(
            "select count(*), coalesce(sum(amount), 0) from public.xp_events"
        ).fetchone()
        skill = cur.execute("select sum(xp_amount) from public.user_skill_xp").fetchone()
        kept = cur.execute("select count(*) from public.evidence_revisions").fetchone()
    assert (ledger, skill, kept) == ((1, 70), (70,), (2,))


def test_another_students_edit_changes_no_row(conn, world):
    with acting_as(conn, world["bob"]) as cur:
        cur.execute(EDIT, (world["alice"],))
        assert cur.rowcount == 0
    text = conn.execute("select evidence_text from public.quest_task_completions").fetchone()
    assert text == ("original",)


@pytest.mark.parametrize(
    "assignment",
    [
        "xp_awarded = 100000",
        "task_id = gen_random_uuid()",
        "quest_id = gen_random_uuid()",
        "user_id = '{bob}'",
        "completed_at = now() - interval '1 year'",
        "evidence_size = 1",
        "evidence_content_type = 'image/png'",
    ],
)
def test_a_student_updates_no_column_but_the_evidence(conn, world, assignment):
    with (
        acting_as(conn, world["alice"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(
            f"update public.quest_task_completions set {assignment.format(bob=world['bob'])}"
        )


def test_file_evidence_must_be_a_file_stored_for_me(conn, world):
    bobs = f"{world['bob']}/{uuid.uuid4().hex}.png"
    conn.execute(
        "insert into private.evidence_objects (path, owner, content_type, size)"
        " values (%s, %s, 'image/png', 10)",
        (bobs, world["bob"]),
    )
    with (
        acting_as(conn, world["alice"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(
            "update public.quest_task_completions set evidence_type = 'image', evidence_path = %s",
            (bobs,),
        )


def test_a_stored_file_gives_its_type_and_size_and_text_is_cleared(conn, world):
    mine = f"{world['alice']}/{uuid.uuid4().hex}.pdf"
    conn.execute(
        "insert into private.evidence_objects (path, owner, content_type, size)"
        " values (%s, %s, 'application/pdf', 1234)",
        (mine, world["alice"]),
    )
    with acting_as(conn, world["alice"]) as cur:
        cur.execute(
            "update public.quest_task_completions"
            " set evidence_type = 'document', evidence_path = %s",
            (mine,),
        )
        row = cur.execute(
            "select evidence_text, evidence_content_type, evidence_size"
            " from public.quest_task_completions"
        ).fetchone()
    assert row == (None, "application/pdf", 1234)


def test_a_pdf_is_not_image_evidence(conn, world):
    mine = f"{world['alice']}/{uuid.uuid4().hex}.pdf"
    conn.execute(
        "insert into private.evidence_objects (path, owner, content_type, size)"
        " values (%s, %s, 'application/pdf', 10)",
        (mine, world["alice"]),
    )
    with acting_as(conn, world["alice"]) as cur, pytest.raises(psycopg.errors.CheckViolation):
        cur.execute(
            "update public.quest_task_completions set evidence_type = 'image', evidence_path = %s",
            (mine,),
        )


def test_only_the_student_reads_their_revisions(app, conn, world):
    conn.execute(EDIT, (world["alice"],))  # as the owner of the database: kept all the same
    admin = make_user(app, role="admin")
    for reader, expected in ((world["alice"], 1), (world["bob"], 0), (admin["id"], 0)):
        with acting_as(conn, reader) as cur:
            count = cur.execute("select count(*) from public.evidence_revisions").fetchone()
            assert count == (expected,), reader


@pytest.mark.parametrize(
    "statement",
    [
        "insert into public.evidence_revisions (completion_id, user_id, evidence_type, is_private)"
        " select id, user_id, 'text', false from public.quest_task_completions",
        "update public.evidence_revisions set evidence_text = 'rewritten'",
        "delete from public.evidence_revisions",
    ],
)
def test_no_client_writes_the_history(conn, world, statement):
    conn.execute(EDIT, (world["alice"],))
    with (
        acting_as(conn, world["alice"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(statement)


def test_anon_reads_no_revision(conn, world):
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select * from public.evidence_revisions")
