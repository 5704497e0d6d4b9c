"""What every request model shares: text PostgreSQL can store, PATCH bodies (`Change`) whose
fields may be left out but not nulled, blank text that means nothing (`BlankIsNone`, `Search`,
`NotBlank`), and booleans that are booleans.

Every string a request carries (JSON body, multipart form, query string, path) is `Text` or ends
its `Annotated[...]` with `Storable`; tests/meta/test_request_models.py walks every model the
OpenAPI document lists and fails on a plain `str`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StrictBool,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

# In JSON Schema (ECMA-262) terms: any string without U+0000, so that schema-driven clients and
# fuzzers generate text we store. Unpaired surrogates cannot be written in UTF-8 JSON text at all
# (only as \ud800 escapes), so the pattern leaves them to the validator.
STORABLE_PATTERN = "^[^\\u0000]*$"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(value: str) -> bool:
    """Whether `storable` would refuse it (a quick test, before a validator runs)."""
    return _UNSTORABLE.search(value) is not None


def storable(value: str) -> str:
    """Refuse what a PostgreSQL text column cannot hold: NUL, and unpaired UTF-16 surrogates
    (which pydantic lets through a str without constraints, and UTF-8 cannot encode)."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return value
    if found.group() == "\x00":
        raise PydanticCustomError(
            "nul_character", "Text cannot contain the NUL character (\\u0000)."
        )
    raise PydanticCustomError(
        "unpaired_surrogate", "Text cannot contain an unpaired surrogate (\\ud800 to \\udfff)."
    )


class _Storable:
    """Checks a string with `storable` after its other constraints, and says so in the schema."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(storable, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        if json_schema.get("type") == "string":
            # A field's own pattern (usernames, slugs) already excludes NUL; keep it.
            json_schema.setdefault("pattern", STORABLE_PATTERN)
        return json_schema

    def __repr__(self) -> str:
        return "Storable"


Storable = _Storable()
"""Last in a string's Annotated[...]: `Annotated[str, StringConstraints(...), Storable]`.

Last, because pydantic applies constraints that follow a validator to its output, after the
fact: `Annotated[Text, StringConstraints(strip_whitespace=True, max_length=3)]` would measure
" abc " before stripping it. Constraints go first, `Storable` closes."""

Text = Annotated[str, Storable]
"""Any request string: text PostgreSQL can store. Bound it with Field(max_length=...)."""


def _not_null(value: object) -> object:
    if value is None:
        raise PydanticCustomError("not_null", "May be left out, but not null.")
    return value


class _NotNull:
    """On an optional field of a change: leaving it out keeps the value; null is refused.

    The document must not offer null either, so the null branch leaves the JSON schema."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(_not_null, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        branches = [b for b in json_schema.get("anyOf", []) if b != {"type": "null"}]
        if "anyOf" in json_schema and len(branches) == 1:
            rest = {k: v for k, v in json_schema.items() if k != "anyOf"}
            return {**branches[0], **rest}
        if "anyOf" in json_schema:
            json_schema["anyOf"] = branches
        return json_schema

    def __repr__(self) -> str:
        return "NotNull"


NotNull = _NotNull()
"""`title: Annotated[Title | None, NotNull] = None`: may be omitted (None: unchanged), not null."""


class Change(BaseModel):
    """Base of a PATCH body: the fields sent are the ones that change. Unknown fields are
    refused, and at least one field is sent."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

    @model_validator(mode="after")
    def _something(self) -> Change:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        return self


def blank_is_none(value: str | None) -> str | None:
    """Surrounding whitespace goes, and text with nothing left is None."""
    if value is None:
        return None
    return value.strip() or None


BlankIsNone = AfterValidator(blank_is_none)
"""Last on an optional string, after its constraints: `Annotated[Headline | None, BlankIsNone]`.
A blank value then means None (on a change: clear it; in a query: no filter)."""

Search = Annotated[Annotated[str, StringConstraints(max_length=100), Storable] | None, BlankIsNone]
"""A search query parameter: up to 100 characters, trimmed; blank or left out, no search."""


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


NotBlank = AfterValidator(_not_blank)
"""Last on a required string, after its constraints: refuses one of only whitespace (the value
itself is kept as sent)."""


def _form_word(value: object) -> object:
    if value == "true":
        return True
    if value == "false":
        return False
    return value


FormBool = Annotated[StrictBool, BeforeValidator(_form_word)]
"""A boolean sent as text (a multipart field, a query parameter): "true" or "false", nothing else.
JSON bodies use StrictBool: `0`, `"yes"` and friends are not booleans."""
