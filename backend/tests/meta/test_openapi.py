import re

import pytest
from openapi_spec_validator import validate


def test_the_document_validates_as_openapi_3_1(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_the_document_lists_every_route(client, app):
    spec = client.get("/api/openapi.json").get_json()
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or not rule.rule.startswith("/api"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method.lower()) in documented, (path, method)


def test_request_and_response_schemas_come_from_the_validating_models(client):
    spec = client.get("/api/openapi.json").get_json()
    login = spec["paths"]["/api/auth/login"]["post"]
    body_ref = login["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = spec["components"]["schemas"][body_ref.rsplit("/", 1)[1]]
    assert set(body["required"]) == {"email", "password"}
    assert "422" in login["responses"] and "429" in login["responses"]
    me = spec["paths"]["/api/auth/me"]["get"]
    assert me["security"] and "401" in me["responses"]


def test_every_model_has_a_name_of_its_own(client):
    """Two models of one name are written with their module paths (optio__auth__schemas__...),
    which breaks the web app's types by name: each model needs a unique name."""
    names = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    assert [name for name in names if "__" in name] == []


def test_the_docs_page_is_the_web_builds_swagger_ui_page(app, client, tmp_path):
    app.config["WEB_DIST"] = tmp_path
    (tmp_path / "api-docs.html").write_text('<main id="swagger-ui"></main>')
    with client.get("/api/docs") as resp:
        assert resp.status_code == 200
        assert b'id="swagger-ui"' in resp.data
        assert "style-src 'self' 'unsafe-inline'" in resp.headers["Content-Security-Policy"]


def test_the_docs_page_says_how_to_build_it_when_the_web_app_is_not_built(app, client, tmp_path):
    app.config["WEB_DIST"] = tmp_path
    resp = client.get("/api/docs")
    assert resp.status_code == 503
    assert resp.get_json()["error"]["code"] == "web_app_not_built"
    assert "make web-build" in resp.get_json()["error"]["message"]


def _operations(spec):
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            yield f"{method.upper()} {path}", op


def _admits_null(schema) -> bool:
    return schema.get("type") == "null" or any(_admits_null(b) for b in schema.get("anyOf", []))


def test_operations_with_a_body_document_malformed_too_large_and_wrong_media_type(client):
    spec = client.get("/api/openapi.json").get_json()
    missing = {
        name: {"400", "413", "415"} - set(op["responses"])
        for name, op in _operations(spec)
        if "requestBody" in op and not {"400", "413", "415"} <= set(op["responses"])
    }
    assert missing == {}


def test_signed_in_writes_document_the_csrf_refusal(client):
    spec = client.get("/api/openapi.json").get_json()
    assert "403" in spec["paths"]["/api/users/me"]["patch"]["responses"]
    assert "403" in spec["paths"]["/api/auth/logout"]["post"]["responses"]
    assert "403" not in spec["paths"]["/api/users/me/xp"]["get"]["responses"]


def test_every_operation_documents_the_url_limit(client):
    spec = client.get("/api/openapi.json").get_json()
    assert [name for name, op in _operations(spec) if "414" not in op["responses"]] == []


def test_rate_limits_are_documented_where_they_apply(client):
    spec = client.get("/api/openapi.json").get_json()
    unlimited = {name for name, op in _operations(spec) if "429" not in op["responses"]}
    assert unlimited == {"GET /api/health", "POST /api/webhooks/stripe"}


def test_the_limits_apply_where_documented(client, app):
    app.config["SETTINGS"].rate_limit_default = "2 per minute"
    statuses = [client.get("/api/tiers").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert {client.get("/api/health").status_code for _ in range(3)} == {200}


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("UserUpdate", "username"),
        ("DiplomaUpdate", "slug"),
        ("DiplomaUpdate", "is_public"),
        ("QuestUpdate", "title"),
        ("QuestUpdate", "description"),
        ("QuestUpdate", "source"),
        ("QuestUpdate", "is_active"),
        ("QuestUpdate", "is_public"),
        ("TaskUpdate", "title"),
        ("TaskUpdate", "pillar"),
        ("TaskUpdate", "xp_value"),
        ("TaskUpdate", "is_required"),
        ("AdminUserUpdate", "role"),
        ("AdminUserUpdate", "subscription_tier"),
        ("AdminUserUpdate", "is_active"),
        ("FileEvidenceIn", "type"),
    ],
)
def test_a_field_that_refuses_null_is_not_documented_nullable(client, model, field):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    prop = schemas[model]["properties"][field]
    assert not _admits_null(prop) and prop.get("default", ...) is not None, prop


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("QuestUpdate", "image_url"),
        ("DiplomaUpdate", "headline"),
        ("DiplomaUpdate", "bio"),
        ("UserUpdate", "display_name"),
        ("RefreshIn", "refresh_token"),
    ],
)
def test_a_field_where_null_means_something_is_documented_nullable(client, model, field):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    assert _admits_null(schemas[model]["properties"][field])


def test_query_parameters_are_never_nullable(client):
    """A query string cannot carry null: an optional parameter is one left out."""
    spec = client.get("/api/openapi.json").get_json()
    nullable = [
        (name, p["name"])
        for name, op in _operations(spec)
        for p in op["parameters"]
        if _admits_null(p["schema"]) or p["schema"].get("default", ...) is None
    ]
    assert nullable == []


def test_task_order_is_documented_as_unique_ids(client):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    assert schemas["TaskOrder"]["properties"]["task_ids"]["uniqueItems"] is True


def test_request_strings_are_documented_without_nul(client):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    assert schemas["TeamRequestIn"]["properties"]["message"]["pattern"] == "^[^\\u0000]*$"
    assert schemas["DiplomaUpdate"]["properties"]["slug"]["pattern"].startswith("^[a-z0-9]+")
