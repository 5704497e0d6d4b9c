"""POST /api/credentials/verify checks any pasted credential: ours or another issuer's
did:key one; each check with its result, and clear 4xx for what is not a credential."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest
import respx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from optio.credentials.build import status_list_credential
from optio.credentials.issuer import Issuer
from optio.credentials.loader import CREDENTIALS_V2, OB_V3
from optio.credentials.multikey import public_multikey
from optio.credentials.proof import sign
from optio.credentials.verify import _refuse_private

from .conftest import fetch_credential


def checked(app, credential):
    pasted = credential if isinstance(credential, str) else json.dumps(credential)
    answer = app.test_client().post("/api/credentials/verify", json={"credential": pasted})
    assert answer.status_code == 200, answer.get_json()
    found = answer.get_json()
    return found["verified"], {c["name"]: c["ok"] for c in found["checks"]}, found


def did_key_credential(**changes):
    """Another issuer's credential, signed with a did:key."""
    key = Ed25519PrivateKey.generate()
    multikey = public_multikey(key.public_key())
    did = f"did:key:{multikey}"
    unsigned = {
        "@context": [CREDENTIALS_V2, OB_V3],
        "id": "urn:uuid:6c2f1e3a-2d3b-4b8e-9a53-0f8f1b2c3d4e",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did, "type": ["Profile"], "name": "Another school"},
        "validFrom": "2025-01-01T00:00:00Z",
        "name": "Robotics",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://school.example/badges/robotics",
                "type": ["Achievement"],
                "name": "Robotics",
                "description": "Built a robot.",
                "criteria": {"narrative": "Build a robot."},
            },
        },
        **changes,
    }
    return sign(unsigned, key, f"{did}#{multikey}")


def test_our_credential_verifies(app, client, conn, student, finished):
    credential = fetch_credential(client, conn, student, finished)
    verified, checks, found = checked(app, credential)
    assert verified and checks == {"proof": True, "dates": True, "status": True}
    assert found["revoked"] is False
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["achievement"]["name"] = "Something else"
    verified, checks, _ = checked(app, tampered)
    assert not verified and checks["proof"] is False


def test_another_issuers_did_key_credential(app):
    verified, checks, found = checked(app, did_key_credential())
    assert verified and checks == {"proof": True, "dates": True, "status": True}
    assert found["revoked"] is None


def test_dates_are_checked(app):
    later = did_key_credential(validFrom="2999-01-01T00:00:00Z")
    assert checked(app, later)[1]["dates"] is False
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    expired = did_key_credential(
        validFrom="2020-01-01T00:00:00Z", validUntil="2021-01-01T00:00:00Z"
    )
    verified, checks, found = checked(app, expired)
    assert not verified and checks == {"proof": True, "dates": False, "status": True}
    assert "Expired on 2021-01-01" in next(
        c["message"] for c in found["checks"] if c["name"] == "dates"
    )
    assert now  # the current instant is within an ordinary credential's dates
    assert checked(app, did_key_credential(validUntil="2999-01-01T00:00:00Z"))[0] is True


def test_an_unknown_context_or_term_fails_the_proof_with_a_reason(app):
    credential = did_key_credential()
    credential["@context"] = [*credential["@context"], "https://example.com/context.json"]
    verified, checks, found = checked(app, credential)
    assert not verified and not checks["proof"]
    assert "not valid JSON-LD" in found["checks"][0]["message"]
    unsigned = did_key_credential()
    unsigned.pop("proof")
    assert "no proof" in checked(app, unsigned)[2]["checks"][0]["message"]


@pytest.mark.parametrize(
    ("pasted", "reason"),
    [
        ("{ not json", "This is not JSON."),
        ("[1, 2]", "This is not a JSON object."),
        ('{"name": "a badge"}', "This is not a verifiable credential"),
        ('{"@context": [], "type": ["Badge"]}', "This is not a verifiable credential"),
    ],
)
def test_text_that_is_not_a_credential_fails_the_format_check(app, pasted, reason):
    verified, checks, found = checked(app, pasted)
    assert not verified and checks == {"format": False} and found["revoked"] is None
    assert found["checks"][0]["message"].startswith(reason)


@pytest.mark.parametrize(
    "body",
    [{}, {"credential": {"a": 1}}, {"credential": "a\u0000b"}, {"credential": "x" * 2_000_001}],
)
def test_what_is_not_pasted_text_is_a_422(app, body):
    answer = app.test_client().post("/api/credentials/verify", json=body)
    assert answer.status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/list",
        "https://127.0.0.1/list",
        "https://localhost/list",
        "https://169.254.169.254/latest",
        "https://[::1]/list",
    ],
)
def test_fetches_go_to_public_https_addresses_only(url):
    with pytest.raises(ValueError):
        _refuse_private(url)


OTHER_HOST = "93.184.216.34"  # a public address: no DNS lookup, and respx answers for it
OTHER_DID = f"did:web:{OTHER_HOST}"


def did_web_credential(revoked: bool):
    """Another issuer's did:web credential with a status list of its own, and what its host
    serves: its DID document and the signed list."""
    key = Ed25519PrivateKey.generate()
    multikey = public_multikey(key.public_key())
    method = f"{OTHER_DID}#{multikey}"
    list_url = f"https://{OTHER_HOST}/status/1"
    issuer = Issuer(f"https://{OTHER_HOST}", key)
    listed = status_list_credential(issuer, 1, [7] if revoked else [], datetime.now(UTC))
    listed["id"] = list_url  # the builder names our own URLs; this issuer serves it here
    listed["credentialSubject"]["id"] = f"{list_url}#list"
    listed = sign(listed, key, method)
    credential = did_key_credential()
    credential.pop("proof")
    credential["issuer"] = {"id": OTHER_DID, "type": ["Profile"], "name": "Another school"}
    credential["credentialStatus"] = {
        "id": f"{list_url}#7",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "7",
        "statusListCredential": list_url,
    }
    document = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": OTHER_DID,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": OTHER_DID,
                "publicKeyMultibase": multikey,
            }
        ],
        "assertionMethod": [method],
    }
    return sign(credential, key, method), document, listed


@pytest.mark.parametrize("revoked", [False, True])
def test_another_issuers_did_web_credential_and_its_status(app, revoked):
    credential, document, listed = did_web_credential(revoked)
    with respx.mock(assert_all_called=True) as web:
        web.get(f"https://{OTHER_HOST}/.well-known/did.json").respond(json=document)
        web.get(f"https://{OTHER_HOST}/status/1").respond(json=listed)
        verified, checks, found = checked(app, credential)
    assert checks == {"proof": True, "dates": True, "status": not revoked}
    assert verified is not revoked and found["revoked"] is revoked


def test_an_unreachable_did_web_issuer_fails_the_proof_with_a_reason(app):
    credential, _, _ = did_web_credential(False)
    with respx.mock() as web:
        web.get(f"https://{OTHER_HOST}/.well-known/did.json").respond(404)
        web.get(f"https://{OTHER_HOST}/status/1").respond(404)
        verified, checks, found = checked(app, credential)
    assert not verified and checks["proof"] is False and checks["status"] is False
    assert "DID document could not be read" in found["checks"][0]["message"]
