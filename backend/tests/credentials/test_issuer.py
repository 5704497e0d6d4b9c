"""The issuer: did:web of the public site, its DID document with current and retired keys, its
profile; keys from the environment or made once for development; rotation keeps old
credentials verifiable."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import SecretStr

from optio import create_app
from optio.cli import main
from optio.config import Settings
from optio.credentials.issuer import did_web, load_issuer
from optio.credentials.multikey import public_multikey, secret_key, secret_multikey

from ..jobs.conftest import run_due_jobs
from .conftest import credential_id, fetch_credential, verify_independently


@pytest.mark.parametrize(
    ("url", "did"),
    [
        ("https://optio.example.com", "did:web:optio.example.com"),
        ("http://127.0.0.1:5000", "did:web:127.0.0.1%3A5000"),
        ("https://example.org/schools/optio/", "did:web:example.org:schools:optio"),
    ],
)
def test_did_web_of_the_public_site(url, did):
    assert did_web(url) == did


def test_the_did_document_and_profile(app, client):
    settings = app.config["SETTINGS"]
    document = client.get("/.well-known/did.json")
    assert document.status_code == 200
    did = document.get_json()
    assert did["id"] == did_web(settings.site_url)
    [method] = did["verificationMethod"]
    assert method["type"] == "Multikey" and method["publicKeyMultibase"].startswith("z6Mk")
    assert did["assertionMethod"] == [method["id"]]
    profile = client.get("/api/credentials/issuer").get_json()
    assert profile["id"] == did["id"] and profile["type"] == ["Profile"]
    assert profile["name"] == "Optio" and profile["url"] == settings.site_url


def test_keys_as_multikey_or_pem(tmp_path):
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    expected = public_multikey(key.public_key())
    for text in (secret_multikey(key), pem):
        issuer = load_issuer(Settings(_env_file=None, credential_signing_key=text))
        assert issuer.public_multikey == expected
    with pytest.raises(ValueError, match="Multikey"):
        secret_key("z6Mk" + "1" * 44)


def test_development_makes_one_key_and_keeps_it(tmp_path):
    settings = Settings(_env_file=None, optio_data_dir=tmp_path)
    first, again = load_issuer(settings), load_issuer(settings)
    assert first.public_multikey == again.public_multikey
    assert (tmp_path / "credential-key").stat().st_mode & 0o077 == 0


def test_a_credential_signed_before_a_rotation_still_verifies(app, client, conn, student, finished):
    user, headers = student
    run_due_jobs(app)
    found = credential_id(conn, user["id"], finished["id"])
    credential = client.get(f"/api/credentials/{found}", headers=headers).get_json()
    before = app.extensions["optio_issuer"]
    rotated = app.config["SETTINGS"].model_copy(
        update={
            "credential_signing_key": SecretStr(secret_multikey(Ed25519PrivateKey.generate())),
            "credential_retired_keys": [before.public_multikey],
        }
    )
    app.extensions["optio_issuer"] = load_issuer(rotated)  # as a restart with the new settings
    listed = client.get("/.well-known/did.json").get_json()["verificationMethod"]
    assert len(listed) == 2 and listed[1]["publicKeyMultibase"] == before.public_multikey
    assert verify_independently(client, credential)["verified"] is True
    # Without the old key listed, the same credential no longer verifies.
    app.extensions["optio_issuer"] = load_issuer(
        rotated.model_copy(update={"credential_retired_keys": []})
    )
    assert verify_independently(client, credential)["verified"] is False


def test_the_status_list_is_signed_and_verifies(app, client, conn, student, finished):
    credential = fetch_credential(client, conn, student, finished)
    url = credential["credentialStatus"]["statusListCredential"]
    listed = client.get(url[url.index("/api/") :])
    assert listed.headers["Cache-Control"] == "public, max-age=60"
    document = listed.get_json()
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert verify_independently(client, document) == {
        "verified": True,
        "revoked": None,
        "error": None,
    }


def test_new_key_prints_a_key_the_settings_accept():
    printed = CliRunner().invoke(main, ["credentials", "new-key"])
    assert printed.exit_code == 0
    secret = printed.output.splitlines()[0].removeprefix("CREDENTIAL_SIGNING_KEY=")
    public = printed.output.splitlines()[1].rsplit(" ", 1)[1]
    issuer = load_issuer(Settings(_env_file=None, credential_signing_key=secret))
    assert issuer.public_multikey == public


def test_a_malformed_key_stops_the_start(database_url):
    with pytest.raises(ValueError, match="CREDENTIAL_SIGNING_KEY"):
        create_app({"database_url": database_url, "credential_signing_key": "z6Mknot-a-key"})
