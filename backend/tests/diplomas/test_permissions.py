"""Who may do what with diplomas: every endpoint, the table's policies through the database
roles themselves, and the definer functions."""

import pytest

from ..conftest import acting_as
from ..factories import bearer, login, make_quest
from .conftest import (
    ACTORS,
    DENIED,
    actor_id,
    attempt_as,
    complete,
    diploma_of,
    publish,
    stored_png,
)

# The API -------------------------------------------------------------------------------------


@pytest.fixture
def as_actor(app, people):
    """(test client, headers) for an actor; anon gets a client with no session at all."""

    def make(actor):
        client = app.test_client()
        if people[actor] is None:
            return client, {}
        return client, bearer(login(client, people[actor]))

    return make


@pytest.mark.parametrize(
    "actor,private_status,public_status",
    [("anon", 404, 200), ("owner", 200, 200), ("other", 404, 200), ("admin", 200, 200)],
)
def test_get_a_diploma_by_slug(conn, people, as_actor, actor, private_status, public_status):
    client, headers = as_actor(actor)
    slug = diploma_of(conn, people["owner"]["id"])["slug"]
    assert client.get(f"/api/diplomas/{slug}", headers=headers).status_code == private_status
    publish(conn, people["owner"]["id"])
    assert client.get(f"/api/diplomas/{slug}", headers=headers).status_code == public_status


@pytest.mark.parametrize(
    "actor,status", [("anon", 401), ("owner", 200), ("other", 200), ("admin", 200)]
)
def test_get_my_diploma_reads_only_my_own(conn, people, as_actor, actor, status):
    client, headers = as_actor(actor)
    resp = client.get("/api/users/me/diploma", headers=headers)
    assert resp.status_code == status
    if status == 200:
        assert resp.get_json()["slug"] == diploma_of(conn, people[actor]["id"])["slug"]


@pytest.mark.parametrize(
    "actor,status", [("anon", 401), ("owner", 200), ("other", 200), ("admin", 200)]
)
def test_patch_my_diploma_changes_only_my_own(conn, people, as_actor, actor, status):
    client, headers = as_actor(actor)
    resp = client.patch("/api/users/me/diploma", json={"headline": "Changed"}, headers=headers)
    assert resp.status_code == status
    owner_headline = diploma_of(conn, people["owner"]["id"])["headline"]
    assert owner_headline == ("Changed" if actor == "owner" else None)
    if status == 200:
        assert diploma_of(conn, people[actor]["id"])["headline"] == "Changed"


# The table, through the database roles -------------------------------------------------------


@pytest.mark.parametrize(
    "actor,private,public", [("anon", 0, 1), ("owner", 1, 1), ("other", 0, 1), ("admin", 1, 1)]
)
def test_table_read(conn, people, actor, private, public):
    read = "select slug from public.diplomas where user_id = %s"
    owner = people["owner"]["id"]
    assert attempt_as(conn, people, actor, read, (owner,)) == private
    publish(conn, owner)
    assert attempt_as(conn, people, actor, read, (owner,)) == public


@pytest.mark.parametrize(
    "actor,result", [("anon", DENIED), ("owner", 1), ("other", 1), ("admin", 1)]
)
def test_table_update_own(conn, people, actor, result):
    statement = (
        "update public.diplomas set headline = 'Mine', bio = 'b', is_public = true,"
        " slug = 'my-new-slug' where user_id = (select auth.uid())"
    )
    assert attempt_as(conn, people, actor, statement) == result


@pytest.mark.parametrize(
    "actor,result", [("anon", DENIED), ("owner", 1), ("other", 0), ("admin", 0)]
)
def test_table_update_the_owners(conn, people, actor, result):
    publish(conn, people["owner"]["id"])  # readable by all, still writable only by its owner
    statement = "update public.diplomas set headline = 'Hacked' where user_id = %s"
    assert attempt_as(conn, people, actor, statement, (people["owner"]["id"],)) == result


@pytest.mark.parametrize(
    "column,value", [("user_id", "other"), ("created_at", "now"), ("id", "new")]
)
@pytest.mark.parametrize("actor", ACTORS)
def test_table_update_of_other_columns_is_refused_even_for_the_owner(
    conn, people, actor, column, value
):
    values = {
        "other": people["other"]["id"],
        "now": "2000-01-01",
        "new": "00000000-0000-4000-8000-000000000001",
    }
    statement = f"update public.diplomas set {column} = %s where user_id = %s"
    assert (
        attempt_as(conn, people, actor, statement, (values[value], people["owner"]["id"])) == DENIED
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_table_insert_is_refused(app, conn, people, actor):
    me = actor_id(people, actor) or people["owner"]["id"]
    conn.execute("delete from public.diplomas where user_id = %s", (me,))
    statement = "insert into public.diplomas (user_id, slug) values (%s, 'forged-slug')"
    assert attempt_as(conn, people, actor, statement, (me,)) == DENIED


@pytest.mark.parametrize("actor", ACTORS)
def test_table_delete_is_refused(conn, people, actor):
    statement = "delete from public.diplomas where user_id = %s"
    target = actor_id(people, actor) or people["owner"]["id"]
    assert attempt_as(conn, people, actor, statement, (target,)) == DENIED
    assert attempt_as(conn, people, actor, "delete from public.diplomas") == DENIED


# The functions -------------------------------------------------------------------------------

_PARTS = {
    "first view": ("select * from private.diploma_front(%(slug)s)", {}),
    "quests": ("select * from private.diploma_quests(%(slug)s, null, null, 20)", {}),
    "quest": ("select * from private.diploma_quest(%(slug)s, %(quest)s)", {}),
}


@pytest.mark.parametrize("part", _PARTS)
@pytest.mark.parametrize(
    "actor,sees", [("anon", False), ("owner", True), ("other", False), ("admin", True)]
)
def test_the_functions_show_a_private_diploma_to_its_owner_and_admins(
    conn, people, completed, actor, sees, part
):
    slug = diploma_of(conn, people["owner"]["id"])["slug"]
    statement, _ = _PARTS[part]
    params = {"slug": slug, "quest": completed["done"]}
    with acting_as(conn, actor_id(people, actor)) as cur:
        rows = cur.execute(statement, params).fetchall()
        missing = cur.execute(statement, {**params, "slug": "no-such-one"}).fetchall()
    assert len(rows) == (1 if sees else 0) and missing == []
    if sees:
        etag, visible_to_anyone, document = rows[0]
        assert etag and visible_to_anyone is False and "email" not in str(document)


@pytest.mark.parametrize("part", _PARTS)
@pytest.mark.parametrize("actor", ACTORS)
def test_the_functions_show_a_public_diploma_to_anyone(conn, people, completed, actor, part):
    slug = publish(conn, people["owner"]["id"])
    statement, _ = _PARTS[part]
    with acting_as(conn, actor_id(people, actor)) as cur:
        [(_, visible_to_anyone, document)] = cur.execute(
            statement, {"slug": slug, "quest": completed["done"]}
        ).fetchall()
    assert visible_to_anyone is True and document


@pytest.mark.parametrize("actor,sees", [("anon", False), ("owner", True), ("admin", True)])
def test_the_evidence_function_gives_a_private_diplomas_files_to_its_owner_and_admins(
    app, conn, people, actor, sees
):
    owner = people["owner"]["id"]
    quest = make_quest(conn, tasks=1)
    path = stored_png(app, owner)
    complete(
        conn,
        owner,
        quest,
        [{"evidence_type": "image", "evidence_text": None, "evidence_path": path}],
    )
    completion = conn.execute(
        "select id from public.quest_task_completions where evidence_path = %s", (path,)
    ).fetchone()[0]
    slug = diploma_of(conn, owner)["slug"]
    with acting_as(conn, actor_id(people, actor)) as cur:
        found = cur.execute(
            "select private.diploma_evidence(%s, %s)", (slug, completion)
        ).fetchone()[0]
    assert found == (path if sees else None)


@pytest.mark.parametrize(
    "call",
    [
        "select private.create_diploma(gen_random_uuid(), 'a', 'b', 'c')",
        "select private.diploma_slug_base('a', 'b', 'c')",
        "select private.slug_words('abc')",
        "select private.readable_diploma('abc')",
        "select private.diploma_quest_summaries(gen_random_uuid(), '{}')",
        "select private.diploma_quests_in_progress(gen_random_uuid(), '{}')",
        "select private.is_own_evidence_key('a', gen_random_uuid())",
    ],
)
@pytest.mark.parametrize("actor", ["anon", "owner"])
def test_the_api_roles_cannot_call_the_helpers(conn, people, actor, call):
    assert attempt_as(conn, people, actor, call) == DENIED
