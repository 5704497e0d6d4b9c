"""Every user gets a diploma with a readable, unique slug, made by the database."""

import threading
import uuid
from pathlib import Path

import psycopg
import pytest

from optio.migrate import SUPABASE_DIR, migrate, migration_files

from ..factories import make_user
from .conftest import diploma_of

MIGRATION = "20261122000310"


def test_two_students_with_the_same_name_get_numbered_slugs(app, conn):
    first = make_user(app, first_name="Ana", last_name="López")
    second = make_user(app, first_name="Ana", last_name="López")
    third = make_user(app, first_name="ANA", last_name="LOPEZ")
    assert [diploma_of(conn, u["id"])["slug"] for u in (first, second, third)] == [
        "ana-lopez",
        "ana-lopez-2",
        "ana-lopez-3",
    ]


def test_a_non_ascii_name_is_folded_to_ascii(app, conn):
    user = make_user(app, first_name="Zoë", last_name="Ørsted-Bjørnson")
    assert diploma_of(conn, user["id"])["slug"] == "zoe-orsted-bjornson"


def test_a_name_in_chinese_falls_back_to_the_username(app, conn):
    user = make_user(app, first_name="小明", last_name="王", username="wang_xiaoming")
    assert diploma_of(conn, user["id"])["slug"] == "wang-xiaoming"


def test_a_new_diploma_is_private_and_blank(app, conn):
    diploma = diploma_of(conn, make_user(app, first_name="Kai", last_name="Ng")["id"])
    assert diploma == {**diploma, "slug": "kai-ng", "is_public": False, "headline": None}


@pytest.mark.parametrize(
    "first,last,username,slug",
    [
        ("Łukasz", "Żółć", None, "lukasz-zolc"),
        ("Æsa", "Strauß", None, "aesa-strauss"),
        ("Œdipe", "Søren", None, "oedipe-soren"),
        ("Seán", "O'Brien", None, "sean-obrien"),
        ("Nguyễn", "Thị Minh", None, "nguyen-thi-minh"),
        ("  Mary--Jane ", "  ", None, "mary-jane"),
        ("Þóra", "Ðiðriksdóttir", None, "thora-didriksdottir"),
        ("Li", None, "li_wei", "li-wei"),  # two letters are not enough: the username
        ("Иван", "Петров", "ivan_petrov", "ivan-petrov"),
        ("小", "王", "___", "student"),  # nothing usable at all
        ("小", "王", None, "student"),
        ("A" * 80, "B", None, "a" * 50),
    ],
)
def test_slug_bases(conn, first, last, username, slug):
    base = conn.execute(
        "select private.diploma_slug_base(%s, %s, %s)", (first, last, username)
    ).fetchone()[0]
    assert base == slug


def test_a_name_taken_while_signing_up_at_the_same_time_gets_the_next_number(
    app, conn, database_url
):
    """A second sign-up whose insert waits on the first one's uncommitted slug retries."""
    make_user(app, first_name="Rui", last_name="Sá")
    first = psycopg.connect(database_url)
    try:
        first.execute(
            "insert into auth.users (email, raw_user_meta_data)"
            """ values ('one@example.com', '{"first_name": "Rui", "last_name": "Sá"}')"""
        )
        errors: list[BaseException] = []

        def second_sign_up():
            try:
                with psycopg.connect(database_url, autocommit=True) as other:
                    other.execute(
                        "insert into auth.users (email, raw_user_meta_data)"
                        """ values ('two@example.com', '{"first_name": "Rui", "last_name": "Sá"}')"""
                    )
            except BaseException as exc:  # reported below, in the test's thread
                errors.append(exc)

        thread = threading.Thread(target=second_sign_up)
        thread.start()
        thread.join(timeout=1)
        assert thread.is_alive(), "the second sign-up should wait for the first one's slug"
        first.commit()
        thread.join(timeout=10)
        assert not errors
    finally:
        first.close()
    slugs = conn.execute(
        "select u.email, d.slug from public.diplomas d join public.users u on u.id = d.user_id"
        " where u.email in ('one@example.com', 'two@example.com') order by u.email"
    ).fetchall()
    assert slugs == [("one@example.com", "rui-sa-2"), ("two@example.com", "rui-sa-3")]


def test_the_migration_gives_existing_users_diplomas_oldest_first(tmp_path, pg_admin_url):
    """Migrate up to the diplomas migration, sign users up, then apply it."""
    root = tmp_path / "supabase"
    (root / "migrations").mkdir(parents=True)
    (root / "local").symlink_to(SUPABASE_DIR / "local")
    earlier = [p for v, _, p in migration_files() if v < MIGRATION]
    ours = next(p for v, _, p in migration_files() if v == MIGRATION)
    for path in earlier:
        (root / "migrations" / path.name).symlink_to(path)

    name = f"optio_backfill_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{name}"')
        admin.execute(f'create database "{name}"')
    url = psycopg.conninfo.make_conninfo(pg_admin_url, dbname=name)
    try:
        migrate(url, root)
        with psycopg.connect(url, autocommit=True) as db:
            for n, (first, last) in enumerate([("Ana", "López"), ("Ana", "Lopez"), ("小", "王")]):
                db.execute(
                    "insert into auth.users (email, raw_user_meta_data, created_at)"
                    " values (%s, jsonb_build_object('first_name', %s::text, 'last_name', %s::text),"
                    " now() - make_interval(days => %s))",
                    (f"old{n}@example.com", first, last, 10 - n),
                )
        (root / "migrations" / ours.name).symlink_to(ours)
        assert migrate(url, root) == [Path(ours).stem]
        with psycopg.connect(url) as db:
            rows = db.execute(
                "select u.email, d.slug, d.is_public from public.users u"
                " join public.diplomas d on d.user_id = u.id order by u.email"
            ).fetchall()
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as admin:
            admin.execute(f'drop database if exists "{name}" with (force)')
    assert rows == [
        ("old0@example.com", "ana-lopez", False),
        ("old1@example.com", "ana-lopez-2", False),
        ("old2@example.com", "old2", False),
    ]
