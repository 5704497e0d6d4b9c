"""supabase/schema/ is what the migrations make: regenerate it with `optio db snapshot`."""

import pytest

from optio import schema_snapshot


def test_the_checked_in_schema_snapshot_is_current(database_url):
    stale = schema_snapshot.differing(schema_snapshot.render(database_url))
    assert stale == [], f"supabase/schema/ is stale, run `optio db snapshot`: {stale}"


def test_every_table_and_function_needs_a_domain(database_url, monkeypatch):
    monkeypatch.delitem(schema_snapshot.TABLES, "public.ai_usage")
    monkeypatch.delitem(schema_snapshot.FUNCTIONS, "private.notify")
    with pytest.raises(schema_snapshot.UnmappedObject, match=r"public\.ai_usage.*private\.notify"):
        schema_snapshot.render(database_url)


def test_a_scratch_database_gives_the_same_snapshot(pg_admin_url, tmp_path):
    files = schema_snapshot.snapshot(pg_admin_url)
    assert schema_snapshot.differing(files) == []
    schema_snapshot.write({"quests.sql": "old"}, tmp_path)
    (tmp_path / "gone.sql").write_text("")
    assert schema_snapshot.differing(files, tmp_path) == sorted({*files, "gone.sql"})
