"""File evidence: recognised by its bytes, capped in size, stored under a random name, read
back only through a signed URL; nothing stored or awarded when a request fails."""

import struct
import zlib

import pytest

from ..factories import make_quest, signed_in


def png_bytes(extra: int = 0) -> bytes:
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    pixels = chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
    padding = chunk(b"tEXt", b"c\x00" + b"x" * extra) if extra else b""
    return b"\x89PNG\r\n\x1a\n" + header + padding + pixels + chunk(b"IEND", b"")


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def setup(client, app, conn):
    quest = make_quest(conn, tasks=2, xp=[80, 20], pillars=["arts_creativity", "stem_logic"])
    user, headers = signed_in(client, app)
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    return quest, user, headers


def multipart(data: bytes, filename: str, **fields: str) -> tuple[bytes, str]:
    """A multipart body built by hand: the test client would spool a large one to a temporary
    file that it never closes when the server refuses the upload unread."""
    boundary = "optio-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    return b"".join(
        parts
    ) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload(client, task, headers, data, filename, **fields):
    body, content_type = multipart(data, filename, **fields)
    return client.post(
        f"/api/tasks/{task['id']}/complete", data=body, headers=headers, content_type=content_type
    )


def awarded(conn):
    return conn.execute("select count(*) from public.xp_events").fetchone()[0]


def test_an_image_is_stored_under_a_random_name_and_served_by_signed_url(
    client, conn, setup, stored_evidence
):
    quest, user, headers = setup
    resp = upload(client, quest["tasks"][0], headers, png_bytes(), "holiday photo.png")
    assert resp.status_code == 201, resp.get_json()
    evidence = resp.get_json()["completion"]["evidence"]
    assert evidence["type"] == "image" and evidence["content_type"] == "image/png"
    [key] = stored_evidence.keys()
    assert key.startswith(f"{user['id']}/") and "holiday" not in key
    assert stored_evidence.is_signed_url(evidence["file_url"])
    served = stored_evidence.fetch(client, evidence["file_url"])
    assert served == (200, png_bytes(), "image/png")
    assert resp.get_json()["xp_awarded"] == 80


def test_a_pdf_is_accepted_as_a_document(client, setup):
    quest, _, headers = setup
    resp = upload(client, quest["tasks"][1], headers, PDF, "essay.pdf", is_private="true")
    assert resp.status_code == 201, resp.get_json()
    evidence = resp.get_json()["completion"]["evidence"]
    assert evidence["type"] == "document" and evidence["is_private"] is True


def test_pdf_bytes_named_png_and_claimed_as_an_image_answer_415(
    client, conn, setup, stored_evidence
):
    quest, _, headers = setup
    resp = upload(client, quest["tasks"][0], headers, PDF, "photo.png", type="image")
    assert resp.status_code == 415
    assert stored_evidence.keys() == [] and awarded(conn) == 0


@pytest.mark.parametrize(
    "data", [b"<html><script>alert(1)</script></html>", b"MZ\x90\x00binary", b"plain text"]
)
def test_unrecognised_bytes_answer_415(client, conn, setup, stored_evidence, data):
    quest, _, headers = setup
    resp = upload(client, quest["tasks"][0], headers, data, "evidence.png")
    assert resp.status_code == 415
    assert stored_evidence.keys() == [] and awarded(conn) == 0


def test_an_image_over_10_mb_answers_413(client, conn, setup, stored_evidence):
    quest, _, headers = setup
    resp = upload(client, quest["tasks"][0], headers, png_bytes(extra=10 * 1024 * 1024), "big.png")
    assert resp.status_code == 413
    assert resp.get_json()["error"]["code"] == "payload_too_large"
    assert stored_evidence.keys() == [] and awarded(conn) == 0


def test_a_request_over_the_body_limit_answers_413(client, conn, setup, stored_evidence):
    quest, _, headers = setup
    resp = upload(client, quest["tasks"][0], headers, PDF + b"0" * (27 * 1024 * 1024), "huge.pdf")
    assert resp.status_code == 413
    assert stored_evidence.keys() == [] and awarded(conn) == 0


def test_a_multipart_request_without_a_file_answers_422(client, setup):
    quest, _, headers = setup
    resp = client.post(
        f"/api/tasks/{quest['tasks'][0]['id']}/complete",
        data={"type": "image"},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"][0]["field"] == "file"


def test_a_repeat_upload_stores_nothing_new(client, conn, setup, stored_evidence):
    quest, _, headers = setup
    assert upload(client, quest["tasks"][0], headers, png_bytes(), "a.png").status_code == 201
    again = upload(client, quest["tasks"][0], headers, png_bytes(), "b.png")
    assert again.status_code == 200 and again.get_json()["xp_awarded"] == 0
    assert len(stored_evidence.keys()) == 1 and awarded(conn) == 1


def test_a_file_stored_for_a_failed_transaction_is_removed(client, conn, setup, stored_evidence):
    """The file is written before the row; if the row cannot be written the file goes too."""
    quest, _, headers = setup
    conn.execute(
        "alter table public.quest_task_completions add constraint no_images check (evidence_type <> 'image')"
    )
    resp = upload(client, quest["tasks"][0], headers, png_bytes(), "a.png")
    assert resp.status_code == 500
    assert stored_evidence.keys() == [] and awarded(conn) == 0
