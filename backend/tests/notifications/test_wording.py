"""Every kind of notification is worded in Python from its data; the database stores no words."""

import pytest

from optio.notifications.wording import WORDING, words

KINDS = {
    "quest_completed": (
        {"quest_id": "q", "quest_title": "Tiny"},
        ("Quest completed: Tiny", "Every required task is done. It is on your diploma now."),
    ),
    "team_request_received": (
        {"sender_name": "Sam", "quest_title": "Rocketry", "message": "Hi!"},
        ("Sam wants to team up on Rocketry", "Hi!"),
    ),
    "team_request_accepted": (
        {"teammate_name": "Ada", "quest_title": "Stargazing", "enrolled": False},
        (
            "Ada accepted your team-up",
            "You were not enrolled in Stargazing: your plan's limit of active quests is reached.",
        ),
    ),
    "submission_approved": (
        {"quest_title": "Edited title"},
        ("Quest approved: Edited title", "Your quest is live and you are enrolled in it."),
    ),
    "submission_rejected": (
        {"quest_title": "Mine", "notes": "Add tasks."},
        ("Quest not approved: Mine", "Add tasks."),
    ),
    "tier_changed": (
        {"cause": "admin", "from_name": "Free", "to_name": "Academy"},
        ("Your plan is now Academy", "An administrator changed your plan from Free to Academy."),
    ),
    "payment_failed": (
        {"grace_until": "2026-12-09T23:30:00-05:00"},
        ("Your payment failed", "Update your payment method to keep your plan after 2026-12-10."),
    ),
    "credential_revoked": (
        {"quest_title": "Orbits", "reason": "The evidence was copied."},
        ("Credential revoked: Orbits", "The evidence was copied."),
    ),
}


def test_every_kind_is_tested():
    assert set(KINDS) == set(WORDING)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_renders_its_words_from_its_data(kind):
    data, expected = KINDS[kind]
    assert words(kind, data) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"sender_name": "Sam", "quest_title": None, "message": ""}, ("Sam wants to team up", "")),
        ({"teammate_name": "Ada", "quest_title": None}, ("Ada accepted your team-up", "")),
        (
            {"teammate_name": "Ada", "quest_title": "Moon", "enrolled": True},
            ("Ada accepted your team-up", "You are both enrolled in Moon."),
        ),
    ],
)
def test_team_ups_without_a_quest_or_enrolled(data, expected):
    kind = "team_request_received" if "sender_name" in data else "team_request_accepted"
    assert words(kind, data) == expected


def test_other_cases():
    assert words("tier_changed", {"cause": "stripe", "from_name": "A", "to_name": "B"})[1] == (
        "Your plan changed from A to B."
    )
    assert words("payment_failed", {"grace_until": None})[1] == (
        "Update your payment method to keep your plan."
    )


def test_rows_written_with_words_keep_them():
    assert words("quest_completed", {}, "Quest completed: Old", "Old body") == (
        "Quest completed: Old",
        "Old body",
    )
    assert words("unknown_kind", {"x": 1}, "t", "b") == ("t", "b")


def test_no_trigger_of_the_database_holds_words(conn):
    definitions = conn.execute(
        "select p.proname, pg_get_functiondef(p.oid) from pg_proc p"
        " where p.pronamespace = 'private'::regnamespace"
        " and p.proname <> 'notify' and pg_get_functiondef(p.oid) like '%%private.notify(%%'"
    ).fetchall()
    assert len(definitions) == 6
    for name, definition in definitions:
        for phrase in (
            "Quest completed",
            "Quest approved",
            "Quest not approved",
            "wants to team up",
            "accepted your",
            "Your plan",
            "payment failed",
            "enrolled in",
        ):
            assert phrase not in definition, (name, phrase)
