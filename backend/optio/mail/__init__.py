"""The platform's own e-mail: an outbox written in the causing transaction, sent by a job.

    current.run(*other_statements, *mail.statements(Mail(to=..., subject=..., text=...)))

Rules the database enforces (supabase/schema/mail.sql, 20261203100100_mail_outbox.sql):
- private.mail_outbox has no grant to any client role and RLS on without policies.
- subject is one line; a message has an address, a subject and a text body.

Sending never holds a transaction and never fails the request that caused it: the request only
writes the row and its `mail.send` job; the worker sends it (SMTP_URL, or .eml files in
OPTIO_DATA_DIR/mail in development), then marks it sent. A failed attempt leaves it unsent and
the job is retried with back-off; a sent message is never sent again by a later attempt.

A message to a user in a category (links, feedback, digest; private.mail_category) is written
only when the user wants it (private.wants_mail) and is sent with an unsubscribe link
(unsubscribe.py); the weekly digest to parents is digest.py. At most one message per `key`.
"""

from __future__ import annotations

from .outbox import Mail, statements

__all__ = ["Mail", "statements"]
