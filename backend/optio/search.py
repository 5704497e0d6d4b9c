"""Search terms as ILIKE patterns."""

from __future__ import annotations


def contains(search: str | None) -> str | None:
    """A pattern matching text that contains `search` literally (% and _ are not wildcards)."""
    if not search:
        return None
    escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
