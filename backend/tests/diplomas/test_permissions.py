"""Who may do what with diplomas: every endpoint, the table's policies through the database
roles themselves, and the definer functions."""

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import bearer, login, make_user
from .conftest import diploma_of, publish

ACTORS = ["anon", "owner", "other", "admin"]
DENIED = "denied"


@pytest.fixture
def people(app, conn):
    """The owner's diploma is private unless a test publishes it."""
    owner = make_user(app, first_name="Olga", last_name="Owner")
    other = make_user(app, first_name="Otto", last_name="Other")
    admin = make_user(app, role="admin", first_name="Ada", last_name="Admin")
    return {"anon": None, "owner": owner, "other": other, "admin": admin}


def _id(people, actor):
    return people[actor]["id"] if people[actor] else None


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


def _attempt(conn, people, actor, statement, params=()):
    """The statement's row count as `actor`, or DENIED when the database refuses it outright."""
    with acting_as(conn, _id(people, actor)) as cur:
        try:
            cur.execute(statement, params)
        except psycopg.errors.InsufficientPrivilege:
            return DENIED
        return len(cur.fetchall()) if cur.description else cur.rowcount


@pytest.mark.parametrize(
    "actor,private,public", [("anon", 0, 1), ("owner", 1, 1), ("other", 0, 1), ("admin", 1, 1)]
)
def test_table_read(conn, people, actor, private, public):
    read = "select slug from public.diplomas where user_id = %s"
    owner = people["owner"]["id"]
    assert _attempt(conn, people, actor, read, (owner,)) == private
    publish(conn, owner)
    assert _attempt(conn, people, actor, read, (owner,)) == public


@pytest.mark.parametrize(
    "actor,result", [("anon", DENIED), ("owner", 1), ("other", 1), ("admin", 1)]
)
def test_table_update_own(conn, people, actor, result):
    statement = (
        "update public.diplomas set headline = 'Mine', bio = 'b', is_public = true,"
        " slug = 'my-new-slug' where user_id = (select auth.uid())"
    )
    assert _attempt(conn, people, actor, statement) == result


@pytest.mark.parametrize(
    "actor,result", [("anon", DENIED), ("owner", 1), ("other", 0), ("admin", 0)]
)
def test_table_update_the_owners(conn, people, actor, result):
    publish(conn, people["owner"]["id"])  # readable by all, still writable only by its owner
    statement = "update public.diplomas set headline = 'Hacked' where user_id = %s"
    assert _attempt(conn, people, actor, statement, (people["owner"]["id"],)) == result


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
        _attempt(conn, people, actor, statement, (values[value], people["owner"]["id"])) == DENIED
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_table_insert_is_refused(app, conn, people, actor):
    me = _id(people, actor) or people["owner"]["id"]
    conn.execute("delete from public.diplomas where user_id = %s", (me,))
    statement = "insert into public.diplomas (user_id, slug) values (%s, 'forged-slug')"
    assert _attempt(conn, people, actor, statement, (me,)) == DENIED


@pytest.mark.parametrize("actor", ACTORS)
def test_table_delete_is_refused(conn, people, actor):
    statement = "delete from public.diplomas where user_id = %s"
    target = _id(people, actor) or people["owner"]["id"]
    assert _attempt(conn, people, actor, statement, (target,)) == DENIED
    assert _attempt(conn, people, actor, "delete from public.diplomas") == DENIED


# The functions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actor,sees", [("anon", False), ("owner", True), ("other", False), ("admin", True)]
)
def test_the_document_function_shows_a_private_diploma_to_its_owner_and_admins(
    conn, people, actor, sees
):
    slug = diploma_of(conn, people["owner"]["id"])["slug"]
    with acting_as(conn, _id(people, actor)) as cur:
        document = cur.execute("select private.diploma_document(%s)", (slug,)).fetchone()[0]
        missing = cur.execute("select private.diploma_document('no-such-one')").fetchone()[0]
    assert (document is not None) == sees and missing is None
    if sees:
        assert document["slug"] == slug and "email" not in document


@pytest.mark.parametrize("actor", ACTORS)
def test_the_document_function_shows_a_public_diploma_to_anyone(conn, people, actor):
    slug = publish(conn, people["owner"]["id"])
    with acting_as(conn, _id(people, actor)) as cur:
        document = cur.execute("select private.diploma_document(%s)", (slug,)).fetchone()[0]
    assert document["display_name"] == "Olga Owner"


@pytest.mark.parametrize(
    "call",
    [
        "select private.create_diploma(gen_random_uuid(), 'a', 'b', 'c')",
        "select private.diploma_slug_base('a', 'b', 'c')",
        "select private.slug_words('abc')",
    ],
)
@pytest.mark.parametrize("actor", ["anon", "owner"])
def test_the_api_roles_cannot_call_the_slug_helpers(conn, people, actor, call):
    assert _attempt(conn, people, actor, call) == DENIED
