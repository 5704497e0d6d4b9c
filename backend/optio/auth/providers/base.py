"""What every auth provider does, and what it hands back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class AuthSession:
    access_token: str
    refresh_token: str
    expires_at: int
    user_id: uuid.UUID


class AuthProvider(Protocol):
    def sign_up(
        self, email: str, password: str, metadata: dict[str, Any]
    ) -> AuthSession | None: ...

    def sign_in(self, email: str, password: str) -> AuthSession: ...

    def refresh(self, refresh_token: str) -> AuthSession: ...

    def sign_out(self, access_token: str | None, session_id: str | None) -> None: ...

    def request_password_reset(self, email: str, redirect_to: str) -> None: ...

    def reset_password(self, token: str, new_password: str) -> None: ...
