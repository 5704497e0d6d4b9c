"""The words of every notification, in one place: the database stores a notification's kind
(`type`) and its `data` (20261202000300_notification_kinds.sql); its title and body are
rendered here when it is read. Rows written before then carry their own words, shown as stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

Words = tuple[str, str]  # title, body


def _quest_completed(d: Mapping[str, Any]) -> Words:
    return (
        f"Quest completed: {d['quest_title']}",
        "Every required task is done. It is on your diploma now.",
    )


def _team_request_received(d: Mapping[str, Any]) -> Words:
    on_quest = f" on {d['quest_title']}" if d.get("quest_title") else ""
    return f"{d['sender_name']} wants to team up{on_quest}", d.get("message") or ""


def _team_request_accepted(d: Mapping[str, Any]) -> Words:
    title = f"{d['teammate_name']} accepted your team-up"
    quest = d.get("quest_title")
    if not quest:
        return title, ""
    if d.get("enrolled"):
        return title, f"You are both enrolled in {quest}."
    return title, (
        f"You were not enrolled in {quest}: your plan's limit of active quests is reached."
    )


def _submission_approved(d: Mapping[str, Any]) -> Words:
    return f"Quest approved: {d['quest_title']}", "Your quest is live and you are enrolled in it."


def _submission_rejected(d: Mapping[str, Any]) -> Words:
    return f"Quest not approved: {d['quest_title']}", d.get("notes") or ""


def _tier_changed(d: Mapping[str, Any]) -> Words:
    who = "An administrator changed your plan" if d.get("cause") == "admin" else "Your plan changed"
    return (
        f"Your plan is now {d['to_name']}",
        f"{who} from {d['from_name']} to {d['to_name']}.",
    )


def _payment_failed(d: Mapping[str, Any]) -> Words:
    grace = d.get("grace_until")
    until = f" after {datetime.fromisoformat(grace).astimezone(UTC):%Y-%m-%d}" if grace else ""
    return "Your payment failed", f"Update your payment method to keep your plan{until}."


def _credential_revoked(d: Mapping[str, Any]) -> Words:
    return f"Credential revoked: {d['quest_title']}", d.get("reason") or ""


def _link_invited(d: Mapping[str, Any]) -> Words:
    who = "parent" if d.get("relation") == "parent" else "advisor"
    return (
        f"{d['supporter_name']} asks to follow your work",
        f"They signed up as your {who}. Accept or decline under Links; "
        "nothing is shared until you accept.",
    )


def _link_created(d: Mapping[str, Any]) -> Words:
    if d.get("student_name"):
        return f"You now follow {d['student_name']}", "Their work appears under Students."
    who = "parent" if d.get("relation") == "parent" else "advisor"
    return (
        f"{d['supporter_name']} now follows your work as your {who}",
        "You choose what they see, or end the link, under Links.",
    )


def _feedback_received(d: Mapping[str, Any]) -> Words:
    return f"{d['author_name']} left feedback on {d['task_title']}", d.get("quest_title") or ""


def _feedback_reply(d: Mapping[str, Any]) -> Words:
    return f"{d['author_name']} replied about {d['task_title']}", d.get("quest_title") or ""


def _quest_suggested(d: Mapping[str, Any]) -> Words:
    return f"{d['parent_name']} suggests a quest: {d['quest_title']}", d.get("note") or ""


def _consent_granted(d: Mapping[str, Any]) -> Words:
    return (
        "Your parent said yes",
        "You can make your diploma public and team up with other students now.",
    )


def _consent_revoked(d: Mapping[str, Any]) -> Words:
    return (
        "Your parent's consent was withdrawn",
        "Your diploma is private again, and team-ups wait until a parent consents.",
    )


def _achievement_unlocked(d: Mapping[str, Any]) -> Words:
    reward = d.get("xp_reward") or 0
    return (
        f"Achievement unlocked: {d['name']}",
        f"You earned {reward} XP with it." if reward else "It is on your achievements page.",
    )


WORDING: dict[str, Callable[[Mapping[str, Any]], Words]] = {
    "quest_completed": _quest_completed,
    "team_request_received": _team_request_received,
    "team_request_accepted": _team_request_accepted,
    "submission_approved": _submission_approved,
    "submission_rejected": _submission_rejected,
    "tier_changed": _tier_changed,
    "payment_failed": _payment_failed,
    "credential_revoked": _credential_revoked,
    "link_invited": _link_invited,
    "link_created": _link_created,
    "feedback_received": _feedback_received,
    "feedback_reply": _feedback_reply,
    "quest_suggested": _quest_suggested,
    "consent_granted": _consent_granted,
    "consent_revoked": _consent_revoked,
    "achievement_unlocked": _achievement_unlocked,
}


def words(kind: str, data: Mapping[str, Any], title: str = "", body: str = "") -> Words:
    """Title and body of a notification: the stored words when it has them (rows written before
    the wording moved here), else its kind's wording of its data."""
    if title or kind not in WORDING:
        return title, body
    return WORDING[kind](data)
