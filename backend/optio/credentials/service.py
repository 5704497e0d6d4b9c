"""Credentials: signing a quest's credential once, showing it to whoever may see it, the
issuer's status lists, revocation, and checking a credential anyone pastes.

Rules the database enforces (supabase/schema/credentials.sql, 20261203000100_credentials.sql):
- trigger user_quests_issue_credential: a quest completed gets exactly one credential row and
  one `credentials.sign` job, in the completion's own statement (unique (user_id, quest_id)).
- public.issue_achievement_credential (20261204000400_...): the same for an achievement its
  student unlocked, at their request (unique (user_id, achievement_key)).
- policy credentials_read (and private.credentials_public, 20261203000200_...): its owner,
  admins, and anyone while the owner's diploma is public and the account active. No client
  writes a credential.
- public.revoke_credential (definer): admins only (42501 otherwise); audit-logged; the student
  notified.
- trigger users_revoke_credentials: deleting an account revokes its credentials and forgets the
  documents; the status positions stay revoked.
"""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import current_app

from ..db import database, tx
from ..errors import NotFound
from . import queries
from .build import (
    STATUS_LIST_SIZE,
    achievement_credential,
    learner_record,
    quest_credential,
    status_list_credential,
)
from .issuer import issuer
from .proof import sign

NO_SUCH_CREDENTIAL = "No credential is shown at this address."


def sign_credential(credential_id: uuid.UUID) -> dict[str, Any] | None:
    """The credential's signed document, signed now if it was not yet (idempotent: a second
    signer finds the first one's document). None when there is no such credential, or its
    account was deleted. Runs in transactions of its own, with the connection's rights."""
    db = database()
    with db.transaction() as reading:
        row = queries.to_sign(reading, credential_id)
    if row is None:
        return None
    if row["document"] is not None:
        return row["document"]
    current = issuer()
    build = achievement_credential if row["achievement_key"] else quest_credential
    signed = sign(build(row, current), current.key, current.verification_method)
    with db.transaction() as writing:
        stored = queries.store_signed(writing, credential_id, signed)
        if stored is None:  # signed meanwhile by another process: theirs stands
            stored = queries.to_sign(writing, credential_id)
    return stored["document"] if stored else None


def credential(credential_id: uuid.UUID) -> dict[str, Any]:
    """The signed credential, as the caller may see it (the credentials policy decides)."""
    found = queries.visible(tx(), credential_id)
    if found is None:
        raise NotFound(NO_SUCH_CREDENTIAL, code="credential_not_found")
    document = found["document"] or sign_credential(credential_id)
    if document is None:
        raise NotFound(NO_SUCH_CREDENTIAL, code="credential_not_found")
    return document


def my_credentials(user_id: uuid.UUID, limit: int = 100) -> list[dict[str, Any]]:
    return queries.mine(tx(user_id), user_id, limit)


class StatusLists:
    """Signed status lists, kept per process and signed again when a revocation changes them.
    The version is read from the database on every request, so a revocation shows at once."""

    def __init__(self) -> None:
        self._signed: dict[int, tuple[tuple[int, Any], dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def get(self, list_id: int) -> dict[str, Any]:
        first = list_id * STATUS_LIST_SIZE
        found = queries.revoked_version(tx(), first, STATUS_LIST_SIZE)
        version = (found["revoked"], found["latest"])
        kept = self._signed.get(list_id)
        if kept is not None and kept[0] == version:
            return kept[1]
        positions = queries.revoked_positions(tx(), first, STATUS_LIST_SIZE)
        current = issuer()
        unsigned = status_list_credential(current, list_id, positions, datetime.now(UTC))
        signed = sign(unsigned, current.key, current.verification_method)
        with self._lock:
            self._signed[list_id] = (version, signed)
        return signed


def diploma_credentials(slug: str) -> list[dict[str, Any]]:
    """A diploma's credentials as the caller may see them, newest first; none when the
    diploma is not theirs to see."""
    return queries.of_diploma(tx(), slug)


def record_of_diploma(slug: str) -> dict[str, Any]:
    """A signed CLR 2.0 of the diploma's live (unrevoked) credentials, each signed first if
    it was not yet."""
    shown = queries.live_of_diploma(tx(), slug)
    recipient = queries.recipient(tx(), slug) if shown else None
    if recipient is None:
        raise NotFound("This diploma has no credentials to show yet.", code="no_credentials")
    # Unsigned ones are signed here (the job has not reached them yet): rare, each once.
    documents = [c["document"] or sign_credential(c["id"]) for c in shown]
    current = issuer()
    record = learner_record(
        [d for d in documents if d is not None],
        recipient,
        current,
        f"urn:uuid:{uuid.uuid4()}",
        datetime.now(UTC),
    )
    return sign(record, current.key, current.verification_method)


def is_ours_revoked(list_id: int, position: int) -> bool:
    """Whether position `position` of our status list `list_id` is revoked."""
    return queries.is_revoked(tx(), list_id * STATUS_LIST_SIZE + position)


def status_lists() -> StatusLists:
    return current_app.extensions.setdefault("optio_status_lists", StatusLists())


def revoke(credential_id: uuid.UUID, reason: str) -> dict[str, Any]:
    """Revoke as the signed-in admin (the database refuses anyone else)."""
    revoked = queries.revoke(tx(), credential_id, reason)
    if revoked is None:
        raise NotFound(NO_SUCH_CREDENTIAL, code="credential_not_found")
    return revoked
