"""The database's side of data rights: what clients may call, and the append-only ledgers'
one exception."""

from __future__ import annotations

import psycopg
import pytest

from optio.account.export import build_export

from ..conftest import acting_as
from .conftest import run_jobs


@pytest.mark.parametrize(
    "call",
    [
        "select private.delete_account(%(me)s, true)",
        "select * from private.account_export_rows(%(me)s)",
        "select * from private.user_columns()",
        "insert into public.account_exports (user_id) values (%(me)s)",
    ],
)
def test_clients_cannot_delete_accounts_or_read_exports_directly(conn, person, call):
    with pytest.raises(psycopg.errors.InsufficientPrivilege), acting_as(conn, person["id"]) as cur:
        cur.execute(call, {"me": person["id"]})


def test_a_client_requests_an_export_only_for_themself(conn, person):
    with acting_as(conn, person["id"]) as cur:
        cur.execute("select user_id from public.request_account_export()")
        assert cur.fetchone() == (person["id"],)
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select public.request_account_export()")


def test_the_ledger_stays_append_only_outside_a_deletion(conn, person):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("delete from public.xp_events where user_id = %s", (person["id"],))


def test_a_deletion_may_only_remove_the_ledger_rows_of_its_own_account(conn, person):
    other = person["other"]["id"]
    with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
        conn.execute("select set_config('optio.deleting_account', %s, true)", (str(other),))
        conn.execute("delete from public.xp_events where user_id = %s", (person["id"],))


def test_a_client_cannot_borrow_the_deletion_exception(conn, person):
    with acting_as(conn, person["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select set_config('optio.deleting_account', %s, true)", (str(person["id"]),))
        cur.execute("delete from public.xp_events where user_id = %s", (person["id"],))


def test_an_export_is_built_once(app, client, person):
    started = client.post("/api/users/me/export", headers=person["headers"]).get_json()
    run_jobs(app)

    with app.app_context():
        assert build_export(started["id"]) is False


def test_an_export_of_a_deleted_account_builds_nothing(app, client, conn, person, stored_evidence):
    assert client.post("/api/users/me/export", headers=person["headers"]).status_code == 202
    deleted = client.post(
        "/api/users/me/delete", json={"password": person["password"]}, headers=person["headers"]
    )
    assert deleted.status_code == 204

    run_jobs(app)

    assert not [key for key in stored_evidence.keys() if str(person["id"]) in key]  # noqa: SIM118


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/users/me/export", None),
        ("get", "/api/users/me/exports", None),
        ("post", "/api/users/me/delete", "password"),
    ],
)
def test_data_rights_endpoints_keep_the_round_trip_budget(client, person, method, path, body):
    payload = {"password": person["password"]} if body else None
    resp = getattr(client, method)(path, json=payload, headers=person["headers"])
    assert resp.status_code < 300, resp.get_json()
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3
