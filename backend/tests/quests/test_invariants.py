"""Property: after any sequence of enroll, complete, abandon and re-enroll, every user's pillar
totals equal the sum of their ledger and the XP of the tasks they completed."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..factories import bearer, login, make_quest, make_user

QUESTS, TASKS, USERS = 2, 3, 2

actions = st.lists(
    st.tuples(
        st.sampled_from(["enroll", "complete", "abandon"]),
        st.integers(0, USERS - 1),
        st.integers(0, QUESTS - 1),
        st.integers(0, TASKS - 1),
    ),
    max_size=25,
)


@pytest.fixture
def settings_overrides():
    return {"rate_limit_auth": "10000/minute", "rate_limit_default": "100000/minute"}


@pytest.fixture
def quests(conn):
    return [
        make_quest(
            conn,
            tasks=TASKS,
            xp=[25 + 35 * q + 10 * t for t in range(TASKS)],
            required=[True, True, False],
        )
        for q in range(QUESTS)
    ]


def check_invariants(conn):
    mismatches = conn.execute(
        """
        with totals as (select user_id, pillar, xp_amount from public.user_skill_xp),
        ledger as (select user_id, pillar, sum(amount) as xp from public.xp_events group by 1, 2),
        earned as (
          select c.user_id, t.pillar, sum(t.xp_value) as xp
          from public.quest_task_completions c join public.quest_tasks t on t.id = c.task_id
          group by 1, 2)
        select coalesce(a.user_id, l.user_id, e.user_id), coalesce(a.pillar, l.pillar, e.pillar),
               a.xp_amount, l.xp, e.xp
        from totals a
        full join ledger l using (user_id, pillar)
        full join earned e using (user_id, pillar)
        where a.xp_amount is distinct from l.xp or l.xp is distinct from e.xp
        """
    ).fetchall()
    assert mismatches == []


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=actions)
def test_pillar_totals_always_equal_the_ledger_and_the_completed_tasks(
    app, client, conn, quests, steps
):
    users = [make_user(app) for _ in range(USERS)]
    headers = [bearer(login(client, u)) for u in users]
    for action, u, q, t in steps:
        quest = quests[q]
        if action == "complete":
            resp = client.post(
                f"/api/tasks/{quest['tasks'][t]['id']}/complete",
                json={"type": "text", "text": "step"},
                headers=headers[u],
            )
            assert resp.status_code in (200, 201, 409), resp.get_json()
        else:
            resp = client.post(f"/api/quests/{quest['id']}/{action}", headers=headers[u])
            assert resp.status_code in (200, 404, 409), resp.get_json()
    check_invariants(conn)
    for user, header in zip(users, headers, strict=True):
        api_total = client.get("/api/users/me/xp", headers=header).get_json()["total"]
        db_total = conn.execute(
            "select coalesce(sum(t.xp_value), 0) from public.quest_task_completions c"
            " join public.quest_tasks t on t.id = c.task_id where c.user_id = %s",
            (user["id"],),
        ).fetchone()[0]
        assert api_total == db_total
