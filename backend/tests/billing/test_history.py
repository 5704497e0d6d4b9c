"""Every tier change is recorded with its cause, and the user is told."""

from __future__ import annotations

import psycopg
import pytest

from optio.notifications.wording import words

from ..factories import bearer, login, make_user
from .conftest import history


def test_an_admin_tier_change_is_recorded_with_cause_admin_and_notified(app, client, conn):
    student = make_user(app)
    admin = make_user(app, role="admin")
    resp = client.patch(
        f"/api/admin/users/{student['id']}",
        json={"subscription_tier": "academy"},
        headers=bearer(login(app.test_client(), admin)),
    )
    assert resp.status_code == 200, resp.get_json()
    assert history(conn, student["id"]) == [("free", "academy", "admin", None)]
    actor = conn.execute(
        "select actor_id from public.subscription_tier_changes where user_id = %s",
        (student["id"],),
    ).fetchone()[0]
    assert actor == admin["id"]
    notes = conn.execute(
        "select type, data from public.notifications where user_id = %s", (student["id"],)
    ).fetchall()
    notes = [(kind, words(kind, data)[1]) for kind, data in notes]
    assert notes == [("tier_changed", "An administrator changed your plan from Free to Academy.")]


def test_an_unchanged_tier_records_nothing(app, client, conn):
    student = make_user(app)
    admin = make_user(app, role="admin")
    client.patch(
        f"/api/admin/users/{student['id']}",
        json={"subscription_tier": "free"},
        headers=bearer(login(app.test_client(), admin)),
    )
    assert history(conn, student["id"]) == []


def test_users_read_their_own_history_only(app, conn):
    me, other = make_user(app), make_user(app)
    for user in (me, other):
        conn.execute(
            "update public.users set subscription_tier = 'supported' where id = %s", (user["id"],)
        )
    with conn.transaction(force_rollback=True):
        conn.execute(
            "select set_config('role', 'authenticated', true),"
            " set_config('request.jwt.claims', %s, true)",
            (f'{{"sub": "{me["id"]}", "role": "authenticated"}}',),
        )
        seen = conn.execute(
            "select user_id, cause from public.subscription_tier_changes"
        ).fetchall()
        events = conn.execute("select count(*) from public.stripe_events").fetchone()[0]
    assert seen == [(me["id"], "system")]
    assert events == 0


def test_the_history_is_append_only(app, conn):
    user = make_user(app)
    conn.execute(
        "update public.users set subscription_tier = 'supported' where id = %s", (user["id"],)
    )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("delete from public.subscription_tier_changes")
