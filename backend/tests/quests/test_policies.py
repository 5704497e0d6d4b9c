"""RLS on the quest loop's tables, exercised through the `authenticated` and `anon` roles."""

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_quest, make_user

USER_TABLES = ["user_quests", "quest_task_completions", "xp_events", "user_skill_xp"]


@pytest.fixture
def world(app, conn):
    """Alice has completed a task of a quest with private and public evidence; Bob has nothing."""
    alice, bob = make_user(app), make_user(app)
    quest = make_quest(conn, tasks=2)
    hidden = make_quest(conn, is_active=False)
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) values (%s, %s)",
        (alice["id"], quest["id"]),
    )
    conn.execute(
        "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text, is_private)"
        " values (%s, %s, 'text', 'my diary', true), (%s, %s, 'text', 'public note', false)",
        (alice["id"], quest["tasks"][0]["id"], alice["id"], quest["tasks"][1]["id"]),
    )
    return {"alice": alice, "bob": bob, "quest": quest, "hidden": hidden}


@pytest.mark.parametrize("table", USER_TABLES)
def test_a_student_reads_their_own_rows(conn, world, table):
    with acting_as(conn, world["alice"]["id"]) as cur:
        assert cur.execute(f"select count(*) from public.{table}").fetchone()[0] > 0


@pytest.mark.parametrize("table", USER_TABLES)
def test_another_student_reads_none_of_them(conn, world, table):
    with acting_as(conn, world["bob"]["id"]) as cur:
        assert cur.execute(f"select count(*) from public.{table}").fetchone()[0] == 0


@pytest.mark.parametrize("table", USER_TABLES)
def test_anon_reads_nothing_of_any_user(conn, world, table):
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(f"select * from public.{table}")


def test_anon_reads_active_quests_and_their_tasks_only(conn, world):
    with acting_as(conn, None) as cur:
        quests = {r[0] for r in cur.execute("select id from public.quests")}
        tasks = {r[0] for r in cur.execute("select quest_id from public.quest_tasks")}
    assert quests == tasks == {world["quest"]["id"]}


def test_an_admin_reads_every_students_completions(app, conn, world):
    admin = make_user(app, role="admin")
    with acting_as(conn, admin["id"]) as cur:
        assert cur.execute("select count(*) from public.quest_task_completions").fetchone()[0] == 2


@pytest.mark.parametrize(
    "statement",
    [
        "insert into public.xp_events (user_id, pillar, amount, source_type, source_id)"
        " values ('{me}', 'stem_logic', 1000, 'gift', gen_random_uuid())",
        "insert into public.user_skill_xp (user_id, pillar, xp_amount) values ('{me}', 'arts_creativity', 1000)",
        "update public.user_skill_xp set xp_amount = 1000000",
        "update public.quest_task_completions set xp_awarded = 1000",
        "update public.user_quests set completed_at = now()",
        "delete from public.xp_events",
        "insert into public.quests (title) values ('mine')",
        "update public.quest_tasks set xp_value = 1000",
    ],
)
def test_no_client_role_can_write_xp_or_the_catalog(conn, world, statement):
    """Refused outright (no privilege, or a policy violation) or filtered to no row by RLS."""
    me = world["alice"]["id"]
    with acting_as(conn, me) as cur:
        try:
            cur.execute(statement.format(me=me))
        except psycopg.errors.InsufficientPrivilege:
            return
        assert cur.rowcount == 0, statement


def test_a_student_cannot_complete_for_someone_else(conn, world):
    bob, alice, task = world["bob"]["id"], world["alice"]["id"], world["quest"]["tasks"][0]["id"]
    with acting_as(conn, bob) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(
            "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text)"
            " values (%s, %s, 'text', 'forged')",
            (alice, task),
        )


def test_a_student_cannot_complete_without_an_enrollment(conn, world):
    bob, task = world["bob"]["id"], world["quest"]["tasks"][0]["id"]
    with acting_as(conn, bob) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(
            "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text)"
            " values (%s, %s, 'text', 'sneaky')",
            (bob, task),
        )


def test_a_student_cannot_enroll_someone_else_or_in_a_hidden_quest(conn, world):
    bob, alice = world["bob"]["id"], world["alice"]["id"]
    for user, quest in ((alice, world["quest"]["id"]), (bob, world["hidden"]["id"])):
        with acting_as(conn, bob) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
            cur.execute(
                "insert into public.user_quests (user_id, quest_id) values (%s, %s)", (user, quest)
            )


def test_the_ledger_is_append_only_even_for_the_owner_role(conn, world):
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        conn.execute("update public.xp_events set amount = 1")
