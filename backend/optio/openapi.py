"""The OpenAPI 3.1 document, generated from the URL map and the models the routes validate with."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask_limiter import ExemptionScope
from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, models_json_schema
from pydantic_core import core_schema

from . import __version__
from .api import summary_of
from .extensions import limiter

_CONVERTERS = {
    "uuid": {"type": "string", "format": "uuid"},
    "int": {"type": "integer"},
    "string": {"type": "string"},
    "default": {"type": "string"},
    "path": {"type": "string"},
}
_RULE_ARG = re.compile(r"<(?:(?P<conv>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
_ERROR_TEXT = {
    400: "Malformed request",
    401: "Not signed in, or the token is not valid",
    403: "Not allowed",
    404: "Not found",
    409: "Conflicts with the current state",
    413: "Too large",
    414: "The URL is too long",
    415: "Unsupported media type",
    422: "Validation error",
    429: "Rate limited",
    502: "An upstream service failed or answered something unusable",
    503: "Unavailable",
    504: "An upstream service did not answer in time",
}
_ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"type": "array", "items": {}},
            },
        }
    },
}


class _Schema(GenerateJsonSchema):
    """Pydantic's JSON schema, minus `"default": null` on a field that may not be null (a PATCH
    field that may only be left out, see optio.fields.NotNull): null is not a value it takes."""

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> dict[str, Any]:
        json_schema = super().default_schema(schema)
        if json_schema.get("default", ...) is None and not _admits_null(json_schema):
            del json_schema["default"]
        return json_schema


def _admits_null(schema: dict[str, Any]) -> bool:
    kinds = schema.get("type")
    if kinds == "null" or (isinstance(kinds, list) and "null" in kinds):
        return True
    return any(_admits_null(branch) for branch in schema.get("anyOf", schema.get("oneOf", [])))


def openapi_document(app: Flask) -> dict[str, Any]:
    operations = _operations(app)
    schemas = _component_schemas(operations)
    paths: dict[str, dict[str, Any]] = {}
    for path, method, (endpoint, view), params in operations:
        op = _operation(
            view, params, schemas["refs"], method=method, rate_limited=_rate_limited(app, endpoint)
        )
        # The endpoint ("blueprint.view") is unique where view names are not; the method
        # suffix keeps one view serving two methods unique too.
        op["operationId"] = f"{endpoint.replace('.', '_')}_{method}"
        op["tags"] = [endpoint.split(".")[0]]
        paths.setdefault(path, {})[method] = op
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Optio API",
            "version": __version__,
            "description": "Quests, evidence, pillar XP and public diplomas.",
        },
        "servers": [{"url": "/"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": {**schemas["defs"], "Error": _ERROR_SCHEMA},
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "cookie": {"type": "apiKey", "in": "cookie", "name": "optio_access"},
            },
        },
    }


def _operations(app: Flask) -> list[tuple[str, str, tuple[str, Any], list[dict[str, Any]]]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or not rule.rule.startswith("/api"):
            continue  # outside /api is the web app (optio.web), not the API
        view = app.view_functions[rule.endpoint]
        params = [
            {
                "name": m["name"],
                "in": "path",
                "required": True,
                "schema": _CONVERTERS.get(m["conv"] or "default", {"type": "string"}),
            }
            for m in _RULE_ARG.finditer(rule.rule)
        ]
        path = _RULE_ARG.sub(lambda m: "{" + m["name"] + "}", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((path, method.lower(), (rule.endpoint, view), params))
    return found


def _component_schemas(operations: list[Any]) -> dict[str, Any]:
    models: dict[tuple[type[BaseModel], JsonSchemaMode], None] = {}
    for _, _, (_, view), _ in operations:
        meta = view.__dict__.get("openapi", {})
        for key in ("body", "multipart"):
            if meta.get(key):
                models[(meta[key], "validation")] = None
        for model in [meta.get("response"), *(m for m, _ in meta.get("also", {}).values())]:
            if model:
                models[(model, "serialization")] = None
    refs, top = models_json_schema(
        list(models), ref_template="#/components/schemas/{model}", schema_generator=_Schema
    )
    return {"refs": refs, "defs": top.get("$defs", {})}


def _rate_limited(app: Flask, endpoint: str) -> bool:
    """Whether the default limits apply (every route but those marked @limiter.exempt)."""
    blueprint = endpoint.rpartition(".")[0] or None
    scope = limiter.limit_manager.exemption_scope(app, endpoint, blueprint)
    return not scope & ExemptionScope.DEFAULT


def _operation(
    view: Any,
    path_params: list[Any],
    refs: dict[Any, str],
    *,
    method: str,
    rate_limited: bool,
) -> dict[str, Any]:
    meta = view.__dict__.get("openapi", {})
    summary, description = summary_of(view)
    op: dict[str, Any] = {
        "summary": summary or view.__name__.replace("_", " "),
        "parameters": list(path_params),
        "responses": {},
    }
    if description:
        op["description"] = description
    if meta.get("query"):
        op["parameters"] += _query_parameters(meta["query"])
    if meta.get("body"):
        content = {}
        if meta["body"] is not meta.get("multipart"):
            content["application/json"] = {"schema": refs[(meta["body"], "validation")]}
        if meta.get("multipart"):
            content["multipart/form-data"] = {"schema": refs[(meta["multipart"], "validation")]}
        op["requestBody"] = {"required": True, "content": content}
    successes = {
        meta.get("status", 200): (meta.get("response"), meta.get("description", "OK")),
        **meta.get("also", {}),
    }
    for code, (model, text) in sorted(successes.items()):
        op["responses"][str(code)] = {"description": text}
        if model:
            schema = refs[(model, "serialization")]
            op["responses"][str(code)]["content"] = {"application/json": {"schema": schema}}
    # Any request can carry a URL over the limit (optio.middleware).
    error_statuses = set(meta.get("errors", set())) | {414}
    if meta.get("body") or meta.get("query"):
        error_statuses.add(422)
    if meta.get("body"):
        # Malformed JSON, a body over MAX_CONTENT_LENGTH, a content type the route does not take.
        error_statuses |= {400, 413, 415}
    if rate_limited:
        error_statuses.add(429)
    if meta.get("auth"):
        error_statuses.add(401)
        op["security"] = [{"bearer": []}, {"cookie": []}]
        if method not in {"get", "head"} and not view.__dict__.get("csrf_exempt"):
            error_statuses.add(403)  # a cookie-authenticated write without its CSRF header
    for code in sorted(error_statuses):
        op["responses"][str(code)] = {
            "description": _ERROR_TEXT.get(code, "Error"),
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    return op


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    schema = model.model_json_schema(
        ref_template="#/components/schemas/{model}", schema_generator=_Schema
    )
    required = set(schema.get("required", []))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": _not_null(prop)}
        for name, prop in schema.get("properties", {}).items()
    ]


def _not_null(prop: dict[str, Any]) -> dict[str, Any]:
    """A query string cannot carry null: an optional parameter is one left out."""
    branches = [b for b in prop.get("anyOf", []) if b != {"type": "null"}]
    if len(branches) != 1:
        return prop
    rest = {k: v for k, v in prop.items() if k != "anyOf" and (k, v) != ("default", None)}
    return {**branches[0], **rest}
