"""The fake's in-memory records and the two error shapes it answers with.

What GoTrue keeps in auth.users columns that our plain-PostgreSQL emulation of the auth schema
does not have (confirmation and recovery tokens, pending e-mail changes), and what it keeps in
tables we do not create (refresh_tokens, flow_state, identities), lives here, in memory.
"""

from __future__ import annotations

import secrets
import string
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

API_VERSION_HEADER = "X-Supabase-Api-Version"
API_VERSION_2024_01_01 = "2024-01-01"


class AuthApiError(Exception):
    """A GoTrue refusal: apierrors.HTTPError (internal/api/apierrors/apierrors.go)."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.extra = status, code, message, extra


class OAuthApiError(Exception):
    """GoTrue's OAuth-style refusal (apierrors.OAuthError): always 400, no error code."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error, self.description = error, description


class StorageApiError(Exception):
    """A Storage refusal (src/internal/errors/codes.ts). Storage answers HTTP 400 for every
    refusal below 500 and puts the meaningful status, as a string, in the body."""

    def __init__(self, status: int, code: str, message: str, error: str | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.error = status, code, message, error or code


@dataclass
class Mail:
    """A message GoTrue would have sent, as Supabase's local Inbucket shows it.

    `type` is the verification type the message's link carries (`signup`, `recovery`,
    `magiclink`, `invite`, `email_change`): pass it with `token_hash` to POST /verify (or
    `verify_otp` in the client). `template` names the e-mail template that was used.
    """

    type: str
    email: str
    token_hash: str
    redirect_to: str | None
    otp: str = ""
    link: str = ""

    @property
    def template(self) -> str:
        return {"signup": "confirmation", "magiclink": "magic_link"}.get(self.type, self.type)


@dataclass
class Identity:
    """A row of GoTrue's auth.identities (internal/models/identity.go)."""

    id: uuid.UUID
    provider_id: str
    user_id: uuid.UUID
    provider: str
    identity_data: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    last_sign_in_at: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "identity_id": str(self.id),
            "id": self.provider_id,
            "user_id": str(self.user_id),
            "identity_data": self.identity_data,
            "provider": self.provider,
            "created_at": timestamp(self.created_at),
            "updated_at": timestamp(self.updated_at),
        }
        if self.last_sign_in_at:
            body["last_sign_in_at"] = timestamp(self.last_sign_in_at)
        email = self.identity_data.get("email")
        if email:
            body["email"] = str(email).lower()
        return body


@dataclass
class UserExtra:
    """GoTrue's auth.users columns that supabase/local/01_auth_schema.sql leaves out; times are
    on the fake's clock (seconds)."""

    confirmation_token: str = ""
    confirmation_sent_at: float | None = None
    recovery_token: str = ""
    recovery_sent_at: float | None = None
    email_change: str = ""
    email_change_token_new: str = ""
    email_change_token_current: str = ""
    email_change_sent_at: float | None = None
    email_change_confirm_status: int = 0
    invited_at: float | None = None
    identities: list[Identity] = field(default_factory=list)

    def clear_one_time_tokens(self) -> None:
        """models.ClearAllOneTimeTokensForUser, and the token columns it goes with."""
        self.confirmation_token = self.recovery_token = ""
        self.email_change_token_new = self.email_change_token_current = ""


@dataclass
class RefreshToken:
    """A legacy (12-character) refresh token (internal/models/refresh_token.go); `updated_at`
    is when it was spent or revoked, which the reuse interval counts from."""

    token: str
    user_id: uuid.UUID
    session_id: uuid.UUID
    parent: str
    created_at: float
    updated_at: float
    revoked: bool = False


@dataclass
class Session:
    """What GoTrue keeps about a session beyond our auth.sessions row."""

    id: uuid.UUID
    user_id: uuid.UUID
    amr: list[tuple[str, int]]
    tokens: list[RefreshToken] = field(default_factory=list)

    def active_token(self) -> RefreshToken | None:
        """Session.FindCurrentlyActiveRefreshToken: the newest token not revoked."""
        live = [t for t in self.tokens if not t.revoked]
        return live[-1] if live else None


@dataclass
class FlowState:
    """A PKCE flow (internal/models/flow_state.go)."""

    id: uuid.UUID
    auth_code: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    provider_type: str
    authentication_method: str
    created_at: float
    user_id: uuid.UUID | None = None
    auth_code_issued_at: float | None = None
    redirect_to: str = ""
    provider_access_token: str = ""

    @property
    def is_pkce(self) -> bool:
        return self.code_challenge is not None


@dataclass
class StoredObject:
    id: uuid.UUID
    bucket_id: str
    name: str
    data: bytes
    content_type: str
    cache_control: str
    owner: str | None
    created_at: datetime
    updated_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "bucket_id": self.bucket_id,
            "owner": self.owner or "",
            "owner_id": self.owner or "",
            "id": str(self.id),
            "updated_at": iso(self.updated_at),
            "created_at": iso(self.created_at),
            "last_accessed_at": iso(self.created_at),
            "version": str(self.id),
            "metadata": {
                "eTag": f'"{self.id.hex}"',
                "size": len(self.data),
                "mimetype": self.content_type,
                "cacheControl": f"max-age={self.cache_control}",
                "lastModified": iso(self.updated_at),
                "contentLength": len(self.data),
                "httpStatusCode": 200,
            },
            "user_metadata": None,
        }


def timestamp(moment: datetime | float | None) -> str | None:
    """A time as Go's encoding/json writes a time.Time in UTC (RFC 3339, nanoseconds trimmed)."""
    if moment is None:
        return None
    if not isinstance(moment, datetime):
        moment = datetime.fromtimestamp(moment, UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iso(moment: datetime) -> str:
    """A time as node's Date.toISOString (Storage's JSON)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def secure_alphanumeric(length: int) -> str:
    """crypto.SecureAlphanumeric: what a legacy refresh token looks like."""
    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


def otp(length: int = 6) -> str:
    """crypto.GenerateOtp: the digits an e-mail template shows as {{ .Token }}."""
    return "".join(secrets.choice(string.digits) for _ in range(length))
