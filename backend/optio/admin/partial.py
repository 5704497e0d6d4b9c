"""Partial updates (PATCH bodies): the fields sent are the ones that change."""

from __future__ import annotations

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator


def _not_null(value: object) -> object:
    if value is None:
        raise ValueError("may be left out, but not null")
    return value


NotNull = AfterValidator(_not_null)
"""On an optional field of a change: leaving it out keeps the value; null is refused."""


class Change(BaseModel):
    """Base of a PATCH body: unknown fields are refused, and at least one field is sent."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="after")
    def _something(self) -> Change:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        return self
