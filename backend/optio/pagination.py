"""Lists come a page at a time: the query parameters every list takes, and the page it answers.

Most lists are numbered pages (`PageQuery`); a list that grows at its head while someone reads
it (a diploma's completed quests) continues from a cursor instead (`KeysetQuery`), so no item is
shown twice or skipped, and a page costs the same however deep it is.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, Field, PlainValidator, WithJsonSchema


class PageQuery(BaseModel):
    """`page` counts from 1; `per_page` is 20 by default and 100 at most."""

    page: int = Field(default=1, ge=1, le=10_000)
    per_page: int = Field(default=20, ge=1, le=100)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def page_of(
        self, rows: Sequence[Mapping[str, Any]], count: int, **extra: Any
    ) -> dict[str, Any]:
        """The answer of a list: this page's rows, how many there are in all, and where we are."""
        return {"data": rows, "count": count, "page": self.page, "per_page": self.per_page, **extra}


class Position(NamedTuple):
    """Where a newest-first list continues: after the item of this time and id."""

    at: datetime
    id: uuid.UUID


def cursor_of(at: datetime | str, id: uuid.UUID | str) -> str:
    """The opaque cursor of a position, as a list hands it out."""
    moment = at if isinstance(at, datetime) else datetime.fromisoformat(at)
    raw = f"{moment.isoformat()}|{id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _position(value: Any) -> Position:
    if isinstance(value, str) and len(value) <= 200:
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
            at, _, id = raw.partition("|")
            moment = datetime.fromisoformat(at)
            if moment.tzinfo is not None:
                return Position(moment, uuid.UUID(id))
        except (ValueError, UnicodeDecodeError):
            pass  # binascii.Error is a ValueError
    raise ValueError("is not a cursor this list gave out")


Cursor = Annotated[
    Position,
    PlainValidator(_position),
    WithJsonSchema({"type": "string", "maxLength": 200}),
]


class KeysetQuery(BaseModel):
    """A list that grows at its head, a page at a time: `cursor` is the previous page's
    `next_cursor` (none for the first page); `limit` is 20 by default and 100 at most."""

    cursor: Cursor | None = None
    limit: int = Field(default=20, ge=1, le=100)
