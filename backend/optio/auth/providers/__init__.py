"""Auth providers behind one interface, chosen by AUTH_PROVIDER."""

from __future__ import annotations

from flask import current_app

from .base import AuthProvider, AuthSession


def provider() -> AuthProvider:
    return current_app.extensions["optio_auth_provider"]


def make_provider(settings, token_service) -> AuthProvider:
    if settings.auth_provider == "supabase":
        from .supabase import SupabaseProvider

        return SupabaseProvider(settings)
    from .local import LocalProvider

    return LocalProvider(settings, token_service)


__all__ = ["AuthProvider", "AuthSession", "make_provider", "provider"]
