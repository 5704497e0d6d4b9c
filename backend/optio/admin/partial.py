"""Partial updates (PATCH bodies): the fields sent are the ones that change."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator


class Change(BaseModel):
    """Base of a PATCH body: unknown fields are refused, and at least one field is sent."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

    @model_validator(mode="after")
    def _something(self) -> Change:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        return self
