"""Requests run their queries as Supabase's API would: `authenticated` with the token's claims,
or `anon`; and a failed request rolls back what it wrote."""

import pytest

from optio.db import tx
from optio.errors import Conflict

from ..factories import bearer, login, make_user


@pytest.fixture
def probe_app(app):
    @app.get("/api/_whoami")
    def whoami():
        row = tx().one("select current_user as role, auth.uid() as uid, auth.role() as claim_role")
        return {k: str(v) for k, v in row.items()}

    @app.get("/api/_whoami_twice")
    def whoami_twice():
        sql = "select current_user as role, auth.uid()::text as uid, txid_current() as txid"
        first, second = tx().one(sql), tx().one(sql)
        return {"first": first, "second": second}

    @app.post("/api/_whoami")
    def whoami_post():
        return whoami()

    @app.post("/api/_write_then_fail")
    def write_then_fail():
        current = tx()
        current.act_as("elevated")
        current.run(("insert into auth.users (email) values ('ghost@example.com')", None))
        raise Conflict("fails after writing")

    @app.post("/api/_commit_then_fail")
    def commit_then_fail():
        current = tx()
        current.act_as("elevated")
        sql = "insert into auth.users (email) values ('kept@example.com') returning email"
        assert current.run((sql, None), commit=True) == [[{"email": "kept@example.com"}]]
        raise Conflict("fails after committing")

    return app


def test_a_signed_in_request_runs_as_authenticated_with_its_claims(probe_app, client):
    user = make_user(probe_app)
    body = client.get("/api/_whoami", headers=bearer(login(client, user))).get_json()
    assert body == {"role": "authenticated", "uid": str(user["id"]), "claim_role": "authenticated"}


def test_an_anonymous_request_runs_as_anon(probe_app, client):
    body = client.get("/api/_whoami").get_json()
    assert body == {"role": "anon", "uid": "None", "claim_role": "None"}


def test_a_request_that_fails_after_writing_leaves_nothing(probe_app, client, conn):
    assert client.post("/api/_write_then_fail").status_code == 409
    assert conn.execute("select count(*) from auth.users").fetchone()[0] == 0


def test_a_write_committed_with_its_query_stands_when_the_request_fails(probe_app, client, conn):
    """run(..., commit=True) sends the COMMIT in the query's own round trip."""
    resp = client.post("/api/_commit_then_fail")
    assert resp.status_code == 409
    assert resp.headers["X-DB-Round-Trips"] == "1"
    assert conn.execute("select email from auth.users").fetchall() == [("kept@example.com",)]


def test_the_role_context_and_the_commit_ride_with_a_read(probe_app, client):
    """A GET sends BEGIN, set_config, its query and COMMIT in one round trip."""
    resp = client.get("/api/_whoami")
    assert resp.headers["X-DB-Round-Trips"] == "1"


def test_a_write_request_commits_in_a_round_trip_of_its_own(probe_app, client):
    """Other methods keep one transaction for the whole request: the COMMIT comes at its end."""
    resp = client.post("/api/_whoami")
    assert resp.headers["X-DB-Round-Trips"] == "2"


def test_each_query_of_a_read_is_its_own_transaction_with_the_request_context(probe_app, client):
    user = make_user(probe_app)
    resp = client.get("/api/_whoami_twice", headers=bearer(login(client, user)))
    body = resp.get_json()
    assert resp.headers["X-DB-Round-Trips"] == "2"
    for run in ("first", "second"):
        assert body[run]["role"] == "authenticated"
        assert body[run]["uid"] == str(user["id"])
    assert body["first"]["txid"] != body["second"]["txid"]


def test_me_costs_one_round_trip(app, client):
    session = login(client, make_user(app))
    assert client.get("/api/auth/me", headers=bearer(session)).headers["X-DB-Round-Trips"] == "1"
