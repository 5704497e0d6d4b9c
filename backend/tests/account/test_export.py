"""Exports: every row about me, from every table that names a user, with my evidence files, as
a zip behind a short-lived signed URL; one at a time; mine alone."""

from __future__ import annotations

import json
from typing import Any

from ..factories import signed_in
from ..quests.test_uploads import multipart, png_bytes
from .conftest import run_jobs, unzip

# Tables with a column that names a user, as the schema has them: the test's own reading of
# the catalog (foreign keys to the users tables, or a uuid column with a user's name).
USER_TABLES = """
select distinct n.nspname || '.' || c.relname
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and n.nspname in ('public', 'private')
  and a.attnum > 0 and not a.attisdropped
  and ((a.atttypid = 'uuid'::regtype
        and a.attname in ('user_id', 'student_id', 'supporter_id', 'author_id', 'to_user',
                          'owner', 'sender_id', 'recipient_id'))
       or exists (select 1 from pg_constraint k
                  where k.conrelid = c.oid and k.contype = 'f' and a.attnum = any (k.conkey)
                    and k.confrelid in ('public.users'::regclass, 'auth.users'::regclass)))
"""


def export_of(client, app, headers) -> dict[str, Any]:
    """Ask for an export and run its job: the export, ready."""
    started = client.post("/api/users/me/export", headers=headers)
    assert started.status_code == 202, started.get_json()
    assert started.get_json()["status"] == "pending"
    assert run_jobs(app) >= 1
    ready = client.get(f"/api/users/me/exports/{started.get_json()['id']}", headers=headers)
    body = ready.get_json()
    assert ready.status_code == 200 and body["status"] == "ready" and body["download_url"], body
    return body


def zip_of(client, app, headers, stored_evidence) -> dict[str, bytes]:
    status, data, _ = stored_evidence.fetch(client, export_of(client, app, headers)["download_url"])
    assert status == 200
    return unzip(data)


def rows(files: dict[str, bytes], table: str) -> list[dict[str, Any]]:
    return json.loads(files[f"data/{table}.json"])


def test_the_export_has_a_file_for_every_table_that_names_a_user(
    client, app, conn, person, stored_evidence
):
    files = zip_of(client, app, person["headers"], stored_evidence)

    tables = {row[0] for row in conn.execute(USER_TABLES).fetchall()} | {"public.users"}
    assert {f"data/{table}.json" for table in tables} <= set(files)


def test_the_export_has_every_row_about_me_and_none_about_others(
    client, app, conn, person, stored_evidence
):
    files = zip_of(client, app, person["headers"], stored_evidence)

    me, other = str(person["id"]), str(person["other"]["id"])
    assert [u["email"] for u in rows(files, "public.users")] == [person["email"]]
    assert len(rows(files, "public.quest_task_completions")) == 2
    assert {r["user_id"] for r in rows(files, "public.xp_events")} == {me}
    assert len(rows(files, "public.xp_events")) == 2
    # Feedback I wrote on the other's work and the feedback they wrote on mine.
    assert {
        (r["author_id"], r["student_id"]) for r in rows(files, "public.completion_feedback")
    } == {
        (me, other),
        (other, me),
    }
    mail = rows(files, "private.mail_outbox")
    assert {r["to_address"] for r in mail} == {person["email"]} and "digest" in {
        r["kind"] for r in mail
    }
    assert len(rows(files, "public.subscription_tier_changes")) == 1
    assert all(
        me in json.dumps(r)
        for name in files
        if name.startswith("data/")
        for r in rows(files, name[5:-5])
    )
    # Everything in the database about me is in the zip.
    for table, count in (
        ("public.user_quests", 1),
        ("public.team_requests", 1),
        ("public.student_links", 2),
        ("private.evidence_objects", 1),
    ):
        assert len(rows(files, table)) == count, table


def test_the_export_has_my_evidence_files(client, app, person, stored_evidence):
    files = zip_of(client, app, person["headers"], stored_evidence)

    evidence = [name for name in files if name.startswith("evidence/")]
    assert len(evidence) == 1 and files[evidence[0]] == person["file"]
    [record] = rows(files, "private.evidence_objects")
    assert evidence[0].endswith(record["path"].split("/")[1])


def test_the_export_has_my_profile_picture(client, app, person, stored_evidence):
    picture = png_bytes(extra=16)
    body, content_type = multipart(picture, "me.png")
    put = client.put(
        "/api/users/me/avatar", data=body, headers=person["headers"], content_type=content_type
    )
    assert put.status_code == 200

    files = zip_of(client, app, person["headers"], stored_evidence)

    [avatar] = [name for name in files if name.startswith("avatar/")]
    assert files[avatar] == picture and avatar.endswith(".png")


def test_without_a_picture_the_export_has_no_avatar(client, app, person, stored_evidence):
    files = zip_of(client, app, person["headers"], stored_evidence)
    assert not [name for name in files if name.startswith("avatar/")]


def test_one_export_is_pending_at_a_time(client, app, person):
    first = client.post("/api/users/me/export", headers=person["headers"])
    second = client.post("/api/users/me/export", headers=person["headers"])

    assert first.status_code == 202
    assert second.status_code == 409 and second.get_json()["error"]["code"] == "export_pending"
    run_jobs(app)
    assert client.post("/api/users/me/export", headers=person["headers"]).status_code == 202


def test_another_user_cannot_read_my_export(client, app, person):
    mine = export_of(client, app, person["headers"])
    _, stranger = signed_in(client, app)

    assert client.get(f"/api/users/me/exports/{mine['id']}", headers=stranger).status_code == 404
    assert client.get("/api/users/me/exports", headers=stranger).get_json() == {"data": []}


def test_my_exports_are_listed_newest_first(client, app, person):
    ready = export_of(client, app, person["headers"])
    pending = client.post("/api/users/me/export", headers=person["headers"]).get_json()

    listed = client.get("/api/users/me/exports", headers=person["headers"]).get_json()["data"]
    assert [e["id"] for e in listed] == [pending["id"], ready["id"]]
    assert listed[1]["download_url"] and listed[0]["download_url"] is None


def test_a_lapsed_export_is_deleted_from_storage(client, app, conn, person, stored_evidence):
    ready = export_of(client, app, person["headers"])
    stored = stored_evidence.keys()
    assert any(key.endswith(".zip") for key in stored)

    conn.execute(
        "update public.account_exports set expires_at = now() - interval '1 second' where id = %s",
        (ready["id"],),
    )
    conn.execute("update private.jobs set run_at = now() where kind = 'account.export_expire'")
    run_jobs(app)

    left = stored_evidence.keys()
    assert not any(key.endswith(".zip") for key in left)
    gone = client.get(f"/api/users/me/exports/{ready['id']}", headers=person["headers"])
    assert gone.get_json()["status"] == "expired" and gone.get_json()["download_url"] is None
