"""A parent makes their child's account: consent from the parent's account, the parent's link,
a child who signs in with a username; the parent, not the child, sets the child's scopes."""

from __future__ import annotations

from ..factories import bearer
from ..jobs.conftest import run_due_jobs
from .conftest import years_ago

CHILD = {
    "username": "little_one",
    "password": "a long password",
    "first_name": "Lou",
    "birth_date": years_ago(8),
}


def add_child(client, headers, **fields):
    return client.post("/api/children", json={**CHILD, **fields}, headers=headers)


def test_a_parent_adds_a_child_who_signs_in_with_a_username(app, client, heads):
    made = add_child(client, heads["parent"])
    assert made.status_code == 201, made.get_json()
    child = made.get_json()
    assert child["username"] == "little_one"

    signed_in = app.test_client().post(
        "/api/auth/login", json={"email": "Little_One", "password": CHILD["password"]}
    )
    assert signed_in.status_code == 200, signed_in.get_json()
    assert signed_in.get_json()["user"]["consent_pending"] is False
    child_heads = bearer(signed_in.get_json())

    students = client.get("/api/students", headers=heads["parent"]).get_json()["data"]
    assert [(s["username"], s["relation"], s["scope"]) for s in students] == [
        ("little_one", "parent", "evidence")
    ]
    status = client.get("/api/consent", headers=child_heads).get_json()
    assert status["consent"]["method"] == "parent_account"
    assert status["consent"]["given_by"] == "Mia"

    # The child does not set their link's scope; the parent who consented does.
    link = f"/api/links/{child['link_id']}"
    by_child = client.patch(link, json={"scope": "progress"}, headers=child_heads)
    assert by_child.status_code == 403
    by_parent = client.patch(link, json={"scope": "private_evidence"}, headers=heads["parent"])
    assert by_parent.status_code == 200 and by_parent.get_json()["scope"] == "private_evidence"

    mine = client.get("/api/children", headers=heads["parent"]).get_json()["data"]
    assert [(c["id"], c["display_name"]) for c in mine] == [(child["id"], "Lou")]

    # Withdrawn: the child is locked again.
    revoked = client.delete(f"/api/children/{child['id']}/consent", headers=heads["parent"])
    assert revoked.status_code == 204
    assert client.get("/api/consent", headers=child_heads).get_json()["pending"] is True
    again = client.delete(f"/api/children/{child['id']}/consent", headers=heads["parent"])
    assert again.status_code == 404
    assert client.get("/api/children", headers=heads["parent"]).get_json()["data"] == []


def test_only_a_parent_adds_a_child_and_the_username_must_be_free(client, heads, child):
    by_student = add_child(client, heads["teen"])
    assert by_student.status_code == 403
    assert by_student.get_json()["error"]["code"] == "not_a_parent"
    taken = add_child(client, heads["parent"], username="kid")
    assert taken.status_code == 409
    future = add_child(client, heads["parent"], birth_date="2999-01-01")
    assert future.status_code == 422


def test_a_wrong_username_signs_in_as_no_one(app):
    answer = app.test_client().post(
        "/api/auth/login", json={"email": "nobody_here", "password": "whatever it is"}
    )
    assert answer.status_code == 401


def test_a_child_without_a_mailbox_gets_notices_but_no_mail(app, client, conn, heads, parent, smtp):
    child = add_child(client, heads["parent"]).get_json()
    for who in (child["id"], parent["id"]):
        conn.execute(
            "select private.notify(%s, 'link_created', %s)",
            (who, '{"supporter_name": "Mia", "relation": "parent"}'),
        )
    run_due_jobs(app)
    assert [m["To"] for m in smtp[0].messages] == [parent["email"]]
    notices = conn.execute(
        "select count(*) from public.notifications where user_id = %s", (child["id"],)
    ).fetchone()
    assert notices == (1,)


def test_sign_up_chooses_a_parent_or_advisor_account_but_never_an_admin(client):
    def sign_up(n, role):
        return client.post(
            "/api/auth/signup",
            json={"email": f"someone{n}@example.com", "password": "long enough", "role": role},
        )

    assert sign_up(1, "parent").get_json()["user"]["role"] == "parent"
    assert sign_up(2, "advisor").get_json()["user"]["role"] == "advisor"
    assert sign_up(3, "admin").status_code == 422
