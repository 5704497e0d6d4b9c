"""Twenty completions of a quest's last task at the same instant: exactly one credential."""

import httpx
import pytest

from ..concurrency import fire_together
from ..factories import bearer, login, make_quest, make_user
from ..jobs.conftest import run_due_jobs

CONCURRENCY = 20


@pytest.fixture
def settings_overrides():
    return {"db_pool_max_size": CONCURRENCY}


def test_twenty_completions_of_the_last_task_issue_one_credential(app, client, conn, server):
    quest = make_quest(conn, tasks=2)
    user = make_user(app)
    headers = bearer(login(client, user))
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    first, last = quest["tasks"]
    done = client.post(
        f"/api/tasks/{first['id']}/complete", json={"type": "text", "text": "one"}, headers=headers
    )
    assert done.status_code == 201

    def send():
        with httpx.Client(base_url=server, timeout=30) as http:
            return http.post(
                f"/api/tasks/{last['id']}/complete",
                json={"type": "text", "text": "race"},
                headers=headers,
            ).status_code

    assert sorted(fire_together([send] * CONCURRENCY)) == [200] * (CONCURRENCY - 1) + [201]
    counted = conn.execute(
        "select (select count(*) from public.credentials where user_id = %(u)s),"
        " (select count(*) from private.jobs where kind = 'credentials.sign'"
        "   and args->>'credential_id' in (select id::text from public.credentials"
        "                                  where user_id = %(u)s))",
        {"u": user["id"]},
    ).fetchone()
    assert counted == (1, 1)
    assert run_due_jobs(app) == 1
