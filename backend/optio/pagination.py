"""Lists come a page at a time: the query parameters every list takes, and the page it answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field


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
