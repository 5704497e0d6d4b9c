"""Featured quests and the totals a diploma shows, through the database roles themselves."""

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import make_quest, make_user
from .conftest import ACTORS, DENIED, attempt_as, complete

_FEATURE = "update public.diplomas set featured_quest_ids = %s where user_id = %s"


@pytest.mark.parametrize(
    "actor,result", [("anon", DENIED), ("owner", 1), ("other", 0), ("admin", 0)]
)
def test_only_the_owner_features_quests_on_their_diploma(conn, people, completed, actor, result):
    owner = people["owner"]["id"]
    assert attempt_as(conn, people, actor, _FEATURE, ([completed["done"]], owner)) == result


@pytest.mark.parametrize(
    "featured,refused",
    [
        (["done"], None),
        ([], None),
        (["going"], "diplomas_featured_completed"),
        (["elsewhere"], "diplomas_featured_completed"),
        (["done", "done"], "diplomas_featured_once"),
        (["null"], "diplomas_featured_shape"),
        (["seven"], "diplomas_featured_shape"),
    ],
)
def test_the_database_keeps_featured_quests_to_six_of_the_owners_completed_ones(
    app, conn, people, completed, featured, refused
):
    owner = people["owner"]["id"]
    someone = make_user(app)
    elsewhere = make_quest(conn, tasks=1)
    complete(conn, someone["id"], elsewhere)
    ids = {**completed, "elsewhere": elsewhere["id"]}
    if featured == ["seven"]:
        quests = [make_quest(conn, tasks=1) for _ in range(7)]
        for quest in quests:
            complete(conn, owner, quest)
        value = [q["id"] for q in quests]
    else:
        value = [None if name == "null" else ids[name] for name in featured]
    with acting_as(conn, owner) as cur:
        if refused is None:
            cur.execute(_FEATURE + " returning featured_quest_ids", (value, owner))
            assert cur.fetchone()[0] == value
        else:
            with pytest.raises(psycopg.errors.CheckViolation) as caught:
                cur.execute(_FEATURE, (value, owner))
            assert caught.value.diag.constraint_name == refused


def test_a_featured_quest_that_is_gone_never_blocks_unfeaturing_another(app, conn, people):
    owner = people["owner"]["id"]
    first, second = make_quest(conn, tasks=1), make_quest(conn, tasks=1)
    complete(conn, owner, first)
    complete(conn, owner, second)
    conn.execute(_FEATURE, ([first["id"], second["id"]], owner))
    conn.execute("delete from public.user_quests where quest_id = %s", (first["id"],))
    with acting_as(conn, owner) as cur:
        assert cur.execute(_FEATURE, ([first["id"]], owner)).rowcount == 1


# The totals a diploma shows ------------------------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    "statement",
    [
        "select * from private.diploma_totals",
        "update private.diploma_totals set completed_quests = 999",
        "insert into private.diploma_totals (user_id) values (gen_random_uuid())",
        "delete from private.diploma_totals",
    ],
    ids=["select", "update", "insert", "delete"],
)
def test_no_client_touches_the_totals(conn, people, actor, statement):
    assert attempt_as(conn, people, actor, statement) == DENIED
