"""A diploma's first view does not grow with the student's history: its worst case fits in 64 kB
and it costs one round trip however long the history.

The worst case, part by part (the document is UTF-8 JSON, where a character costs at most 6
bytes: a control character, escaped as \\u00XX):
- display name (cut at 100), headline (check: 140) and bio (check: 2,000): 2,240 characters;
- at most 6 featured and 6 recent quests, each a title (check: 200) and a description cut at
  240 characters: 12 x 440 = 5,280 characters;
- at most 6 quests in progress, each a title: 1,200 characters;
so 8,720 characters, 52,320 bytes of text at most; the rest is keys, ids, timestamps and
numbers, measured here with every list full and every number large.
"""

from __future__ import annotations

from ..factories import signed_in
from .conftest import history, publish

BUDGET = 64_000
WORST_CHAR = "\x01"  # 6 bytes in JSON: "\u0001"
PILLARS = "{stem_logic,life_wellness,language_communication,society_culture,arts_creativity}"


def worst_history(conn, user_id, completed: int, in_progress: int) -> None:
    """`completed` completed quests and `in_progress` started ones, every text at its longest
    and made of the costliest character, every quest's tasks in all five pillars with the
    largest XP."""
    conn.execute(
        """
        with q as (
          insert into public.quests (title, description)
          select repeat(%(c)s, 200), repeat(%(c)s, 5000) from generate_series(1, %(n)s)
          returning id)
        insert into public.quest_tasks (quest_id, title, pillar, xp_value, order_index)
        select q.id, repeat(%(c)s, 200), p.pillar, 2147483647, p.n
        from q, unnest(%(pillars)s::text[]) with ordinality p(pillar, n)""",
        {"c": WORST_CHAR, "n": completed + in_progress, "pillars": PILLARS},
    )
    quests = [
        r[0]
        for r in conn.execute(
            "select id from public.quests where title = repeat(%s, 200) order by id", (WORST_CHAR,)
        )
    ]
    done, going = quests[:completed], quests[completed:]
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) select %s, unnest(%s::uuid[])",
        (user_id, quests),
    )
    conn.execute(
        "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text)"
        " select %s, t.id, 'text', repeat(%s, 10000)"
        " from public.quest_tasks t where t.quest_id = any(%s::uuid[])",
        (user_id, WORST_CHAR, done),
    )
    # Featured: the 6 oldest, so that none of them is also among the 6 most recent.
    conn.execute(
        "update public.diplomas set featured_quest_ids = %s where user_id = %s",
        (done[:6], user_id),
    )
    assert going


def test_the_worst_first_view_of_a_long_history_fits_the_budget(client, app, conn, visitor):
    user, _ = signed_in(client, app)
    worst_history(conn, user["id"], completed=300, in_progress=10)
    conn.execute(
        "update public.users set display_name = repeat(%s, 500), subscription_tier = 'academy'"
        " where id = %s",
        (WORST_CHAR, user["id"]),
    )
    conn.execute(
        "update public.diplomas set slug = %s, headline = repeat(%s, 140),"
        " bio = repeat(%s, 2000) where user_id = %s",
        ("a" * 60, WORST_CHAR, WORST_CHAR, user["id"]),
    )
    slug = publish(conn, user["id"])
    resp = visitor.get(f"/api/diplomas/{slug}")
    assert resp.status_code == 200 and int(resp.headers["X-DB-Round-Trips"]) == 1
    body = resp.get_json()
    assert len(body["featured_quests"]) == len(body["recent_quests"]) == 6
    assert len(body["in_progress_quests"]) == 6 and body["more_quests"]
    assert not {q["id"] for q in body["featured_quests"]} & {q["id"] for q in body["recent_quests"]}
    assert len(body["display_name"]) == 100
    assert all(len(q["description"]) == 240 for q in body["recent_quests"])
    assert body["totals"] == {
        "completed_quests": 300,
        "completed_tasks": 1500,
        "quests_in_progress": 10,
    }
    print(f"worst first view: {len(resp.data)} bytes")  # shown with -s
    assert len(resp.data) <= BUDGET


def test_the_first_view_costs_the_same_round_trips_and_bytes_for_70_or_1000_completions(
    client, app, conn, visitor
):
    sizes = []
    for completions in (70, 1000):
        user, headers = signed_in(client, app, first_name="Long", last_name=f"H{completions}")
        history(conn, user["id"], completions)
        slug = publish(conn, user["id"])
        for browser, path, auth in (
            (visitor, f"/api/diplomas/{slug}", {}),
            (client, "/api/users/me/diploma", headers),
        ):
            resp = browser.get(path, headers=auth)
            assert resp.status_code == 200 and int(resp.headers["X-DB-Round-Trips"]) == 1, path
        sizes.append(len(resp.data))
        patch = client.patch("/api/users/me/diploma", json={"bio": "Long"}, headers=headers)
        assert patch.status_code == 200 and int(patch.headers["X-DB-Round-Trips"]) <= 2
    assert resp.get_json()["totals"]["completed_tasks"] == 1000
    assert abs(sizes[1] - sizes[0]) < 100  # only the numbers grow
