"""ai_usage through the database roles: who reads which rows, that nobody writes them
directly, and that the reservation takes a per-user lock."""

import threading
import uuid

import psycopg
import pytest

from ..conftest import acting_as
from .conftest import set_daily_limit

RESERVE = "select id, outcome from private.reserve_ai_call('task_suggestions', 'm')"


@pytest.fixture
def rows(conn, people):
    """One usage row each for the student and the admin."""
    found = {}
    for name in ("student", "admin"):
        found[name] = conn.execute(
            "insert into public.ai_usage (user_id, feature, model, outcome)"
            " values (%s, 'quest_draft', 'm', 'ok') returning id",
            (people[name]["id"],),
        ).fetchone()[0]
    return found


@pytest.mark.parametrize(
    ("who", "visible"), [("student", {"student"}), ("admin", {"student", "admin"})]
)
def test_users_read_their_own_usage_and_admins_everyones(conn, people, rows, who, visible):
    with acting_as(conn, people[who]["id"]) as cur:
        seen = {r[0] for r in cur.execute("select id from public.ai_usage")}
    assert seen == {rows[name] for name in visible}


def test_anon_reads_nothing(conn, rows):
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select * from public.ai_usage")


@pytest.mark.parametrize(
    "statement",
    [
        "insert into public.ai_usage (user_id, feature, model) values (%(me)s, 'quest_draft', 'm')",
        "update public.ai_usage set outcome = 'upstream_error' where user_id = %(me)s",
        "delete from public.ai_usage where user_id = %(me)s",
    ],
    ids=["insert", "update", "delete"],
)
def test_nobody_writes_usage_directly_not_even_their_own(conn, people, rows, statement):
    me = people["student"]["id"]
    with acting_as(conn, me) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(statement, {"me": me})


def elevated(cur) -> None:
    """What the API does to record an outcome: the connection's own role, the caller's claims
    (clients may not call finish_ai_call themselves: tests/db/test_rls_probes.py)."""
    cur.execute("select set_config('role', 'none', true)")


@pytest.mark.parametrize("as_api", [False, True], ids=["as_client", "as_api"])
def test_a_user_cannot_finish_someone_elses_request(conn, people, rows, as_api):
    pending = conn.execute(
        "insert into public.ai_usage (user_id, feature, model)"
        " values (%s, 'quest_draft', 'm') returning id",
        (people["admin"]["id"],),
    ).fetchone()[0]
    finish = "select private.finish_ai_call(%s, 'upstream_error', 0, 0, 1, 5)"
    with acting_as(conn, people["student"]["id"]) as cur:
        if as_api:
            elevated(cur)
            cur.execute(finish, (pending,))
        else:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                cur.execute(finish, (pending,))
    outcome = conn.execute("select outcome from public.ai_usage where id = %s", (pending,))
    assert outcome.fetchone()[0] == "pending"


def test_a_request_is_finished_once_and_only_with_a_final_outcome(conn, people):
    me = people["student"]["id"]
    with acting_as(conn, me) as cur:
        call = cur.execute(RESERVE).fetchone()[0]
        elevated(cur)
        cur.execute("select private.finish_ai_call(%s, 'ok', 10, 20, 1, 300)", (call,))
        cur.execute("select private.finish_ai_call(%s, 'upstream_error', 0, 0, 1, 5)", (call,))
        row = cur.execute(
            "select outcome, input_tokens, output_tokens from public.ai_usage where id = %s",
            (call,),
        ).fetchone()
        assert row == ("ok", 10, 20)
        with pytest.raises(psycopg.errors.CheckViolation):
            cur.execute("select private.finish_ai_call(%s, 'limited', 0, 0, 0, 0)", (call,))


def test_anon_cannot_reserve(conn):
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(RESERVE)


def test_a_second_reservation_waits_for_the_first_and_then_sees_it(conn, database_url, people):
    """Without the lock, the second would not see the first's uncommitted row and both would
    take the day's last request."""
    set_daily_limit(conn, 1)
    me = people["student"]["id"]
    claims = f'{{"sub": "{me}", "role": "authenticated"}}'
    result = {}

    def reserve(connection):
        with connection.transaction():
            connection.execute(
                "select set_config('role', 'authenticated', true),"
                " set_config('request.jwt.claims', %s, true)",
                (claims,),
            )
            return connection.execute(RESERVE).fetchone()

    with (
        psycopg.connect(database_url, autocommit=True) as first,
        psycopg.connect(database_url, autocommit=True) as second,
    ):
        first.execute("begin")
        first.execute(
            "select set_config('role', 'authenticated', true),"
            " set_config('request.jwt.claims', %s, true)",
            (claims,),
        )
        assert first.execute(RESERVE).fetchone()[1] == "pending"
        waiter = threading.Thread(target=lambda: result.update(second=reserve(second)))
        waiter.start()
        waiter.join(timeout=0.5)
        assert waiter.is_alive(), "the second reservation did not wait for the first"
        first.execute("commit")
        waiter.join(timeout=10)
    assert result["second"][1] == "limited"
    assert isinstance(result["second"][0], uuid.UUID)
