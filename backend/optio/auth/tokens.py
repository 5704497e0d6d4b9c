"""Access tokens in Supabase's format: issued (local provider) and verified (every request).

Verification never calls the network per request: HS256 tokens are checked with the JWT
secret; ES256/RS256 tokens against the project's JWKS, fetched once, cached, and refetched
when a token names a key id we have not seen (at most once per `refetch_interval`).
A token once verified is remembered until it expires, so a client's requests after its first
cost a dictionary lookup: a token is immutable, and whether its session and account are still
live is checked by the database on every request anyway (optio.db).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.request
import uuid
from collections.abc import Mapping
from typing import Any

import jwt

from ..config import Settings

log = logging.getLogger(__name__)
AUDIENCE = "authenticated"
VERIFIED_CACHE_SIZE = 10_000  # tokens remembered per process; all are forgotten when full
ASYMMETRIC = {"ES256", "RS256"}


class InvalidToken(Exception):
    """The token is malformed, unsigned, expired, for another audience, or signed by a stranger."""


class Jwks:
    """The signing keys published at a JWKS URL, by key id."""

    def __init__(self, url: str, refetch_interval: float = 30.0, timeout: float = 5.0):
        self.url, self.refetch_interval, self.timeout = url, refetch_interval, timeout
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()

    def key(self, kid: str | None) -> jwt.PyJWK:
        if not kid:
            raise InvalidToken("the token names no key id")
        with self._lock:
            if kid not in self._keys and self._may_fetch():
                self._fetch()
            found = self._keys.get(kid)
        if found is None:
            raise InvalidToken("the token is signed with an unknown key")
        return found

    def _may_fetch(self) -> bool:
        return self._fetched_at is None or (
            time.monotonic() - self._fetched_at >= self.refetch_interval
        )

    def _fetch(self) -> None:
        self._fetched_at = time.monotonic()
        try:
            with urllib.request.urlopen(self.url, timeout=self.timeout) as resp:  # noqa: S310 - a URL from settings, never from a request
                document = json.load(resp)
        except (OSError, ValueError) as exc:
            log.warning("could not fetch JWKS from %s: %s", self.url, exc)
            return
        keys = {}
        for entry in document.get("keys", []):
            if entry.get("kid") and entry.get("use", "sig") == "sig":
                try:
                    keys[entry["kid"]] = jwt.PyJWK(entry)
                except jwt.PyJWTError as exc:
                    log.warning("ignoring JWKS key %s: %s", entry.get("kid"), exc)
        self._keys = keys


class TokenService:
    def __init__(self, settings: Settings):
        self.secret = settings.supabase_jwt_secret
        self.issuer = settings.issuer
        self.access_ttl = settings.access_token_ttl_seconds
        jwks_url = (
            f"{settings.supabase_url.rstrip('/')}/auth/v1/.well-known/jwks.json"
            if settings.supabase_url
            else None
        )
        self.jwks = Jwks(jwks_url) if jwks_url else None
        self._verified: dict[str, dict[str, Any]] = {}

    def issue(self, user: Mapping[str, Any], session_id: uuid.UUID | str) -> tuple[str, int]:
        """A signed access token for `user` (an auth.users row) and its expiry (unix time)."""
        if not self.secret:
            raise RuntimeError("SUPABASE_JWT_SECRET is needed to issue tokens")
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": AUDIENCE,
            "sub": str(user["id"]),
            "exp": now + self.access_ttl,
            "iat": now,
            "email": user["email"],
            "phone": "",
            "app_metadata": user.get("raw_app_meta_data") or {},
            "user_metadata": user.get("raw_user_meta_data") or {},
            "role": "authenticated",
            "aal": "aal1",
            "amr": [{"method": "password", "timestamp": now}],
            "session_id": str(session_id),
            "is_anonymous": False,
        }
        return jwt.encode(claims, self.secret, algorithm="HS256"), claims["exp"]

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims, or InvalidToken."""
        claims = self._verified.get(token)
        if claims is None or claims["exp"] <= time.time():
            claims = self._verify(token)
            if len(self._verified) >= VERIFIED_CACHE_SIZE:
                self._verified.clear()
            self._verified[token] = claims
        return dict(claims)

    def _verify(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken("the token is malformed") from exc
        alg = header.get("alg")
        key: Any
        if alg == "HS256" and self.secret:
            key = self.secret
        elif alg in ASYMMETRIC and self.jwks is not None:
            jwk = self.jwks.key(header.get("kid"))
            if jwk.algorithm_name != alg:
                raise InvalidToken("the token's algorithm does not match its key")
            key = jwk.key
        else:
            raise InvalidToken(f"tokens signed with {alg!r} are not accepted")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[alg],
                audience=AUDIENCE,
                issuer=self.issuer,
                options={"require": ["exp", "iat", "sub", "aud", "iss"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        if claims.get("role") != "authenticated":
            raise InvalidToken("the token is not a signed-in user's token")
        # Both name rows by uuid: the database would refuse anything else with a 500.
        if not _is_uuid(claims["sub"]):
            raise InvalidToken("the token's subject is not a user id")
        if claims.get("session_id") is not None and not _is_uuid(claims["session_id"]):
            raise InvalidToken("the token's session_id is not a session id")
        return claims


def _is_uuid(value: Any) -> bool:
    """In the canonical form only: Python also parses forms PostgreSQL refuses (urn:uuid:...)."""
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False
