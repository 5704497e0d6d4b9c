"""Typed settings from the environment and `.env`, with production guards."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from flask import current_app
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEV_JWT_SECRET = "optio-development-jwt-secret-change-me-in-production"  # noqa: S105 - production refuses it
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    """Every setting the app reads; `.env.example` documents each one."""

    model_config = SettingsConfigDict(
        env_file=PROJECT_ROOT / ".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    optio_env: Literal["development", "test", "production"] = "development"
    port: int = 5000
    log_level: str = "INFO"

    database_url: str | None = None
    optio_data_dir: Path = PROJECT_ROOT / ".optio"
    db_pool_min_size: int = 1
    db_pool_max_size: int = 10
    db_statement_timeout_ms: int = 15_000
    # How long a web request waits for a pooled connection before answering 503.
    db_pool_timeout_seconds: float = Field(default=2.0, gt=0)
    # Retry-After (seconds) of a 503 database_unavailable.
    db_retry_after_seconds: int = 5

    auth_provider: Literal["local", "supabase"] = "local"
    supabase_url: str | None = None
    supabase_anon_key: str | None = None
    supabase_jwt_secret: str | None = DEV_JWT_SECRET
    jwt_issuer: str | None = None
    access_token_ttl_seconds: int = 3600
    refresh_token_ttl_seconds: int = 30 * 24 * 3600
    password_reset_ttl_seconds: int = 3600
    bcrypt_rounds: int = Field(default=12, ge=4, le=16)
    # A spent refresh token presented again within this many seconds (a retry, a second tab)
    # continues its session instead of counting as theft (Supabase Auth's reuse interval).
    refresh_reuse_interval_seconds: int = Field(default=10, ge=0)
    # Sign-in buttons through Supabase Auth, e.g. "google,apple" (each enabled in Supabase).
    oauth_providers: Annotated[list[str], NoDecode] = []

    cors_origins: list[str] = ["http://localhost:5173", "http://127.0.0.1:5173"]
    frontend_url: str = ""  # empty: the app served by this API, http://127.0.0.1:$PORT
    cookie_secure: bool | None = None
    cookie_samesite: Literal["Lax", "Strict", "None"] = "Lax"
    # Proxies in front of the app whose X-Forwarded-* headers are trusted (Render: 1).
    trusted_proxy_hops: int = Field(default=0, ge=0, le=5)

    storage_backend: Literal["local", "supabase"] = "local"
    storage_dir: Path = PROJECT_ROOT / ".optio" / "storage"
    storage_bucket: str = "evidence"
    signed_url_ttl_seconds: int = 3600
    # Bytes of built public diploma documents each process keeps (optio.diplomas.kept); 0: none.
    diploma_cache_bytes: int = Field(default=16 * 1024 * 1024, ge=0)
    supabase_service_role_key: str | None = None

    stripe_secret_key: str | None = None
    stripe_webhook_secret: str | None = None
    stripe_api_base: str = "https://api.stripe.com"
    stripe_price_supported: str | None = None
    stripe_price_academy: str | None = None
    stripe_webhook_tolerance_seconds: int = 300
    billing_grace_days: int = 7

    gemini_api_key: str | None = None
    gemini_model: str = "gemini-2.5-flash-lite"
    gemini_base_url: str | None = None
    gemini_timeout_seconds: float = 30.0
    rate_limit_ai: str = "10/minute"
    # Credentials checked per client address (a check may fetch another issuer's documents).
    rate_limit_verify: str = "30/minute"
    # Link codes entered per client address (the database also stops 10 failures an hour).
    rate_limit_link_code: str = "10/minute"
    # Consent links opened or answered per client address, signed out.
    rate_limit_consent: str = "20/minute"
    # The version of the privacy notice a parent consents to; recorded with each consent.
    consent_policy_version: str = "2026-12"

    # Rate-limit counters shared by every process and instance; production requires it.
    redis_url: str | None = None
    rate_limit_default: str = "300/minute"
    rate_limit_auth: str = "10/minute"
    # Confirmation e-mails sent again, per address (Supabase Auth has its own limit too).
    rate_limit_resend: str = "2/minute;10/hour"
    max_content_length: int = 26 * 1024 * 1024

    # The platform's own e-mail: smtp://user:password@host:587 (STARTTLS when the server offers
    # it) or smtps://...:465. Unset: each message is written to OPTIO_DATA_DIR/mail as a .eml file
    # (`optio mail ls` lists them).
    smtp_url: SecretStr | None = None
    mail_from: str = "Optio <no-reply@optio.invalid>"
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)

    # The public site (https://optio.example.com): links in credentials, and the issuer's
    # did:web. Empty: FRONTEND_URL, else this API's own address. Production requires https.
    public_url: str = ""
    # The issuer's Ed25519 key, as a secret Multikey (z3u2…) or a PKCS#8 PEM; production
    # requires it, development generates one into OPTIO_DATA_DIR/credential-key.
    credential_signing_key: SecretStr | None = None
    # Public Multikeys (z6Mk…) of earlier signing keys, comma-separated: still listed in the DID
    # document, so credentials signed before a rotation still verify.
    credential_retired_keys: Annotated[list[str], NoDecode] = []

    @field_validator("oauth_providers", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [name.strip().lower() for name in value.split(",") if name.strip()]
        return value

    @field_validator("credential_retired_keys", mode="before")
    @classmethod
    def _comma_separated_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [key.strip() for key in value.split(",") if key.strip()]
        return value

    @model_validator(mode="after")
    def _oauth_needs_supabase(self) -> Settings:
        if self.oauth_providers and self.auth_provider != "supabase":
            raise ValueError("OAUTH_PROVIDERS needs AUTH_PROVIDER=supabase")
        return self

    @property
    def is_production(self) -> bool:
        return self.optio_env == "production"

    @property
    def issuer(self) -> str:
        """The `iss` our tokens carry and verification expects (Supabase's: <url>/auth/v1)."""
        if self.jwt_issuer:
            return self.jwt_issuer
        base = (self.supabase_url or f"http://127.0.0.1:{self.port}").rstrip("/")
        return f"{base}/auth/v1"

    @property
    def web_url(self) -> str:
        """The web app's base URL, without a trailing slash (reset links, Stripe's returns)."""
        return (self.frontend_url or f"http://127.0.0.1:{self.port}").rstrip("/")

    @property
    def site_url(self) -> str:
        """The public site's base URL, without a trailing slash (credentials, the issuer)."""
        return (self.public_url or self.web_url).rstrip("/")

    @property
    def secure_cookies(self) -> bool:
        return self.is_production if self.cookie_secure is None else self.cookie_secure

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.is_production:
            problems = production_problems(self)
            if problems:
                raise ValueError("refusing to start in production: " + "; ".join(problems))
        return self


def production_problems(settings: Settings) -> list[str]:
    """What makes these settings unfit for production, one sentence per problem."""
    problems = []
    if settings.auth_provider == "local":
        problems.append("AUTH_PROVIDER=local is for development; use AUTH_PROVIDER=supabase")
    for name in ("database_url", "supabase_url", "supabase_anon_key"):
        if not getattr(settings, name):
            problems.append(f"{name.upper()} is required")
    secret = settings.supabase_jwt_secret
    if secret == DEV_JWT_SECRET:
        problems.append("SUPABASE_JWT_SECRET is the development default")
    elif secret and len(secret) < MIN_SECRET_LENGTH:
        problems.append(f"SUPABASE_JWT_SECRET is shorter than {MIN_SECRET_LENGTH} characters")
    if settings.storage_backend == "local":
        problems.append("STORAGE_BACKEND=local keeps evidence on one machine; use supabase")
    elif not settings.supabase_service_role_key:
        problems.append("SUPABASE_SERVICE_ROLE_KEY is required for Supabase Storage")
    if any("localhost" in o or "127.0.0.1" in o for o in settings.cors_origins):
        problems.append("CORS_ORIGINS still lists a localhost origin")
    if not settings.redis_url or settings.redis_url.startswith("memory://"):
        problems.append(
            "REDIS_URL is required: rate limits kept in process memory are counted by each"
            " process and instance alone"
        )
    if not settings.public_url.startswith("https://"):
        problems.append("PUBLIC_URL must be the public site's https:// address (the issuer's DID)")
    if settings.credential_signing_key is None:
        problems.append("CREDENTIAL_SIGNING_KEY is required (optio credentials new-key makes one)")
    return problems


def current_settings() -> Settings:
    """The settings of the app handling the current request or command."""
    return current_app.config["SETTINGS"]
