"""Row-level security on public.users, exercised through the database roles themselves."""

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_user


@pytest.fixture
def alice(app):
    return make_user(app, username="alice")


@pytest.fixture
def bob(app):
    return make_user(app, username="bob")


def test_a_student_reads_their_own_row(conn, alice):
    with acting_as(conn, alice["id"]) as cur:
        rows = cur.execute("select id from public.users").fetchall()
    assert rows == [(alice["id"],)]


def test_a_student_cannot_read_another_students_row(conn, alice, bob):
    with acting_as(conn, alice["id"]) as cur:
        assert (
            cur.execute("select * from public.users where id = %s", (bob["id"],)).fetchall() == []
        )


def test_a_student_cannot_update_another_students_row(conn, alice, bob):
    with acting_as(conn, alice["id"]) as cur:
        cur.execute("update public.users set first_name = 'Hacked' where id = %s", (bob["id"],))
        assert cur.rowcount == 0
    assert (
        conn.execute("select first_name from public.users where id = %s", (bob["id"],)).fetchone()[
            0
        ]
        is None
    )


def test_a_student_can_update_their_own_name(conn, alice):
    with acting_as(conn, alice["id"]) as cur:
        cur.execute("update public.users set first_name = 'Alicia' where id = %s", (alice["id"],))
        assert cur.rowcount == 1


@pytest.mark.parametrize(
    "column,value",
    [
        ("role", "admin"),
        ("subscription_tier", "academy"),
        ("stripe_customer_id", "cus_x"),
        ("email", "x@example.com"),
    ],
)
def test_a_student_cannot_change_their_own_protected_columns(conn, alice, column, value):
    with acting_as(conn, alice["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(f"update public.users set {column} = %s where id = %s", (value, alice["id"]))
    row = conn.execute(
        f"select {column} from public.users where id = %s", (alice["id"],)
    ).fetchone()
    assert row[0] != value


def test_a_student_cannot_insert_or_delete_profiles(conn, alice, bob):
    with acting_as(conn, alice["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("delete from public.users where id = %s", (bob["id"],))


def test_an_admin_reads_every_row(conn, app, alice, bob):
    admin = make_user(app, role="admin")
    with acting_as(conn, admin["id"]) as cur:
        ids = {r[0] for r in cur.execute("select id from public.users")}
    assert {alice["id"], bob["id"], admin["id"]} <= ids


def test_anon_reads_no_profiles(conn, alice):
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select * from public.users")


def test_the_api_roles_cannot_touch_auth_tables(conn, alice):
    for table in (
        "auth.users",
        "auth.sessions",
        "auth.refresh_tokens",
        "auth.password_reset_tokens",
    ):
        with (
            acting_as(conn, alice["id"]) as cur,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            cur.execute(f"select * from {table}")


def test_a_profile_is_created_with_each_auth_user(conn):
    conn.execute("insert into auth.users (email) values ('trigger@example.com')")
    row = conn.execute(
        "select username, role from public.users where email = 'trigger@example.com'"
    ).fetchone()
    assert row == ("trigger", "student")
