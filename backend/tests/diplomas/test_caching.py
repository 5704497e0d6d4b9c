"""What caches may do with a diploma: ETags that change with whatever the diploma shows, 304s
that cost one round trip and never build the document, and no signed link or private diploma
ever kept by a shared cache."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from optio.diplomas import queries

from ..conftest import acting_as
from ..factories import signed_in
from .conftest import diploma_of, parts, publish

SHARED = "public, max-age=60, stale-while-revalidate=600"
UNSHARED = "private, no-store"


@pytest.mark.parametrize("part", range(3), ids=["first view", "quests", "quest"])
def test_a_matching_if_none_match_is_a_304_in_one_round_trip(maya, visitor, part):
    url = parts(maya)[part]
    first = visitor.get(url)
    assert first.status_code == 200 and int(first.headers["X-DB-Round-Trips"]) == 1
    etag = first.headers["ETag"]
    again = visitor.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag and again.headers["Cache-Control"] == SHARED
    assert int(again.headers["X-DB-Round-Trips"]) == 1
    weak = visitor.get(url, headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304
    assert visitor.get(url, headers={"If-None-Match": "*"}).status_code == 304
    other = visitor.get(url, headers={"If-None-Match": '"other"'})
    assert other.status_code == 200 and other.headers["ETag"] == etag


def test_my_diploma_answers_304_in_one_round_trip_too(client, maya):
    first = client.get("/api/users/me/diploma", headers=maya["headers"])
    etag = first.headers["ETag"]
    again = client.get("/api/users/me/diploma", headers={**maya["headers"], "If-None-Match": etag})
    assert again.status_code == 304 and int(again.headers["X-DB-Round-Trips"]) == 1
    assert again.headers["Cache-Control"] == UNSHARED


_CALLS = "select funcname, calls from pg_stat_xact_user_functions where schemaname = 'private'"


@pytest.fixture
def calls_of(conn) -> Iterator:
    """How often each private function ran in a statement run as anon: the server counts the
    calls not yet flushed to its statistics (track_functions on), before and after."""
    conn.execute("set track_functions = 'all'")

    def run(statement: str, params: dict) -> dict[str, int]:
        with acting_as(conn, None) as cur:
            cur.execute("reset role")
            before = dict(cur.execute(_CALLS).fetchall())
            cur.execute("select set_config('role', 'anon', true)")
            cur.execute(statement, params)
            cur.execute("reset role")
            after = dict(cur.execute(_CALLS).fetchall())
        return {f: n - before.get(f, 0) for f, n in after.items() if n > before.get(f, 0)}

    yield run
    conn.execute("reset track_functions")


def test_a_304_never_builds_the_document(conn, maya, calls_of):
    params = {"slug": maya["slug"], "known": []}
    built = calls_of(queries.FRONT, params)
    assert built["diploma_front_document"] == 1
    with acting_as(conn, None) as cur:
        etag = cur.execute(queries.FRONT, params).fetchone()[0]
    not_built = calls_of(queries.FRONT, {**params, "known": ['"x"', etag]})
    assert not_built["diploma_front"] == 1 and "diploma_front_document" not in not_built
    assert "diploma_quest_summaries" not in not_built


# The ETag follows everything the first view shows -------------------------------------------


def etag_of(visitor, person) -> str:
    resp = visitor.get(f"/api/diplomas/{person['slug']}")
    assert resp.status_code == 200
    return resp.headers["ETag"]


def test_the_etag_stays_while_nothing_changes(client, maya, visitor):
    before = etag_of(visitor, maya)
    client.get(f"/api/quests/{maya['going']['id']}", headers=maya["headers"])
    assert etag_of(visitor, maya) == before


def _complete_a_task(client, person, conn):
    task = person["going"]["tasks"][1]["id"]
    resp = client.post(
        f"/api/tasks/{task}/complete",
        json={"type": "text", "text": "Sang it"},
        headers=person["headers"],
    )
    assert resp.status_code in (200, 201), resp.get_json()


def _rename(client, person, conn):
    resp = client.patch(
        "/api/users/me", json={"display_name": "Mara Ray"}, headers=person["headers"]
    )
    assert resp.status_code == 200


def _headline(client, person, conn):
    resp = client.patch(
        "/api/users/me/diploma", json={"headline": "Stargazer"}, headers=person["headers"]
    )
    assert resp.status_code == 200


def _feature(client, person, conn):
    resp = client.patch(
        "/api/users/me/diploma",
        json={"featured_quest_ids": [str(person["done"]["id"])]},
        headers=person["headers"],
    )
    assert resp.status_code == 200


def _admin_renames_a_shown_quest(client, person, conn):
    admin = signed_in(client, person["app"], role="admin")[1]
    resp = client.patch(
        f"/api/admin/quests/{person['done']['id']}", json={"title": "Chart the sky"}, headers=admin
    )
    assert resp.status_code == 200


def _admin_changes_a_task_in_progress(client, person, conn):
    admin = signed_in(client, person["app"], role="admin")[1]
    quest, task = person["going"]["id"], person["going"]["tasks"][2]["id"]
    resp = client.patch(
        f"/api/admin/quests/{quest}/tasks/{task}", json={"xp_value": 500}, headers=admin
    )
    assert resp.status_code == 200


def _tier_loses_its_mark(client, person, conn):
    conn.execute(
        "update public.users set subscription_tier = 'academy' where id = %s", (person["id"],)
    )


def _abandon(client, person, conn):
    resp = client.post(f"/api/quests/{person['going']['id']}/abandon", headers=person["headers"])
    assert resp.status_code == 200, resp.get_json()


@pytest.mark.parametrize(
    "change",
    [
        _complete_a_task,
        _rename,
        _headline,
        _feature,
        _admin_renames_a_shown_quest,
        _admin_changes_a_task_in_progress,
        _tier_loses_its_mark,
        _abandon,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_the_etag_changes_with_what_the_first_view_shows(client, app, conn, maya, visitor, change):
    before = visitor.get(f"/api/diplomas/{maya['slug']}")
    change(client, {**maya, "app": app}, conn)
    after = visitor.get(
        f"/api/diplomas/{maya['slug']}", headers={"If-None-Match": before.headers["ETag"]}
    )
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert after.get_json() != before.get_json()


def test_the_etag_of_a_quest_changes_when_its_task_does(client, app, conn, maya, visitor):
    url = parts(maya)[2]
    before = visitor.get(url).headers["ETag"]
    admin = signed_in(client, app, role="admin")[1]
    task = maya["done"]["tasks"][0]["id"]
    client.patch(
        f"/api/admin/quests/{maya['done']['id']}/tasks/{task}",
        json={"title": "Look up"},
        headers=admin,
    )
    after = visitor.get(url, headers={"If-None-Match": before})
    assert after.status_code == 200 and after.get_json()["tasks"][0]["title"] == "Look up"


def test_unpublishing_answers_404_even_to_a_held_etag(client, conn, maya, visitor):
    etag = etag_of(visitor, maya)
    publish(conn, maya["id"], is_public=False)
    assert (
        visitor.get(f"/api/diplomas/{maya['slug']}", headers={"If-None-Match": etag}).status_code
        == 404
    )


# No shared cache keeps a signed link or a private diploma -----------------------------------

_SIGNED = re.compile(r"[?&](signature|token)=")


def _everything(visitor, person, headers) -> list[tuple]:
    """Every diploma response a browser (signed in with `headers`, or not) gets for `person`,
    evidence links followed, each with the headers it was asked with."""
    asked = [(url, headers) for url in parts(person)]
    asked.append(("/api/users/me/diploma", person["headers"]))
    answers = [(visitor.get(url, headers=h), h) for url, h in asked]
    for task in answers[2][0].get_json()["tasks"]:
        file_url = (task["evidence"] or {}).get("file_url")
        if file_url:
            answers.append((visitor.get(file_url, headers=headers), headers))
    return answers


def test_every_response_that_carries_a_signed_link_is_private(client, maya, visitor):
    answers = [answer for answer, _ in _everything(visitor, maya, {})]
    signed = [
        a
        for a in answers
        if _SIGNED.search(a.get_data(as_text=True) + a.headers.get("Location", ""))
    ]
    assert signed, "a followed file link carries one"
    for answer in signed:
        assert answer.status_code == 302
        assert answer.headers["Cache-Control"] == UNSHARED
    for answer in answers:
        if "public" in answer.headers.get("Cache-Control", ""):
            assert not _SIGNED.search(answer.get_data(as_text=True))


@pytest.mark.parametrize("viewer", ["owner", "admin"])
def test_every_part_of_a_private_diploma_is_private_no_store(client, app, conn, maya, viewer):
    publish(conn, maya["id"], is_public=False)
    headers = maya["headers"] if viewer == "owner" else signed_in(client, app, role="admin")[1]
    for answer, asked_with in _everything(client, maya, headers):
        path = answer.request.path
        assert answer.status_code in (200, 302), path
        assert answer.headers["Cache-Control"] == UNSHARED, path
        etag = answer.headers.get("ETag")
        if etag:
            again = client.get(path, headers={**asked_with, "If-None-Match": etag})
            assert again.status_code == 304 and again.headers["Cache-Control"] == UNSHARED, path


def test_a_deactivated_owners_diploma_is_private_to_admins(client, app, conn, maya):
    conn.execute("update public.users set is_active = false where id = %s", (maya["id"],))
    admin = signed_in(client, app, role="admin")[1]
    for url in parts(maya):
        answer = client.get(url, headers=admin)
        assert answer.status_code == 200 and answer.headers["Cache-Control"] == UNSHARED


def test_an_evidence_link_of_a_private_file_or_a_text_is_404(client, conn, maya, visitor):
    rows = conn.execute(
        "select id, evidence_type from public.quest_task_completions where user_id = %s",
        (maya["id"],),
    ).fetchall()
    for completion, kind in rows:
        if kind == "image":
            conn.execute(
                "update public.quest_task_completions set is_private = true where id = %s",
                (completion,),
            )
        resp = visitor.get(f"/api/diplomas/{maya['slug']}/evidence/{completion}")
        assert resp.status_code == 404, kind
    assert diploma_of(conn, maya["id"])["is_public"]
