import pytest
from pydantic import ValidationError

from optio import create_app
from optio.config import DEV_JWT_SECRET, Settings

GOOD_PRODUCTION = {
    "_env_file": None,
    "optio_env": "production",
    "auth_provider": "supabase",
    "database_url": "postgresql://optio@db.example.com/optio",
    "supabase_url": "https://project.supabase.co",
    "supabase_anon_key": "anon-key",
    "supabase_jwt_secret": "x" * 40,
    "cors_origins": ["https://app.optio.example"],
    "storage_backend": "supabase",
    "supabase_service_role_key": "service-role-key",
    "redis_url": "redis://127.0.0.1:1/0",  # nothing listens: an app built on it gets a real one
    "public_url": "https://optio.example",
    "credential_signing_key": "z3u2RokWw7u44FkN5BEdPCuXrfTNu1WSCJxTvxgioXJzmgYz",
}


def test_production_settings_that_are_complete_are_accepted():
    settings = Settings(**GOOD_PRODUCTION)
    assert settings.is_production and settings.secure_cookies


@pytest.mark.parametrize(
    "override,named",
    [
        ({"auth_provider": "local"}, "AUTH_PROVIDER=local"),
        ({"supabase_jwt_secret": DEV_JWT_SECRET}, "development default"),
        ({"supabase_jwt_secret": "short-secret"}, "shorter than 32"),
        ({"database_url": None}, "DATABASE_URL is required"),
        ({"supabase_url": None}, "SUPABASE_URL is required"),
        ({"supabase_anon_key": None}, "SUPABASE_ANON_KEY is required"),
        ({"cors_origins": ["http://localhost:5173"]}, "CORS_ORIGINS"),
        ({"storage_backend": "local"}, "STORAGE_BACKEND=local"),
        ({"supabase_service_role_key": None}, "SUPABASE_SERVICE_ROLE_KEY"),
        ({"redis_url": None}, "REDIS_URL is required"),
        ({"redis_url": "memory://"}, "REDIS_URL is required"),
        ({"public_url": ""}, "PUBLIC_URL"),
        ({"public_url": "http://optio.example"}, "PUBLIC_URL"),
        ({"credential_signing_key": None}, "CREDENTIAL_SIGNING_KEY is required"),
    ],
)
def test_production_refuses_development_settings_and_says_which(override, named):
    with pytest.raises(ValidationError, match=named):
        Settings(**{**GOOD_PRODUCTION, **override})


def test_create_app_refuses_to_start_in_production_with_the_local_provider():
    with pytest.raises(ValidationError, match="AUTH_PROVIDER=local"):
        create_app({**GOOD_PRODUCTION, "auth_provider": "local"})


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORT", "6001")
    monkeypatch.setenv("CORS_ORIGINS", '["https://a.example", "https://b.example"]')
    settings = Settings(_env_file=None)
    assert settings.port == 6001
    assert settings.cors_origins == ["https://a.example", "https://b.example"]


def test_links_to_the_web_app_follow_the_port_unless_frontend_url_is_set():
    assert Settings(_env_file=None, port=5077).web_url == "http://127.0.0.1:5077"
    named = Settings(_env_file=None, port=5077, frontend_url="https://app.example.com/")
    assert named.web_url == "https://app.example.com"


def test_oauth_providers_are_a_comma_separated_list(monkeypatch):
    monkeypatch.setenv("OAUTH_PROVIDERS", " Google, apple ,")
    settings = Settings(**GOOD_PRODUCTION)
    assert settings.oauth_providers == ["google", "apple"]
    monkeypatch.setenv("OAUTH_PROVIDERS", "")
    assert Settings(**GOOD_PRODUCTION).oauth_providers == []


def test_oauth_providers_need_supabase_auth():
    with pytest.raises(ValidationError, match="OAUTH_PROVIDERS needs AUTH_PROVIDER=supabase"):
        Settings(_env_file=None, oauth_providers=["google"])
