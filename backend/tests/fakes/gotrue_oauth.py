"""GET /authorize: sign-in with an OAuth provider, with the provider's part played by the test.

Instead of sending the browser to Google, the fake acts as if the user consented at once with
the identity the test queued (`FakeSupabase.next_oauth_identity`) and runs GoTrue's callback
(internal/api/external.go internalExternalProviderCallback, createAccountFromExternalIdentity
and models.DetermineAccountLinking): the answer is the 302 to redirect_to that GoTrue's
callback would send, `?code=` in a PKCE flow, `#access_token=...` in the implicit flow.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from .gotrue_core import error_url, with_query
from .model import AuthApiError, Identity

if TYPE_CHECKING:
    from .gotrue import GoTrue

    _Base = GoTrue
else:
    _Base = object

ISSUERS = {"google": "https://accounts.google.com", "apple": "https://appleid.apple.com"}


class OAuthMixin(_Base):
    def authorize(self, request: Request) -> Response:
        provider = request.args.get("provider", "")
        challenge = request.args.get("code_challenge", "")
        challenge_method = request.args.get("code_challenge_method", "")
        if provider not in self.fake.oauth_providers:
            raise AuthApiError(
                400,
                "validation_failed",
                f"Unsupported provider: provider {provider} could not be found",
            )
        redirect_to = self.referrer(request)
        self.validate_pkce(challenge_method, challenge)
        state = self.flow_state(provider, "oauth", challenge, challenge_method, None, redirect_to)
        with self.fake.lock:
            queued = self.fake.oauth_queue.get(provider)
            identity = queued.popleft() if queued else None
        if identity is None:
            raise RuntimeError(
                f"GET /authorize?provider={provider}: no identity queued; call "
                f"fake_supabase.next_oauth_identity({provider!r}, email) first"
            )
        try:
            row = self.account_for(provider, identity)
        except AuthApiError as exc:
            return redirect(error_url(redirect_to, exc, state.is_pkce), 302)
        provider_token = f"fake-{provider}-access-token-{uuid.uuid4().hex[:8]}"
        if state.is_pkce:
            with self.fake.lock:
                state.user_id = row["id"]
                state.auth_code_issued_at = self.fake.clock()
                state.provider_access_token = provider_token
            return redirect(with_query(redirect_to, urlencode({"code": state.auth_code})), 302)
        with self.fake.lock:
            self.fake.flow_states.pop(state.id, None)
        session = self.issue_session(row, "oauth")
        fragment = {
            "access_token": session["access_token"],
            "expires_at": session["expires_at"],
            "expires_in": session["expires_in"],
            "provider_token": provider_token,
            "refresh_token": session["refresh_token"],
            "token_type": "bearer",
            "sb": "",
        }
        return redirect(f"{redirect_to}#{urlencode(fragment)}", 302)

    def account_for(self, provider: str, queued: dict[str, Any]) -> dict[str, Any]:
        """createAccountFromExternalIdentity: the user this identity signs in as."""
        email = str(queued["email"]).lower()
        verified = bool(queued.get("email_verified", True))
        data = identity_data(provider, queued)
        now = datetime.now(UTC)
        existing = self._identity(provider, data["sub"])
        if existing is not None:  # AccountExists
            row = self.fake.store.by_id(existing.user_id)
            if row is None:
                raise AuthApiError(500, "unexpected_failure", "Database error finding user")
            with self.fake.lock:
                existing.identity_data, existing.updated_at = data, now
                existing.last_sign_in_at = now
        else:
            row = self.fake.store.by_email(email) if (verified or self.fake.auto_confirm) else None
            if row is None:  # CreateAccount
                taken = self.fake.store.by_email(email) is not None
                row = self.fake.store.insert(
                    uuid.uuid4(),
                    None if taken else email,
                    None,
                    confirmed=False,
                    app_metadata={"provider": provider, "providers": [provider]},
                    user_metadata=data,
                )
            identity = Identity(uuid.uuid4(), data["sub"], row["id"], provider, data, now, now, now)
            current = self.identities(row)  # LinkAccount keeps the identities it has
            with self.fake.lock:
                self.user_extra(row["id"]).identities = [*current, identity]
        meta = {**(row["raw_user_meta_data"] or {}), **data}
        row = self.fake.store.update(
            row["id"], raw_user_meta_data=meta, raw_app_meta_data=self.providers_metadata(row)
        )
        if row["banned"]:
            raise AuthApiError(403, "user_banned", "User is banned")
        if row["email_confirmed_at"] is None:
            row = self._confirm_from_provider(provider, row, data, verified)
        return row

    def _confirm_from_provider(self, provider, row, data, verified) -> dict[str, Any]:
        # RemoveUnconfirmedIdentities: an unconfirmed account taken over by a provider loses
        # its other identities and its password, and takes the provider's metadata.
        with self.fake.lock:
            extra = self.user_extra(row["id"])
            extra.identities = [i for i in extra.identities if i.provider == provider]
        row = self.fake.store.update(
            row["id"],
            encrypted_password=None,
            raw_user_meta_data=data,
            raw_app_meta_data=self.providers_metadata(row),
        )
        if verified or self.fake.auto_confirm:
            return self.confirm(row)
        if row["email"]:
            self.send_confirmation(row, self.fake.site_url, "implicit")
            raise AuthApiError(
                422,
                "provider_email_needs_verification",
                f"Unverified email with {provider}. A confirmation email has been sent to your"
                f" {provider} email",
            )
        raise AuthApiError(
            422,
            "provider_email_needs_verification",
            f"Unverified email with {provider}. Verify the email with {provider} in order to"
            " sign in",
        )

    def _identity(self, provider: str, provider_id: str) -> Identity | None:
        with self.fake.lock:
            return next(
                (
                    identity
                    for extra in self.fake.extras.values()
                    for identity in extra.identities
                    if identity.provider == provider and identity.provider_id == provider_id
                ),
                None,
            )


def identity_data(provider: str, queued: dict[str, Any]) -> dict[str, Any]:
    """The provider's claims as GoTrue stores them (provider.Claims, structs.Map): the OIDC
    claims plus the deprecated full_name / avatar_url / provider_id."""
    email = str(queued["email"]).lower()
    subject = str(queued.get("sub") or queued.get("provider_id") or uuid.uuid4().int % 10**21)
    name = queued.get("full_name") or queued.get("name")
    data: dict[str, Any] = {
        "iss": ISSUERS.get(provider, f"https://{provider}.example"),
        "sub": subject,
        "email": email,
        "email_verified": bool(queued.get("email_verified", True)),
        "phone_verified": False,
        "provider_id": subject,
    }
    if name:
        data["name"] = data["full_name"] = name
    if queued.get("avatar_url") or queued.get("picture"):
        data["picture"] = data["avatar_url"] = queued.get("avatar_url") or queued.get("picture")
    extra = {k: v for k, v in queued.items() if k not in ("email", "sub", "provider_id")}
    for key, value in extra.items():
        data.setdefault(key, value)
    return data
