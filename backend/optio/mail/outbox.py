"""Writing a message to private.mail_outbox, with the job that sends it, in the caller's
transaction (statements to pipeline with its others)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from ..db import Query, Tx, with_own_rights
from ..jobs.registry import load_handlers, registration

SEND_KIND = "mail.send"

# The message and the job that sends it, in one statement: the job is keyed by the message, so
# it is written once whatever runs this again; a message for a notification or a key already
# written is not written again.
_WRITE = """
with written as (
  insert into private.mail_outbox
    (kind, to_user, to_address, subject, text_body, html_body, notification_id, key)
  values (%(kind)s, %(to_user)s, %(to)s, %(subject)s, %(text)s, %(html)s, %(notification)s,
          %(key)s)
  on conflict do nothing
  returning id
)
insert into private.jobs (kind, args, max_attempts, key)
select %(job_kind)s, jsonb_build_object('outbox_id', id), %(max_attempts)s, 'mail:' || id
from written
returning (args ->> 'outbox_id')::bigint as outbox_id"""

_UNSENT = "select id from private.mail_outbox where sent_at is null order by id"

_ONE = """
select id, to_address, subject, text_body, html_body, sent_at
from private.mail_outbox where id = %(id)s"""

_SENT = """
update private.mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null
where id = %(id)s and sent_at is null"""

_FAILED = """
update private.mail_outbox set attempts = attempts + 1, last_error = left(%(error)s, 2000)
where id = %(id)s and sent_at is null"""


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    kind: str
    html: str | None = None
    to_user: uuid.UUID | None = None
    # The notification it tells of: at most one message per notification.
    notification_id: uuid.UUID | None = None
    # At most one message per key (e.g. "digest:<parent>:2026-W48").
    key: str | None = None


def statements(mail: Mail) -> list[Query]:
    """The message and its sending job, to pipeline with the caller's other statements (the
    connection's own rights; the one before last returns `outbox_id`)."""
    load_handlers()
    params = {
        "kind": mail.kind,
        "to_user": mail.to_user,
        "to": mail.to,
        "subject": mail.subject,
        "text": mail.text,
        "html": mail.html,
        "notification": mail.notification_id,
        "key": mail.key,
        "job_kind": SEND_KIND,
        "max_attempts": registration(SEND_KIND).max_attempts,
    }
    return with_own_rights((_WRITE, params))


def unsent(tx: Tx) -> list[int]:
    return [row["id"] for row in tx.all(_UNSENT)]


def message(tx: Tx, outbox_id: int) -> dict[str, Any] | None:
    return tx.one(_ONE, {"id": outbox_id})


def mark_sent(tx: Tx, outbox_id: int) -> None:
    tx.run((_SENT, {"id": outbox_id}))


def mark_failed(tx: Tx, outbox_id: int, error: str) -> None:
    tx.run((_FAILED, {"id": outbox_id, "error": error}))
