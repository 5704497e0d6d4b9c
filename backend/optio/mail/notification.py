"""E-mail for the notifications that warrant one (the `mail.notification` job, enqueued by
trigger notifications_mail, 20261203200200_completion_feedback.sql): the notification's words,
a link to where it is answered, written to the outbox once per notification, and only when
the user wants e-mail of its category (private.wants_mail, which the trigger also asks)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..config import current_settings
from ..db import database
from ..jobs import Job, job_handler
from ..notifications.wording import words
from .outbox import Mail, statements

KIND = "mail.notification"
# Addresses with no mailbox behind them (RFC 2606), as children made by a parent have
# (optio.consent.service.CHILD_EMAIL_DOMAIN).
UNDELIVERABLE = ".invalid"

_NOTIFICATION = """
select n.id, n.user_id, n.type, n.data, n.title, n.body, u.email, u.is_active,
       private.wants_mail(n.user_id, private.mail_category(n.type)) as wanted
from public.notifications n join public.users u on u.id = n.user_id
where n.id = %(id)s"""


def _path(kind: str, data: Mapping[str, Any]) -> str:
    """Where in the web app the notification is answered."""
    if kind in ("link_invited", "link_created"):
        return "/links"
    if kind == "feedback_received":
        return f"/quests/{data['quest_id']}"
    if kind == "feedback_reply":
        return f"/students/{data['student_id']}"
    return "/notifications"


@job_handler(KIND, max_attempts=5)
def mail_notification(job: Job) -> None:
    with database().transaction() as current:
        row = current.one(_NOTIFICATION, {"id": job.args["notification_id"]})
        if row is None or not row["is_active"] or not row["wanted"]:
            return  # gone (account deleted), deactivated, or turned off since: nothing to tell
        if row["email"].endswith(UNDELIVERABLE):
            return  # a child whose account a parent made: no mailbox
        title, body = words(row["type"], row["data"], row["title"], row["body"])
        site = current_settings().site_url
        text = "\n\n".join(
            part
            for part in (
                title,
                body,
                f"Open Optio: {site}{_path(row['type'], row['data'])}",
                "You get this e-mail because of your Optio account.",
            )
            if part
        )
        mail = Mail(
            to=row["email"],
            kind=row["type"],
            subject=title[:300],
            text=text + "\n",
            to_user=row["user_id"],
            notification_id=row["id"],
        )
        current.run(*statements(mail))
