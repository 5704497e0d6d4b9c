"""The locks on a child under 13, as plain SQL the way a direct client writes: no public
diploma, no team-ups, until a parent consents; withdrawing consent locks again."""

from __future__ import annotations

import psycopg
import pytest

from ..conftest import acting_as


def publish(conn, user_id) -> None:
    with acting_as(conn, user_id) as cur:
        cur.execute("update public.diplomas set is_public = true where user_id = %s", (user_id,))


def team_up(conn, sender, recipient) -> None:
    with acting_as(conn, sender) as cur:
        cur.execute(
            "insert into public.team_requests (sender_id, recipient_id) values (%s, %s)",
            (sender, recipient),
        )


def consent(conn, child) -> None:
    conn.execute(
        "insert into public.parental_consents (student_id, parent_email, method, policy_version)"
        " values (%s, 'mum@example.com', 'email_link', 'test')",
        (child,),
    )


def test_the_birth_date_from_sign_up_is_kept_and_only_the_owner_reads_it(conn, child, teen):
    with acting_as(conn, teen["id"]) as cur:
        cur.execute("select birth_date from public.users where id = %s", (child["id"],))
        assert cur.fetchall() == []
    for asking in ("is_under_13", "consent_pending"):  # no client asks about anyone's age
        with (
            acting_as(conn, teen["id"]) as cur,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            cur.execute(f"select private.{asking}(%s)", (child["id"],))
    with acting_as(conn, child["id"]) as cur:
        cur.execute("select birth_date is not null from public.users")
        assert cur.fetchall() == [(True,)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no grant on the column
            cur.execute(
                "update public.users set birth_date = '1990-01-01' where id = %s", (child["id"],)
            )


@pytest.mark.parametrize("action", ["publish", "send", "receive"])
def test_without_consent_a_child_cannot_publish_or_team_up(conn, child, teen, action):
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="consent_required"):
        if action == "publish":
            publish(conn, child["id"])
        elif action == "send":
            team_up(conn, child["id"], teen["id"])
        else:
            team_up(conn, teen["id"], child["id"])


def test_with_consent_they_can_and_withdrawing_it_locks_again(conn, child, teen):
    consent(conn, child["id"])
    publish(conn, child["id"])
    team_up(conn, child["id"], teen["id"])
    conn.execute("update public.diplomas set is_public = true where user_id = %s", (child["id"],))
    conn.execute(
        "update public.parental_consents set revoked_at = now() where student_id = %s",
        (child["id"],),
    )
    public = conn.execute(
        "select is_public from public.diplomas where user_id = %s", (child["id"],)
    ).fetchone()
    assert public == (False,)
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="consent_required"):
        publish(conn, child["id"])
    kinds = conn.execute(
        "select type from public.notifications where user_id = %s", (child["id"],)
    ).fetchall()
    assert ("consent_revoked",) in kinds


def test_an_older_student_is_not_locked(conn, teen, child):
    publish(conn, teen["id"])


def test_consents_are_read_by_the_child_and_the_parent_only_and_written_by_no_client(
    conn, child, teen, parent
):
    conn.execute(
        "insert into public.parental_consents (student_id, parent_id, method, policy_version)"
        " values (%s, %s, 'parent_account', 'test')",
        (child["id"], parent["id"]),
    )
    for who, rows in ((child, 1), (parent, 1), (teen, 0)):
        with acting_as(conn, who["id"]) as cur:
            cur.execute("select count(*) from public.parental_consents")
            assert cur.fetchone() == (rows,)
    with acting_as(conn, child["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("update public.parental_consents set revoked_at = now()")
    with acting_as(conn, child["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select * from private.consent_requests")


def test_a_child_s_link_scope_is_set_by_the_consenting_parent_not_the_child(conn, child, parent):
    link = conn.execute(
        "insert into public.student_links (student_id, supporter_id, relation, scope)"
        " values (%s, %s, 'parent', 'evidence') returning id",
        (child["id"], parent["id"]),
    ).fetchone()[0]
    change = "update public.student_links set scope = 'progress' where id = %s"
    with acting_as(conn, child["id"]) as cur:
        cur.execute(change, (link,))
        assert cur.rowcount == 0  # under 13: not theirs to set
    with acting_as(conn, parent["id"]) as cur:
        cur.execute(change, (link,))
        assert cur.rowcount == 0  # no consent from this parent yet
    conn.execute(
        "insert into public.parental_consents (student_id, parent_id, method, policy_version)"
        " values (%s, %s, 'parent_account', 'test')",
        (child["id"], parent["id"]),
    )
    with acting_as(conn, parent["id"]) as cur:
        cur.execute(change, (link,))
        assert cur.rowcount == 1
