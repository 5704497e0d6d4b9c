"""`supabase_auth`, `jwks`, `storage_bucket`: the Supabase project answers with our keys."""

from __future__ import annotations

import httpx
import jwt

from ..config import Settings
from .result import (
    CheckResult,
    failed,
    http_client,
    network_error,
    not_set,
    ok,
    server_says,
    skipped,
)

URL_FIX = "set SUPABASE_URL to the project's URL, https://<project-ref>.supabase.co (no path)"


def _base(settings: Settings) -> str:
    return (settings.supabase_url or "").rstrip("/")


def check_supabase_auth(settings: Settings) -> CheckResult:
    name = "supabase_auth"
    if settings.auth_provider != "supabase":
        return skipped(name, "AUTH_PROVIDER=local: accounts live in this database")
    if not settings.supabase_url:
        return not_set(name, "SUPABASE_URL", "AUTH_PROVIDER=supabase")
    if not settings.supabase_anon_key:
        return not_set(name, "SUPABASE_ANON_KEY", "AUTH_PROVIDER=supabase")
    url = f"{_base(settings)}/auth/v1/settings"
    try:
        with http_client() as http:
            resp = http.get(url, headers={"apikey": settings.supabase_anon_key})
    except httpx.HTTPError as exc:
        return failed(name, f"{url} did not answer ({network_error(exc)})", URL_FIX)
    if resp.status_code == 200:
        return ok(name, f"{url} accepts SUPABASE_ANON_KEY")
    if resp.status_code in (401, 403):
        return failed(
            name,
            f"Supabase Auth refused SUPABASE_ANON_KEY ({resp.status_code}: {server_says(resp)})",
            "set SUPABASE_ANON_KEY to the anon (publishable) key of the project at SUPABASE_URL"
            " (dashboard: Project Settings > API Keys)",
        )
    return failed(
        name,
        f"{url} answered {resp.status_code} ({server_says(resp)}), not Supabase Auth's settings",
        URL_FIX,
    )


def check_jwks(settings: Settings) -> CheckResult:
    """What auth/tokens.py verifies with: HS256 with the JWT secret, ES256/RS256 with the
    project's JWKS (keys with a `kid`, for signing)."""
    name = "jwks"
    secret = bool(settings.supabase_jwt_secret)
    if not settings.supabase_url:
        if secret:
            return ok(name, "HS256 tokens with SUPABASE_JWT_SECRET (no SUPABASE_URL, no JWKS)")
        return failed(
            name,
            "neither SUPABASE_JWT_SECRET nor SUPABASE_URL is set: no token could be verified",
            "set SUPABASE_JWT_SECRET (the project's JWT secret) or SUPABASE_URL",
        )
    url = f"{_base(settings)}/auth/v1/.well-known/jwks.json"
    try:
        with http_client() as http:
            resp = http.get(url)
        resp.raise_for_status()
        document = resp.json()
    except (httpx.HTTPError, ValueError) as exc:
        return failed(
            name,
            f"the JWKS at {url} could not be fetched ({network_error(exc)}): tokens signed with"
            " the project's ES256/RS256 keys would be refused",
            URL_FIX,
        )
    entries = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        return failed(name, f"{url} is not a JWKS (no `keys` list)", URL_FIX)
    usable = []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("kid") or entry.get("use", "sig") != "sig":
            continue  # the app ignores these too
        try:
            jwk = jwt.PyJWK(entry)
        except jwt.PyJWTError as exc:
            return failed(
                name,
                # PyJWT quotes the whole JWK after ": {"; a symmetric one would hold a secret.
                f"key {entry['kid']} of {url} cannot be read ({str(exc).split(': {')[0]})",
                "rotate the project's signing keys (dashboard: Project Settings > JWT Keys),"
                " or upgrade PyJWT if the algorithm is new",
            )
        usable.append(f"{entry['kid']} ({jwk.algorithm_name})")
    if usable:
        also = " and HS256 with SUPABASE_JWT_SECRET" if secret else ""
        return ok(name, f"signing keys {', '.join(usable)}{also}")
    if secret:
        return ok(name, "HS256 with SUPABASE_JWT_SECRET; the project publishes no signing key")
    return failed(
        name,
        f"{url} publishes no signing key and SUPABASE_JWT_SECRET is not set: no token could be"
        " verified",
        "set SUPABASE_JWT_SECRET to the project's legacy JWT secret, or move the project to"
        " asymmetric signing keys (dashboard: Project Settings > JWT Keys)",
    )


def check_storage_bucket(settings: Settings) -> CheckResult:
    name = "storage_bucket"
    if settings.storage_backend != "supabase":
        return skipped(name, "STORAGE_BACKEND=local: evidence stays on this machine's disk")
    if not settings.supabase_url:
        return not_set(name, "SUPABASE_URL", "STORAGE_BACKEND=supabase")
    if not settings.supabase_service_role_key:
        return not_set(name, "SUPABASE_SERVICE_ROLE_KEY", "STORAGE_BACKEND=supabase")
    bucket = settings.storage_bucket
    key = settings.supabase_service_role_key
    url = f"{_base(settings)}/storage/v1/bucket/{bucket}"
    try:
        with http_client() as http:
            resp = http.get(url, headers={"apikey": key, "Authorization": f"Bearer {key}"})
    except httpx.HTTPError as exc:
        return failed(name, f"{url} did not answer ({network_error(exc)})", URL_FIX)
    status = _storage_status(resp)
    if status == 404:
        return failed(
            name,
            f"bucket {bucket!r} does not exist in the project at SUPABASE_URL",
            f"create a private bucket named {bucket} (dashboard: Storage > New bucket, Public"
            " off), or set STORAGE_BUCKET to the existing bucket's name",
        )
    if status in (401, 403):
        return failed(
            name,
            f"Supabase Storage refused SUPABASE_SERVICE_ROLE_KEY ({status}: {server_says(resp)})",
            "set SUPABASE_SERVICE_ROLE_KEY to the project's service_role (secret) key",
        )
    if status != 200:
        return failed(name, f"{url} answered {status} ({server_says(resp)})", URL_FIX)
    try:
        public = resp.json().get("public")
    except (ValueError, AttributeError):
        public = None
    if not isinstance(public, bool):
        return failed(name, f"{url} answered 200 without a bucket's description", URL_FIX)
    if public:
        return failed(
            name,
            f"bucket {bucket!r} is public: anyone with a file's path could read a student's"
            " evidence without a signed URL",
            f"make it private (dashboard: Storage > {bucket} > Edit bucket > Public bucket off)",
        )
    return ok(name, f"bucket {bucket!r} exists and is private")


def _storage_status(resp: httpx.Response) -> int:
    """Storage names the real status in its body (`"statusCode": "404"`), and some versions
    send it with HTTP 400."""
    if resp.status_code == 200:
        return 200
    try:
        return int(resp.json()["statusCode"])
    except (ValueError, KeyError, TypeError):
        return resp.status_code
