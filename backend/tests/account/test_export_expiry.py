"""An export's download URL works, then lapses."""

from __future__ import annotations

import time

import pytest

from .test_export import export_of

TTL = 3


@pytest.fixture
def settings_overrides() -> dict:
    return {"signed_url_ttl_seconds": TTL}


def test_the_download_url_is_signed_and_expires(client, app, person, stored_evidence):
    url = export_of(client, app, person["headers"])["download_url"]
    assert stored_evidence.is_signed_url(url)
    assert stored_evidence.fetch(client, url)[0] == 200

    time.sleep(TTL + 0.5)
    status, _, _ = stored_evidence.fetch(client, url)
    assert status in (400, 403)
