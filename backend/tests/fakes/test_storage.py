"""The fake Storage answers the real storage3 client as Supabase Storage does."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from storage3 import SyncStorageClient
from storage3.exceptions import StorageApiError
from supabase import create_client

from .server import FakeSupabase

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture
def storage(fake_supabase: FakeSupabase) -> Iterator[SyncStorageClient]:
    with create_client(fake_supabase.url, fake_supabase.service_role_key).storage as client:
        yield client


def storage_error(call) -> StorageApiError:
    with pytest.raises(StorageApiError) as caught:
        call()
    return caught.value


def test_an_upload_is_served_through_a_signed_url(storage, fake_supabase):
    storage.from_("evidence").upload("u1/a.png", PNG, {"content-type": "image/png"})

    [signed] = storage.from_("evidence").create_signed_urls(["u1/a.png"], 60)

    assert signed["error"] is None and signed["path"] == "u1/a.png"
    answer = httpx.get(signed["signedURL"])
    assert answer.status_code == 200 and answer.content == PNG
    assert answer.headers["content-type"] == "image/png"
    assert fake_supabase.objects[("evidence", "u1/a.png")].data == PNG


def test_uploading_over_an_object_is_a_duplicate_unless_upsert(storage):
    bucket = storage.from_("evidence")
    bucket.upload("u1/a.png", PNG, {"content-type": "image/png", "upsert": "false"})

    error = storage_error(lambda: bucket.upload("u1/a.png", PNG, {"content-type": "image/png"}))
    assert (error.status, error.code, error.message) == (
        "409",
        "Duplicate",
        "The resource already exists",
    )
    bucket.upload("u1/a.png", b"new", {"content-type": "image/png", "upsert": "true"})


def test_a_missing_bucket_is_bucket_not_found(storage):
    error = storage_error(lambda: storage.from_("nope").upload("a.png", PNG))
    assert (error.status, error.code) == ("404", "Bucket not found")
    error = storage_error(lambda: storage.get_bucket("nope"))
    assert error.status == "404"


def test_storage_refuses_with_http_400_and_the_status_in_the_body(fake_supabase):
    answer = httpx.get(
        f"{fake_supabase.url}/storage/v1/bucket/nope",
        headers={"Authorization": f"Bearer {fake_supabase.service_role_key}"},
    )

    assert answer.status_code == 400
    assert answer.json() == {
        "statusCode": "404",
        "code": "NoSuchBucket",
        "error": "Bucket not found",
        "message": "Bucket not found",
    }


def test_remove_lists_what_it_removed_and_ignores_unknown_names(storage, fake_supabase):
    bucket = storage.from_("evidence")
    bucket.upload("u1/a.png", PNG, {"content-type": "image/png"})

    assert [o["name"] for o in bucket.remove(["u1/a.png", "u1/ghost.png"])] == ["u1/a.png"]
    assert bucket.remove(["u1/a.png"]) == []
    assert fake_supabase.objects == {}


def test_signing_a_missing_object_gives_its_error(storage):
    [item] = storage.from_("evidence").create_signed_urls(["u1/ghost.png"], 60)

    assert item["signedURL"] is None and item["error"]


def test_a_signed_url_stops_at_its_expiry_and_after_delete(storage):
    bucket = storage.from_("evidence")
    bucket.upload("u1/a.png", PNG, {"content-type": "image/png"})
    [signed] = bucket.create_signed_urls(["u1/a.png"], 60)

    tampered = httpx.get(signed["signedURL"].replace("a.png", "b.png"))
    assert tampered.status_code == 400 and tampered.json()["code"] == "InvalidSignature"
    bucket.remove(["u1/a.png"])
    gone = httpx.get(signed["signedURL"])
    assert gone.status_code == 400 and gone.json()["statusCode"] == "404"


def test_buckets_are_listed_and_read(storage, fake_supabase):
    fake_supabase.buckets["avatars"] = {"public": True, "file_size_limit": 10}

    assert [b.id for b in storage.list_buckets()] == ["avatars", "evidence", "exports"]
    evidence = storage.get_bucket("evidence")
    assert (evidence.name, evidence.public) == ("evidence", False)
    error = storage_error(lambda: storage.from_("avatars").upload("big.png", PNG))
    assert (error.status, error.code) == ("413", "Payload too large")


def test_the_anon_key_cannot_write(fake_supabase):
    with create_client(fake_supabase.url, fake_supabase.anon_key).storage as anon:
        error = storage_error(lambda: anon.from_("evidence").upload("a.png", PNG))
    assert error.status == "403"


def test_an_object_downloads_with_the_service_role_and_a_missing_one_is_not_found(storage):
    storage.from_("exports").upload("u1/a.zip", b"PK\x05\x06", {"content-type": "application/zip"})

    assert storage.from_("exports").download("u1/a.zip") == b"PK\x05\x06"
    error = storage_error(lambda: storage.from_("exports").download("u1/ghost.zip"))
    assert (error.status, error.code) == ("404", "not_found")


def test_the_exports_bucket_takes_only_zips(storage):
    error = storage_error(
        lambda: storage.from_("exports").upload("u1/a.png", PNG, {"content-type": "image/png"})
    )
    assert error.status == "415"
