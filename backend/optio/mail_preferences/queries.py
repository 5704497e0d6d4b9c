"""SQL of public.mail_preferences and the unsubscribe functions
(20261203210200_mail_preferences_digest.sql)."""

from __future__ import annotations

import uuid
from typing import TypedDict, cast

from ..db import Tx


class PreferencesRow(TypedDict):
    links: bool
    feedback: bool
    digest: bool


class UnsubscribeRow(TypedDict):
    category: str
    subscribed: bool
    email_hint: str


# No row yet: every category is on (the table's defaults).
_MINE = """
select coalesce(p.links, true) as links, coalesce(p.feedback, true) as feedback,
       coalesce(p.digest, true) as digest
from (select 1) one left join public.mail_preferences p on p.user_id = %(user_id)s"""

_CHANGE = """
insert into public.mail_preferences as p (user_id, links, feedback, digest)
values (%(user_id)s, coalesce(%(links)s, true), coalesce(%(feedback)s, true),
        coalesce(%(digest)s, true))
on conflict (user_id) do update set
  links = coalesce(%(links)s, p.links), feedback = coalesce(%(feedback)s, p.feedback),
  digest = coalesce(%(digest)s, p.digest)
returning links, feedback, digest"""

_PREVIEW = "select * from public.mail_unsubscribe_preview(%(token)s)"

_UNSUBSCRIBE = "select * from public.unsubscribe_mail(%(token)s)"


def mine(tx: Tx, user_id: uuid.UUID) -> PreferencesRow:
    return cast(PreferencesRow, tx.one(_MINE, {"user_id": user_id}))


def change(tx: Tx, user_id: uuid.UUID, changes: dict[str, bool]) -> PreferencesRow | None:
    params = {"user_id": user_id, "links": None, "feedback": None, "digest": None, **changes}
    return cast(PreferencesRow | None, tx.one(_CHANGE, params))


def preview(tx: Tx, token: str) -> UnsubscribeRow | None:
    return cast(UnsubscribeRow | None, tx.one(_PREVIEW, {"token": token}))


def unsubscribe(tx: Tx, token: str) -> UnsubscribeRow | None:
    return cast(UnsubscribeRow | None, tx.one(_UNSUBSCRIBE, {"token": token}))
