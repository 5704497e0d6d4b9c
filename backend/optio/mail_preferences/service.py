"""E-mail preferences and unsubscribe links.

Rules the database enforces (supabase/schema/mail.sql, 20261203210200_mail_preferences_digest.sql):
- public.mail_preferences: a user reads, creates and changes only their own row (policies
  mail_preferences_read/insert/update); no row means every category is on.
- private.wants_mail(user, category) decides whether a message is written: trigger
  notifications_mail, the `mail.notification` job and the digest all ask it.
- public.unsubscribe_mail(token) turns off only the category its token names, for anyone
  holding the token (anon included); an unknown token changes nothing.
"""

from __future__ import annotations

import uuid

from ..db import tx
from ..errors import NotFound
from . import queries
from .queries import PreferencesRow, UnsubscribeRow
from .schemas import MailPreferencesUpdate

INVALID = (
    "This unsubscribe link is not valid (it may be incomplete). Sign in to choose your e-mail."
)


def mine(user_id: uuid.UUID) -> PreferencesRow:
    return queries.mine(tx(user_id), user_id)


def change(user_id: uuid.UUID, changes: MailPreferencesUpdate) -> PreferencesRow:
    row = queries.change(tx(user_id), user_id, changes.model_dump(exclude_unset=True))
    if row is None:
        raise NotFound("Your profile was not found.")
    return row


def preview(token: str) -> UnsubscribeRow:
    row = queries.preview(tx(), token)
    if row is None:
        raise NotFound(INVALID, code="invalid_unsubscribe_token")
    return row


def unsubscribe(token: str) -> UnsubscribeRow:
    row = queries.unsubscribe(tx(), token)
    if row is None:
        raise NotFound(INVALID, code="invalid_unsubscribe_token")
    return row
