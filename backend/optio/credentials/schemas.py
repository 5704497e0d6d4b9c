"""Shapes of the credentials API. The credentials themselves are JSON-LD documents, passed
through as signed (a model would reorder or drop what the signature covers)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field, field_validator

from ..fields import Text, unstorable


class CredentialSummary(BaseModel):
    id: UUID
    quest_id: UUID | None = Field(description="None once an admin removed the quest")
    quest_title: str
    issued_at: datetime
    signed: bool
    revoked_at: datetime | None
    revoked_reason: str | None


class CredentialList(BaseModel):
    items: list[CredentialSummary]


class DiplomaCredential(BaseModel):
    id: UUID
    quest_id: UUID | None = Field(description="None once an admin removed the quest")
    quest_title: str
    issued_at: datetime
    revoked: bool


class DiplomaCredentialList(BaseModel):
    items: list[DiplomaCredential]


class RevokeIn(BaseModel):
    reason: Text = Field(min_length=1, max_length=500)


class RevokedOut(BaseModel):
    id: UUID
    revoked_at: datetime
    revoked_reason: str


class CredentialVerifyIn(BaseModel):
    credential: dict[Text, Any] = Field(description="An Open Badges 3.0 credential, as JSON")

    @field_validator("credential")
    @classmethod
    def _a_credential(cls, value: dict[Text, Any]) -> dict[Text, Any]:
        types = value.get("type")
        if not isinstance(value.get("@context"), list) or not (
            isinstance(types, list) and "VerifiableCredential" in types
        ):
            raise ValueError("a credential has an @context list and the VerifiableCredential type")
        if any(unstorable(text) for text in _strings(value)):
            raise ValueError("a credential's text cannot contain NUL or unpaired surrogates")
        return value


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class CredentialCheckOut(BaseModel):
    name: str = Field(description="proof, dates or status")
    ok: bool
    message: str


class CredentialVerifyOut(BaseModel):
    verified: bool
    revoked: bool | None
    checks: list[CredentialCheckOut]
