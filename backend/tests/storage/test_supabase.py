"""SupabaseStorage against a fake Storage API: respx answers at the HTTP layer, storage3 runs."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
import respx

from optio.config import Settings
from optio.errors import Unavailable
from optio.storage.supabase import SupabaseStorage

from .conftest import OWNER, PNG

STORAGE = "http://supabase.test/storage/v1"
SERVICE_KEY = "service-role-key"


@pytest.fixture
def remote() -> SupabaseStorage:
    settings = Settings(
        _env_file=None,
        optio_env="test",
        storage_backend="supabase",
        supabase_url="http://supabase.test",
        supabase_service_role_key=SERVICE_KEY,
    )
    return SupabaseStorage(settings)


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    # Any request without a route fails the test, so unexpected calls cannot slip by.
    with respx.mock(base_url=STORAGE, assert_all_called=True, assert_all_mocked=True) as router:
        yield router


def assert_service_role(request: httpx.Request) -> None:
    assert request.headers["Authorization"] == f"Bearer {SERVICE_KEY}"
    assert request.headers["apikey"] == SERVICE_KEY


def test_put_uploads_under_a_random_key_with_the_content_type_and_no_upsert(remote, api):
    route = api.post(url__regex=rf"/object/evidence/{OWNER}/[0-9a-f]{{32}}\.png$").respond(
        json={"Key": "evidence/x", "Id": "1"}
    )
    key = remote.put(OWNER, PNG, "image/png", "png")
    request = route.calls.last.request
    assert str(request.url) == f"{STORAGE}/object/evidence/{key}"
    assert_service_role(request)
    assert request.headers["x-upsert"] == "false"
    # multipart: the file part carries the sniffed content type and the exact bytes.
    assert b"Content-Type: image/png\r\n\r\n" + PNG in request.content


def signed_item(key: str, token: str) -> dict:
    return {"path": key, "signedURL": f"/object/sign/evidence/{key}?token={token}", "error": None}


def key(name: str, extension: str = "png") -> str:
    """A key as new_key writes them: <owner>/<32 hex>.<extension>."""
    return f"{OWNER}/{name * 32}.{extension}"


def test_signed_urls_are_one_batch_request(remote, api):
    keys = [key("a"), key("b", "pdf"), key("c")]
    route = api.post("/object/sign/evidence").respond(
        json=[
            signed_item(keys[0], "t1"),
            signed_item(keys[1], "t2"),
            {"path": keys[2], "signedURL": None, "error": "Either the object does not exist"},
        ]
    )
    urls = remote.signed_urls([*keys, "../../etc/passwd", f"{OWNER}/a.png"], 600)
    assert route.call_count == 1
    request = route.calls.last.request
    assert_service_role(request)
    assert json.loads(request.content) == {"paths": keys, "expiresIn": "600"}
    assert urls == {
        keys[0]: f"{STORAGE}/object/sign/evidence/{keys[0]}?token=t1",
        keys[1]: f"{STORAGE}/object/sign/evidence/{keys[1]}?token=t2",
    }


def test_no_keys_make_no_request(remote, api):
    assert remote.signed_urls([], 600) == {}
    assert remote.signed_urls(["../../etc/passwd", "a//b.png"], 600) == {}


def test_delete_removes_the_key(remote, api):
    route = api.delete("/object/evidence").respond(json=[])
    remote.delete(f"{OWNER}/a.png")
    request = route.calls.last.request
    assert_service_role(request)
    assert json.loads(request.content) == {"prefixes": [f"{OWNER}/a.png"]}


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(500, json={"statusCode": "500", "error": "internal", "message": "boom"}),
        httpx.Response(503, text="<html>Service Unavailable</html>"),
        httpx.ConnectError("connection refused"),
    ],
    ids=["500", "503-not-json", "network"],
)
def test_storage_failures_are_unavailable(remote, api, answer):
    route = api.route()  # every request under the Storage URL
    if isinstance(answer, Exception):
        route.mock(side_effect=answer)
    else:
        route.mock(return_value=answer)
    for call in (
        lambda: remote.put(OWNER, PNG, "image/png", "png"),
        lambda: remote.signed_urls([key("a")], 60),
        lambda: remote.delete(f"{OWNER}/a.png"),
    ):
        with pytest.raises(Unavailable) as caught:
            call()
        assert caught.value.code == "storage_unavailable"
        assert caught.value.status == 503
