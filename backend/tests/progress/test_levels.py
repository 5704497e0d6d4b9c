"""GET /api/users/me/progress: my overall level and each pillar's mastery from my XP, in one
round trip; nothing signed out."""

from __future__ import annotations

from ..factories import signed_in


def give_xp(conn, user_id, pillar: str, amount: int) -> None:
    conn.execute(
        "insert into public.user_skill_xp (user_id, pillar, xp_amount) values (%s, %s, %s)",
        (user_id, pillar, amount),
    )


def test_levels_follow_my_xp(client, app, conn):
    user, headers = signed_in(client, app)
    give_xp(conn, user["id"], "stem_logic", 320)  # pillar level 4 needs 300
    give_xp(conn, user["id"], "arts_creativity", 80)  # pillar level 2 needs 50
    answer = client.get("/api/users/me/progress", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    assert answer.headers["X-DB-Round-Trips"] == "1"
    body = answer.get_json()
    assert body["overall"] == {"xp": 400, "level": 3, "xp_into_level": 100, "xp_to_next": 200}
    levels = {
        p["pillar"]: (p["level"], p["xp_into_level"], p["xp_to_next"]) for p in body["pillars"]
    }
    assert levels == {
        "stem_logic": (4, 20, 180),
        "life_wellness": (1, 0, 50),
        "language_communication": (1, 0, 50),
        "society_culture": (1, 0, 50),
        "arts_creativity": (2, 30, 70),
    }
    assert [p["pillar"] for p in body["pillars"]] == [  # in display order
        "stem_logic",
        "life_wellness",
        "language_communication",
        "society_culture",
        "arts_creativity",
    ]


def test_signed_out_there_is_no_progress(client):
    assert client.get("/api/users/me/progress").status_code == 401


def test_the_curves_are_public_and_follow_the_table(client, conn):
    answer = client.get("/api/levels")
    assert answer.status_code == 200
    curves = answer.get_json()["curves"]
    assert curves["overall"][:4] == [0, 100, 300, 600] and len(curves["overall"]) == 60
    assert curves["pillar"][:4] == [0, 50, 150, 300] and len(curves["pillar"]) == 30
    conn.execute("insert into public.level_curves values ('pillar', 31, 99999)")
    assert client.get("/api/levels").get_json()["curves"]["pillar"][-1] == 99999
