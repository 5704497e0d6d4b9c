"""Every model a route parses requests with keeps the shared rules of optio.fields.

The models are found the way optio.openapi finds them (the records @body and @query leave on
the views), so a new route cannot slip past: every string is `Text` (PostgreSQL text cannot hold
NUL), and every boolean is strict (0 and "yes" are not booleans).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, StrictBool, StringConstraints, TypeAdapter, ValidationError

from optio import create_app
from optio.fields import FormBool, Storable, Text, storable

from ..conftest import TEST_SETTINGS

_PYDANTIC_CONSTRAINTS = "pydantic._internal._validators"


def request_models(app) -> dict[str, type[BaseModel]]:
    """{"<endpoint> <where>": model} for every body, multipart form and query model."""
    found = {}
    for endpoint, view in app.view_functions.items():
        meta = view.__dict__.get("openapi", {})
        for where in ("body", "multipart", "query"):
            if meta.get(where) is not None:
                found[f"{endpoint} {where}"] = meta[where]
    return found


def _walk(
    node: Any, ancestors: tuple[dict, ...] = (), path: tuple[str, ...] = ()
) -> Iterator[tuple[dict, tuple[dict, ...], str]]:
    """Every node of a core schema, with the nodes around it and the model.field it is in."""
    if isinstance(node, dict):
        if "type" in node:
            if node["type"] == "model":
                path = (*path, node["cls"].__name__)
            yield node, ancestors, ".".join(path)
            ancestors = (*ancestors, node)
        for key, value in node.items():
            field = isinstance(value, dict) and value.get("type") == "model-field"
            yield from _walk(value, ancestors, (*path, key) if field else path)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _walk(value, ancestors, path)


def _function(node: dict[str, Any]) -> Any:
    return (node.get("function") or {}).get("function")


def _is_constraint(function: Any) -> bool:
    inner = getattr(function, "func", function)  # functools.partial(max_length_validator, ...)
    return getattr(inner, "__module__", "") == _PYDANTIC_CONSTRAINTS


def loose_strings(model: type[BaseModel]) -> list[str]:
    """Where `model` takes a string that is not Text: a `str` that no `Storable` validator
    encloses, or one with a pydantic constraint applied after Storable (which would then measure
    the string before stripping it)."""
    problems = []
    for node, ancestors, where in _walk(model.__pydantic_core_schema__):
        if node["type"] == "str":
            enclosing = []  # the validators directly around the string, innermost first
            for parent in reversed(ancestors):
                if not parent["type"].startswith("function-") and parent["type"] != "nullable":
                    break
                enclosing.append(_function(parent))
            if storable not in enclosing:
                problems.append(f"{where}: a plain str, not Text")
            elif any(_is_constraint(f) for f in enclosing[enclosing.index(storable) + 1 :]):
                problems.append(f"{where}: a constraint after Storable")
        elif node["type"] == "chain" and any(s.get("type") == "str" for s in node["steps"]):
            # How pydantic applies string constraints that follow a validator.
            problems.append(f"{where}: a constraint after Storable")
    return problems


def lax_booleans(model: type[BaseModel]) -> list[str]:
    return [
        f"{where}: a lax bool, not StrictBool (JSON) or FormBool (form, query)"
        for node, _, where in _walk(model.__pydantic_core_schema__)
        if node["type"] == "bool" and not node.get("strict")
    ]


@pytest.fixture(scope="module")
def models() -> dict[str, type[BaseModel]]:
    app = create_app({**TEST_SETTINGS, "database_url": "postgresql:///unused"})
    return request_models(app)


def test_the_walk_finds_the_request_models(models):
    expected = {"auth.login body", "quests.complete_task multipart", "quests.list_quests query"}
    assert expected <= set(models)


def test_every_request_string_is_text(models):
    problems = {where: p for where, model in models.items() if (p := loose_strings(model))}
    assert problems == {}


def test_every_request_boolean_is_strict(models):
    problems = {where: p for where, model in models.items() if (p := lax_booleans(model))}
    assert problems == {}


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("a\x00b", "nul_character"),
        ("a\ud800b", "unpaired_surrogate"),
        ("\udfff", "unpaired_surrogate"),
    ],
)
def test_text_refuses_what_postgresql_cannot_store(value, error):
    """Also where pydantic's own str checks do not run (a str without constraints)."""
    with pytest.raises(ValidationError) as refused:
        TypeAdapter(Text).validate_python(value)
    assert refused.value.errors()[0]["type"] == error


def test_text_keeps_everything_else():
    text = "emoji \U0001f600, tab\t, bell\x07, \u00e9"
    assert TypeAdapter(Text).validate_python(text) == text


class _Loose(BaseModel):
    name: str
    nested: list[dict[str, str]]


class _ConstrainedAfter(BaseModel):
    title: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=3)]


class _Good(BaseModel):
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=3), Storable] | None
    body: Text = ""
    flag: StrictBool = False
    form_flag: FormBool = False


class _LaxFlag(BaseModel):
    flag: bool


def test_the_checks_can_fail():
    """The checks above catch a plain str, a constraint after Storable and a lax bool."""
    assert loose_strings(_Loose) == [
        "_Loose.name: a plain str, not Text",
        "_Loose.nested: a plain str, not Text",
        "_Loose.nested: a plain str, not Text",
    ]
    assert "_ConstrainedAfter.title: a constraint after Storable" in loose_strings(
        _ConstrainedAfter
    )
    assert loose_strings(_Good) == [] and lax_booleans(_Good) == []
    assert lax_booleans(_LaxFlag) == [
        "_LaxFlag.flag: a lax bool, not StrictBool (JSON) or FormBool (form, query)"
    ]
