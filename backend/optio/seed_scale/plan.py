"""What a scale seed makes, decided in Python before anything is written: the people, the quest
catalog, each student's enrollments (which tasks of which quests they finished) and the
team-ups. Row details that nothing else depends on (evidence, completion times) are drawn
later, while rows stream to the database (rows.py).

The choices keep to what the app itself allows: a student has at most IN_PROGRESS_AT_MOST
quests in progress (the free tier allows five); every task is required, so a quest is completed
when all its tasks are; usernames and diploma slugs follow the triggers' rules (people.py).
"""

from __future__ import annotations

import math
import random
import statistics
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from ..pillars import PILLARS
from . import words
from .people import DAY, Person, SlugBook, new_id, new_person

TASKS_PER_QUEST = 10
MIN_QUESTS, USERS_PER_QUEST = 50, 50
IN_PROGRESS_AT_MOST = 3  # two part-done quests and one just started (_enrollment_sizes)
SOURCES = ("khan_academy", "brilliant", "custom")
LONG_HISTORY_EMAIL = "load-long@example.com"
# The demo catalog's illustrations (frontend/public/quest-art/, supabase/seed.sql) by the pillar
# they show most; a third of the quests get one of their pillar's.
QUEST_ART = {
    "stem_logic": ("algebra", "logic", "scientific-thinking", "thinking-in-code", "probability"),
    "life_wellness": ("personal-finance", "budget", "first-5k", "family-dinners"),
    "language_communication": ("grammar", "podcast", "new-language"),
    "society_culture": ("world-history", "art-history", "elder-interview"),
    "arts_creativity": ("comic", "art-history", "podcast"),
}


@dataclass(frozen=True)
class Task:
    id: uuid.UUID
    title: str
    description: str
    pillar: str
    xp: int
    order_index: int


@dataclass(frozen=True)
class Quest:
    id: uuid.UUID
    title: str
    description: str
    source: str
    image_url: str | None
    created_at: datetime
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Enrollment:
    id: uuid.UUID
    person: Person
    quest: Quest
    done: tuple[int, ...]  # indices of the quest's tasks this person completed
    started_at: datetime

    @property
    def completed(self) -> bool:
        """Every task is required, so the quest is completed when every task is."""
        return len(self.done) == len(self.quest.tasks)


@dataclass(frozen=True)
class TeamRequest:
    id: uuid.UUID
    sender: Person
    recipient: Person
    quest: Quest | None
    message: str
    status: str
    created_at: datetime
    responded_at: datetime | None


@dataclass
class Plan:
    people: list[Person]
    quests: list[Quest]
    enrollments: list[Enrollment]
    team_requests: list[TeamRequest]
    long_history: Person
    median_student: Person
    busiest_quest: Quest  # the one with the most enrollments
    completions_by_person: dict[uuid.UUID, int]


def plan(
    rng: random.Random,
    now: datetime,
    users: int,
    completions: int,
    long_history: int,
    taken_slugs: set[str],
) -> Plan:
    """Decide everything: `users` load users sharing `completions` completions among their
    students, and one more student with `long_history` completions."""
    slugs = SlugBook(taken_slugs)
    width = max(5, len(str(users)))
    people = [
        new_person(rng, now, slugs, f"load-{n:0{width}d}@example.com", f"load_{n:0{width}d}", n)
        for n in range(1, users + 1)
    ]
    long = new_person(rng, now - 300 * DAY, slugs, LONG_HISTORY_EMAIL, "load_long", 0)
    students = [p for p in people if p.role == "student"]  # load-00001 is always one
    mean = completions / len(students)
    quest_count = max(
        MIN_QUESTS,
        math.ceil(users / USERS_PER_QUEST),
        math.ceil(long_history / TASKS_PER_QUEST) + 1,
        # Room for the busiest students (1.75 x the mean) and their quests in progress.
        math.ceil(1.75 * mean / TASKS_PER_QUEST) + IN_PROGRESS_AT_MOST,
    )
    quests = [_quest(rng, now) for _ in range(quest_count)]
    most = TASKS_PER_QUEST * (quest_count - IN_PROGRESS_AT_MOST)
    counts = _completion_counts(rng, len(students), completions, most)
    histories = [*zip(students, counts, strict=True), (long, long_history)]
    enrollments = [e for p, count in histories for e in _enrollments(rng, now, p, count, quests)]

    median = statistics.median_low(counts)
    median_student = students[counts.index(median)]
    for featured in (long, median_student):
        featured.is_public = True
        featured.headline, featured.bio = words.headline(rng), words.bio(rng)
    enrolled = Counter(e.quest.id for e in enrollments)
    return Plan(
        people=[*people, long],
        quests=quests,
        enrollments=enrollments,
        team_requests=_team_requests(rng, now, students, quests),
        long_history=long,
        median_student=median_student,
        busiest_quest=max(quests, key=lambda q: (enrolled[q.id], str(q.id))),
        completions_by_person={p.id: count for p, count in histories},
    )


def _enrollments(
    rng: random.Random, now: datetime, person: Person, count: int, quests: list[Quest]
) -> list[Enrollment]:
    """`person`'s enrollments, holding `count` completions between them."""
    sizes = _enrollment_sizes(rng, count, in_progress=person.email != LONG_HISTORY_EMAIL)
    made = []
    for quest, size in zip(rng.sample(quests, len(sizes)), sizes, strict=True):
        done = tuple(sorted(rng.sample(range(TASKS_PER_QUEST), size)))
        span = max((now - person.created_at) - DAY, DAY)
        started = person.created_at + span * rng.random()
        made.append(Enrollment(new_id(rng), person, quest, done, started))
    return made


def _quest(rng: random.Random, now: datetime) -> Quest:
    pillar = rng.choice(list(PILLARS))
    subject = rng.choice(words.SUBJECTS[pillar])
    quest_id = new_id(rng)
    tasks = tuple(
        Task(
            id=new_id(rng),
            title=title,
            description=description,
            pillar=pillar if rng.random() < 0.6 else rng.choice(list(PILLARS)),
            xp=rng.randrange(10, 101, 5),
            order_index=i,
        )
        for i, (title, description) in enumerate(words.task_steps(rng, TASKS_PER_QUEST))
    )
    return Quest(
        id=quest_id,
        title=words.quest_title(rng, subject),
        description=words.quest_description(rng, subject),
        source=rng.choices(SOURCES, weights=(3, 3, 4))[0],
        image_url=quest_art(pillar, quest_id) if rng.random() < 0.3 else None,
        created_at=now - rng.uniform(600, 720) * DAY,
        tasks=tasks,
    )


def quest_art(pillar: str, quest_id: uuid.UUID) -> str:
    """One of the pillar's illustrations, picked by the id (no draw: the same seed makes the same
    data as before images were paths)."""
    names = QUEST_ART[pillar]
    return f"/quest-art/{names[quest_id.int % len(names)]}.svg"


def _completion_counts(rng: random.Random, students: int, total: int, most: int) -> list[int]:
    """Completions per student: spread evenly around the mean (so the median is near it),
    each in [0, most], adding up to exactly `total`."""
    mean = total / students
    counts = [min(most, round(mean * rng.uniform(0.25, 1.75))) for _ in range(students)]
    missing = total - sum(counts)
    while missing:
        i = rng.randrange(students)
        if missing > 0 and counts[i] < most:
            counts[i] += 1
            missing -= 1
        elif missing < 0 and counts[i] > 0:
            counts[i] -= 1
            missing += 1
    return counts


def _enrollment_sizes(rng: random.Random, count: int, *, in_progress: bool) -> list[int]:
    """How many tasks are done in each enrollment of a student with `count` completions:
    whole quests, up to two part-done ones and sometimes one just started."""
    full, rest = divmod(count, TASKS_PER_QUEST)
    if in_progress and full and rest <= 8 and rng.random() < 0.4:
        full, rest = full - 1, rest + TASKS_PER_QUEST
    parts: list[int] = []
    if rest >= TASKS_PER_QUEST:
        first = rng.randint(rest - TASKS_PER_QUEST + 1, TASKS_PER_QUEST - 1)
        parts = [first, rest - first]
    elif rest:
        parts = [rest]
    started = [0] if in_progress and rng.random() < 0.2 else []
    return [TASKS_PER_QUEST] * full + parts + started


def _team_requests(
    rng: random.Random, now: datetime, students: list[Person], quests: list[Quest]
) -> list[TeamRequest]:
    """A team-up request for every third student: most accepted, some pending, a few
    declined or withdrawn; never two for one pair. Accepted ones name no quest, since
    accepting one that does enrolls both (private.team_request_accepted)."""
    wanted = len(students) // 3 if len(students) >= 2 else 0
    pairs: set[frozenset[uuid.UUID]] = set()
    made: list[TeamRequest] = []
    while len(made) < wanted:
        sender, recipient = rng.sample(students, 2)
        pair = frozenset((sender.id, recipient.id))
        if pair in pairs:
            continue
        pairs.add(pair)
        status = rng.choices(("accepted", "pending", "rejected", "cancelled"), (55, 25, 10, 10))[0]
        since = max(sender.created_at, recipient.created_at)
        created = since + (now - since) * rng.random()
        responded = None
        if status != "pending":
            responded = min(now, created + rng.uniform(0.05, 3) * DAY)
        quest = rng.choice(quests) if status != "accepted" and rng.random() < 0.5 else None
        message = rng.choice(words.TEAM_MESSAGES)
        made.append(
            TeamRequest(new_id(rng), sender, recipient, quest, message, status, created, responded)
        )
    return made
