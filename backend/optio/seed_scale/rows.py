"""A plan as rows for COPY, in the column order of load.py's COPY statements.

Completions are generated while they stream (500k of them need not sit in memory at once),
drawing their evidence and times from their own `random.Random`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from ..storage.sniff import JPEG, PDF, PNG, WEBP, Sniffed
from . import words
from .people import DAY, new_id
from .plan import Enrollment, Plan

Row = tuple[Any, ...]

# Evidence as students give it: mostly words, some links, a few files; some kept private.
LINK_SHARE, IMAGE_SHARE, DOCUMENT_SHARE, PRIVATE_SHARE = 0.12, 0.05, 0.03, 0.1
IMAGES = (JPEG, JPEG, PNG, WEBP)
WORK_SPAN = 45 * DAY  # a quest's tasks are done within this time of enrolling


def auth_users(plan: Plan, password_hash: str) -> Iterator[Row]:
    for p in plan.people:
        meta = {"first_name": p.first_name, "last_name": p.last_name, "username": p.username}
        yield (
            p.id,
            p.email,
            password_hash,
            p.created_at,
            json.dumps(meta),
            p.created_at,
            p.created_at,
        )


def profiles(plan: Plan) -> Iterator[Row]:
    """public.users as private.handle_new_auth_user fills it from the sign-up's metadata."""
    for p in plan.people:
        display = f"{p.first_name} {p.last_name}"
        yield (
            p.id,
            p.email,
            p.username,
            p.first_name,
            p.last_name,
            display,
            p.role,
            p.created_at,
            p.created_at,
        )


def diplomas(plan: Plan, rng: random.Random) -> Iterator[Row]:
    for p in plan.people:
        created = p.created_at
        yield new_id(rng), p.id, p.slug, p.is_public, p.headline, p.bio, created, created


def quests(plan: Plan) -> Iterator[Row]:
    for q in plan.quests:
        yield q.id, q.title, q.description, q.source, q.image_url, q.created_at, q.created_at


def tasks(plan: Plan) -> Iterator[Row]:
    for q in plan.quests:
        for t in q.tasks:
            yield t.id, q.id, t.title, t.description, t.pillar, t.xp, t.order_index, q.created_at


def enrollments(plan: Plan) -> Iterator[Row]:
    """user_quests as enrolling leaves them: active, completed_at filled in afterwards."""
    for e in plan.enrollments:
        yield e.id, e.person.id, e.quest.id, e.started_at


def team_requests(plan: Plan) -> Iterator[Row]:
    for r in plan.team_requests:
        yield (
            r.id,
            r.sender.id,
            r.recipient.id,
            r.quest.id if r.quest else None,
            r.message,
            r.status,
            r.created_at,
            r.responded_at,
        )


class Completions:
    """quest_task_completions rows of every enrollment; the evidence files they name are
    collected in `stored` (private.evidence_objects rows) as they are made."""

    def __init__(self, plan: Plan, rng: random.Random, now: datetime) -> None:
        self.plan, self.rng, self.now = plan, rng, now
        self.texts = words.evidence_texts(rng, 2000)
        self.stored: list[Row] = []

    def __iter__(self) -> Iterator[Row]:
        for e in self.plan.enrollments:
            yield from self._of(e)

    def _of(self, e: Enrollment) -> Iterator[Row]:
        rng, user_id = self.rng, e.person.id
        span = min(self.now - e.started_at, WORK_SPAN)
        for i in e.done:
            task = e.quest.tasks[i]
            at = e.started_at + span * rng.random() + timedelta(seconds=1)
            text = url = path = content_type = size = None
            draw = rng.random()
            if draw < DOCUMENT_SHARE:
                kind, path, content_type, size = self._file(user_id, PDF, at)
            elif draw < DOCUMENT_SHARE + IMAGE_SHARE:
                kind, path, content_type, size = self._file(user_id, rng.choice(IMAGES), at)
            elif draw < DOCUMENT_SHARE + IMAGE_SHARE + LINK_SHARE:
                kind, url = "link", words.evidence_link(rng)
            else:
                kind, text = "text", rng.choice(self.texts)
            private = rng.random() < PRIVATE_SHARE
            yield (
                new_id(rng),
                user_id,
                e.quest.id,
                task.id,
                kind,
                text,
                url,
                path,
                content_type,
                size,
                private,
                task.xp,
                at,
            )

    def _file(self, user_id: object, sniffed: Sniffed, at: datetime) -> tuple[str, str, str, int]:
        """A stored file's path, type and size, as the upload route stores them."""
        path = f"{user_id}/{self.rng.getrandbits(128):032x}.{sniffed.extension}"
        size = self.rng.randint(30_000, 4_000_000)
        self.stored.append((path, user_id, sniffed.content_type, size, at))
        return sniffed.kind, path, sniffed.content_type, size
