"""No client touches jobs: as `anon` or `authenticated` with plain SQL (what Supabase's Data
API and a direct connection allow), private.jobs can be neither read nor written."""

from __future__ import annotations

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_user
from .conftest import enqueue_committed

STATEMENTS = {
    "read": "select id, kind, args from private.jobs",
    "insert": "insert into private.jobs (kind, args) values ('mail.send', '{}')",
    "update": "update private.jobs set state = 'done', finished_at = now()",
    "delete": "delete from private.jobs",
    "notify": "select private.jobs_wake_workers()",
}


@pytest.mark.parametrize("statement", STATEMENTS.values(), ids=STATEMENTS.keys())
@pytest.mark.parametrize("signed_in", [True, False], ids=["authenticated", "anon"])
def test_a_client_can_neither_read_nor_write_jobs(app, conn, statement, signed_in):
    enqueue_committed(app)
    user_id = make_user(app)["id"] if signed_in else None
    with acting_as(conn, user_id) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(statement)
    assert (
        conn.execute("select count(*) from private.jobs where state = 'queued'").fetchone()[0] == 1
    )


@pytest.mark.parametrize("role", ["anon", "authenticated", "service_role"])
def test_no_api_role_holds_any_right_on_jobs(conn, role):
    rights = conn.execute(
        "select array_agg(p) filter (where has_table_privilege(%s, 'private.jobs', p))"
        " from unnest(array['select', 'insert', 'update', 'delete', 'truncate', 'references',"
        " 'trigger']) p",
        (role,),
    ).fetchone()[0]
    assert rights is None
