"""A completed quest issues exactly one Open Badges 3.0 credential, signed outside the request,
that an independent verifier accepts; any change to it fails."""

from __future__ import annotations

import copy
import json

import pytest

from optio.credentials.build import quest_image

from ..diplomas.conftest import complete, publish
from ..factories import make_quest
from ..jobs.conftest import run_due_jobs
from .conftest import credential_id, fetch_credential, verify_independently


def test_completing_a_quest_issues_one_credential_signed_by_a_job(
    app, client, conn, student, finished
):
    user, headers = student
    row = conn.execute(
        "select signed_at, document from public.credentials where user_id = %s", (user["id"],)
    ).fetchall()
    assert row == [(None, None)]  # issued in the completion's statement, not yet signed
    assert run_due_jobs(app) == 1
    signed = conn.execute(
        "select document from public.credentials where user_id = %s", (user["id"],)
    ).fetchone()[0]
    assert signed["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert signed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    listed = client.get("/api/users/me/credentials", headers=headers).get_json()["items"]
    assert [(c["quest_title"], c["signed"]) for c in listed] == [("Build a birdhouse", True)]


def test_the_credential_verifies_with_an_independent_library(app, client, conn, student, finished):
    user, headers = student
    run_due_jobs(app)
    found = client.get(
        f"/api/credentials/{credential_id(conn, user['id'], finished['id'])}", headers=headers
    )
    assert found.status_code == 200
    assert found.headers["Cache-Control"] == "private, no-store"
    assert verify_independently(client, found.get_json()) == {
        "verified": True,
        "revoked": False,
        "error": None,
    }


def _leaves(node, path=()):
    """(path, value) of every string, number and boolean in a JSON document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:
        yield path, node


def _changed(document, path, value):
    changed = copy.deepcopy(document)
    node = changed
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return changed


def test_changing_any_value_fails_verification(app, client, conn, student, finished):
    """Every value the credential holds, changed one at a time (the proof's own value too)."""
    credential = fetch_credential(client, conn, student, finished)
    variants = []
    for path, value in _leaves(credential):
        if isinstance(value, bool):
            variants.append(_changed(credential, path, not value))
        elif isinstance(value, str) and path[-1] == "proofValue":
            last = "A" if value[-1] != "A" else "B"
            variants.append(_changed(credential, path, value[:-1] + last))
        else:
            variants.append(_changed(credential, path, f"{value}x"))
    assert len(variants) > 40
    results = verify_independently(client, *variants[:1], *variants[1:])
    assert [r["verified"] for r in results] == [False] * len(variants)
    assert verify_independently(client, credential)["verified"] is True


def test_changing_a_part_of_it_fails_verification(app, client, conn, student, finished):
    credential = fetch_credential(client, conn, student, finished)
    changes = [
        ("name", "Build a castle"),
        ("validFrom", "2020-01-01T00:00:00Z"),
    ]
    for key, value in changes:
        changed = {**credential, key: value}
        assert verify_independently(client, changed)["verified"] is False, key
    xp_changed = copy.deepcopy(credential)
    xp_changed["credentialSubject"]["result"][0]["value"] = "9000"
    assert verify_independently(client, xp_changed)["verified"] is False
    signature_changed = copy.deepcopy(credential)
    value = signature_changed["proof"]["proofValue"]
    signature_changed["proof"]["proofValue"] = (
        value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    )
    assert verify_independently(client, signature_changed)["verified"] is False


def test_it_holds_no_email_and_no_private_evidence(app, client, conn, student, finished):
    credential = fetch_credential(client, conn, student, finished)
    text = json.dumps(credential)
    assert "ana@example.com" not in text.lower() and "ana@" not in text
    assert "private diary" not in text
    identity = credential["credentialSubject"]["identifier"][0]
    assert identity["hashed"] is True and identity["identityHash"].startswith("sha256$")
    names = [e["name"] for e in credential["evidence"]]
    assert len(names) == 2  # the private one is left out
    assert credential["evidence"][0]["narrative"] == "I measured and cut the pine boards."
    assert credential["evidence"][1]["id"] == "https://example.com/birdhouse"
    assert "name" not in credential["credentialSubject"]  # the diploma is private


def test_the_name_appears_only_while_the_diploma_is_public(app, client, conn, student, finished):
    user = student[0]
    publish(conn, user["id"])
    credential = fetch_credential(client, conn, student, finished)
    assert credential["credentialSubject"]["name"] == "Ana López"


def test_xp_per_pillar_is_the_result(app, client, conn, student, finished):
    user = student[0]
    credential = fetch_credential(client, conn, student, finished)
    results = {
        r["resultDescription"].rsplit("/", 1)[1]: r["value"]
        for r in credential["credentialSubject"]["result"]
    }
    awarded = dict(
        conn.execute(
            "select t.pillar, sum(c.xp_awarded)::text from public.quest_task_completions c"
            " join public.quest_tasks t on t.id = c.task_id where c.user_id = %s group by t.pillar",
            (user["id"],),
        ).fetchall()
    )
    assert results == awarded and len(results) == 3


@pytest.mark.parametrize(
    ("image_url", "absolute"),
    [
        ("/quest-art/first-5k.svg", "{site}/quest-art/first-5k.svg"),
        ("https://images.example.com/run.png", "https://images.example.com/run.png"),
    ],
)
def test_a_quest_image_is_the_achievement_image_absolute_and_it_still_verifies(
    app, client, conn, student, image_url, absolute
):
    quest = make_quest(conn, tasks=1, title="Run your first 5K")
    conn.execute("update public.quests set image_url = %s where id = %s", (image_url, quest["id"]))
    complete(conn, student[0]["id"], quest)
    run_due_jobs(app)
    credential = fetch_credential(client, conn, student, quest)
    site = app.config["SETTINGS"].site_url
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["image"] == {"id": absolute.format(site=site), "type": "Image"}
    assert verify_independently(client, credential) == {
        "verified": True,
        "revoked": False,
        "error": None,
    }
    changed = copy.deepcopy(credential)
    changed["credentialSubject"]["achievement"]["image"]["id"] = "https://example.com/other.png"
    assert verify_independently(client, changed)["verified"] is False


def test_a_quest_without_an_image_has_no_achievement_image(app, client, conn, student, finished):
    credential = fetch_credential(client, conn, student, finished)
    assert "image" not in credential["credentialSubject"]["achievement"]


@pytest.mark.parametrize(
    "image_url",
    [None, "", "//example.com/a.png", "javascript:alert(1)", "/a b.png", 'https://e.com/"x'],
)
def test_an_image_that_is_no_url_is_left_out_of_the_credential(image_url):
    assert quest_image(image_url, "https://optio.example") is None
