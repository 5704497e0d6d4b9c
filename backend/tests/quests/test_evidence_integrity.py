"""File evidence is only ever a file the API stored for that student: a client writing its own
completion rows (Supabase's Data API, as `authenticated`) cannot point one at another user's
file, claim a file that was never stored, or reuse one file for two tasks; and a bad path
left from before never breaks a quest page or a diploma."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
import pytest

from ..conftest import acting_as
from ..diplomas.conftest import PNG, publish, stored_png
from ..factories import make_quest, signed_in
from .test_uploads import PDF, png_bytes, upload

INSERT = (
    "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_path)"
    " values (%s, %s, %s, %s)"
)


@pytest.fixture
def world(client, app, conn):
    """Alice and Bob are both enrolled in a quest of three tasks; Bob has finished its first
    task with a PDF only he should ever be able to read (private, so not on his diploma)."""
    quest = make_quest(conn, tasks=3, xp=[80, 20, 30])
    people = {}
    for name in ("alice", "bob"):
        user, headers = signed_in(client, app, first_name=name.title(), last_name="Tester")
        assert client.post(f"/api/quests/{quest['id']}/enroll", headers=headers).status_code == 200
        people[name] = {**user, "headers": headers}
    resp = upload(
        client, quest["tasks"][0], people["bob"]["headers"], PDF, "x.pdf", is_private="true"
    )
    assert resp.status_code == 201, resp.get_json()
    bob_path = conn.execute(
        "select evidence_path from public.quest_task_completions where user_id = %s",
        (people["bob"]["id"],),
    ).fetchone()[0]
    return {**people, "quest": quest, "bob_path": bob_path}


def xp_of(conn, user_id) -> int:
    return conn.execute(
        "select coalesce(sum(amount), 0) from public.xp_events where user_id = %s", (user_id,)
    ).fetchone()[0]


def attempt(database_url: str, user_id: Any, sql: str, params: Any) -> bool:
    """Run `sql` as `authenticated` for `user_id` and commit, like one Data API request;
    whether the database accepted it."""
    with psycopg.connect(database_url) as connection:
        try:
            with connection.transaction():
                connection.execute(
                    "select set_config('role', 'authenticated', true),"
                    " set_config('request.jwt.claims', %s, true)",
                    (f'{{"sub": "{user_id}", "role": "authenticated"}}',),
                )
                connection.execute(sql, params)
            return True
        except psycopg.Error:
            return False


def file_urls(document: Any) -> list[str]:
    """Every file_url anywhere in a JSON document."""
    if isinstance(document, dict):
        found = [v for k, v in document.items() if k == "file_url" and v]
        return found + [u for v in document.values() for u in file_urls(v)]
    if isinstance(document, list):
        return [u for v in document for u in file_urls(v)]
    return []


def pages_of(client, app, conn, person, quest) -> dict[str, Any]:
    """What the API shows of `person`'s work: their quest page, their diploma, and the
    diploma as anyone sees it once public, with the quest on it once completed."""
    slug = publish(conn, person["id"])
    visitor = app.test_client()
    pages = {
        "quest": client.get(f"/api/quests/{quest['id']}", headers=person["headers"]),
        "my diploma": client.get("/api/users/me/diploma", headers=person["headers"]),
        "public diploma": visitor.get(f"/api/diplomas/{slug}"),
    }
    if conn.execute(
        "select 1 from public.user_quests"
        " where user_id = %s and quest_id = %s and completed_at is not null",
        (person["id"], quest["id"]),
    ).fetchone():
        pages["quest on the diploma"] = visitor.get(f"/api/diplomas/{slug}/quests/{quest['id']}")
    return pages


# --- what a client may write -----------------------------------------------------------------


def test_a_completion_cannot_name_another_users_stored_file(conn, world):
    alice = world["alice"]["id"]
    with (
        acting_as(conn, alice) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="not a file you stored"),
    ):
        cur.execute(
            INSERT, (alice, world["quest"]["tasks"][1]["id"], "document", world["bob_path"])
        )


def test_a_forged_completion_never_serves_another_users_bytes(
    client, app, conn, database_url, world, stored_evidence
):
    alice, task = world["alice"], world["quest"]["tasks"][1]
    for kind in ("document", "image"):  # whatever the database says, nothing may leak
        attempt(
            database_url, alice["id"], INSERT, (alice["id"], task["id"], kind, world["bob_path"])
        )
    pages = pages_of(client, app, conn, alice, world["quest"])
    assert {name: resp.status_code for name, resp in pages.items()} == dict.fromkeys(pages, 200)
    for resp in pages.values():
        assert world["bob_path"] not in resp.get_data(as_text=True)
        for url in file_urls(resp.get_json()):
            assert stored_evidence.fetch(client, url)[1] != PDF


# The API's own route for local files; Supabase Storage checks its signed URLs itself.
@pytest.mark.local_only
def test_a_stored_file_is_served_only_through_a_url_the_api_signed(client, world):
    owner, name = world["bob_path"].split("/")
    with client.get(f"/api/storage/evidence/{owner}/{name}?expires=9999999999&signature=00") as r:
        assert r.status_code == 403


def test_no_xp_for_a_file_that_was_never_stored(conn, world):
    alice = world["alice"]["id"]
    made_up = f"{alice}/{uuid.uuid4().hex}.png"
    with (
        acting_as(conn, alice) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="not a file you stored"),
    ):
        cur.execute(INSERT, (alice, world["quest"]["tasks"][1]["id"], "image", made_up))
    assert xp_of(conn, alice) == 0


def test_a_file_stored_for_me_but_not_through_the_api_is_not_evidence(app, conn, world):
    """Bytes in my folder are evidence only once the API has recorded them as mine."""
    alice = world["alice"]["id"]
    path = stored_png(app, alice)
    with acting_as(conn, alice) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(INSERT, (alice, world["quest"]["tasks"][1]["id"], "image", path))


@pytest.mark.parametrize("column", ["evidence_content_type", "evidence_size"])
def test_clients_cannot_state_a_files_content_type_or_size(conn, world, column):
    alice = world["alice"]["id"]
    with acting_as(conn, alice) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(
            "insert into public.quest_task_completions"
            f" (user_id, task_id, evidence_type, evidence_text, {column})"
            " values (%s, %s, 'text', 'hi', null)",
            (alice, world["quest"]["tasks"][1]["id"]),
        )


def test_text_evidence_carries_no_file(client, conn, world):
    alice = world["alice"]
    resp = upload(client, world["quest"]["tasks"][0], alice["headers"], png_bytes(), "a.png")
    mine = resp.get_json()["completion"]
    path = conn.execute(
        "select evidence_path from public.quest_task_completions where id = %s", (mine["id"],)
    ).fetchone()[0]
    with acting_as(conn, alice["id"]) as cur, pytest.raises(psycopg.errors.CheckViolation):
        cur.execute(
            "insert into public.quest_task_completions"
            " (user_id, task_id, evidence_type, evidence_text, evidence_path)"
            " values (%s, %s, 'text', 'see file', %s)",
            (alice["id"], world["quest"]["tasks"][1]["id"], path),
        )


def test_one_stored_file_backs_one_completion(client, conn, world):
    """Else one upload would earn the XP of every task."""
    alice = world["alice"]
    resp = upload(client, world["quest"]["tasks"][0], alice["headers"], png_bytes(), "a.png")
    assert resp.status_code == 201
    path = conn.execute(
        "select evidence_path from public.quest_task_completions where user_id = %s",
        (alice["id"],),
    ).fetchone()[0]
    with acting_as(conn, alice["id"]) as cur, pytest.raises(psycopg.errors.UniqueViolation):
        cur.execute(INSERT, (alice["id"], world["quest"]["tasks"][1]["id"], "image", path))


def test_an_upload_records_the_file_as_mine_with_its_sniffed_type_and_size(client, conn, world):
    alice = world["alice"]
    resp = upload(client, world["quest"]["tasks"][1], alice["headers"], png_bytes(), "a.png")
    assert resp.status_code == 201, resp.get_json()
    assert resp.headers["X-DB-Round-Trips"] == "3"
    evidence = resp.get_json()["completion"]["evidence"]
    assert (evidence["content_type"], evidence["size"]) == ("image/png", len(png_bytes()))
    row = conn.execute(
        "select o.owner, o.content_type, o.size from private.evidence_objects o"
        " join public.quest_task_completions c on c.evidence_path = o.path"
        " where c.id = %s",
        (resp.get_json()["completion"]["id"],),
    ).fetchone()
    assert row == (alice["id"], "image/png", len(png_bytes()))


def test_a_repeat_upload_leaves_no_unused_record_behind(client, conn, world):
    alice, task = world["alice"], world["quest"]["tasks"][1]
    assert upload(client, task, alice["headers"], png_bytes(), "a.png").status_code == 201
    again = upload(client, task, alice["headers"], png_bytes(), "a.png")
    assert again.status_code == 200
    unused = conn.execute(
        "select count(*) from private.evidence_objects o where not exists ("
        " select 1 from public.quest_task_completions c where c.evidence_path = o.path)"
    ).fetchone()[0]
    assert unused == 0


def test_nobody_reads_or_writes_the_record_of_stored_files(conn, world):
    alice = world["alice"]["id"]
    for statement in (
        "select * from private.evidence_objects",
        f"insert into private.evidence_objects (path, owner, content_type, size)"
        f" values ('{alice}/{uuid.uuid4().hex}.png', '{alice}', 'image/png', 10)",
    ):
        with acting_as(conn, alice) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
            cur.execute(statement)


# --- rows left from before -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["../../etc/passwd", "/etc/passwd", "a//b.png", "not a key", f"{uuid.uuid4()}/x.png"]
)
def test_a_bad_stored_path_never_breaks_the_quest_page_or_the_diploma(
    client, app, conn, world, path
):
    alice, quest = world["alice"], make_quest(conn, tasks=1)
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) values (%s, %s)",
        (alice["id"], quest["id"]),
    )
    conn.execute(  # as the superuser: a row written before the database checked paths
        INSERT, (alice["id"], quest["tasks"][0]["id"], "image", path)
    )
    pages = pages_of(client, app, conn, alice, quest)
    assert {name: resp.status_code for name, resp in pages.items()} == dict.fromkeys(pages, 200)
    assert pages["public diploma"].get_json()["recent_quests"][0]["id"] == str(quest["id"])
    done = pages["quest on the diploma"].get_json()
    assert done["tasks"][0]["evidence"]["type"] == "image"
    for resp in pages.values():
        assert file_urls(resp.get_json()) == []


def test_earlier_file_evidence_is_adopted_when_it_is_the_students_own_and_withdrawn_otherwise(
    client, app, conn, world, stored_evidence
):
    """What the migration does to rows written before the database checked them: a file in the
    student's own folder backs its first completion; anything else is withdrawn (the row and
    its XP stay, without a file)."""
    alice, tasks = world["alice"], make_quest(conn, tasks=4)["tasks"]
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) select %s, quest_id"
        " from public.quest_tasks where id = %s",
        (alice["id"], tasks[0]["id"]),
    )
    conn.execute("drop index public.completions_evidence_path_key")  # as it was before
    own = stored_png(app, alice["id"])
    rows = {
        "own": (tasks[0], "image", own),
        "again": (tasks[1], "image", own),
        "bob's": (tasks[2], "document", world["bob_path"]),
        "bad": (tasks[3], "image", "../../etc/passwd"),
    }
    ids = {
        name: conn.execute(
            INSERT + " returning id", (alice["id"], task["id"], kind, path)
        ).fetchone()[0]
        for name, (task, kind, path) in rows.items()
    }
    conn.execute(
        "update public.quest_task_completions set evidence_content_type = 'image/png',"
        " evidence_size = %s where id = %s",
        (len(PNG), ids["own"]),
    )
    assert conn.execute("select private.adopt_stored_evidence()").fetchone()[0] == 3
    conn.execute(  # what the migration then creates
        "create unique index completions_evidence_path_key"
        " on public.quest_task_completions (evidence_path) where evidence_path is not null"
    )
    paths = dict(
        conn.execute(
            "select id, evidence_path from public.quest_task_completions where id = any(%s)",
            (list(ids.values()),),
        ).fetchall()
    )
    assert {name: paths[i] for name, i in ids.items()} == {
        "own": own,
        "again": None,
        "bob's": None,
        "bad": None,
    }
    assert conn.execute(
        "select owner from private.evidence_objects where path = %s", (own,)
    ).fetchone() == (alice["id"],)
    pages = pages_of(client, app, conn, alice, world["quest"])
    for resp in pages.values():
        assert resp.status_code == 200
        for url in file_urls(resp.get_json()):
            assert stored_evidence.fetch(client, url)[1] != PDF
