"""Deleting my account: confirmed by my password; afterwards nothing in the database names me,
none of my files is stored, and neither my password nor my old token lets anyone in."""

from __future__ import annotations

from typing import Any

import pytest
from psycopg import sql

from .conftest import run_jobs

# Every table of every schema but PostgreSQL's own.
ALL_TABLES = """
select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\\_%'
order by 1, 2"""


def tables_naming(conn, *needles: str) -> list[str]:
    """The tables with a row whose text holds any of `needles` (case-insensitive)."""
    found = []
    for schema, table in conn.execute(ALL_TABLES).fetchall():
        query = sql.SQL("select count(*) from {}.{} t where {}").format(
            sql.Identifier(schema),
            sql.Identifier(table),
            sql.SQL(" or ").join(
                sql.SQL("strpos(lower(t::text), {}) > 0").format(sql.Literal(n.lower()))
                for n in needles
            ),
        )
        if conn.execute(query).fetchone()[0]:
            found.append(f"{schema}.{table}")
    return found


def delete(client, person: dict[str, Any], password: str | None = None):
    return client.post(
        "/api/users/me/delete",
        json={"password": password or person["password"]},
        headers=person["headers"],
    )


def with_an_export(client, app, person) -> None:
    assert client.post("/api/users/me/export", headers=person["headers"]).status_code == 202
    run_jobs(app)


def test_a_wrong_password_deletes_nothing(client, app, conn, person, stored_evidence):
    with_an_export(client, app, person)
    files = stored_evidence.keys()

    resp = delete(client, person, password="not-my-password")

    assert resp.status_code == 403 and resp.get_json()["error"]["code"] == "wrong_password"
    assert stored_evidence.keys() == files
    assert client.get("/api/auth/me", headers=person["headers"]).status_code == 200
    assert tables_naming(conn, str(person["id"]))  # everything still there


def test_after_deletion_no_table_names_me(client, app, conn, person):
    with_an_export(client, app, person)

    assert delete(client, person).status_code == 204
    run_jobs(app)

    assert tables_naming(conn, str(person["id"]), person["email"]) == []


def test_after_deletion_none_of_my_files_is_stored(client, app, person, stored_evidence):
    with_an_export(client, app, person)
    stored = stored_evidence.keys()
    mine = [key for key in stored if key.startswith(f"{person['id']}/")]
    assert any(key.endswith(".zip") for key in mine) and any(key.endswith(".png") for key in mine)

    assert delete(client, person).status_code == 204

    left = stored_evidence.keys()
    assert not [key for key in left if str(person["id"]) in key]


def test_after_deletion_i_cannot_sign_in_or_use_my_token(client, person):
    assert delete(client, person).status_code == 204

    login = client.post(
        "/api/auth/login", json={"email": person["email"], "password": person["password"]}
    )
    assert login.status_code in (401, 403)
    assert client.get("/api/auth/me", headers=person["headers"]).status_code == 401


def test_deletion_keeps_the_others_work_and_drops_what_i_wrote_on_it(client, conn, person):
    other = person["other"]

    assert delete(client, person).status_code == 204

    assert (
        conn.execute(
            "select count(*) from public.quest_task_completions where user_id = %s", (other["id"],)
        ).fetchone()[0]
        == 1
    )
    assert (
        conn.execute(
            "select count(*) from public.completion_feedback where student_id = %s", (other["id"],)
        ).fetchone()[0]
        == 0
    )
    me = client.get("/api/auth/me", headers=person["other_headers"])
    assert me.status_code == 200


def test_deletion_writes_an_audit_entry_that_does_not_name_me(client, conn, person):
    assert delete(client, person).status_code == 204

    [entry] = conn.execute(
        "select actor_id, target_id, after from public.audit_log where action = 'account.delete'"
    ).fetchall()
    assert entry[0] is None and entry[1] is None
    assert entry[2] == {"role": "student", "tier": "supported", "subscribed": False}
    # The admin's earlier entry about me is kept, forgetting whom it was about.
    [kept] = conn.execute(
        "select target_id, after from public.audit_log where action = 'user.update'"
    ).fetchall()
    assert kept == (None, None)


@pytest.mark.parametrize("field", [{}, {"password": ""}])
def test_deletion_needs_my_password(client, person, field):
    resp = client.post("/api/users/me/delete", json=field, headers=person["headers"])
    assert resp.status_code == 422
