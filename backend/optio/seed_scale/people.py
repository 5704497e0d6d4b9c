"""The load users: who they are, their role, their diploma's slug and whether it is public.

Usernames and slugs follow the app's rules: a username of the form load_00001, and a diploma
slug chosen as private.create_diploma chooses it (SlugBook).
"""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import words

PUBLIC_DIPLOMAS = 0.6  # share of diplomas made public
DAY = timedelta(days=1)


def new_id(rng: random.Random) -> uuid.UUID:
    """A random (version 4) UUID from `rng`, so a seed gives the same ids."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


@dataclass
class Person:
    id: uuid.UUID
    email: str
    username: str
    first_name: str
    last_name: str
    role: str
    slug: str
    created_at: datetime
    is_public: bool
    headline: str | None = None
    bio: str | None = None


class SlugBook:
    """Diploma slugs as private.create_diploma picks them: `first-last`, else `first-last-2`,
    `-3`... past every slug taken."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)
        self.next_n: dict[str, int] = {}

    def claim(self, first_name: str, last_name: str) -> str:
        # private.slug_words for ASCII names; generated names are long enough to need no
        # fallback to the username.
        base = re.sub(r"[^a-z0-9]+", "-", f"{first_name} {last_name}".lower())[:50].strip("-")
        n = self.next_n.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.next_n[base] = n
        self.taken.add(candidate)
        return candidate


def new_person(
    rng: random.Random, now: datetime, slugs: SlugBook, email: str, username: str, n: int
) -> Person:
    """The `n`th load user (the long-history student is 0), joined before `now`."""
    first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
    # A parent and an advisor in every hundred; everyone else is a student.
    role = {49: "advisor", 99: "parent"}.get(n % 100, "student")
    public = rng.random() < PUBLIC_DIPLOMAS
    return Person(
        id=new_id(rng),
        email=email,
        username=username,
        first_name=first,
        last_name=last,
        role=role,
        slug=slugs.claim(first, last),
        created_at=now - rng.uniform(60, 540) * DAY,
        is_public=public,
        headline=words.headline(rng) if public else None,
        bio=words.bio(rng) if public else None,
    )
