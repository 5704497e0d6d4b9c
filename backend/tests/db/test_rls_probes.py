"""Probes of what a signed-in user can do with plain SQL, as Supabase's Data API lets them: the
definer functions of schema `private` must answer only for the caller (or an admin), or not be
callable by a client role at all."""

from __future__ import annotations

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_quest, make_user, set_tier

# Every function of schema `private` a client role may execute. A new entry is a decision: a
# definer function answers with the owner's rights, so it must answer only for the caller.
CLIENT_CALLABLE = {
    "anon": {
        # whether a user's credentials are public: what their diploma already shows
        "credentials_public(uuid)",
        "diploma_evidence(text,uuid)",
        "diploma_front(text,text[])",
        "diploma_quest(text,uuid,text[])",
        "diploma_quests(text,timestamp with time zone,uuid,integer,text[])",
        "is_admin()",
    },
    "authenticated": {
        "credentials_public(uuid)",
        "diploma_evidence(text,uuid)",
        "diploma_front(text,text[])",
        "diploma_quest(text,uuid,text[])",
        "diploma_quests(text,timestamp with time zone,uuid,integer,text[])",
        "find_user_id(text)",
        "is_admin()",
        "may_i_take_quest(uuid)",
        "my_active_quests_besides(uuid)",
        "my_effective_tier()",
        "my_tier_allows(text,bigint)",
        "reserve_ai_call(text,text)",
        "team_profile(uuid)",
        "teammate_quests(uuid)",
        # team-ups (20261205000200): students who opted in to be found, to a signed-in student;
        # id, username and shown name only, ten at most
        "discoverable_students(text,integer,integer)",
        "valid_suggested_tasks(jsonb)",
        # links (20261203200100): each answers about the caller's own links, the caller's own
        # e-mail, or names only the parties of the caller's links and invitations
        "link_party_name(uuid)",
        "link_scope(uuid)",
        "linked_completions(uuid,timestamp with time zone,uuid,integer)",
        "linked_quests(uuid)",
        "linked_student(uuid)",
        "my_email()",
        "my_students()",
        "sees_evidence(uuid,boolean)",
        # feedback (20261203200200): the caller's own rights on a student's threads; the owner
        # of a completion only to who reads its thread
        "completion_owner(uuid)",
        "reads_feedback(uuid)",
        "writes_feedback(uuid,uuid)",
        # consent (20261203210300): the caller's own consent request, children and scopes
        "manages_child(uuid)",
        "my_consent_request()",
        "sets_link_scope(uuid)",
        # achievements (20261204000300): the check an admin's insert runs; reads nothing
        "valid_achievement_condition(jsonb)",
    },
}


@pytest.fixture
def pair(app, conn):
    """Me, and someone on the academy tier enrolled in a quest."""
    me, them = make_user(app), make_user(app)
    set_tier(conn, them["id"], "academy")
    quest = make_quest(conn, tasks=1)
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) values (%s, %s)",
        (them["id"], quest["id"]),
    )
    return {"me": me, "them": them, "quest": quest}


@pytest.mark.parametrize("role", ["anon", "authenticated"])
def test_only_the_reviewed_private_functions_are_callable_by_client_roles(conn, role):
    rows = conn.execute(
        "select p.proname || '(' || coalesce(("
        "   select string_agg(format_type(t, null), ',' order by n)"
        "   from unnest(p.proargtypes) with ordinality as a(t, n)), '') || ')'"
        " from pg_proc p join pg_namespace s on s.oid = p.pronamespace"
        " where s.nspname = 'private' and has_function_privilege(%s, p.oid, 'execute')",
        (role,),
    ).fetchall()
    assert {r[0] for r in rows} == CLIENT_CALLABLE[role]


@pytest.mark.parametrize(
    "call",
    [
        "select private.effective_tier(%(them)s)",
        "select private.tier_allows(%(them)s, 'max_active_quests', 0)",
        "select private.active_quests_besides(%(them)s, gen_random_uuid())",
        "select private.may_take_quest(%(them)s, %(quest)s)",
    ],
    ids=["effective_tier", "tier_allows", "active_quests_besides", "may_take_quest"],
)
def test_nobody_reads_another_users_tier_or_enrollments(conn, pair, call):
    params = {"them": pair["them"]["id"], "quest": pair["quest"]["id"]}
    with (
        acting_as(conn, pair["me"]["id"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(call, params)


def test_the_caller_scoped_tier_rules_answer_for_the_caller_only(conn, pair):
    quest = pair["quest"]["id"]
    with acting_as(conn, pair["me"]["id"]) as cur:
        row = cur.execute(
            "select private.my_effective_tier(), private.my_tier_allows('max_active_quests', 5),"
            " private.my_tier_allows('max_active_quests', 4),"
            " private.my_active_quests_besides(gen_random_uuid()), private.may_i_take_quest(%s)",
            (quest,),
        ).fetchone()
    assert row == ("free", False, True, 0, True)
    with acting_as(conn, pair["them"]["id"]) as cur:
        row = cur.execute(
            "select private.my_effective_tier(), private.my_active_quests_besides(gen_random_uuid())"
        ).fetchone()
    assert row == ("academy", 1)


def test_a_user_cannot_write_off_their_own_ai_call_as_an_upstream_error(conn, pair):
    """An upstream error does not count against the daily quota: a client who could record it
    would win back every request. Only the API (elevated) records how a call ended."""
    me = pair["me"]["id"]
    with acting_as(conn, me) as cur:
        call = cur.execute(
            "select id from private.reserve_ai_call('task_suggestions', 'm')"
        ).fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cur.execute("select private.finish_ai_call(%s, 'upstream_error', 0, 0, 1, 5)", (call,))


def test_a_user_cannot_link_themselves_to_a_stripe_customer_of_their_choosing(conn, pair):
    """Webhooks find their user by customer id: linking someone else's customer would bring
    that customer's subscription to this account."""
    me = pair["me"]["id"]
    with acting_as(conn, me) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select private.link_stripe_customer('cus_somebody_elses')")
    customer = conn.execute("select stripe_customer_id from public.users where id = %s", (me,))
    assert customer.fetchone()[0] is None


def test_the_elevated_api_still_links_only_the_callers_row(conn, pair):
    """The API calls it with the connection's own rights and the caller's claims."""
    me = pair["me"]["id"]
    with acting_as(conn, me) as cur:
        cur.execute("select set_config('role', 'none', true)")
        assert cur.execute("select private.link_stripe_customer('cus_1')").fetchone() == ("cus_1",)
        assert cur.execute("select private.link_stripe_customer('cus_2')").fetchone() == ("cus_1",)
        theirs = cur.execute(
            "select stripe_customer_id from public.users where id = %s", (pair["them"]["id"],)
        ).fetchone()
    assert theirs == (None,)
