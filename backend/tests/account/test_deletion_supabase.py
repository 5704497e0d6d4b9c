"""With Supabase Auth the login is deleted through its admin API after the transaction; when
that call fails the login stays banned without sessions, and a job deletes it later."""

from __future__ import annotations

import json

import pytest
from werkzeug.wrappers import Response

from .conftest import run_jobs
from .test_deletion import delete, tables_naming

pytestmark = pytest.mark.supabase_only


@pytest.fixture
def supabase_auth_down_for_deletes(request, monkeypatch):
    fake = request.getfixturevalue("fake_supabase")

    def unavailable(_request, user_id):
        return Response(json.dumps({"message": "upstream timeout"}), status=504)

    monkeypatch.setattr(fake.gotrue, "admin_delete_user", unavailable)
    return fake


def test_a_failed_login_deletion_is_retried_by_a_job(
    client, app, conn, person, supabase_auth_down_for_deletes, monkeypatch
):
    assert delete(client, person).status_code == 204

    assert conn.execute(
        "select banned_until = 'infinity' from auth.users where id = %s", (person["id"],)
    ).fetchone() == (True,)
    login = client.post(
        "/api/auth/login", json={"email": person["email"], "password": person["password"]}
    )
    assert login.status_code == 403
    assert client.get("/api/auth/me", headers=person["headers"]).status_code == 401

    monkeypatch.undo()  # Supabase Auth is back
    run_jobs(app)
    assert conn.execute(
        "select count(*) from auth.users where id = %s", (person["id"],)
    ).fetchone() == (0,)
    # The done job's arguments are the one trace, until done jobs are pruned.
    assert tables_naming(conn, str(person["id"]), person["email"]) == ["private.jobs"]
