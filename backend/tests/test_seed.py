"""The demo catalog in supabase/seed.sql: varied enough to click around in, safe to reload."""

import re
from typing import get_args

import pytest

from optio.config import PROJECT_ROOT
from optio.migrate import seed_sql
from optio.pillars import PILLARS
from optio.quests.schemas import Source

SEEDED_TABLES = ("public.quests", "public.quest_tasks")
QUEST_ART = PROJECT_ROOT / "frontend" / "public" / "quest-art"


@pytest.fixture
def seeded(database_url, conn):
    seed_sql(database_url)
    return conn


def snapshot(conn):
    return {
        table: conn.execute(f"select * from {table} order by id").fetchall()
        for table in SEEDED_TABLES
    }


def row_counts(rows_by_table):
    return {table: len(rows) for table, rows in rows_by_table.items()}


def test_the_seed_has_at_least_fourteen_quests(seeded):
    assert seeded.execute("select count(*) from public.quests").fetchone()[0] >= 14


@pytest.mark.parametrize("source", get_args(Source))
def test_each_source_has_at_least_three_quests(seeded, source):
    count = seeded.execute(
        "select count(*) from public.quests where source = %s", (source,)
    ).fetchone()[0]
    assert count >= 3


@pytest.mark.parametrize("pillar", PILLARS)
def test_each_pillar_is_used_by_tasks_in_at_least_three_quests(seeded, pillar):
    count = seeded.execute(
        "select count(distinct quest_id) from public.quest_tasks where pillar = %s", (pillar,)
    ).fetchone()[0]
    assert count >= 3


def test_seeded_quests_are_active_public_and_unowned(seeded):
    odd = seeded.execute(
        "select title from public.quests where not (is_active and is_public) or created_by is not null"
    ).fetchall()
    assert odd == []


def test_every_seeded_quest_has_an_illustration_of_its_own_shipped_with_the_web_app(seeded):
    images = [row[0] for row in seeded.execute("select image_url from public.quests order by id")]
    assert None not in images
    assert len(set(images)) == len(images)
    missing = [url for url in images if not (QUEST_ART / url.removeprefix("/quest-art/")).is_file()]
    assert all(url.startswith("/quest-art/") for url in images) and missing == []


def test_reseeding_gives_a_missing_image_back_and_keeps_one_an_admin_set(seeded, database_url):
    (first, art), (second, _) = seeded.execute(
        "select id, image_url from public.quests order by id limit 2"
    ).fetchall()
    seeded.execute("update public.quests set image_url = null where id = %s", (first,))
    seeded.execute(
        "update public.quests set image_url = 'https://example.com/mine.png' where id = %s",
        (second,),
    )
    seed_sql(database_url)
    images = dict(
        seeded.execute(
            "select id, image_url from public.quests where id in (%s, %s)", (first, second)
        ).fetchall()
    )
    assert images == {first: art, second: "https://example.com/mine.png"}


def test_every_quest_has_three_to_eight_tasks_ordered_from_zero(seeded):
    rows = seeded.execute(
        "select q.title, coalesce(array_agg(t.order_index order by t.order_index)"
        "   filter (where t.id is not null), '{}')"
        " from public.quests q left join public.quest_tasks t on t.quest_id = q.id"
        " group by q.id, q.title"
    ).fetchall()
    wrong = {title: order for title, order in rows if order != list(range(len(order)))}
    assert wrong == {}
    sizes = {title: len(order) for title, order in rows if not 3 <= len(order) <= 8}
    assert sizes == {}


def test_every_task_awards_between_25_and_200_xp(seeded):
    out_of_range = seeded.execute(
        "select title, xp_value from public.quest_tasks where xp_value not between 25 and 200"
    ).fetchall()
    assert out_of_range == []


def test_a_few_quests_have_exactly_one_optional_task(seeded):
    optional = dict(
        seeded.execute(
            "select quest_id, count(*) from public.quest_tasks where not is_required"
            " group by quest_id"
        ).fetchall()
    )
    assert len(optional) >= 2
    assert set(optional.values()) == {1}


def test_descriptions_are_one_to_three_sentences(seeded):
    texts = seeded.execute(
        "select title, description from public.quests"
        " union all select title, description from public.quest_tasks"
    ).fetchall()
    wrong = {
        title: description
        for title, description in texts
        if not 1 <= len(re.findall(r"[.!?](?:\s|$)", description)) <= 3
    }
    assert wrong == {}


def test_loading_the_seed_twice_changes_nothing(seeded, database_url):
    before = snapshot(seeded)
    seed_sql(database_url)
    after = snapshot(seeded)
    assert row_counts(after) == row_counts(before)
    assert after == before
