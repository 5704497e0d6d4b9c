"""Request and response models of the auth endpoints."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, EmailStr, Field, field_validator

from ..users.schemas import UserPublic

USERNAME_PATTERN = r"^[a-z0-9_]{3,30}$"


def _bcrypt_sized(password: str) -> str:
    # bcrypt reads at most 72 bytes; longer passwords would be silently truncated.
    if len(password.encode()) > 72:
        raise ValueError("must be at most 72 bytes")
    return password


Email = Annotated[EmailStr, AfterValidator(str.lower)]


class Credentials(BaseModel):
    email: Email
    password: str = Field(min_length=1, max_length=200)


class SignupIn(Credentials):
    password: str = Field(min_length=8, max_length=72)
    username: str | None = Field(default=None, pattern=USERNAME_PATTERN)
    first_name: str | None = Field(default=None, min_length=1, max_length=100)
    last_name: str | None = Field(default=None, min_length=1, max_length=100)

    _password_bytes = field_validator("password")(_bcrypt_sized)

    @field_validator("username", mode="before")
    @classmethod
    def _lower_username(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value


class LoginIn(Credentials):
    pass


class RefreshIn(BaseModel):
    refresh_token: str | None = Field(
        default=None, min_length=1, description="Omit to use the httpOnly refresh cookie."
    )


class ForgotPasswordIn(BaseModel):
    email: Email


class ResetPasswordIn(BaseModel):
    token: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=8, max_length=72)

    _password_bytes = field_validator("password")(_bcrypt_sized)


class SessionPublic(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int
    expires_at: int
    refresh_token: str
    user: UserPublic


class MessagePublic(BaseModel):
    message: str


class CsrfPublic(BaseModel):
    csrf_token: str
