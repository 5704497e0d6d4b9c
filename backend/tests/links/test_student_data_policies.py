"""RLS of what is about a student beyond their work: parental consents, exports of their data
and their e-mail preferences, as `authenticated` and `anon` with plain SQL: the child, the
parent who consented, the linked advisor, unlinked parent and advisor, another student, anon
and admin; read and write. Withdrawing consent hides the exports from the parent."""

from __future__ import annotations

import pytest

from .test_policies import ROLES, _attempt, _count


@pytest.fixture
def consent(conn, people, work):
    """The parent consented for the student from their account; an export of the student's
    data is pending."""
    conn.execute(
        "insert into public.parental_consents (student_id, parent_id, method, policy_version)"
        " values (%s, %s, 'parent_account', 'test')",
        (people["student"], people["parent"]),
    )
    conn.execute("insert into public.account_exports (user_id) values (%s)", (people["student"],))
    conn.execute(
        "insert into public.mail_preferences (user_id, digest) values (%s, false)",
        (people["student"],),
    )


# (consents, exports, mail preferences) of the student's seen by each role.
SEEN = {
    "student": (1, 1, 1),
    "parent": (1, 1, 0),
    "advisor": (0, 0, 0),
    "stranger_parent": (0, 0, 0),
    "stranger_advisor": (0, 0, 0),
    "other_student": (0, 0, 0),
    "anon": (None, None, None),
    "admin": (1, 0, 0),
}
TABLES = (
    ("parental_consents", "student_id"),
    ("account_exports", "user_id"),
    ("mail_preferences", "user_id"),
)


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_a_student_s_consents_exports_and_mail_choices(conn, people, consent, role):
    seen = tuple(
        _count(
            conn,
            people[role],
            f"select 1 from public.{table} where {column} = %s",
            (people["student"],),
        )
        for table, column in TABLES
    )
    assert seen == SEEN[role]


@pytest.mark.parametrize("role", ROLES)
def test_no_client_writes_consents_or_exports(conn, people, consent, role):
    """Consents and exports are written only through their functions, by no client."""
    student = people["student"]
    writes = [
        (
            "insert into public.parental_consents (student_id, parent_email, method, policy_version)"
            " values (%s, 'x@example.com', 'email_link', 'v')",
            (student,),
        ),
        (
            "update public.parental_consents set revoked_at = now() where student_id = %s",
            (student,),
        ),
        ("delete from public.parental_consents where student_id = %s", (student,)),
        ("insert into public.account_exports (user_id) values (%s)", (student,)),
        ("update public.account_exports set status = 'failed' where user_id = %s", (student,)),
        ("delete from public.account_exports where user_id = %s", (student,)),
    ]
    assert [_attempt(conn, people[role], sql, params) for sql, params in writes] == ["refused"] * 6


def test_withdrawn_consent_hides_the_child_s_exports_from_the_parent(conn, people, consent):
    conn.execute("update public.parental_consents set revoked_at = now()")
    query = "select 1 from public.account_exports where user_id = %s"
    assert _count(conn, people["parent"], query, (people["student"],)) == 0
    assert _count(conn, people["student"], query, (people["student"],)) == 1


@pytest.mark.parametrize("role", ROLES)
def test_only_the_student_changes_their_mail_choices(conn, people, consent, role):
    changed = _attempt(
        conn,
        people[role],
        "update public.mail_preferences set digest = true where user_id = %s",
        (people["student"],),
    )
    assert changed == {"student": "ok", "anon": "refused"}.get(role, "none")
