"""A child who signed up asks a parent by e-mail; the parent answers the mailed link signed
out: grant, decline, withdraw. Forged, expired and spent links change nothing."""

from __future__ import annotations

import re

from ..factories import bearer
from ..jobs.conftest import run_due_jobs
from .conftest import years_ago

DIPLOMA = "/api/users/me/diploma"


def ask(client, headers, address="mum@example.com"):
    return client.post("/api/consent/requests", json={"parent_email": address}, headers=headers)


def mailed_token(app, inbox) -> str:
    run_due_jobs(app)
    body = inbox.messages[-1].get_body(("plain",)).get_content()
    return re.search(r"/consent/([0-9a-f]{64})", body).group(1)


def test_sign_up_under_13_waits_for_consent(client):
    signed = client.post(
        "/api/auth/signup",
        json={"email": "kid@example.com", "password": "long enough", "birth_date": years_ago(9)},
    )
    assert signed.status_code == 201, signed.get_json()
    me = client.get("/api/auth/me", headers=bearer(signed.get_json())).get_json()
    assert me["consent_pending"] is True
    assert "birth_date" not in me


def test_a_parent_grants_by_the_mailed_link_and_withdraws_it_later(app, client, smtp, heads, child):
    inbox, _ = smtp
    publishing = client.patch(DIPLOMA, json={"is_public": True}, headers=heads["child"])
    assert publishing.status_code == 403
    assert publishing.get_json()["error"]["code"] == "consent_required"

    asked = ask(client, heads["child"])
    assert asked.status_code == 201, asked.get_json()
    assert asked.get_json()["pending"] is True
    assert asked.get_json()["requested_to"] == "mum@example.com"
    token = mailed_token(app, inbox)
    assert inbox.messages[-1]["To"] == "mum@example.com"
    assert inbox.messages[-1]["Subject"] == "Kim asks for your consent to use Optio"

    signed_out = app.test_client()
    info = signed_out.get(f"/api/consent/links/{token}").get_json()
    assert (info["status"], info["student_name"]) == ("pending", "Kim")
    granted = signed_out.post(f"/api/consent/links/{token}", json={"decision": "grant"})
    assert granted.status_code == 200 and granted.get_json()["status"] == "granted"
    status = client.get("/api/consent", headers=heads["child"]).get_json()
    assert status["pending"] is False
    assert status["consent"]["method"] == "email_link"
    assert status["consent"]["given_by"] == "mum@example.com"
    assert status["consent"]["policy_version"] == app.config["SETTINGS"].consent_policy_version
    assert (
        client.patch(DIPLOMA, json={"is_public": True}, headers=heads["child"]).status_code == 200
    )

    again = signed_out.post(f"/api/consent/links/{token}", json={"decision": "grant"})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "consent_answered"
    withdrawn = signed_out.post(f"/api/consent/links/{token}", json={"decision": "revoke"})
    assert withdrawn.get_json()["status"] == "revoked"
    assert client.get(DIPLOMA, headers=heads["child"]).get_json()["is_public"] is False
    assert client.get("/api/consent", headers=heads["child"]).get_json()["pending"] is True


def test_a_declined_or_forged_or_expired_link_changes_nothing(app, client, conn, smtp, heads):
    inbox, _ = smtp
    ask(client, heads["child"])
    token = mailed_token(app, inbox)
    signed_out = app.test_client()
    forged = signed_out.post(f"/api/consent/links/{'0' * 64}", json={"decision": "grant"})
    assert forged.status_code == 404
    assert signed_out.get("/api/consent/links/not-a-token").status_code in (404, 422)
    conn.execute("update private.consent_requests set expires_at = now() - interval '1 second'")
    expired = signed_out.post(f"/api/consent/links/{token}", json={"decision": "grant"})
    assert expired.status_code == 409 and expired.get_json()["error"]["code"] == "consent_expired"
    conn.execute("update private.consent_requests set expires_at = now() + interval '1 day'")
    declined = signed_out.post(f"/api/consent/links/{token}", json={"decision": "decline"})
    assert declined.get_json()["status"] == "declined"
    assert conn.execute("select count(*) from public.parental_consents").fetchone() == (0,)
    assert client.get("/api/consent", headers=heads["child"]).get_json()["pending"] is True


def test_three_requests_a_day_and_none_for_an_older_student(app, client, smtp, heads):
    for _ in range(3):
        assert ask(client, heads["child"]).status_code == 201
    assert ask(client, heads["child"]).status_code == 429
    older = ask(client, heads["teen"])
    assert older.status_code == 409 and older.get_json()["error"]["code"] == "consent_not_needed"
    run_due_jobs(app)
    assert len(smtp[0].messages) == 3
