import pytest
from click.testing import CliRunner

from optio.cli import main

from .conftest import TEST_SETTINGS
from .factories import login


@pytest.fixture
def cli_env(monkeypatch, database_url, tmp_path, auth_provider, request):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("BCRYPT_ROUNDS", "4")
    monkeypatch.setenv("OPTIO_ENV", "test")
    if auth_provider == "supabase":  # the accounts go through Supabase Auth, as in production
        request.getfixturevalue("fake_supabase")
        for name in (
            "auth_provider",
            "storage_backend",
            "supabase_url",
            "supabase_anon_key",
            "supabase_service_role_key",
            "supabase_jwt_secret",
        ):
            monkeypatch.setenv(name.upper(), TEST_SETTINGS[name])
    return CliRunner()


def test_users_create_makes_an_account_with_the_role(cli_env, conn):
    result = cli_env.invoke(
        main,
        [
            "users",
            "create",
            "--email",
            "Boss@Example.com",
            "--password",
            "long-password",
            "--role",
            "admin",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "boss@example.com (admin)" in result.output
    role = conn.execute("select role from public.users where email = 'boss@example.com'").fetchone()
    assert role == ("admin",)


def test_users_create_makes_an_account_that_signs_in_at_once(
    cli_env, client, auth_provider, request
):
    if auth_provider == "supabase":  # as hosted projects do: sign-ups confirm their e-mail
        fake = request.getfixturevalue("fake_supabase")
        fake.auto_confirm = False
    args = ["users", "create", "--email", "ops@example.com", "--password", "long-password"]
    result = cli_env.invoke(main, args)
    assert result.exit_code == 0, result.output
    login(client, {"email": "ops@example.com", "password": "long-password"})
    if auth_provider == "supabase":
        assert fake.mails_to("ops@example.com") == []


def test_db_check_passes_on_a_migrated_database(cli_env):
    result = cli_env.invoke(main, ["db", "check"])
    assert result.exit_code == 0 and "up to date" in result.output


def test_db_check_fails_when_a_migration_is_pending(cli_env, conn):
    conn.execute("delete from supabase_migrations.schema_migrations")
    result = cli_env.invoke(main, ["db", "check"])
    assert result.exit_code == 1 and "pending" in result.output


def test_db_seed_creates_the_demo_accounts_and_is_repeatable(cli_env, conn):
    for _ in range(2):
        result = cli_env.invoke(main, ["db", "seed"])
        assert result.exit_code == 0, result.output
    rows = conn.execute("select email, role from public.users order by email").fetchall()
    assert rows == [
        ("admin@optio.dev", "admin"),
        ("advisor@optio.dev", "advisor"),
        ("parent@optio.dev", "parent"),
        ("student@optio.dev", "student"),
    ]
    links = conn.execute(
        "select p.username, l.relation, l.scope from public.student_links l"
        " join public.users p on p.id = l.supporter_id order by 1"
    ).fetchall()
    assert links == [
        ("demo_advisor", "advisor", "progress"),
        ("demo_parent", "parent", "evidence"),
    ]
