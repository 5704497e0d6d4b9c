"""GET /api/diplomas/{slug}/clr: a signed CLR 2.0 of exactly the student's live quest
credentials, which the independent verifier accepts."""

from __future__ import annotations

import json

from ..diplomas.conftest import complete, publish
from ..factories import make_quest, signed_in
from ..jobs.conftest import run_due_jobs
from .conftest import credential_id, verify_independently


def test_the_learner_record_bundles_the_live_credentials(app, client, conn, student, finished):
    user = student[0]
    second = make_quest(conn, tasks=1, title="Plant a garden")
    complete(conn, user["id"], second)
    third = make_quest(conn, tasks=1, title="Write a poem")
    complete(conn, user["id"], third)
    run_due_jobs(app)
    admin = signed_in(client, app, role="admin")[1]
    revoked = credential_id(conn, user["id"], third["id"])
    client.post(
        f"/api/admin/credentials/{revoked}/revoke", json={"reason": "Copied."}, headers=admin
    )
    slug = publish(conn, user["id"])
    answer = app.test_client().get(f"/api/diplomas/{slug}/clr")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["Content-Disposition"]
    record = answer.get_json()
    assert record["type"] == ["VerifiableCredential", "ClrCredential"]
    bundled = record["credentialSubject"]["verifiableCredential"]
    assert sorted(c["name"] for c in bundled) == ["Build a birdhouse", "Plant a garden"]
    assert verify_independently(client, record)["verified"] is True
    for credential in bundled:
        assert verify_independently(client, credential) == {
            "verified": True,
            "revoked": False,
            "error": None,
        }
    assert "ana@example.com" not in json.dumps(record)
    assert record["name"] == "Ana López's learner record"


def test_a_private_diploma_has_no_public_record(app, client, conn, student, finished):
    user, headers = student
    slug = conn.execute(
        "select slug from public.diplomas where user_id = %s", (user["id"],)
    ).fetchone()[0]
    assert app.test_client().get(f"/api/diplomas/{slug}/clr").status_code == 404
    assert app.test_client().get(f"/api/diplomas/{slug}/credentials").get_json() == {"items": []}
    mine = client.get(f"/api/diplomas/{slug}/clr", headers=headers)
    assert mine.status_code == 200 and mine.get_json()["name"] == "Learner record"
    listed = client.get(f"/api/diplomas/{slug}/credentials", headers=headers).get_json()["items"]
    assert [(c["quest_title"], c["revoked"]) for c in listed] == [("Build a birdhouse", False)]
