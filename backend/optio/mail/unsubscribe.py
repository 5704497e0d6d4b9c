"""Unsubscribe links on every message in a category (links, feedback, digest).

Why a random token stored hashed rather than an HMAC of (user, category): the app has no secret
that production is sure to have and that is meant for this (SUPABASE_JWT_SECRET is optional with
Supabase's signing keys; the credential key rotates for other reasons), and a new one would be
one more secret to rotate, whose rotation would break every link already sent. A token is
minted by the `mail.send` job just before it sends, so its clear text exists only in the e-mail:
neither the outbox nor private.mail_unsubscribe_tokens (its SHA-256, user and category) holds
it. 256 random bits cannot be guessed; a forged one finds no row and changes nothing; a user's
tokens go with the account.

The message carries the link in its text (and HTML) and, for mail clients, the RFC 2369
List-Unsubscribe header with RFC 8058's List-Unsubscribe-Post (one-click: the client POSTs
`List-Unsubscribe=One-Click` to the URL, signed out).
"""

from __future__ import annotations

import html
import secrets
from email.message import EmailMessage
from typing import Any

from ..config import Settings
from ..db import Tx
from .transport import compose

# What each category is, as the footer of its messages says.
ABOUT = {
    "links": "invitations and links with parents and advisors",
    "feedback": "feedback on work and replies to it",
    "digest": "your children's week (the weekly digest)",
}

# A token for the message's category, unless it has none or no user (or was sent already).
_MINT = """
insert into private.mail_unsubscribe_tokens (token_hash, user_id, category)
select sha256(convert_to(%(token)s, 'UTF8')), o.to_user, private.mail_category(o.kind)
from private.mail_outbox o
where o.id = %(id)s and o.sent_at is null and o.to_user is not null
  and private.mail_category(o.kind) is not null
returning category"""


def mint(tx: Tx, outbox_id: int) -> tuple[str, str] | None:
    """(category, token) of a new unsubscribe token for the message; None when it has none."""
    token = secrets.token_urlsafe(32)
    row = tx.one(_MINT, {"id": outbox_id, "token": token})
    return None if row is None else (row["category"], token)


def one_click_url(settings: Settings, token: str) -> str:
    return f"{settings.site_url}/api/mail/unsubscribe?token={token}"


def page_url(settings: Settings, token: str) -> str:
    """The web app's page that shows what the link turns off and asks to confirm."""
    return f"{settings.site_url}/unsubscribe?token={token}"


def composed(row: dict[str, Any], link: tuple[str, str], settings: Settings) -> EmailMessage:
    """The e-mail of an outbox row with the unsubscribe link (category, token) in its bodies
    and headers."""
    category, token = link
    message = compose(with_link(row, category, token, settings), settings)
    message["List-Unsubscribe"] = f"<{one_click_url(settings, token)}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def with_link(row: dict[str, Any], category: str, token: str, settings: Settings) -> dict[str, Any]:
    """The outbox row with the unsubscribe link at the end of its bodies."""
    page = page_url(settings, token)
    why = (
        f"You get this e-mail because e-mail about {ABOUT[category]} is on in your Optio settings."
    )
    text = f"{row['text_body'].rstrip()}\n\n--\n{why}\nStop these e-mails: {page}\n"
    body = row.get("html_body")
    if body:
        body += (
            f'<hr><p style="font-size:12px;color:#666">{html.escape(why)} '
            f'<a href="{html.escape(page)}">Stop these e-mails</a></p>'
        )
    return {**row, "text_body": text, "html_body": body}
