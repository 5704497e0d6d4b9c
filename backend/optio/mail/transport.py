"""Where messages go: an SMTP server (SMTP_URL), or .eml files in a directory (development)."""

from __future__ import annotations

import smtplib
import ssl
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from ..config import Settings


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class SmtpTransport:
    """smtp://user:password@host:port (STARTTLS when offered) or smtps://…:465 (TLS)."""

    def __init__(self, url: str, timeout: float):
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("SMTP_URL is smtp://[user:password@]host[:port] or smtps://…")
        self._tls = parts.scheme == "smtps"
        self._host = parts.hostname
        self._port = parts.port or (465 if self._tls else 587)
        self._user = unquote(parts.username) if parts.username else None
        self._password = unquote(parts.password) if parts.password else None
        self._timeout = timeout

    def send(self, message: EmailMessage) -> None:
        context = ssl.create_default_context()
        server: Any
        if self._tls:
            server = smtplib.SMTP_SSL(
                self._host, self._port, timeout=self._timeout, context=context
            )
        else:
            server = smtplib.SMTP(self._host, self._port, timeout=self._timeout)
        with server:
            if not self._tls and server.has_extn("starttls"):
                server.starttls(context=context)
            if self._user:
                server.login(self._user, self._password or "")
            server.send_message(message)


class DirectoryTransport:
    """Each message as a .eml file, named by its time and outbox id (development)."""

    def __init__(self, directory: Path):
        self.directory = directory

    def send(self, message: EmailMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        name = f"{stamp}-{message['X-Optio-Outbox-Id']}.eml"
        (self.directory / name).write_bytes(bytes(message))


# Header lines as long as SMTP allows (RFC 5322: 998): at the default 78, a long header such as
# List-Unsubscribe would be folded into RFC 2047 encoded-words that mail clients cannot read.
MAIL_POLICY = policy.default.clone(max_line_length=998)


def transport(settings: Settings) -> Transport:
    if settings.smtp_url is None:
        return DirectoryTransport(settings.optio_data_dir / "mail")
    return SmtpTransport(settings.smtp_url.get_secret_value(), settings.smtp_timeout_seconds)


def compose(row: dict[str, Any], settings: Settings) -> EmailMessage:
    """The e-mail of an outbox row. Its Message-ID names the row, so a receiver can tell a
    message sent again after a crash from a new one."""
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = settings.mail_from
    message["To"] = row["to_address"]
    message["Subject"] = row["subject"]
    message["Date"] = format_datetime(datetime.now(UTC))
    domain = urlsplit(settings.site_url).hostname or "optio.invalid"
    message["Message-ID"] = make_msgid(idstring=f"outbox-{row['id']}", domain=domain)
    message["X-Optio-Outbox-Id"] = str(row["id"])
    message.set_content(row["text_body"])
    if row.get("html_body"):
        message.add_alternative(row["html_body"], subtype="html")
    return message
