"""Admins revoke a credential with a reason: the status list says so (to an independent
verifier too), the student is told, the audit log keeps it; only admins may. Deleting an
account revokes its credentials and forgets them."""

from __future__ import annotations

import json

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_quest, signed_in
from ..jobs.conftest import run_due_jobs
from .conftest import credential_id, verify_independently


@pytest.fixture
def admin_headers(client, app):
    return signed_in(client, app, role="admin")[1]


def revoke(client, headers, credential, reason="Evidence was copied."):
    return client.post(
        f"/api/admin/credentials/{credential}/revoke", json={"reason": reason}, headers=headers
    )


def test_a_revoked_credential_reports_revoked(app, client, conn, student, finished, admin_headers):
    user, headers = student
    run_due_jobs(app)
    found = credential_id(conn, user["id"], finished["id"])
    credential = client.get(f"/api/credentials/{found}", headers=headers).get_json()
    answer = revoke(client, admin_headers, found)
    assert (
        answer.status_code == 200 and answer.get_json()["revoked_reason"] == "Evidence was copied."
    )
    assert verify_independently(client, credential) == {
        "verified": True,  # the signature still holds: the status says revoked
        "revoked": True,
        "error": None,
    }
    pasted = {"credential": json.dumps(credential)}
    checked = app.test_client().post("/api/credentials/verify", json=pasted)
    checked = checked.get_json()
    assert checked["verified"] is False and checked["revoked"] is True
    assert {c["name"]: c["ok"] for c in checked["checks"]} == {
        "proof": True,
        "dates": True,
        "status": False,
    }
    notice = client.get("/api/notifications", headers=headers).get_json()["data"][0]
    assert notice["title"] == "Credential revoked: Build a birdhouse"
    assert notice["body"] == "Evidence was copied."
    logged = conn.execute(
        "select action, target_id, after->>'reason' from public.audit_log"
        " where target_type = 'credential'"
    ).fetchall()
    assert logged == [("credential.revoke", str(found), "Evidence was copied.")]


def test_revoking_twice_keeps_the_first_reason(app, client, conn, student, finished, admin_headers):
    found = credential_id(conn, student[0]["id"], finished["id"])
    revoke(client, admin_headers, found, "First reason.")
    again = revoke(client, admin_headers, found, "Second reason.")
    assert again.status_code == 200 and again.get_json()["revoked_reason"] == "First reason."
    assert (
        conn.execute(
            "select count(*) from public.audit_log where target_type = 'credential'"
        ).fetchone()[0]
        == 1
    )


def test_only_admins_revoke(app, client, conn, student, finished):
    user, headers = student
    found = credential_id(conn, user["id"], finished["id"])
    assert revoke(client, headers, found).status_code == 403
    with acting_as(conn, user["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select public.revoke_credential(%s, 'mine')", (found,))
    with acting_as(conn, user["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("update public.credentials set document = '{}' where id = %s", (found,))
    assert conn.execute(
        "select revoked_at from public.credentials where id = %s", (found,)
    ).fetchone() == (None,)


def test_unknown_credential_and_bad_reason(client, admin_headers, conn, student, finished):
    missing = "00000000-0000-4000-8000-000000000000"
    assert revoke(client, admin_headers, missing).status_code == 404
    found = credential_id(conn, student[0]["id"], finished["id"])
    assert revoke(client, admin_headers, found, "").status_code == 422
    assert revoke(client, admin_headers, found, "x" * 501).status_code == 422
    assert conn.execute(
        "select revoked_at from public.credentials where id = %s", (found,)
    ).fetchone() == (None,)


def test_deleting_the_account_revokes_and_forgets(app, client, conn):
    """Accounts with completions cannot be deleted yet (the XP ledger is append-only, issue 17);
    the trigger is checked on an account whose credential was written directly."""
    user, headers = signed_in(client, app)
    quest = make_quest(conn, tasks=1)
    found = conn.execute(
        "insert into public.credentials (user_id, quest_id) values (%s, %s) returning id",
        (user["id"], quest["id"]),
    ).fetchone()[0]
    credential = client.get(f"/api/credentials/{found}", headers=headers).get_json()
    conn.execute("delete from auth.users where id = %s", (user["id"],))
    row = conn.execute(
        "select user_id, document, revoked_reason from public.credentials where id = %s",
        (found,),
    ).fetchone()
    assert row == (None, None, "The account was deleted.")
    assert verify_independently(client, credential)["revoked"] is True
