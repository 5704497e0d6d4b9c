"""Finding a teammate by name: only students who chose to be found (users.discoverable, off by
default), through GET /api/team-directory and as a direct client of
private.discoverable_students; and the choice itself, GET and PUT /api/team-directory/me."""

from __future__ import annotations

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import bearer, login, make_user


def _found(client, headers, q, **params):
    resp = client.get("/api/team-directory", query_string={"q": q, **params}, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp


def _usernames(client, headers, q, **params):
    return [s["username"] for s in _found(client, headers, q, **params).get_json()["data"]]


def _listed(conn, *users):
    for user in users:
        conn.execute("update public.users set discoverable = true where id = %s", (user["id"],))


@pytest.fixture
def seeker(app, client):
    user = make_user(app, username="seeker", display_name="Sam Seeker")
    return {"user": user, "headers": bearer(login(client, user))}


def test_only_students_who_chose_to_be_found_are_found(app, client, conn, seeker):
    listed = make_user(app, username="alex_listed", display_name="Alex Listed")
    make_user(app, username="alex_hidden", display_name="Alex Hidden")
    parent = make_user(app, role="parent", username="alex_parent")
    gone = make_user(app, username="alex_gone")
    child = make_user(app, username="alex_child")
    _listed(conn, listed, parent, gone, child, seeker["user"])
    conn.execute("update public.users set is_active = false where id = %s", (gone["id"],))
    conn.execute(  # under 13, no parent has consented yet: cannot team up, so not listed
        "update public.users set birth_date = current_date - interval '10 years' where id = %s",
        (child["id"],),
    )
    resp = _found(client, seeker["headers"], "alex")
    assert int(resp.headers["X-DB-Round-Trips"]) == 1
    assert resp.get_json() == {
        "data": [
            {"id": str(listed["id"]), "username": "alex_listed", "display_name": "Alex Listed"}
        ],
        "page": 1,
        "per_page": 10,
        "has_more": False,
    }
    assert listed["email"] not in resp.get_data(as_text=True)
    assert _usernames(client, seeker["headers"], "seek") == []  # never myself


def test_a_child_is_found_once_a_parent_consented_and_a_teenager_always(app, client, conn, seeker):
    child, teen = make_user(app, username="cleo_child"), make_user(app, username="cleo_teen")
    _listed(conn, child, teen)
    for user, years in ((child, 10), (teen, 14)):
        conn.execute(
            "update public.users set birth_date = current_date - make_interval(years => %s)"
            " where id = %s",
            (years, user["id"]),
        )
    assert _usernames(client, seeker["headers"], "cleo") == ["cleo_teen"]
    conn.execute(
        "insert into public.parental_consents (student_id, parent_email, method, policy_version)"
        " values (%s, 'mum@example.com', 'email_link', 'test')",
        (child["id"],),
    )
    assert _usernames(client, seeker["headers"], "cleo") == ["cleo_child", "cleo_teen"]


def test_a_student_is_found_by_the_start_of_the_username_or_of_a_word_of_the_name(
    app, client, conn, seeker
):
    _listed(
        conn,
        make_user(app, username="robin_h", display_name="Robin Hood"),
        make_user(app, username="zed", first_name="Maria", last_name="Hoodwinkle"),
        make_user(app, username="hoodie", display_name="Someone Else"),
    )
    headers = seeker["headers"]
    assert _usernames(client, headers, "rob") == ["robin_h"]
    assert _usernames(client, headers, "HOOD") == ["hoodie", "robin_h", "zed"]
    assert _usernames(client, headers, "hoodie") == ["hoodie"]
    assert _usernames(client, headers, "ood") == []  # the start of a word, not the middle
    assert _usernames(client, headers, "  ma  ") == ["zed"]


def test_an_exact_username_comes_first(app, client, conn, seeker):
    _listed(
        conn,
        make_user(app, username="kim_a", display_name="Kim A"),
        make_user(app, username="kim", display_name="Zoe"),
        make_user(app, username="aaa", display_name="Kim Aaa"),
    )
    assert _usernames(client, seeker["headers"], "kim") == ["kim", "aaa", "kim_a"]


@pytest.mark.parametrize("q", ["%%", "__", "a%", "\\\\"])
def test_wildcards_are_taken_literally(app, client, conn, seeker, q):
    _listed(conn, make_user(app, username="abc", display_name="Abc"))
    assert _usernames(client, seeker["headers"], q) == []


def test_ten_a_page_at_most_and_whether_more_follow(app, client, conn, seeker):
    _listed(conn, *[make_user(app, username=f"pat_{n:02}") for n in range(12)])
    headers = seeker["headers"]
    first = _found(client, headers, "pat").get_json()
    assert [s["username"] for s in first["data"]] == [f"pat_{n:02}" for n in range(10)]
    assert first["has_more"] is True
    second = _found(client, headers, "pat", page=2).get_json()
    assert [s["username"] for s in second["data"]] == ["pat_10", "pat_11"]
    assert second["has_more"] is False
    small = _found(client, headers, "pat", per_page=5, page=2).get_json()
    assert [s["username"] for s in small["data"]] == [f"pat_{n:02}" for n in range(5, 10)]
    assert small["has_more"] is True
    assert _found(client, headers, "pat", page=3).get_json()["data"] == []


@pytest.mark.parametrize(
    "query", ["", "q=a", "q=pat&per_page=11", "q=pat&page=0", "q=" + "x" * 101]
)
def test_a_search_needs_two_characters_and_ten_a_page_at_most(client, seeker, query):
    resp = client.get(f"/api/team-directory?{query}", headers=seeker["headers"])
    assert resp.status_code == 422


def test_two_characters_of_which_one_is_blank_find_nobody(app, client, conn, seeker):
    _listed(conn, make_user(app, username="abe"))
    assert _usernames(client, seeker["headers"], " a") == []


def test_only_students_search(app, client, conn):
    _listed(conn, make_user(app, username="findme"))
    for role in ("parent", "advisor", "admin"):
        user = make_user(app, role=role)
        assert _usernames(client, bearer(login(client, user)), "find") == [], role


def test_signed_out_nobody_is_found(client):
    assert client.get("/api/team-directory?q=ab").status_code == 401


# --- the choice ----------------------------------------------------------------------------


def test_being_found_is_off_until_i_turn_it_on_and_then_i_am_found(app, client, conn, seeker):
    me = make_user(app, username="shy_one")
    headers = bearer(login(client, me))
    mine = client.get("/api/team-directory/me", headers=headers)
    assert mine.status_code == 200 and mine.get_json() == {"discoverable": False}
    assert int(mine.headers["X-DB-Round-Trips"]) == 1
    assert _usernames(client, seeker["headers"], "shy") == []

    on = client.put("/api/team-directory/me", json={"discoverable": True}, headers=headers)
    assert on.status_code == 200 and on.get_json() == {"discoverable": True}
    assert int(on.headers["X-DB-Round-Trips"]) == 2
    assert client.get("/api/team-directory/me", headers=headers).get_json()["discoverable"]
    assert _usernames(client, seeker["headers"], "shy") == ["shy_one"]

    client.put("/api/team-directory/me", json={"discoverable": False}, headers=headers)
    assert _usernames(client, seeker["headers"], "shy") == []


@pytest.mark.parametrize(
    "payload", [{}, {"discoverable": "yes"}, {"discoverable": 1}, {"discoverable": True, "x": 1}]
)
def test_the_choice_is_a_boolean_and_nothing_else(client, seeker, payload):
    resp = client.put("/api/team-directory/me", json=payload, headers=seeker["headers"])
    assert resp.status_code == 422


@pytest.mark.parametrize(("method", "path"), [("get", "me"), ("put", "me")])
def test_signed_out_there_is_no_choice(client, method, path):
    resp = getattr(client, method)(
        f"/api/team-directory/{path}", json={"discoverable": True} if method == "put" else None
    )
    assert resp.status_code == 401


# --- as a direct client ------------------------------------------------------------------------

_SEARCH = "select username, display_name, more from private.discoverable_students(%s, %s, %s)"


def test_a_direct_client_sets_only_its_own_choice(app, conn, seeker):
    other = make_user(app, username="other_one")
    with acting_as(conn, seeker["user"]["id"]) as cur:
        cur.execute("update public.users set discoverable = true where id = %s", (other["id"],))
        assert cur.rowcount == 0  # RLS: not mine
        cur.execute(
            "update public.users set discoverable = true where id = %s", (seeker["user"]["id"],)
        )
        assert cur.rowcount == 1


def test_a_direct_client_gets_ten_at_most_and_only_those_who_opted_in(app, conn, seeker):
    _listed(conn, *[make_user(app, username=f"dan_{n:02}") for n in range(12)])
    make_user(app, username="dan_hidden")
    with acting_as(conn, seeker["user"]["id"]) as cur:
        rows = cur.execute(_SEARCH, ("dan", 500, 0)).fetchall()
        assert [r[0] for r in rows] == [f"dan_{n:02}" for n in range(10)]
        assert all(r[2] for r in rows)  # more follow
        assert cur.execute(_SEARCH, ("d", 10, 0)).fetchall() == []  # 2 characters at least
        assert len(cur.execute(_SEARCH, ("dan", 10, 10)).fetchall()) == 2
        assert cur.execute(_SEARCH, ("dan", -5, -5)).fetchall() == []


def test_a_direct_client_reads_nothing_else_of_them(app, conn, seeker):
    _listed(conn, make_user(app, username="eve_listed", display_name="Eve"))
    with acting_as(conn, seeker["user"]["id"]) as cur:
        cur.execute("select * from private.discoverable_students('eve', 10, 0)")
        assert [c.name for c in cur.description] == ["id", "username", "display_name", "more"]
        # public.users itself stays mine only
        assert cur.execute("select count(*) from public.users").fetchone()[0] == 1


def test_signed_out_the_search_cannot_be_called(conn):
    with acting_as(conn, None) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(_SEARCH, ("ab", 10, 0))
