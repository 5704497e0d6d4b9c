"""Sending one message of the outbox (the `mail.send` job)."""

from __future__ import annotations

from flask import current_app

from ..db import database
from ..jobs import Job, job_handler
from . import outbox, unsubscribe
from .transport import compose, transport

MAX_ATTEMPTS = 8  # over about two hours of back-off: a mail server's outage, not a bad address


@job_handler(outbox.SEND_KIND, max_attempts=MAX_ATTEMPTS)
def send(job: Job) -> None:
    send_one(int(job.args["outbox_id"]))


def send_one(outbox_id: int) -> bool:
    """Send the message unless it was sent already; whether it was sent now. A failure is
    recorded on the row and raised (the job tries again later). A message in a category goes
    with an unsubscribe link whose token is minted (committed) before sending."""
    settings = current_app.config["SETTINGS"]
    db = database()
    with db.transaction() as preparing:
        row = outbox.message(preparing, outbox_id)
        if row is None or row["sent_at"] is not None:
            return False
        link = unsubscribe.mint(preparing, outbox_id)
    message = unsubscribe.composed(row, link, settings) if link else compose(row, settings)
    try:
        transport(settings).send(message)
    except Exception as exc:
        with db.transaction() as writing:
            outbox.mark_failed(writing, outbox_id, f"{type(exc).__name__}: {exc}")
        raise
    with db.transaction() as writing:
        outbox.mark_sent(writing, outbox_id)
    return True
