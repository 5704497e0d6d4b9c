"""An unlocked achievement issued as an Open Badges 3.0 credential: only by its student, once,
signed by a job, verified by Digital Bazaar's library; listed and revocable as any credential."""

from __future__ import annotations

import psycopg
import pytest

from ..account.conftest import run_jobs
from ..achievements.conftest import add_achievement, complete
from ..conftest import acting_as
from ..factories import make_quest
from .conftest import verify_independently


@pytest.fixture
def unlocked(conn, client, student):
    add_achievement(conn, "first_try", {"kind": "tasks_completed", "at_least": 1})
    add_achievement(conn, "locked_one", {"kind": "tasks_completed", "at_least": 50})
    quest = make_quest(conn, tasks=2)
    _, headers = student
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    assert complete(client, headers, quest["tasks"][0]["id"]).status_code == 201
    return "first_try"


def test_an_unlocked_achievement_is_issued_once_and_verifies(app, client, conn, student, unlocked):
    user, headers = student
    issued = client.post(f"/api/users/me/achievements/{unlocked}/credential", headers=headers)
    assert issued.status_code == 200, issued.get_json()
    credential_id = issued.get_json()["credential_id"]
    again = client.post(f"/api/users/me/achievements/{unlocked}/credential", headers=headers)
    assert again.get_json()["credential_id"] == credential_id
    signing = "select count(*) from private.jobs where kind = 'credentials.sign'"
    assert conn.execute(signing).fetchone()[0] == 1  # once, however often it was asked for
    run_jobs(app)
    document = client.get(f"/api/credentials/{credential_id}", headers=headers).get_json()
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = document["credentialSubject"]["achievement"]
    assert (achievement["name"], achievement["id"].rsplit("/", 1)[1]) == ("First Try", unlocked)
    assert "ana@example.com" not in str(document)
    result = verify_independently(client, document)
    assert result["verified"] is True, result
    assert result["revoked"] is False

    mine = client.get("/api/users/me/achievements", headers=headers).get_json()
    assert mine["achievements"][0]["credential_id"] == credential_id
    listed = client.get("/api/users/me/credentials", headers=headers).get_json()["items"]
    assert [(c["achievement_key"], c["quest_title"]) for c in listed] == [(unlocked, "First Try")]

    tampered = {**document, "name": "Something else"}
    assert verify_independently(client, tampered)["verified"] is False
    assert (
        conn.execute(
            "select count(*) from public.credentials where user_id = %s", (user["id"],)
        ).fetchone()[0]
        == 1
    )


def test_a_locked_or_unknown_achievement_is_not_issued(client, conn, student, unlocked):
    user, headers = student
    for key in ("locked_one", "no_such_thing"):
        answer = client.post(f"/api/users/me/achievements/{key}/credential", headers=headers)
        assert answer.status_code == 404
    with acting_as(conn, user["id"]) as cur, pytest.raises(psycopg.errors.NoDataFound):
        cur.execute("select public.issue_achievement_credential('locked_one')")
    with acting_as(conn, user["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(
            "insert into public.credentials (user_id, achievement_key) values (%s, 'locked_one')",
            (user["id"],),
        )
    assert conn.execute("select count(*) from public.credentials").fetchone()[0] == 0
