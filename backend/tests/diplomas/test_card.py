"""A diploma's link-preview card (GET /api/diplomas/{slug}/card.png): a 1200x630 PNG of the
student's name, top pillars and total XP, seen by whoever may see the diploma, versioned and kept
like its first view."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from optio.diplomas import card, service
from optio.xp.service import xp_public

from ..factories import make_quest, make_user, signed_in
from .conftest import complete, history, publish

CARD_CACHE = "public, max-age=300"


def card_url(slug: str) -> str:
    return f"/api/diplomas/{slug}/card.png"


def picture(resp) -> Image.Image:
    image = Image.open(io.BytesIO(resp.get_data()))
    image.load()
    return image


@pytest.fixture
def student_with(app, conn):
    """A student of that name with a public diploma and XP in two pillars; returns the slug."""

    def make(first: str, last: str, publish_it: bool = True) -> str:
        user = make_user(app, first_name=first, last_name=last)
        quest = make_quest(
            conn, tasks=3, xp=[120, 80, 40], pillars=["stem_logic", "arts_creativity"]
        )
        complete(conn, user["id"], quest)
        return publish(conn, user["id"], is_public=publish_it)

    return make


def test_a_public_diplomas_card_is_a_1200_by_630_png_for_anyone(student_with, visitor):
    slug = student_with("Ana", "López")
    resp = visitor.get(card_url(slug))
    assert resp.status_code == 200 and resp.mimetype == "image/png"
    image = picture(resp)
    assert image.format == "PNG" and image.size == (1200, 630)
    assert resp.headers["Cache-Control"] == CARD_CACHE
    assert int(resp.headers["X-DB-Round-Trips"]) == 1


def test_the_name_is_drawn_on_the_card(student_with, visitor):
    """Two students alike but for their names get different pictures."""
    ana = picture(visitor.get(card_url(student_with("Ana", "López"))))
    bea = picture(visitor.get(card_url(student_with("Bea", "Núñez"))))
    assert ana.size == bea.size and ana.tobytes() != bea.tobytes()


@pytest.mark.parametrize("who", ["visitor", "other student"])
def test_a_private_diploma_has_no_card_for_others(client, app, student_with, visitor, who):
    slug = student_with("Ana", "López", publish_it=False)
    if who == "visitor":
        resp = visitor.get(card_url(slug))
    else:
        headers = signed_in(client, app, first_name="Otto", last_name="Other")[1]
        resp = client.get(card_url(slug), headers=headers)
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"


def test_an_unknown_address_has_no_card(visitor):
    resp = visitor.get(card_url("no-such-student"))
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"


def test_the_owner_sees_their_private_card_but_no_cache_may_keep_it(client, maya, conn):
    publish(conn, maya["id"], is_public=False)
    resp = client.get(card_url(maya["slug"]), headers=maya["headers"])
    assert resp.status_code == 200 and picture(resp).size == (1200, 630)
    assert resp.headers["Cache-Control"] == "private, no-store"


def test_a_matching_if_none_match_is_a_304_in_one_round_trip(maya, visitor):
    first = visitor.get(card_url(maya["slug"]))
    etag = first.headers["ETag"]
    again = visitor.get(card_url(maya["slug"]), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag and again.headers["Cache-Control"] == CARD_CACHE
    assert int(again.headers["X-DB-Round-Trips"]) == 1
    # The card is versioned by the first view, but is not the same representation.
    front = visitor.get(f"/api/diplomas/{maya['slug']}").headers["ETag"]
    assert visitor.get(card_url(maya["slug"]), headers={"If-None-Match": front}).status_code == 200


def test_a_kept_card_is_served_without_drawing_it_again(maya, visitor, monkeypatch):
    drawn: list[str] = []
    draw = card.render

    def spy(document):
        drawn.append(document["display_name"])
        return draw(document)

    monkeypatch.setattr(card, "render", spy)
    first, again = visitor.get(card_url(maya["slug"])), visitor.get(card_url(maya["slug"]))
    assert drawn == ["Maya Ray"]
    assert again.status_code == 200 and again.get_data() == first.get_data()
    assert int(again.headers["X-DB-Round-Trips"]) == 1


def test_a_new_name_is_drawn_at_once_though_the_card_was_kept(conn, maya, visitor):
    before = visitor.get(card_url(maya["slug"]))
    conn.execute("update public.users set display_name = 'Maya R.' where id = %s", (maya["id"],))
    after = visitor.get(card_url(maya["slug"]))
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert picture(after).tobytes() != picture(before).tobytes()


def test_more_xp_is_drawn_at_once(conn, maya, visitor):
    before = visitor.get(card_url(maya["slug"]))
    complete(conn, maya["id"], make_quest(conn, tasks=1, xp=500))
    after = visitor.get(card_url(maya["slug"]))
    assert after.headers["ETag"] != before.headers["ETag"]
    assert picture(after).tobytes() != picture(before).tobytes()


def test_the_card_costs_the_same_whatever_the_history(app, conn, visitor):
    """One round trip for 1 completed task or 600 (60 quests)."""
    trips = []
    for completions in (1, 600):
        user = make_user(app, first_name="Long", last_name=f"History{completions}")
        history(conn, user["id"], completions)
        slug = publish(conn, user["id"])
        resp = visitor.get(card_url(slug))
        assert resp.status_code == 200
        trips.append(int(resp.headers["X-DB-Round-Trips"]))
    assert trips == [1, 1]


# The drawing itself ---------------------------------------------------------------------------


def front(name: str, totals: dict[str, int] | None = None) -> dict:
    return {
        "display_name": name,
        "accredited": False,
        "xp": xp_public(totals if totals is not None else {"stem_logic": 300}),
        "totals": {"completed_quests": 3, "completed_tasks": 9, "quests_in_progress": 0},
    }


def test_the_same_diploma_always_gives_the_same_bytes():
    assert card.render(front("Ana López")) == card.render(front("Ana López"))


@pytest.mark.parametrize("name", ["Ana López", "Łukasz Żółć", "Nguyễn Ngọc Ánh", "Иван Петров"])
def test_latin_greek_and_cyrillic_names_are_written(name):
    assert card.writable(name)


def test_a_name_the_font_cannot_write_is_left_off_not_drawn_as_boxes():
    assert not card.writable("李小龍")
    # Both are left off, so the pictures are the same; boxes would differ (3 and 2 of them).
    assert card.render(front("李小龍")) == card.render(front("王菲"))
    assert card.render(front("李小龍")) != card.render(front("Ana López"))


def test_the_top_pillars_are_the_three_with_most_xp_ties_in_display_order():
    xp = xp_public(
        {"arts_creativity": 50, "stem_logic": 50, "society_culture": 90, "life_wellness": 10}
    )
    assert [p["pillar"] for p in card.top_pillars(xp)] == [
        "society_culture",
        "stem_logic",
        "arts_creativity",
    ]
    assert card.top_pillars(xp_public({})) == []


@pytest.mark.parametrize(
    ("name", "initials"),
    [("Ana María López", "AL"), ("maya", "M"), ("  Ana   Ray ", "AR"), ("", "")],
)
def test_initials_are_of_the_first_and_last_words(name, initials):
    assert card.initials(name) == initials


def test_a_long_name_and_a_large_total_still_fit():
    image = Image.open(
        io.BytesIO(card.render(front("Bartholomew Maximilian " * 5, {"stem_logic": 10**12})))
    )
    assert image.size == (1200, 630)


def test_the_card_etag_names_its_design_version(maya, visitor):
    resp = visitor.get(card_url(maya["slug"]))
    assert resp.headers["ETag"].strip('"').startswith(service.CARD_TAG)
