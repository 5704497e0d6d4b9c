"""RLS, grants and triggers of team_requests, and the definer functions that read across users,
exercised through the `authenticated` and `anon` roles themselves."""

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_quest, make_user
from .conftest import complete, enroll, make_request

ROLES = ["anon", "sender", "recipient", "other", "admin"]
_INSERT_ONTO = (
    "insert into public.team_requests (sender_id, recipient_id, quest_id) values (%s, %s, %s)"
)


@pytest.fixture
def people(app):
    found = {"anon": None}
    for name in ("sender", "recipient", "other"):
        found[name] = make_user(app, username=name, display_name=f"{name.title()} Person")["id"]
    found["admin"] = make_user(app, role="admin", username="admin")["id"]
    return found


@pytest.fixture
def pending(conn, people):
    return make_request(conn, people["sender"], people["recipient"])


def _attempt(conn, user, statement, params=()):
    """'ok' (a row changed), 'none' (RLS filtered every row) or 'refused' (an error)."""
    with acting_as(conn, user) as cur:
        try:
            cur.execute(statement, params)
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.CheckViolation):
            return "refused"
        return "ok" if cur.rowcount > 0 else "none"


READS = {"anon": None, "sender": 1, "recipient": 1, "other": 0, "admin": 1}


@pytest.mark.parametrize("role", ROLES)
def test_a_request_is_read_by_its_parties_and_admins_only(conn, people, pending, role):
    with acting_as(conn, people[role]) as cur:
        if READS[role] is None:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                cur.execute("select * from public.team_requests")
            return
        assert cur.execute("select count(*) from public.team_requests").fetchone()[0] == READS[role]


# What each role's update to each status does to a pending request from sender to recipient.
UPDATES = {
    "anon": {"accepted": "refused", "rejected": "refused", "cancelled": "refused"},
    "sender": {"accepted": "refused", "rejected": "refused", "cancelled": "ok"},
    "recipient": {"accepted": "ok", "rejected": "ok", "cancelled": "refused"},
    "other": {"accepted": "none", "rejected": "none", "cancelled": "none"},
    "admin": {"accepted": "none", "rejected": "none", "cancelled": "none"},
}


@pytest.mark.parametrize("status", ["accepted", "rejected", "cancelled"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_recipient_answers_and_only_the_sender_cancels(
    conn, people, pending, role, status
):
    outcome = _attempt(
        conn,
        people[role],
        "update public.team_requests set status = %s where id = %s",
        (status, pending),
    )
    assert outcome == UPDATES[role][status]


@pytest.mark.parametrize("status", ["accepted", "rejected", "cancelled"])
@pytest.mark.parametrize("role", ["sender", "recipient"])
def test_a_decided_request_never_changes_again(conn, people, role, status):
    for was in ("accepted", "rejected", "cancelled"):
        decided = make_request(conn, people["sender"], people["recipient"], status=was)
        outcome = _attempt(
            conn,
            people[role],
            "update public.team_requests set status = %s where id = %s",
            (status, decided),
        )
        assert outcome == "none", (role, was, status)
        # Not even the superuser, who bypasses RLS: the trigger holds for every role.
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "update public.team_requests set status = %s where id = %s", (status, decided)
            )


def test_answering_stamps_responded_at(conn, people, pending):
    with acting_as(conn, people["recipient"]) as cur:
        cur.execute("update public.team_requests set status = 'accepted' where id = %s", (pending,))
        assert cur.execute(
            "select responded_at is not null from public.team_requests where id = %s", (pending,)
        ).fetchone()[0]


@pytest.mark.parametrize(
    "statement",
    [
        "update public.team_requests set message = 'changed'",
        "update public.team_requests set recipient_id = sender_id",
        "update public.team_requests set responded_at = now()",
        "delete from public.team_requests",
        "insert into public.team_requests (sender_id, recipient_id, status)"
        " values ({me}, '{other}', 'accepted')",
    ],
)
@pytest.mark.parametrize("role", ["sender", "recipient"])
def test_the_parties_change_nothing_but_the_status(conn, people, pending, statement, role):
    sql = statement.format(me=f"'{people[role]}'", other=people["other"])
    assert _attempt(conn, people[role], sql) == "refused"


@pytest.mark.parametrize("role", ROLES)
def test_a_student_sends_only_as_themselves(conn, people, role):
    """Each role tries to send a request as itself, and one as the sender to `other`."""
    me = people[role]
    target = people["recipient"] if role != "recipient" else people["other"]
    insert = "insert into public.team_requests (sender_id, recipient_id) values (%s, %s)"
    expected = "refused" if role == "anon" else "ok"
    assert _attempt(conn, me, insert, (me, target)) == expected
    if role != "sender":
        assert _attempt(conn, me, insert, (people["sender"], people["other"])) == "refused"


def test_only_one_pending_request_per_pair_whichever_way(conn, people, pending):
    with acting_as(conn, people["recipient"]) as cur, pytest.raises(psycopg.errors.UniqueViolation):
        cur.execute(
            "insert into public.team_requests (sender_id, recipient_id) values (%s, %s)",
            (people["recipient"], people["sender"]),
        )


def test_teammates_ask_each_other_only_onto_a_quest(conn, people, pending):
    sender, recipient = people["sender"], people["recipient"]
    rocketry, chess = make_quest(conn)["id"], make_quest(conn)["id"]
    conn.execute("update public.team_requests set status = 'accepted' where id = %s", (pending,))
    with (
        acting_as(conn, recipient) as cur,
        pytest.raises(psycopg.errors.CheckViolation, match="already_teammates"),
    ):
        cur.execute(_INSERT_ONTO, (recipient, sender, None))
    with acting_as(conn, recipient) as cur:
        cur.execute(_INSERT_ONTO, (recipient, sender, rocketry))
        cur.execute(_INSERT_ONTO, (recipient, sender, chess))
        assert (
            cur.execute(
                "select count(*) from public.team_requests where status = 'pending'"
            ).fetchone()[0]
            == 2
        )


def test_one_pending_request_per_pair_and_quest_whichever_way(conn, people):
    sender, recipient = people["sender"], people["recipient"]
    rocketry, chess = make_quest(conn)["id"], make_quest(conn)["id"]
    make_request(conn, sender, recipient, quest_id=rocketry)
    with acting_as(conn, recipient) as cur, pytest.raises(psycopg.errors.UniqueViolation):
        cur.execute(_INSERT_ONTO, (recipient, sender, rocketry))
    with acting_as(conn, recipient) as cur:
        cur.execute(_INSERT_ONTO, (recipient, sender, chess))
        cur.execute(_INSERT_ONTO, (recipient, sender, None))  # onto no quest: one of its own
        with pytest.raises(psycopg.errors.UniqueViolation):  # no quest is one quest
            cur.execute(_INSERT_ONTO, (recipient, sender, None))


def test_a_new_request_after_a_rejection_is_allowed(conn, people, pending):
    with acting_as(conn, people["recipient"]) as cur:
        cur.execute("update public.team_requests set status = 'rejected' where id = %s", (pending,))
        cur.execute(
            "insert into public.team_requests (sender_id, recipient_id) values (%s, %s)",
            (people["recipient"], people["sender"]),
        )
        assert cur.execute("select count(*) from public.team_requests").fetchone()[0] == 2


def test_nobody_asks_themselves(conn, people):
    with acting_as(conn, people["sender"]) as cur, pytest.raises(psycopg.errors.CheckViolation):
        cur.execute(
            "insert into public.team_requests (sender_id, recipient_id) values (%s, %s)",
            (people["sender"], people["sender"]),
        )


def test_a_request_names_only_a_quest_of_the_public_catalog(conn, people):
    hidden = make_quest(conn, is_public=False)
    insert = (
        "insert into public.team_requests (sender_id, recipient_id, quest_id) values (%s, %s, %s)"
    )
    params = (people["sender"], people["recipient"], hidden["id"])
    assert _attempt(conn, people["sender"], insert, params) == "refused"


# --- the definer functions ---------------------------------------------------------------------


def test_finding_a_student_gives_only_an_id_and_only_to_signed_in_users(conn, people):
    email = conn.execute(
        "select email from public.users where id = %s", (people["other"],)
    ).fetchone()[0]
    with acting_as(conn, people["sender"]) as cur:
        find = "select private.find_user_id(%s)"
        assert cur.execute(find, ("RECIPIENT",)).fetchone()[0] == people["recipient"]
        assert cur.execute(find, (email.upper(),)).fetchone()[0] == people["other"]
        assert cur.execute(find, ("ghost",)).fetchone()[0] is None
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select private.find_user_id('recipient')")


def test_a_profile_is_shown_only_to_someone_with_a_request_between_them(conn, people, pending):
    profile = "select username, display_name from private.team_profile(%s)"
    with acting_as(conn, people["sender"]) as cur:
        assert cur.execute(profile, (people["recipient"],)).fetchall() == [
            ("recipient", "Recipient Person")
        ]
        assert cur.execute(profile, (people["other"],)).fetchall() == []
    with acting_as(conn, people["other"]) as cur:
        assert cur.execute(profile, (people["sender"],)).fetchall() == []


def test_a_teammates_quests_are_shown_only_to_an_accepted_teammate_and_only_shared_ones(
    conn, people
):
    shared, theirs_only = make_quest(conn, tasks=2), make_quest(conn, tasks=1)
    sender, recipient = people["sender"], people["recipient"]
    for user in (sender, recipient):
        enroll(conn, user, shared["id"])
    enroll(conn, recipient, theirs_only["id"])
    complete(conn, recipient, shared["tasks"][0]["id"], text="secret diary", private=True)
    request = make_request(conn, sender, recipient)
    quests = "select private.teammate_quests(%s)::text"

    with acting_as(conn, sender) as cur:  # pending is not enough
        assert cur.execute(quests, (recipient,)).fetchone()[0] == "[]"
    conn.execute("update public.team_requests set status = 'accepted' where id = %s", (request,))
    with acting_as(conn, sender) as cur:
        text = cur.execute(quests, (recipient,)).fetchone()[0]
    assert str(shared["id"]) in text and str(theirs_only["id"]) not in text
    assert '"completed_tasks": 1' in text and '"total_tasks": 2' in text
    assert "secret diary" not in text
    with acting_as(conn, people["other"]) as cur:
        assert cur.execute(quests, (recipient,)).fetchone()[0] == "[]"


def test_the_api_roles_cannot_write_notifications_or_call_the_triggers(conn, people):
    with (
        acting_as(conn, people["sender"]) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute("select private.notify(%s, 'x', '{}')", (people["recipient"],))
    for function in ("team_request_accepted()", "shown_name(%s)"):
        with (
            acting_as(conn, people["sender"]) as cur,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            cur.execute(
                f"select private.{function}", (people["recipient"],) if "%s" in function else ()
            )
