"""SQL of diplomas. Documents come from one definer function that decides who may see them."""

from __future__ import annotations

from typing import Any, TypedDict, cast

from psycopg import sql

from ..db import Tx
from ..quests.queries import ProgressCounts


class EvidenceJson(TypedDict):
    """Shown evidence of a diploma task; `path` is a storage key still to be signed."""

    type: str
    text: str | None
    url: str | None
    path: str | None
    content_type: str | None


class DiplomaTaskJson(TypedDict):
    id: str
    title: str
    pillar: str
    xp_awarded: int
    completed_at: str
    evidence: EvidenceJson | None  # None when the student keeps it private


class CompletedQuestJson(TypedDict):
    id: str
    title: str
    description: str
    source: str
    image_url: str | None
    started_at: str
    completed_at: str
    xp_earned: int
    tasks: list[DiplomaTaskJson]


class InProgressQuestJson(ProgressCounts):
    id: str
    title: str
    source: str
    image_url: str | None
    started_at: str


class DiplomaDocument(TypedDict):
    """The document private.diploma_document builds, with `accredited` added here."""

    slug: str
    is_public: bool
    visible_to_anyone: bool
    headline: str | None
    bio: str | None
    display_name: str
    member_since: str
    subscription_tier: str
    accredited: bool
    xp: dict[str, int]
    completed_quests: list[CompletedQuestJson]
    in_progress_quests: list[InProgressQuestJson]


# The document, with whether its owner's tier includes the accredited mark (read from
# subscription_tiers in the same statement). `materialized` builds the document once: inlined,
# each of the three references to it would run the function again.
_WITH_ACCREDITED = sql.SQL("""
with x as materialized ({source})
select x.document || jsonb_build_object('accredited', coalesce(
  (select (t.features ->> 'accredited_diploma')::boolean from public.subscription_tiers t
   where t.tier_key = x.document ->> 'subscription_tier'), false)) as document
from x where x.document is not null""")

BY_SLUG = _WITH_ACCREDITED.format(
    source=sql.SQL("select private.diploma_document(%(slug)s) as document")
)
MINE = _WITH_ACCREDITED.format(
    source=sql.SQL("""select private.diploma_document(d.slug) as document
  from public.diplomas d where d.user_id = (select auth.uid())""")
)

_UPDATE_MINE = sql.SQL(
    "update public.diplomas set {assignments} where user_id = (select auth.uid())"
)


def document_by_slug(tx: Tx, slug: str) -> DiplomaDocument | None:
    """The diploma's document, or None when it is missing or not visible to the caller."""
    return cast(DiplomaDocument | None, tx.scalar(BY_SLUG, {"slug": slug}))


def my_document(tx: Tx) -> DiplomaDocument | None:
    return cast(DiplomaDocument | None, tx.scalar(MINE))


def update_mine(tx: Tx, changes: dict[str, Any]) -> DiplomaDocument | None:
    """Change my diploma as myself (the column grants and RLS decide what may change) and read
    its new document, in one round trip."""
    update = _UPDATE_MINE.format(
        assignments=sql.SQL(", ").join(
            sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in changes
        )
    )
    _, rows = tx.run((update, changes), (MINE, None))
    return cast(DiplomaDocument, rows[0]["document"]) if rows else None
