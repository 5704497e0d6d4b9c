"""My e-mail preferences over HTTP: all on until changed, changed one category at a time."""

from __future__ import annotations

import pytest

from ..factories import signed_in

URL = "/api/users/me/notification-preferences"
ALL_ON = {"links": True, "feedback": True, "digest": True}


def test_every_category_is_on_until_i_change_one(app, client):
    _, headers = signed_in(client, app)
    resp = client.get(URL, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json() == ALL_ON


def test_turning_one_category_off_keeps_the_others(app, client, conn):
    user, headers = signed_in(client, app)
    resp = client.patch(URL, json={"digest": False}, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json() == {**ALL_ON, "digest": False}
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3
    again = client.patch(URL, json={"links": False}, headers=headers)
    assert again.get_json() == {"links": False, "feedback": True, "digest": False}
    assert client.get(URL, headers=headers).get_json() == again.get_json()
    row = conn.execute(
        "select links, feedback, digest from public.mail_preferences where user_id = %s",
        (user["id"],),
    ).fetchone()
    assert row == (False, True, False)


@pytest.mark.parametrize(
    "change", [{}, {"digest": None}, {"digest": "no"}, {"newsletter": False}], ids=str
)
def test_a_change_that_says_nothing_clear_is_refused(app, client, change):
    _, headers = signed_in(client, app)
    resp = client.patch(URL, json=change, headers=headers)
    assert resp.status_code == 422, resp.get_json()
    assert client.get(URL, headers=headers).get_json() == ALL_ON


@pytest.mark.parametrize("method", ["get", "patch"])
def test_signed_out_has_no_preferences(client, method):
    resp = getattr(client, method)(URL, json={"digest": False})
    assert resp.status_code == 401
