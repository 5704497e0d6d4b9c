"""Deleting an account: the outside world first, then one transaction, then the login.

Order, and why:
1. Read what the outside holds (subscription, stored files) and check the password. Nothing
   has changed yet; a wrong password is a 403.
2. Cancel the Stripe subscription, then delete the evidence files, export zips and profile
   picture. Each is
   idempotent; when one fails the request answers 503 with every row still in place, the
   account works as before (a file already deleted is simply missing from its completion)
   and asking again finishes the work. No transaction is held during these calls.
3. One transaction (private.delete_account): every row naming the account goes, its sessions
   end and its login is banned (the local provider's login is deleted outright); an audit
   entry that does not name it is written. It commits whole or not at all, so the account is
   never half deleted: either it signs in with all its rows, or it cannot sign in at all.
4. Files stored between 1 and 3 (another tab uploading, an export job finishing) are deleted
   too; with Supabase Auth the login is deleted through its admin API. If that call fails the
   login, banned and without sessions, is deleted by the `account.delete_login` job (whose
   arguments name the account until the job is pruned: the one trace the failure path keeps).
   When storage fails at that point the request still succeeds and the warning is logged:
   those files are orphans under the deleted account's folder, for an operator to remove.
"""

from __future__ import annotations

import logging
import uuid

from ..auth.providers import provider
from ..billing import stripe_api
from ..db import side_transaction, tx
from ..errors import AppError, Forbidden, NotFound, Unavailable
from ..jobs import Job, enqueue_statements, job_handler
from ..storage import storage
from ..users.avatar import avatar_storage
from . import queries
from .export import export_storage
from .service import NOT_MY_CHILD

log = logging.getLogger(__name__)
DELETE_LOGIN_KIND = "account.delete_login"
# Stripe statuses of a subscription that still bills (or may, once paid).
_BILLING = {"active", "trialing", "past_due", "unpaid", "incomplete", "paused"}


def delete_account(user_id: uuid.UUID, password: str, child: uuid.UUID | None = None) -> None:
    """Delete my account, or, as the parent who consented for them from my account, my
    child's; confirmed by my password either way."""
    account = child or user_id
    with side_transaction("elevated") as reading:
        facts, guardian = queries.deletion_facts(reading, account, user_id if child else None)
    if facts is None or (child is not None and not (guardian and guardian["manages"])):
        raise NotFound(
            "This account no longer exists." if child is None else NOT_MY_CHILD,
            code="not_found" if child is None else "not_your_child",
        )
    auth = provider()
    confirming = guardian["email"] if guardian else facts["email"]
    if not auth.password_matches(confirming, password):
        raise Forbidden("That is not your current password.", code="wrong_password")

    subscription = facts["stripe_subscription_id"]
    if subscription and (facts["subscription_status"] or "active") in _BILLING:
        stripe_api.cancel_subscription(stripe_api.require_billing(), subscription)
    storage().delete_all(facts["evidence_keys"])
    export_storage().delete_all(facts["export_keys"])
    avatars = [facts["avatar_path"]] if facts["avatar_path"] else []
    if avatars:
        avatar_storage().delete_all(avatars)

    rows = tx(user_id).run(
        *queries.delete_account(account, forget_login=auth.login_in_database), commit=True
    )
    had = rows[-2][0]["keys"] or {}
    _delete_late_files(
        sorted(set(had.get("evidence", [])) - set(facts["evidence_keys"])),
        sorted(set(had.get("exports", [])) - set(facts["export_keys"])),
        sorted(set(had.get("avatars", [])) - set(avatars)),
    )
    if not auth.login_in_database:
        _delete_login(account)


def _delete_late_files(evidence: list[str], exports: list[str], avatars: list[str]) -> None:
    """The account is gone already: a storage outage now is logged, not answered."""
    try:
        if evidence:
            storage().delete_all(evidence)
        if exports:
            export_storage().delete_all(exports)
        if avatars:
            avatar_storage().delete_all(avatars)
    except Unavailable:
        left = len(evidence + exports + avatars)
        log.warning("%d files of a deleted account are left in storage", left)


def _delete_login(user_id: uuid.UUID) -> None:
    try:
        provider().delete_login(user_id)
    except AppError as exc:  # Supabase Auth unavailable: the account is gone, its login banned
        log.warning("deleting a login failed (%s); a job will retry", exc.code)
        with side_transaction("elevated") as later:
            later.run(*enqueue_statements(DELETE_LOGIN_KIND, {"user_id": str(user_id)}))


@job_handler(DELETE_LOGIN_KIND, max_attempts=20)
def delete_login(job: Job) -> None:
    provider().delete_login(uuid.UUID(str(job.args["user_id"])))
