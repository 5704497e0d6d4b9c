"""GET /api/evidence/limits: the limits the upload endpoint enforces, for clients to check first."""

MB = 1024 * 1024


def test_the_limits_name_each_kind_its_content_types_and_largest_size(client):
    resp = client.get("/api/evidence/limits")

    assert resp.status_code == 200
    assert resp.get_json() == {
        "image": {
            "content_types": ["image/png", "image/jpeg", "image/webp", "image/gif"],
            "max_bytes": 10 * MB,
        },
        "document": {"content_types": ["application/pdf"], "max_bytes": 25 * MB},
    }


def test_the_limits_need_no_sign_in(client):
    assert client.get("/api/evidence/limits").status_code == 200
