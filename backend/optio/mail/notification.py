"""E-mail for the notifications that warrant one (the `mail.notification` job, enqueued by
trigger notifications_mail, 20261203200200_completion_feedback.sql): the notification's words,
a link to where it is answered, written to the outbox once per notification."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from ..config import current_settings
from ..db import database
from ..jobs import Job, job_handler
from ..notifications.wording import words
from .outbox import Mail, statements

KIND = "mail.notification"

_NOTIFICATION = """
select n.id, n.user_id, n.type, n.data, n.title, n.body, u.email, u.is_active
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
        if row is None or not row["is_active"]:
            return  # gone (account deleted) or deactivated: nothing to tell
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
            to_user=uuid.UUID(str(row["user_id"])),
            notification_id=row["id"],
        )
        current.run(*statements(mail))
