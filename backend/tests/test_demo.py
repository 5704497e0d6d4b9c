"""`optio db seed`: the demo accounts, and a demo student who arrives with a history a newcomer
can explore: weeks of active days, a streak, achievements, two completed quests with evidence,
one under way, a public diploma. Seeding again adds nothing."""

from __future__ import annotations

from optio.cli import main
from optio.config import PROJECT_ROOT
from optio.demo_history import HISTORY

from .conftest import acting_as

# The starter catalog as 20261204000300_achievements.sql adds it (the test template drops it).
CATALOG = PROJECT_ROOT / "supabase" / "migrations" / "20261204000300_achievements.sql"


def restore_starter_catalog(conn) -> None:
    text = CATALOG.read_text()
    conn.execute(text[text.index("insert into public.achievements") :])


def test_the_demo_student_arrives_with_a_living_history(cli, conn):
    restore_starter_catalog(conn)
    for _ in range(2):  # again: nothing more
        result = cli.invoke(main, ["db", "seed"])
        assert result.exit_code == 0, result.output
    student = conn.execute(
        "select id from public.users where email = 'student@optio.dev'"
    ).fetchone()[0]
    with acting_as(conn, student) as cur:
        completions, kinds = cur.execute(
            "select count(*), count(distinct evidence_type) from public.quest_task_completions"
        ).fetchone()
        assert (completions, kinds) == (len(HISTORY), 2)
        assert (
            cur.execute(
                "select count(*) from public.user_quests where completed_at is not null"
            ).fetchone()[0]
            == 2
        )
        days, weeks = cur.execute(
            "select count(*), count(distinct date_trunc('week', day)) from public.activity_days"
            " where tasks > 0"
        ).fetchone()
        assert days == len(HISTORY) and weeks >= 5
        streak = cur.execute("select current, longest from public.my_streak()").fetchone()
        assert streak[0] >= 3 and streak[1] >= 3
        assert cur.execute("select count(*) from public.streak_freezes").fetchone()[0] >= 1
        unlocked = {
            r[0] for r in cur.execute("select achievement_key from public.user_achievements")
        }
        assert {"first_task", "ten_tasks", "first_quest", "streak_3"} <= unlocked
        assert cur.execute(
            "select is_public from public.diplomas where user_id = %s", (student,)
        ).fetchone()[0]
        assert cur.execute(
            "select discoverable from public.users where id = %s", (student,)
        ).fetchone()[0]
