"""Where the API's CPU goes: py-spy's samples (`harness.py --profile`) by category.

    python bench/load/profile_breakdown.py ../.optio/bench-load/profile-dashboard.txt ...

Each sample is a stack; it counts for the deepest category its frames name, except that a
category marked `owns` keeps what it calls (the JSON that token verification decodes is token
verification). Samples of threads blocked on PostgreSQL or idle are counted apart: the shares
are of the samples that were on the CPU.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

# (category, substrings of a frame, owns what it calls). py-spy names a frame
# "function (package/module.py:line)".
RULES: list[tuple[str, tuple[str, ...], bool]] = [
    ("token verification", ("(optio/auth/tokens.py", "(jwt/"), True),
    ("pool checkout", ("(psycopg_pool/", "checkout (optio/db.py", "_idle_and_alive"), True),
    ("claims setup", ("Tx._context (optio/db.py", "Tx.act_as (optio/db.py"), True),
    ("row decoding", ("Cursor.fetchall", "Cursor.fetchone", "(psycopg/rows.py"), True),
    ("rate limiter", ("(flask_limiter/", "(limits/"), True),
    ("logging", ("(logging/",), True),
    ("pydantic", ("(pydantic/", "(pydantic_core/", "model_dump_json", "model_validate"), True),
    ("SQL (psycopg)", ("(psycopg/",), False),
    ("JSON", ("(json/", "orjson"), False),
    ("Flask, Werkzeug", ("(flask/", "(werkzeug/", "(flask_cors/"), False),
    ("gunicorn (HTTP)", ("(gunicorn/",), False),
    ("optio", ("(optio/", "(identity.py"), False),
]
# Samples that spend no CPU here: a thread blocked on PostgreSQL's answer, or idle.
WAITING = {
    "waiting for PostgreSQL": ("Connection.wait (psycopg/",),
    "idle": (
        "select (selectors.py",
        "Condition.wait (threading.py",
        "sleep",
        "_worker (concurrent",
    ),
}


def category(stack: list[str]) -> str:
    leaf = stack[-1]
    for name, needles in WAITING.items():
        if any(n in leaf for n in needles):
            return name
    found, owned = "other", False
    for frame in stack:
        for name, frame_needles, owns in RULES:
            if any(n in frame for n in frame_needles):
                if not owned:
                    found, owned = name, owns
                break
    return found


def breakdown(path: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if stack:
            counts[category(stack.split(";"))] += int(n)
    return counts


def main() -> None:
    for arg in sys.argv[1:]:
        counts = breakdown(Path(arg))
        waits = {name: counts.pop(name, 0) for name in WAITING}
        total = sum(counts.values()) or 1
        print(f"{Path(arg).stem}: {total} samples on the CPU; besides, {waits}")
        for name, n in counts.most_common():
            print(f"  {name:<20} {100 * n / total:5.1f} %")


if __name__ == "__main__":
    main()
