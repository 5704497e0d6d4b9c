"""RLS of e-mail preferences and unsubscribe tokens, as a direct client would meet them with
plain SQL: a user reads and writes only their own preferences; nobody reads tokens."""

from __future__ import annotations

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_user


@pytest.fixture
def two(app, conn):
    """Two users, each with a preferences row (the first has turned the digest off)."""
    first, second = make_user(app), make_user(app)
    conn.execute(
        "insert into public.mail_preferences (user_id, digest) values (%s, false), (%s, true)",
        (first["id"], second["id"]),
    )
    return first["id"], second["id"]


def test_a_user_reads_only_their_own_preferences(conn, two):
    first, _ = two
    with acting_as(conn, first) as cur:
        rows = cur.execute("select user_id, digest from public.mail_preferences").fetchall()
    assert rows == [(first, False)]


def test_a_user_changes_only_their_own_preferences(conn, two):
    first, second = two
    with acting_as(conn, first) as cur:
        cur.execute("update public.mail_preferences set digest = false")
        assert cur.rowcount == 1  # only the own row is in reach
        cur.execute(
            "update public.mail_preferences set links = false where user_id = %s", (second,)
        )
        assert cur.rowcount == 0
    with acting_as(conn, first) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("update public.mail_preferences set user_id = %s", (second,))


def test_nobody_writes_preferences_for_someone_else(app, conn, two):
    first, _ = two
    other = make_user(app)["id"]
    with acting_as(conn, first) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(
            "insert into public.mail_preferences (user_id, links) values (%s, false)", (other,)
        )
    with acting_as(conn, other) as cur:
        cur.execute("insert into public.mail_preferences (links) values (false)")  # own, by default
        assert cur.execute("select user_id, links from public.mail_preferences").fetchall() == [
            (other, False)
        ]


def test_anon_has_no_preferences(conn, two):
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select * from public.mail_preferences")


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize(
    "statement",
    [
        "select * from private.mail_unsubscribe_tokens",
        "select private.wants_mail(gen_random_uuid(), 'digest')",
    ],
)
def test_no_client_reads_tokens_or_asks_for_others_preferences(conn, two, signed_in, statement):
    with (
        acting_as(conn, two[0] if signed_in else None) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(statement)
