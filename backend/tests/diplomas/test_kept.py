"""Built public diploma documents kept by the process (optio.diplomas.kept): served only while
the database says they are current, never for a private diploma, within a byte budget."""

from __future__ import annotations

import pytest

from optio.diplomas import service
from optio.diplomas.kept import KeptDocuments

from ..factories import signed_in
from .conftest import parts, publish
from .test_caching import SHARED, _admin_renames_a_shown_quest, _complete_a_task, _headline


@pytest.fixture
def built(monkeypatch) -> list[bool]:
    """Whether the database sent a document, for each diploma part the API asked it for."""
    seen: list[bool] = []
    answer = service._answer

    def spy(found, shape, slug):
        seen.append(found["document"] is not None)
        return answer(found, shape, slug)

    monkeypatch.setattr(service, "_answer", spy)
    return seen


@pytest.mark.parametrize("part", range(3), ids=["first view", "quests", "quest"])
def test_a_kept_part_is_served_without_building_it_again(maya, visitor, built, part):
    url = parts(maya)[part]
    first, again = visitor.get(url), visitor.get(url)
    assert built == [True, False]
    assert again.status_code == 200 and again.get_data() == first.get_data()
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Cache-Control"] == SHARED
    assert int(again.headers["X-DB-Round-Trips"]) == 1
    # A client holding the version still gets its 304.
    held = visitor.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert held.status_code == 304 and held.get_data() == b""


@pytest.mark.parametrize(
    "change",
    [_complete_a_task, _headline, _admin_renames_a_shown_quest],
    ids=lambda f: f.__name__.strip("_"),
)
def test_a_change_is_served_at_once_not_the_kept_version(client, app, conn, maya, visitor, change):
    url = parts(maya)[0]
    before = visitor.get(url)
    change(client, {**maya, "app": app}, conn)
    after = visitor.get(url)
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert after.get_json() != before.get_json()


def test_a_diploma_made_private_is_404_though_kept(conn, maya, visitor):
    for url in parts(maya):
        assert visitor.get(url).status_code == 200
    publish(conn, maya["id"], is_public=False)
    for url in parts(maya):
        assert visitor.get(url).status_code == 404, url


def test_a_private_diploma_is_never_kept(client, app, conn, maya, built):
    publish(conn, maya["id"], is_public=False)
    for url in parts(maya):
        for _ in range(2):
            assert client.get(url, headers=maya["headers"]).status_code == 200
    assert built == [True] * 6
    assert app.extensions["optio_kept_diplomas"].size == 0


def test_an_admin_reading_a_public_diploma_keeps_what_anyone_gets(client, app, maya, visitor):
    admin = signed_in(client, app, role="admin")[1]
    url = parts(maya)[0]
    as_admin = client.get(url, headers=admin)
    assert visitor.get(url).get_data() == as_admin.get_data()


def test_the_byte_budget_drops_the_least_recently_used_first():
    kept = KeptDocuments(max_bytes=10)
    kept.keep(("a",), "1", b"aaaa")
    kept.keep(("b",), "1", b"bbbb")
    assert kept.get(("a",)) is not None  # now b is the least recently used
    kept.keep(("c",), "1", b"cccc")
    assert kept.get(("b",)) is None and kept.get(("a",)) and kept.get(("c",))
    assert kept.size == 8
    kept.keep(("a",), "2", b"aa")  # a new version replaces the old one
    assert kept.get(("a",)) == ("2", b"aa") and kept.size == 6
    kept.keep(("big",), "1", b"x" * 11)  # larger than the whole budget: not kept
    assert kept.get(("big",)) is None and kept.size == 6


def test_a_budget_of_zero_keeps_nothing():
    kept = KeptDocuments(max_bytes=0)
    kept.keep(("a",), "1", b"a")
    assert kept.get(("a",)) is None and kept.size == 0
