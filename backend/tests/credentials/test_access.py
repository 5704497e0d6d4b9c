"""Who sees a credential: its owner and admins; anyone while the owner's diploma is public.
Checked through the API and as the database roles a direct client has."""

from __future__ import annotations

import pytest

from ..conftest import acting_as
from ..diplomas.conftest import publish
from ..factories import signed_in
from .conftest import credential_id


@pytest.mark.parametrize("public", [False, True])
def test_who_may_read_a_credential(app, client, conn, student, finished, public):
    user, headers = student
    if public:
        publish(conn, user["id"])
    found = credential_id(conn, user["id"], finished["id"])
    other = signed_in(client, app)[1]
    admin = signed_in(client, app, role="admin")[1]
    anonymous = app.test_client()
    expected_public = 200 if public else 404
    assert client.get(f"/api/credentials/{found}", headers=headers).status_code == 200
    assert client.get(f"/api/credentials/{found}", headers=admin).status_code == 200
    assert client.get(f"/api/credentials/{found}", headers=other).status_code == expected_public
    assert anonymous.get(f"/api/credentials/{found}").status_code == expected_public

    def rows_as(user_id):
        with acting_as(conn, user_id) as cur:
            cur.execute("select id from public.credentials where id = %s", (found,))
            return cur.rowcount

    assert rows_as(user["id"]) == 1
    assert rows_as(None) == (1 if public else 0)


def test_no_client_inserts_or_deletes_a_credential(conn, student, finished):
    user = student[0]
    for statement in (
        "insert into public.credentials (user_id, quest_id) values (%(u)s, %(q)s)",
        "delete from public.credentials where user_id = %(u)s",
    ):
        with (
            acting_as(conn, user["id"]) as cur,
            pytest.raises(Exception, match="permission denied"),
        ):
            cur.execute(statement, {"u": user["id"], "q": finished["id"]})


def test_a_missing_credential_is_a_404(client):
    answer = client.get("/api/credentials/00000000-0000-4000-8000-000000000000")
    assert answer.status_code == 404
    assert answer.get_json()["error"]["code"] == "credential_not_found"


def test_a_deactivated_owners_credentials_are_no_longer_public(
    app, client, conn, student, finished
):
    user = student[0]
    publish(conn, user["id"])
    found = credential_id(conn, user["id"], finished["id"])
    anonymous = app.test_client()
    assert anonymous.get(f"/api/credentials/{found}").status_code == 200
    conn.execute("update public.users set is_active = false where id = %s", (user["id"],))
    assert anonymous.get(f"/api/credentials/{found}").status_code == 404
    with acting_as(conn, None) as cur:
        cur.execute("select id from public.credentials where id = %s", (found,))
        assert cur.rowcount == 0
    admin = signed_in(client, app, role="admin")[1]
    assert client.get(f"/api/credentials/{found}", headers=admin).status_code == 200
