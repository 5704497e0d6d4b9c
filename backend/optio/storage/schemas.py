"""Models of what file evidence may be."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FileKindLimits(BaseModel):
    content_types: list[str] = Field(description="Recognised by the file's bytes, not its name.")
    max_bytes: int = Field(description="A larger file is refused with 413 payload_too_large.")


class EvidenceLimits(BaseModel):
    """What a file sent as evidence may be, to check before an upload; the API checks again."""

    image: FileKindLimits
    document: FileKindLimits
