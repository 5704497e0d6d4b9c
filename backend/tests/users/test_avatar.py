"""PUT/DELETE /api/users/me/avatar: my profile picture, stored in the `avatars` bucket and shown
through a signed URL; the column only the API writes, under my own folder."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from ..conftest import acting_as
from ..factories import signed_in
from ..quests.test_uploads import PDF, multipart, png_bytes

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


@pytest.fixture
def kim(client, app):
    user, headers = signed_in(client, app, username="kim_k", first_name="Kim")
    return {**user, "headers": headers}


def put(client, person, data: bytes, filename: str = "me.png"):
    body, content_type = multipart(data, filename)
    return client.put(
        "/api/users/me/avatar", data=body, headers=person["headers"], content_type=content_type
    )


def avatar_path(conn, user_id) -> str | None:
    row = conn.execute("select avatar_path from public.users where id = %s", (user_id,))
    return row.fetchone()[0]


def test_a_picture_is_stored_and_shown_through_a_signed_url(client, conn, kim, stored_evidence):
    resp = put(client, kim, png_bytes())

    assert resp.status_code == 200, resp.get_json()
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3
    key = avatar_path(conn, kim["id"])
    assert key and key.startswith(f"{kim['id']}/") and key.endswith(".png")
    stored = stored_evidence.keys()
    assert key in stored
    url = resp.get_json()["avatar_url"]
    assert stored_evidence.is_signed_url(url)
    status, content, content_type = stored_evidence.fetch(client, url)
    assert (status, content) == (200, png_bytes())
    assert content_type and content_type.startswith("image/png")

    me = client.get("/api/auth/me", headers=kim["headers"])
    assert me.status_code == 200 and stored_evidence.is_signed_url(me.get_json()["avatar_url"])
    assert int(me.headers["X-DB-Round-Trips"]) <= 3
    patched = client.patch("/api/users/me", json={"first_name": "Kimi"}, headers=kim["headers"])
    assert patched.status_code == 200
    assert stored_evidence.is_signed_url(patched.get_json()["avatar_url"])


def test_without_a_picture_the_profile_has_no_url(client, kim):
    me = client.get("/api/auth/me", headers=kim["headers"])
    assert me.status_code == 200 and me.get_json()["avatar_url"] is None
    assert int(me.headers["X-DB-Round-Trips"]) <= 3


def test_a_new_picture_replaces_the_old_file(client, conn, kim, stored_evidence):
    assert put(client, kim, png_bytes()).status_code == 200
    first = avatar_path(conn, kim["id"])

    resp = put(client, kim, JPEG, "me.jpg")

    assert resp.status_code == 200
    second = avatar_path(conn, kim["id"])
    assert second != first and second.endswith(".jpg")
    keys = stored_evidence.keys()
    assert second in keys and first not in keys


@pytest.mark.parametrize(
    ("data", "filename"),
    [(PDF, "me.pdf"), (b"GIF89a" + b"\x00" * 32, "me.gif"), (b"hello", "me.png")],
)
def test_anything_but_png_jpeg_or_webp_is_a_415(client, conn, kim, stored_evidence, data, filename):
    resp = put(client, kim, data, filename)

    assert resp.status_code == 415
    assert resp.get_json()["error"]["code"] == "unsupported_media_type"
    assert avatar_path(conn, kim["id"]) is None and stored_evidence.keys() == []


def test_a_picture_over_2_mb_is_a_413(client, conn, kim, stored_evidence):
    resp = put(client, kim, png_bytes(extra=2 * 1024 * 1024))

    assert resp.status_code == 413
    assert avatar_path(conn, kim["id"]) is None and stored_evidence.keys() == []


def test_no_file_is_a_422(client, kim):
    resp = client.put("/api/users/me/avatar", json={}, headers=kim["headers"])
    assert resp.status_code == 422


def test_signed_out_is_a_401(client):
    body, content_type = multipart(png_bytes(), "me.png")
    resp = client.put("/api/users/me/avatar", data=body, content_type=content_type)
    assert resp.status_code == 401


def test_removing_the_picture_deletes_the_file(client, conn, kim, stored_evidence):
    assert put(client, kim, png_bytes()).status_code == 200
    key = avatar_path(conn, kim["id"])

    resp = client.delete("/api/users/me/avatar", headers=kim["headers"])

    assert resp.status_code == 204
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3
    left = stored_evidence.keys()
    assert avatar_path(conn, kim["id"]) is None and key not in left
    assert client.get("/api/auth/me", headers=kim["headers"]).get_json()["avatar_url"] is None
    # Removing no picture is fine too.
    assert client.delete("/api/users/me/avatar", headers=kim["headers"]).status_code == 204


def test_deleting_my_account_deletes_my_picture(client, conn, kim, stored_evidence):
    assert put(client, kim, png_bytes()).status_code == 200
    key = avatar_path(conn, kim["id"])
    stored = stored_evidence.keys()
    assert key in stored

    resp = client.post(
        "/api/users/me/delete", json={"password": kim["password"]}, headers=kim["headers"]
    )

    assert resp.status_code == 204
    left = stored_evidence.keys()
    assert not [k for k in left if k.startswith(f"{kim['id']}/")]


def test_a_client_cannot_write_avatar_path_directly(conn, kim):
    mine = f"{kim['id']}/{uuid.uuid4().hex}.png"
    with acting_as(conn, kim["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("update public.users set avatar_path = %s where id = %s", (mine, kim["id"]))
    with acting_as(conn, kim["id"]) as cur:
        cur.execute("select avatar_path from public.users where id = %s", (kim["id"],))
        assert cur.fetchone() == (None,)


@pytest.mark.parametrize(
    "path",
    [
        "{other}/0123456789abcdef0123456789abcdef.png",  # someone else's folder
        "{me}/0123456789abcdef0123456789abcdef.pdf",  # not a picture
        "{me}/../0123456789abcdef0123456789abcdef.png",
        "{me}/me.png",  # not a key our storage writes
    ],
)
def test_whoever_writes_it_the_path_is_a_picture_key_in_my_folder(conn, kim, path):
    value = path.format(me=kim["id"], other=uuid.uuid4())
    with conn.transaction(force_rollback=True), pytest.raises(psycopg.errors.CheckViolation):
        conn.execute("update public.users set avatar_path = %s where id = %s", (value, kim["id"]))


def test_signing_in_again_answers_my_picture(client, conn, kim, stored_evidence):
    assert put(client, kim, png_bytes()).status_code == 200

    resp = client.post("/api/auth/login", json={"email": kim["email"], "password": kim["password"]})

    assert resp.status_code == 200
    assert stored_evidence.is_signed_url(resp.get_json()["user"]["avatar_url"])
    assert int(resp.headers["X-DB-Round-Trips"]) <= 3
