"""Pydantic at the edge: body/query parsing, response serialization, and the OpenAPI document.

Routes stack decorators (microblog-api style)::

    @bp.post("/login")
    @body(LoginIn)
    @response(SessionPublic)
    def login(payload: LoginIn): ...

Each decorator records what it does on the view, and `openapi_document` reads those records for
every rule in the URL map, so the document cannot drift from what actually validates.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any

from flask import Response, request
from pydantic import BaseModel, ValidationError

from .errors import BadRequest, Invalid, UnsupportedMediaType, validation_details

View = Callable[..., Any]


def _meta(view: View) -> dict[str, Any]:
    # functools.wraps copies __dict__, so outer wrappers see what inner decorators recorded.
    # Copy, so a wrapper's record never changes the record of the view it wraps.
    meta = dict(view.__dict__.get("openapi", {}))
    view.__dict__["openapi"] = meta
    return meta


def parse(model: type[BaseModel], data: Any, location: str) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise Invalid(
            f"The request {location} is not valid.", details=validation_details(exc, location)
        ) from None


def json_body() -> Any:
    if not request.is_json:
        raise UnsupportedMediaType("Send the request body as application/json.")
    data = request.get_json(silent=True)
    if data is None:
        raise BadRequest("The request body is not valid JSON.")
    return data


def body(
    model: type[BaseModel], multipart: type[BaseModel] | None = None
) -> Callable[[View], View]:
    """Parse the JSON body with `model` (or a multipart form with `multipart`, when given;
    `body(M, multipart=M)` takes only a multipart form); the view receives the parsed model as
    its first argument."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if multipart is model or (
                multipart is not None and request.mimetype == "multipart/form-data"
            ):
                form = {**request.form.to_dict(), **request.files.to_dict()}
                return view(*args, parse(multipart, form, "form"), **kwargs)
            return view(*args, parse(model, json_body(), "body"), **kwargs)

        meta = _meta(wrapper)
        meta["body"], meta["multipart"] = model, multipart
        return wrapper

    return decorator


def query(model: type[BaseModel]) -> Callable[[View], View]:
    """Parse the query string with `model`; list fields take repeated keys."""

    def decorator(view: View) -> View:
        list_fields = {
            name
            for name, field in model.model_fields.items()
            if getattr(field.annotation, "__origin__", None) is list
        }

        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            data = {
                key: request.args.getlist(key) if key in list_fields else request.args[key]
                for key in request.args
            }
            return view(*args, parse(model, data, "query"), **kwargs)

        _meta(wrapper)["query"] = model
        return wrapper

    return decorator


Also = Mapping[int, str | tuple[type[BaseModel] | None, str]]


def response(
    model: type[BaseModel] | None,
    status: int = 200,
    description: str = "OK",
    also: Also | None = None,
) -> Callable[[View], View]:
    """Serialize what the view returns through `model` (or answer empty with `status`).

    `also` documents the route's other successes, which the view returns as (payload, status):
    {200: "description"} with the same model, or {304: (None, "description")} with another.

    Text goes out as UTF-8, not \\u escapes: request text is refused when it is not valid
    Unicode (optio.fields.Text), and PostgreSQL's text always is."""

    others = {
        code: (model, answer) if isinstance(answer, str) else answer
        for code, answer in (also or {}).items()
    }

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            result, code, shape = view(*args, **kwargs), status, model
            if isinstance(result, tuple):  # (payload, status) for a route's other success
                result, code = result
                shape = others.get(code, (model, ""))[0]
            if isinstance(result, Response):
                result.status_code = code
                return result
            if shape is None:
                return Response(status=code)
            return Response(serialized(shape, result), status=code, mimetype="application/json")

        meta = _meta(wrapper)
        meta["response"], meta["status"], meta["description"] = model, status, description
        meta["also"] = others
        return wrapper

    return decorator


def serialized(model: type[BaseModel], payload: Any) -> bytes:
    """`payload` validated by `model`, then written as JSON by pydantic's own (Rust) serializer:
    no intermediate dicts of Python objects, and no second encoder."""
    return model.model_validate(payload, from_attributes=True).model_dump_json().encode()


def errors(*statuses: int) -> Callable[[View], View]:
    """Document the error answers a route can give besides validation."""

    def decorator(view: View) -> View:
        meta = _meta(view)
        meta["errors"] = set(meta.get("errors", set())) | set(statuses)
        return view

    return decorator


def summary_of(view: View) -> tuple[str, str]:
    doc = inspect.getdoc(view) or ""
    first, _, rest = doc.partition("\n")
    return first.strip(), rest.strip()
