"""GET /api/storage/evidence/<key>: the local backend's signed URLs, end to end."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import OWNER, PDF, PNG


def signed(storage, key: str, expires_in: int = 300) -> tuple[str, int, str]:
    url = storage.signed_urls([key], expires_in)[key]
    query = parse_qs(urlsplit(url).query)
    return url, int(query["expires"][0]), query["signature"][0]


def test_a_signed_url_serves_the_image_inline(client, app_storage):
    key = app_storage.put(OWNER, PNG, "image/png", "png")
    url, expires, _ = signed(app_storage, key)
    with client.get(url) as resp:
        assert resp.status_code == 200
        assert resp.data == PNG
        assert resp.mimetype == "image/png"
        assert resp.headers["Content-Disposition"].startswith("inline")
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        max_age = int(resp.headers["Cache-Control"].removeprefix("private, max-age="))
        assert expires - time.time() - 5 <= max_age <= 300


def test_a_pdf_is_served_as_an_attachment(client, app_storage):
    key = app_storage.put(OWNER, PDF, "application/pdf", "pdf")
    with client.get(signed(app_storage, key)[0]) as resp:
        assert resp.status_code == 200
        assert resp.mimetype == "application/pdf"
        assert resp.headers["Content-Disposition"].startswith("attachment")


def test_the_content_type_comes_from_the_bytes_not_the_stored_name(client, app_storage):
    key = app_storage.put(OWNER, PDF, "image/png", "png")  # a caller that got it wrong
    with client.get(signed(app_storage, key)[0]) as resp:
        assert resp.mimetype == "application/pdf"
        assert resp.headers["Content-Disposition"].startswith("attachment")


def test_after_delete_the_url_answers_404(client, app_storage):
    key = app_storage.put(OWNER, PNG, "image/png", "png")
    url = signed(app_storage, key)[0]
    app_storage.delete(key)
    with client.get(url) as resp:
        assert resp.status_code == 404
        assert resp.get_json()["error"]["code"] == "not_found"


def forged(key: str, expires: int, signature: str) -> str:
    return f"/api/storage/evidence/{key}?expires={expires}&signature={signature}"


def test_an_expired_url_is_refused(client, app_storage):
    key = app_storage.put(OWNER, PNG, "image/png", "png")
    expires = int(time.time()) - 1
    with client.get(forged(key, expires, app_storage.signature(key, expires))) as resp:
        assert resp.status_code == 403
        assert resp.get_json()["error"]["code"] == "invalid_signature"


@pytest.mark.parametrize("change", ["signature", "expires", "missing"])
def test_a_tampered_url_is_refused(client, app_storage, change):
    key = app_storage.put(OWNER, PNG, "image/png", "png")
    _, expires, signature = signed(app_storage, key)
    if change == "signature":
        url = forged(key, expires, signature[:-1] + ("0" if signature[-1] != "0" else "1"))
    elif change == "expires":
        url = forged(key, expires + 3600, signature)
    else:
        url = f"/api/storage/evidence/{key}"
    with client.get(url) as resp:
        assert resp.status_code == 403
        assert resp.get_json()["error"]["code"] == "invalid_signature"


def test_one_files_signature_does_not_open_another(client, app_storage):
    mine = app_storage.put(OWNER, PNG, "image/png", "png")
    theirs = app_storage.put(OWNER, PDF, "application/pdf", "pdf")
    _, expires, signature = signed(app_storage, mine)
    with client.get(forged(theirs, expires, signature)) as resp:
        assert resp.status_code == 403


def test_a_traversal_key_is_not_served_even_when_signed(client, app_storage, tmp_path):
    app_storage.put(OWNER, PNG, "image/png", "png")  # so that root/.. resolves
    (tmp_path / "outside.png").write_bytes(PNG)
    key = "../outside.png"  # root is tmp_path/storage
    expires = int(time.time()) + 300
    with client.get(forged(key, expires, app_storage.signature(key, expires))) as resp:
        assert resp.status_code == 404


@pytest.mark.parametrize(
    "settings_overrides",
    [
        {
            "storage_backend": "supabase",
            "supabase_url": "http://supabase.test",
            "supabase_service_role_key": "service-role-key",
        }
    ],
)
def test_with_supabase_storage_the_route_answers_404(client, wired_app, settings_overrides):
    with client.get("/api/storage/evidence/a/b.png?expires=9999999999&signature=00") as resp:
        assert resp.status_code == 404
