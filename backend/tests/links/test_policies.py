"""RLS of links, invitations and what a link shows, exercised as `authenticated` and `anon`
with plain SQL, the way a direct client would: student, linked parent (scope evidence), linked
advisor (scope progress), unlinked parent and advisor, another student, anon, admin."""

from __future__ import annotations

import psycopg
import pytest

from ..conftest import acting_as

ROLES = [
    "student",
    "parent",
    "advisor",
    "stranger_parent",
    "stranger_advisor",
    "other_student",
    "anon",
    "admin",
]


def _count(conn, user, statement, params=()):
    """Rows seen, or None when the role may not read at all."""
    with acting_as(conn, user) as cur:
        try:
            return len(cur.execute(statement, params).fetchall())
        except psycopg.errors.InsufficientPrivilege:
            return None


def _attempt(conn, user, statement, params=()):
    """'ok' (a row changed), 'none' (RLS filtered every row) or 'refused' (an error)."""
    with acting_as(conn, user) as cur:
        try:
            cur.execute(statement, params)
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.CheckViolation):
            return "refused"
        return "ok" if cur.rowcount > 0 else "none"


# Rows of the student's seen by each role. Completions: the public one and the private one.
SEEN = {
    #                   links  enrolments  xp events  pillar totals  completions
    "student":          (2,    1,          2,         2,             2),
    "parent":           (1,    1,          2,         2,             1),
    "advisor":          (1,    1,          2,         2,             0),
    "stranger_parent":  (0,    0,          0,         0,             0),
    "stranger_advisor": (0,    0,          0,         0,             0),
    "other_student":    (0,    0,          0,         0,             0),
    "anon":             (None, None,       None,      None,          None),
    "admin":            (2,    1,          2,         2,             2),
}  # fmt: skip
TABLES = [
    "select 1 from public.student_links where student_id = %s",
    "select 1 from public.user_quests where user_id = %s",
    "select 1 from public.xp_events where user_id = %s",
    "select 1 from public.user_skill_xp where user_id = %s",
    "select 1 from public.quest_task_completions where user_id = %s",
]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_what_its_link_shows(conn, people, work, role):
    student = people["student"]
    seen = tuple(_count(conn, people[role], sql, (student,)) for sql in TABLES)
    assert seen == SEEN[role]


# Evidence a role reads through private.linked_completions: (rows, with evidence shown).
THROUGH_FUNCTION = {
    "student": (2, 2),
    "parent": (2, 1),
    "advisor": (2, 0),
    "stranger_parent": (0, 0),
    "stranger_advisor": (0, 0),
    "other_student": (0, 0),
    "admin": (2, 2),
}


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anon"])
def test_linked_completions_blank_the_evidence_outside_the_scope(conn, people, work, role):
    with acting_as(conn, people[role]) as cur:
        rows = cur.execute(
            "select evidence_shown, evidence_text from private.linked_completions(%s, null, null, 10)",
            (people["student"],),
        ).fetchall()
    assert (len(rows), sum(1 for shown, _ in rows if shown)) == THROUGH_FUNCTION[role]
    assert all(text is None for shown, text in rows if not shown)


def test_anon_cannot_call_the_link_functions(conn, people, work):
    for call in (
        "select * from private.linked_completions(%s, null, null, 10)",
        "select * from private.linked_quests(%s)",
        "select * from private.linked_student(%s)",
        "select public.suggest_quest(%s, gen_random_uuid())",
    ):
        with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
            cur.execute(call, (people["student"],))


def test_narrowing_a_scope_hides_evidence_at_once(conn, people, work):
    parent = people["parent"]
    completions = "select evidence_text from public.quest_task_completions where user_id = %s"
    assert _count(conn, parent, completions, (people["student"],)) == 1
    widened = "update public.student_links set scope = %s where id = %s"
    assert (
        _attempt(conn, people["parent"], widened, ("private_evidence", work["parent_link"]))
        == "none"
    )
    conn.execute(widened, ("private_evidence", work["parent_link"]))
    assert _count(conn, parent, completions, (people["student"],)) == 2
    conn.execute(widened, ("progress", work["parent_link"]))
    assert _count(conn, parent, completions, (people["student"],)) == 0
    with acting_as(conn, parent) as cur:
        shown = cur.execute(
            "select bool_or(evidence_shown) from private.linked_completions(%s, null, null, 10)",
            (people["student"],),
        ).fetchone()[0]
    assert shown is False


def test_ending_a_link_hides_everything(conn, people, work):
    conn.execute("delete from public.student_links where id = %s", (work["parent_link"],))
    parent, student = people["parent"], people["student"]
    assert [_count(conn, parent, sql, (student,)) for sql in TABLES] == [0] * len(TABLES)
    with acting_as(conn, parent) as cur:
        for call in (
            "select * from private.linked_completions(%s, null, null, 10)",
            "select * from private.linked_quests(%s)",
            "select * from private.linked_student(%s)",
        ):
            assert cur.execute(call, (student,)).fetchall() == []


# Who may change a link's scope, and who may end it.
SCOPE_CHANGE = {
    "student": "ok",
    "parent": "none",
    "advisor": "none",
    "stranger_parent": "none",
    "stranger_advisor": "none",
    "other_student": "none",
    "anon": "refused",
    "admin": "none",
}
ENDING = {
    "student": "ok",
    "parent": "ok",
    "advisor": "none",
    "stranger_parent": "none",
    "stranger_advisor": "none",
    "other_student": "none",
    "anon": "refused",
    "admin": "ok",
}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_student_sets_a_scope_and_either_side_ends_a_link(conn, people, work, role):
    link = work["parent_link"]
    scope = "update public.student_links set scope = 'private_evidence' where id = %s"
    assert _attempt(conn, people[role], scope, (link,)) == SCOPE_CHANGE[role]
    ending = "delete from public.student_links where id = %s"
    assert _attempt(conn, people[role], ending, (link,)) == ENDING[role]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anon"])
def test_no_client_writes_links_or_invitations_directly(conn, people, work, role):
    me = people[role]
    for statement in (
        "insert into public.student_links (student_id, supporter_id, relation, scope)"
        " values (%(student)s, %(me)s, 'parent', 'private_evidence')",
        "insert into public.link_invitations (kind, student_id, supporter_id, relation, expires_at)"
        " values ('invite', %(student)s, %(me)s, 'parent', now() + interval '1 day')",
        "update public.student_links set relation = 'parent', student_id = %(me)s",
        "update public.link_invitations set status = 'accepted'",
    ):
        params = {"student": people["student"], "me": me}
        assert _attempt(conn, me, statement, params) == "refused", statement


def test_a_scope_is_one_of_three(conn, people, work):
    bad = "update public.student_links set scope = 'everything' where id = %s"
    assert _attempt(conn, people["student"], bad, (work["parent_link"],)) == "refused"


# Invitations: who reads one from the parent to the student.
INVITATION_READS = {
    "student": 1,
    "parent": 1,
    "advisor": 0,
    "stranger_parent": 0,
    "stranger_advisor": 0,
    "other_student": 0,
    "anon": None,
    "admin": 1,
}


@pytest.mark.parametrize("role", ROLES)
def test_an_invitation_is_read_by_its_two_sides_and_admins(conn, people, role):
    conn.execute(
        "insert into public.link_invitations (kind, student_id, supporter_id, relation, scope,"
        " expires_at) values ('invite', %s, %s, 'parent', 'evidence', now() + interval '1 day')",
        (people["student"], people["parent"]),
    )
    seen = _count(conn, people[role], "select id from public.link_invitations")
    assert seen == INVITATION_READS[role]


def test_a_code_hash_is_not_readable(conn, people):
    with acting_as(conn, people["student"]) as cur:
        cur.execute("select * from public.create_link_code()")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cur.execute("select code_hash from public.link_invitations")
