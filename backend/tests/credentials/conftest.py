"""Credentials: completed quests for a student, and Digital Bazaar's verifier (verify.mjs, Node)
with a document loader holding only the bundled contexts, our DID document and status lists."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from optio.credentials.loader import CLR_V2, OB_V3, _context

from ..diplomas.conftest import complete
from ..factories import make_quest, signed_in

VERIFIER = Path(__file__).resolve().parent / "verifier"
NODE = shutil.which("node") or "node"  # make test checks for Node 20.19+ first


def verify_independently(client, credential: dict[str, Any], *more: dict[str, Any]) -> Any:
    """What Digital Bazaar's vc library says of `credential`: {verified, revoked, error} (a list
    of them, given more credentials). The DID document and status list are read from the API,
    as a verifier would fetch them."""
    client = client.application.test_client()  # signed out, as a verifier is
    # Open Badges and CLR contexts as bundled: their copies are checked against 1EdTech's own
    # test vectors (test_contexts.py); the W3C ones come from the verifier's npm packages.
    documents: dict[str, Any] = {url: _context(url) for url in (OB_V3, CLR_V2)}
    did = client.get("/.well-known/did.json").get_json()
    documents[did["id"]] = did
    status = credential.get("credentialStatus")
    if status:
        url = status["statusListCredential"]
        path = url[url.index("/api/") :]
        documents[url] = client.get(path).get_json()
    done = subprocess.run(  # noqa: S603 - Node and our own script, constant arguments
        [NODE, str(VERIFIER / "verify.mjs")],
        input=json.dumps(
            {"credentials": [credential, *more], "documents": documents}
            if more
            else {"credential": credential, "documents": documents}
        ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def student(client, app):
    return signed_in(client, app, first_name="Ana", last_name="López", email="ana@example.com")


@pytest.fixture
def finished(conn, student):
    """A quest the student completed: text evidence, a link, and private evidence."""
    quest = make_quest(conn, tasks=3, title="Build a birdhouse", xp=[40, 30, 20])
    complete(
        conn,
        student[0]["id"],
        quest,
        [
            {"evidence_text": "I measured and cut the pine boards."},
            {"evidence_type": "link", "evidence_url": "https://example.com/birdhouse"},
            {"evidence_text": "My private diary entry.", "is_private": True},
        ],
    )
    return quest


def credential_id(conn, user_id: Any, quest_id: Any) -> Any:
    row = conn.execute(
        "select id from public.credentials where user_id = %s and quest_id = %s",
        (user_id, quest_id),
    ).fetchone()
    assert row is not None
    return row[0]


def fetch_credential(client, conn, student, quest) -> dict[str, Any]:
    """The signed credential of `quest` for `student` (profile, headers), read as its owner."""
    user, headers = student
    found = client.get(
        f"/api/credentials/{credential_id(conn, user['id'], quest['id'])}", headers=headers
    )
    assert found.status_code == 200, found.get_json()
    return found.get_json()
