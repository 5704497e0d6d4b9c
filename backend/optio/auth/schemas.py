"""Request and response models of the auth endpoints."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, EmailStr, Field, StringConstraints, field_validator

from ..dates import BirthDate
from ..fields import Storable, Text
from ..users.schemas import Username, UserPublic


def _bcrypt_sized(password: str) -> str:
    # bcrypt reads at most 72 bytes; longer passwords would be silently truncated.
    if len(password.encode()) > 72:
        raise ValueError("must be at most 72 bytes")
    return password


Email = Annotated[EmailStr, Storable, AfterValidator(str.lower)]
NewPassword = Annotated[str, StringConstraints(min_length=8, max_length=72), Storable]
SignupName = Annotated[str, StringConstraints(min_length=1, max_length=100), Storable]


class Credentials(BaseModel):
    email: Email
    password: Text = Field(min_length=1, max_length=200)


class SignupIn(Credentials):
    password: NewPassword
    username: Username | None = None
    first_name: SignupName | None = None
    last_name: SignupName | None = None
    role: Literal["student", "parent", "advisor"] = Field(
        default="student",
        description="The kind of account: a student does quests; a parent or an advisor "
        "follows students who accept them.",
    )
    birth_date: BirthDate | None = Field(
        default=None,
        description="Kept private. Under 13, the account waits for a parent's consent before "
        "its diploma can be public or it can team up.",
    )

    _password_bytes = field_validator("password")(_bcrypt_sized)

    @field_validator("username", mode="before")
    @classmethod
    def _lower_username(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value


class LoginIn(BaseModel):
    email: Text = Field(
        min_length=1,
        max_length=320,
        description="The account's e-mail, or its username (children whose account a parent "
        "made have no e-mail).",
    )
    password: Text = Field(min_length=1, max_length=200)

    @field_validator("email")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()


class RefreshIn(BaseModel):
    refresh_token: Annotated[str, StringConstraints(min_length=1), Storable] | None = Field(
        default=None, description="Omit (or send null) to use the httpOnly refresh cookie."
    )


class ForgotPasswordIn(BaseModel):
    email: Email


class ChangePasswordIn(BaseModel):
    """My current password, to prove it is me, and the new one."""

    current_password: Text = Field(min_length=1, max_length=200)
    new_password: NewPassword

    _password_bytes = field_validator("new_password")(_bcrypt_sized)


class ResetPasswordIn(BaseModel):
    token: Text = Field(min_length=1, max_length=200)
    password: NewPassword

    _password_bytes = field_validator("password")(_bcrypt_sized)


# What an e-mail link's type can be, as GoTrue's /verify and /resend take them.
ResendType = Literal["signup", "email_change"]
LinkType = Literal["signup", "email", "magiclink", "invite", "email_change"]


class ResendIn(BaseModel):
    email: Email
    type: ResendType = "signup"


LinkToken = Annotated[str, StringConstraints(min_length=1, max_length=200), Storable]


class VerifyIn(BaseModel):
    """What an e-mail link carries to the web app's /auth/confirm page."""

    token_hash: LinkToken
    type: LinkType = Field(
        description="The link's type; recovery links go to POST /api/auth/password/reset"
    )


class OAuthCallbackIn(BaseModel):
    code: LinkToken = Field(description="The `code` Supabase Auth put in /auth/callback's URL")


class AuthSettingsPublic(BaseModel):
    oauth_providers: list[str] = Field(
        description="Providers to offer a sign-in button for: GET /api/auth/oauth/{provider}"
    )


class ConfirmationRequiredPublic(BaseModel):
    code: Literal["confirmation_required"] = "confirmation_required"
    message: str
    email: str


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
