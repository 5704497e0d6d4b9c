"""SQL of diplomas. Documents come from one definer function that decides who may see them."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from ..db import Tx

# The document, with whether its owner's tier includes the accredited mark (read from
# subscription_tiers in the same statement). `materialized` builds the document once: inlined,
# each of the three references to it would run the function again.
_WITH_ACCREDITED = (
    "with x as materialized ({source})"
    " select x.document || jsonb_build_object('accredited', coalesce("
    " (select (t.features ->> 'accredited_diploma')::boolean from public.subscription_tiers t"
    "  where t.tier_key = x.document ->> 'subscription_tier'), false)) as document"
    " from x where x.document is not null"
)
_BY_SLUG = _WITH_ACCREDITED.format(source="select private.diploma_document(%(slug)s) as document")
_MINE = _WITH_ACCREDITED.format(
    source="select private.diploma_document(d.slug) as document"
    " from public.diplomas d where d.user_id = (select auth.uid())"
)


def document_by_slug(tx: Tx, slug: str) -> dict[str, Any] | None:
    """The diploma's document, or None when it is missing or not visible to the caller."""
    return tx.scalar(_BY_SLUG, {"slug": slug})


def my_document(tx: Tx) -> dict[str, Any] | None:
    return tx.scalar(_MINE)


def update_mine(tx: Tx, changes: dict[str, Any]) -> dict[str, Any] | None:
    """Change my diploma as myself (the column grants and RLS decide what may change) and read
    its new document, in one round trip."""
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in changes
    )
    update = sql.SQL("update public.diplomas set {} where user_id = (select auth.uid())").format(
        assignments
    )
    _, rows = tx.run((update.as_string(), changes), (_MINE, None))
    return rows[0]["document"] if rows else None
