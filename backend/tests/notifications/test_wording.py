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
    "link_invited": (
        {"supporter_name": "Mo", "relation": "advisor"},
        (
            "Mo asks to follow your work",
            "They signed up as your advisor. Accept or decline under Links; "
            "nothing is shared until you accept.",
        ),
    ),
    "link_created": (
        {"student_name": "Ana", "relation": "parent"},
        ("You now follow Ana", "Their work appears under Students."),
    ),
    "feedback_received": (
        {"author_name": "Mo", "task_title": "Essay", "quest_title": "Writing"},
        ("Mo left feedback on Essay", "Writing"),
    ),
    "feedback_reply": (
        {"author_name": "Ana", "task_title": "Essay", "quest_title": None},
        ("Ana replied about Essay", ""),
    ),
    "quest_suggested": (
        {"parent_name": "Mum", "quest_title": "Birds", "note": "Try this one"},
        ("Mum suggests a quest: Birds", "Try this one"),
    ),
    "consent_granted": (
        {},
        (
            "Your parent said yes",
            "You can make your diploma public and team up with other students now.",
        ),
    ),
    "consent_revoked": (
        {},
        (
            "Your parent's consent was withdrawn",
            "Your diploma is private again, and team-ups wait until a parent consents.",
        ),
    ),
    "achievement_unlocked": (
        {"achievement_key": "first_task", "name": "First step", "xp_reward": 10},
        ("Achievement unlocked: First step", "You earned 10 XP with it."),
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
    assert words("link_created", {"supporter_name": "Mo", "relation": "advisor"}) == (
        "Mo now follows your work as your advisor",
        "You choose what they see, or end the link, under Links.",
    )
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


NOTIFYING = {
    "consent_revoked",
    "unlock_achievements",
    "link_from",
    "notify_feedback",
    "notify_payment_failed",
    "notify_quest_completed",
    "notify_submission_reviewed",
    "notify_team_request_received",
    "record_tier_change",
    "team_request_accepted",
}


def test_no_trigger_of_the_database_holds_words(conn):
    definitions = conn.execute(
        "select p.proname, pg_get_functiondef(p.oid) from pg_proc p"
        " where p.pronamespace = 'private'::regnamespace"
        " and p.proname <> 'notify' and pg_get_functiondef(p.oid) like '%%private.notify(%%'"
    ).fetchall()
    # Every function that notifies: a new one joins this list once its words are in Python.
    assert {name for name, _ in definitions} == NOTIFYING
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
            "asks to follow",
            "now follow",
            "left feedback",
            "replied about",
            "suggests a quest",
            "said yes",
            "withdrawn",
            "Achievement unlocked",
        ):
            assert phrase not in definition, (name, phrase)
