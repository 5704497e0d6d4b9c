"""`credentials`: the signing key and earlier keys load, and the check names the issuer."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from optio.check import run_checks
from optio.credentials.multikey import public_multikey, secret_key

from .conftest import SIGNING_KEY, only_failure, result

pytestmark = pytest.mark.usefixtures("services", "stripe_api")


def test_a_good_key_names_the_issuer(settings):
    found = result(run_checks(settings()), "credentials")
    key = public_multikey(secret_key(SIGNING_KEY).public_key())
    assert found.status == "ok"
    assert found.detail == f"issuer did:web:app.optio.test; signing key {key}"


def test_earlier_keys_are_counted(settings):
    earlier = public_multikey(Ed25519PrivateKey.generate().public_key())
    found = result(run_checks(settings(credential_retired_keys=[earlier])), "credentials")
    assert found.status == "ok" and found.detail.endswith("; 1 earlier key(s) still listed")


@pytest.mark.parametrize(
    "overrides",
    [
        {"credential_signing_key": "not-a-key"},
        {"credential_signing_key": "z6Mk" + "x" * 40},
        {"credential_retired_keys": [SIGNING_KEY]},  # a secret key where public ones go
    ],
)
def test_a_key_that_does_not_load_fails(settings, overrides):
    line = only_failure(settings(**overrides), "credentials")
    assert "is not an Ed25519 key" in line and "optio credentials new-key" in line
    assert SIGNING_KEY not in line
