import re

from openapi_spec_validator import validate


def test_the_document_validates_as_openapi_3_1(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_the_document_lists_every_route(client, app):
    spec = client.get("/api/openapi.json").get_json()
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in {"static", "docs.docs_asset"} or not rule.rule.startswith("/api"):
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


def test_the_docs_page_is_served_with_its_assets(client):
    for path in ("/api/docs", "/api/docs/swagger-ui-bundle.js", "/api/docs/optio-init.js"):
        with client.get(path) as resp:
            assert resp.status_code == 200, path
            if path == "/api/docs":
                assert b"swagger-ui" in resp.data
