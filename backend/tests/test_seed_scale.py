"""`optio db seed --scale`: load-test data that reads like the app's own (optio/seed_scale)."""

from __future__ import annotations

import json
import os
import random
import statistics
from datetime import UTC, datetime

import psycopg
import pytest
from psycopg import sql

from optio.cli import main
from optio.config import PROJECT_ROOT
from optio.migrate import seed_sql
from optio.seed_scale import PASSWORD, ScaleSeedRefused, ScaleSummary, seed_scale
from optio.seed_scale.plan import plan

from .factories import bearer, login
from .test_config import GOOD_PRODUCTION

USERS, COMPLETIONS, LONG_HISTORY = 40, 600, 50
LOAD_USERS = "select id from public.users where email like 'load-%@example.com'"


@pytest.fixture
def scaled(database_url) -> ScaleSummary:
    """The demo catalog (as on a developer's database), then load-test data on top."""
    seed_sql(database_url)
    return seed_scale(database_url, USERS, COMPLETIONS, LONG_HISTORY, bcrypt_rounds=4)


def scalar(conn, query, params=None):
    return conn.execute(query, params).fetchone()[0]


def completions_of(conn, user_id) -> int:
    return scalar(
        conn, "select count(*) from public.quest_task_completions where user_id = %s", (user_id,)
    )


def test_it_makes_the_users_and_completions_asked_for_and_the_long_history_student(scaled, conn):
    assert scalar(conn, f"select count(*) from ({LOAD_USERS}) u") == USERS + 1
    made = scalar(
        conn,
        f"select count(*) from public.quest_task_completions where user_id in ({LOAD_USERS})",
    )
    assert made == COMPLETIONS + LONG_HISTORY == scaled.counts["completions"]


def test_the_summary_counts_what_is_in_the_database(scaled, conn):
    not_demo = "::text not like '5eed0000-%'"  # supabase/seed.sql's ids
    tables = {
        "users": "public.users",
        "quests": f"public.quests where id{not_demo}",
        "tasks": f"public.quest_tasks where quest_id{not_demo}",
        "enrollments": "public.user_quests",
        "completions": "public.quest_task_completions",
        "xp_events": "public.xp_events",
        "pillar_totals": "public.user_skill_xp",
        "notifications": "public.notifications",
        "team_requests": "public.team_requests",
        "evidence_files": "private.evidence_objects",
        "public_diplomas": "public.diplomas where is_public",
    }
    counted = {name: scalar(conn, f"select count(*) from {rows}") for name, rows in tables.items()}
    assert counted == {name: scaled.counts[name] for name in tables}
    assert scaled.counts["quests"] >= 50 and scaled.counts["public_diplomas"] > 0


def test_every_completion_has_one_xp_event_of_its_tasks_xp_and_pillar(scaled, conn):
    wrong = conn.execute(
        "select c.id from public.quest_task_completions c"
        " join public.quest_tasks t on t.id = c.task_id"
        " left join public.xp_events e"
        "   on e.source_type = 'task_completion' and e.source_id = c.id"
        " where e.id is null or e.user_id <> c.user_id or e.pillar <> t.pillar"
        "   or e.amount <> c.xp_awarded or c.xp_awarded <> t.xp_value"
        "   or c.quest_id <> t.quest_id"
    ).fetchall()
    assert wrong == []
    assert scalar(conn, "select count(*) from public.xp_events") == scaled.counts["completions"]


def test_pillar_totals_are_the_ledgers_sums(scaled, conn):
    differing = conn.execute(
        "select * from ("
        "  select user_id, pillar, sum(amount) as xp from public.xp_events group by 1, 2) e"
        " full join public.user_skill_xp s using (user_id, pillar)"
        " where s.xp_amount is distinct from e.xp"
    ).fetchall()
    assert differing == []


def test_an_enrollment_is_completed_exactly_when_its_required_tasks_are_all_done(scaled, conn):
    wrong = conn.execute(
        "select uq.id from public.user_quests uq cross join lateral ("
        "  select bool_and(c.id is not null) as all_done, max(c.completed_at) as last_at"
        "  from public.quest_tasks t left join public.quest_task_completions c"
        "    on c.task_id = t.id and c.user_id = uq.user_id"
        "  where t.quest_id = uq.quest_id and t.is_required) r"
        " where (uq.completed_at is not null) <> r.all_done"
        "   or (r.all_done and uq.completed_at <> r.last_at)"
    ).fetchall()
    assert wrong == []
    assert scaled.counts["completed_quests"] > 0
    assert scaled.counts["enrollments"] > scaled.counts["completed_quests"]


def test_every_completed_quest_has_its_notification(scaled, conn):
    missing = conn.execute(
        "select uq.id from public.user_quests uq join public.quests q on q.id = uq.quest_id"
        " where uq.completed_at is not null and (select count(*) from public.notifications n"
        "   where n.user_id = uq.user_id and n.type = 'quest_completed'"
        "     and n.data = jsonb_build_object('quest_id', q.id, 'quest_title', q.title)) <> 1"
    ).fetchall()
    assert missing == []


def test_every_team_request_notified_its_recipient_and_acceptances_their_sender(scaled, conn):
    received = scalar(
        conn,
        "select count(*) from public.team_requests r join public.notifications n"
        " on n.user_id = r.recipient_id and n.type = 'team_request_received'"
        " and n.data ->> 'request_id' = r.id::text",
    )
    accepted = scalar(
        conn,
        "select count(*) from public.team_requests r join public.notifications n"
        " on n.user_id = r.sender_id and n.type = 'team_request_accepted'"
        " and n.data ->> 'request_id' = r.id::text where r.status = 'accepted'",
    )
    assert received == scaled.counts["team_requests"] > 0
    assert accepted == scalar(
        conn, "select count(*) from public.team_requests where status = 'accepted'"
    )


def test_file_evidence_names_a_stored_object_of_its_owner(scaled, conn):
    unmatched = conn.execute(
        "select c.id from public.quest_task_completions c"
        " left join private.evidence_objects o on o.path = c.evidence_path"
        "   and o.owner = c.user_id and o.content_type = c.evidence_content_type"
        "   and o.size = c.evidence_size"
        " where c.evidence_type in ('image', 'document') and o.path is null"
    ).fetchall()
    assert unmatched == []
    kinds = dict(
        conn.execute(
            "select evidence_type, count(*) from public.quest_task_completions group by 1"
        ).fetchall()
    )
    assert kinds["text"] > kinds["link"] > 0 and kinds.get("image", 0) > 0


def test_no_student_has_more_quests_in_progress_than_the_free_tier_allows(scaled, conn):
    most = scalar(
        conn,
        "select max(n) from (select count(*) as n from public.user_quests"
        "  where is_active and completed_at is null group by user_id) q",
    )
    allowed = scalar(
        conn,
        "select (features ->> 'max_active_quests')::int from public.subscription_tiers"
        " where tier_key = 'free'",
    )
    assert most <= allowed


def test_the_long_history_student_has_exactly_the_long_history(scaled, conn):
    long = scaled.long_history
    assert long.email == "load-long@example.com" and long.completions == LONG_HISTORY
    assert completions_of(conn, long.id) == LONG_HISTORY
    public = scalar(conn, "select is_public from public.diplomas where slug = %s", (long.slug,))
    assert public is True


def test_the_median_student_has_the_median_number_of_completions(scaled, conn):
    counts = [
        n
        for (n,) in conn.execute(
            "select count(c.id) from public.users u"
            " left join public.quest_task_completions c on c.user_id = u.id"
            " where u.email like 'load-%%@example.com' and u.email <> %s"
            "   and u.role = 'student' group by u.id",
            (scaled.long_history.email,),
        )
    ]
    median = scaled.median_student
    assert median.completions == statistics.median_low(counts)
    assert completions_of(conn, median.id) == median.completions
    assert abs(median.completions - COMPLETIONS / len(counts)) <= COMPLETIONS / len(counts) / 4


def test_a_load_user_signs_in_and_their_dashboard_shows_their_xp(scaled, client, conn):
    median = scaled.median_student
    session = login(client, {"email": median.email, "password": PASSWORD})
    resp = client.get("/api/users/me/dashboard", headers=bearer(session))
    assert resp.status_code == 200, resp.get_json()
    xp = scalar(conn, "select sum(amount) from public.xp_events where user_id = %s", (median.id,))
    assert resp.get_json()["xp"]["total"] == xp > 0


@pytest.mark.parametrize("who", ["median_student", "long_history"])
def test_a_featured_students_public_diploma_shows_their_xp_and_quests(scaled, client, conn, who):
    student = getattr(scaled, who)
    resp = client.get(f"/api/diplomas/{student.slug}")
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    xp = scalar(conn, "select sum(amount) from public.xp_events where user_id = %s", (student.id,))
    done = scalar(
        conn,
        "select count(*) from public.user_quests where user_id = %s and completed_at is not null",
        (student.id,),
    )
    tasks = scalar(
        conn, "select count(*) from public.quest_task_completions where user_id = %s", (student.id,)
    )
    assert body["xp"]["total"] == xp > 0
    assert body["totals"]["completed_quests"] == done > 0
    assert body["totals"]["completed_tasks"] == tasks
    assert body["recent_quests"]


def test_diploma_totals_are_what_a_recount_finds(scaled, conn):
    """What the counting triggers would have kept (20261202300100_bounded_diplomas.sql)."""
    wrong = conn.execute(
        """select t.user_id from private.diploma_totals t
           join public.users u on u.id = t.user_id and u.email like 'load-%@example.com'
           where (t.completed_quests, t.quests_in_progress, t.completed_tasks) is distinct from (
             (select count(*) from public.user_quests uq
              where uq.user_id = t.user_id and uq.completed_at is not null),
             (select count(*) from public.user_quests uq
              where uq.user_id = t.user_id and uq.is_active and uq.completed_at is null),
             (select count(*) from public.quest_task_completions c where c.user_id = t.user_id))"""
    ).fetchall()
    loaded = scalar(
        conn,
        "select count(*) from private.diploma_totals t join public.users u on u.id = t.user_id"
        " where u.email like 'load-%@example.com'",
    )
    assert wrong == [] and loaded == scaled.counts["users"]


def test_the_same_seed_plans_the_same_data():
    now = datetime.now(UTC)
    first, again = (plan(random.Random(7), now, 30, 300, 20, set()) for _ in range(2))
    assert [p.id for p in first.people] == [p.id for p in again.people]
    assert [(e.id, e.done) for e in first.enrollments] == [
        (e.id, e.done) for e in again.enrollments
    ]


def test_a_third_of_the_quests_show_an_illustration_shipped_with_the_web_app():
    quests = plan(random.Random(7), datetime.now(UTC), 30, 300, 20, set()).quests
    images = [q.image_url for q in quests if q.image_url is not None]
    assert 0.1 < len(images) / len(quests) < 0.5
    art = PROJECT_ROOT / "frontend" / "public"
    assert [url for url in images if not (art / url.removeprefix("/")).is_file()] == []
    assert all(url.startswith("/quest-art/") for url in images)


def test_slugs_continue_past_the_ones_taken_as_the_trigger_numbers_them():
    now = datetime.now(UTC)
    made = plan(random.Random(1), now, 200, 0, 0, {"maya-chen"})
    slugs = [p.slug for p in made.people]
    assert len(set(slugs)) == len(slugs) and "maya-chen" not in slugs
    bases = {f"{p.first_name}-{p.last_name}".lower() for p in made.people}
    assert all(s in bases or s.rsplit("-", 1)[0] in bases for s in slugs)


def test_a_second_run_is_refused_and_adds_nothing(scaled, database_url, conn):
    with pytest.raises(ScaleSeedRefused, match="already has load users"):
        seed_scale(database_url, 5, 10, 0, bcrypt_rounds=4)
    assert scalar(conn, f"select count(*) from ({LOAD_USERS}) u") == USERS + 1


@pytest.mark.parametrize("users,completions,long_history", [(0, 10, 10), (5, -1, 0), (5, 5, -1)])
def test_sizes_below_the_minimum_are_refused(database_url, users, completions, long_history):
    with pytest.raises(ValueError, match="at least"):
        seed_scale(database_url, users, completions, long_history)


def test_an_unmigrated_database_is_refused(pg_admin_url):
    dbname = f"optio_test_unmigrated_{os.getpid()}"
    name = sql.Identifier(dbname)
    with psycopg.connect(pg_admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("drop database if exists {}").format(name))
        admin.execute(sql.SQL("create database {}").format(name))
    url = psycopg.conninfo.make_conninfo(pg_admin_url, dbname=dbname)
    try:
        with pytest.raises(ScaleSeedRefused, match="not migrated"):
            seed_scale(url, 5, 10, 0, bcrypt_rounds=4)
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("drop database {} with (force)").format(name))


def test_a_connection_that_may_not_turn_triggers_off_is_refused(database_url, conn):
    conn.execute("grant usage on schema auth to service_role")
    conn.execute("grant select on auth.users to service_role")
    as_service_role = psycopg.conninfo.make_conninfo(database_url, options="-c role=service_role")
    with pytest.raises(ScaleSeedRefused, match="superuser"):
        seed_scale(as_service_role, 5, 10, 0, bcrypt_rounds=4)
    assert scalar(conn, "select count(*) from public.users") == 0


def test_db_seed_scale_prints_a_json_summary(cli, conn):
    args = ["db", "seed", "--scale", "30:200", "--long-history", "20", "--seed", "3", "--json"]
    result = cli.invoke(main, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["counts"]["users"] == 31 and summary["counts"]["completions"] == 220
    assert summary["password"] == PASSWORD and summary["elapsed_seconds"] >= 0
    assert completions_of(conn, summary["long_history"]["id"]) == 20
    median = summary["median_student"]
    assert completions_of(conn, median["id"]) == median["completions"]
    assert scalar(conn, "select count(*) from public.quests where id = %s", (summary["quest_id"],))


def test_db_seed_scale_prints_one_line_and_no_demo_accounts(cli, conn):
    result = cli.invoke(main, ["db", "seed", "--scale", "10:50", "--long-history", "10"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("seeded at scale in ") and result.output.count("\n") == 1
    assert "11 users" in result.output and "60 completions" in result.output
    demo = scalar(conn, "select count(*) from public.users where email like '%@optio.dev'")
    assert demo == 0


def test_db_seed_scale_says_why_it_refuses_a_second_run(cli):
    args = ["db", "seed", "--scale", "5:20", "--long-history", "0"]
    assert cli.invoke(main, args).exit_code == 0
    again = cli.invoke(main, args)
    assert again.exit_code == 1 and "already has load users" in again.output


@pytest.mark.parametrize("scale", ["10", "0:10", "ten:10", "10:-1"])
def test_db_seed_scale_needs_users_and_completions(cli, scale):
    result = cli.invoke(main, ["db", "seed", "--scale", scale])
    assert result.exit_code == 2 and "USERS:COMPLETIONS" in result.output


def test_db_seed_options_of_the_scale_seed_need_scale(cli, conn):
    result = cli.invoke(main, ["db", "seed", "--long-history", "10"])
    assert result.exit_code == 2 and "go with --scale" in result.output
    assert scalar(conn, "select count(*) from public.users") == 0


def test_db_seed_scale_refuses_in_production(cli, monkeypatch, database_url, conn):
    for name, value in GOOD_PRODUCTION.items():
        if not name.startswith("_"):
            monkeypatch.setenv(name.upper(), value if isinstance(value, str) else json.dumps(value))
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = cli.invoke(main, ["db", "seed", "--scale", "10:50"])
    assert result.exit_code == 1 and "refusing to seed load-test data in production" in (
        result.output
    )
    assert scalar(conn, "select count(*) from public.users") == 0


def test_active_days_and_streaks_are_what_the_triggers_keep(scaled, conn):
    assert (
        scalar(conn, "select sum(tasks) from public.activity_days") == scaled.counts["completions"]
    )
    assert scalar(conn, "select sum(xp) from public.activity_days") == scalar(
        conn, "select sum(amount) from public.xp_events"
    )
    assert scalar(conn, "select count(*) from public.user_streaks") == scalar(
        conn, "select count(distinct user_id) from public.quest_task_completions"
    )
    assert scalar(conn, "select max(longest) from public.user_streaks") >= 2
