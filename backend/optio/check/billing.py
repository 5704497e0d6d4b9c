"""`stripe`: the key's mode fits the environment, each paid tier's price is an active
recurring price of that account, and the webhook has its signing secret."""

from __future__ import annotations

import re

import psycopg
import stripe
from psycopg.conninfo import make_conninfo

from ..config import Settings
from .result import TIMEOUT_SECONDS, CheckResult, Problem, outcome, skipped

NAME = "stripe"
# The tiers that are sold, and the setting that names each one's price (billing/prices.py).
PRICE_SETTINGS = {"supported": "STRIPE_PRICE_SUPPORTED", "academy": "STRIPE_PRICE_ACADEMY"}
_TIER_PRICES = "select tier_key, stripe_price_id from public.subscription_tiers"
_DASHBOARD_PRICES = "Stripe dashboard > Product catalogue"


class _Stop(Exception):
    """Stripe refused the key or could not be reached: no further call can tell more."""

    def __init__(self, problem: Problem):
        self.problem = problem


def check_stripe(settings: Settings) -> CheckResult:
    key = settings.stripe_secret_key
    if not key:
        return skipped(NAME, "billing off: STRIPE_SECRET_KEY is not set")
    mode = key_mode(key)
    if mode is None:
        wrong = Problem(
            "STRIPE_SECRET_KEY does not start with sk_ or rk_: it is not a secret API key (a"
            " publishable pk_ key cannot be used here)",
            "set it to the secret key from Stripe dashboard > Developers > API keys",
        )
        return outcome(NAME, [wrong], "")
    problems = _mode_problems(settings, mode) + _webhook_problems(settings)
    unset = [s for s in PRICE_SETTINGS.values() if not getattr(settings, s.lower())]
    stored = _database_prices(settings) if unset else {}
    client = _client(settings)
    try:
        for tier, setting in PRICE_SETTINGS.items():
            problems += _price_problems(client, settings, mode, tier, setting, stored)
    except _Stop as stop:
        problems.append(stop.problem)
    return outcome(NAME, problems, f"{mode} mode; prices active and recurring; webhook secret set")


def key_mode(key: str) -> str | None:
    for prefix in ("sk_", "rk_"):
        for mode in ("test", "live"):
            if key.startswith(f"{prefix}{mode}_"):
                return mode
    return None


def _mode_problems(settings: Settings, mode: str) -> list[Problem]:
    if settings.is_production and mode == "test":
        # No setting allows test mode in production: a production server takes real payments.
        return [
            Problem(
                "STRIPE_SECRET_KEY is a test-mode key but OPTIO_ENV=production: no real payment"
                " could be taken",
                "set STRIPE_SECRET_KEY to the live key (sk_live_ or rk_live_), with live-mode"
                " prices and webhook secret",
            )
        ]
    if not settings.is_production and mode == "live":
        return [
            Problem(
                f"STRIPE_SECRET_KEY is a live-mode key but OPTIO_ENV={settings.optio_env}: real"
                " cards would be charged by a server that is not production",
                "use a test-mode key (sk_test_ or rk_test_) outside production",
            )
        ]
    return []


def _webhook_problems(settings: Settings) -> list[Problem]:
    where = "the signing secret of the endpoint <API>/api/webhooks/stripe (Stripe dashboard >"
    where += " Developers > Webhooks)"
    secret = settings.stripe_webhook_secret
    if not secret:
        return [
            Problem(
                "STRIPE_WEBHOOK_SECRET is not set: the webhook refuses Stripe's events, so no"
                " payment or cancellation would change a tier",
                f"set STRIPE_WEBHOOK_SECRET to {where}",
            )
        ]
    if not secret.startswith("whsec_"):
        return [
            Problem(
                "STRIPE_WEBHOOK_SECRET does not start with whsec_: it is not a webhook signing"
                " secret, so every event's signature would fail",
                f"set STRIPE_WEBHOOK_SECRET to {where}",
            )
        ]
    return []


def _price_problems(
    client: stripe.StripeClient,
    settings: Settings,
    mode: str,
    tier: str,
    setting: str,
    stored: dict[str, str],
) -> list[Problem]:
    configured = getattr(settings, setting.lower())
    price_id = configured or stored.get(tier)
    source = setting if configured else f"subscription_tiers.stripe_price_id of {tier}"
    if not price_id:
        return [
            Problem(
                f"no Stripe price sells the {tier} tier: {setting} is not set (nor"
                f" subscription_tiers.stripe_price_id)",
                f"set {setting} to the tier's recurring price (price_...) from"
                f" {_DASHBOARD_PRICES}, {mode} mode",
            )
        ]
    try:
        price = client.v1.prices.retrieve(price_id)
    except stripe.InvalidRequestError as exc:
        if exc.code != "resource_missing":
            raise _Stop(_stripe_refused(exc)) from exc
        return [
            Problem(
                f"{source} names {price_id}, which does not exist in this account's {mode} mode",
                f"set {setting} to a price id from {_DASHBOARD_PRICES}, {mode} mode",
            )
        ]
    except stripe.AuthenticationError as exc:
        raise _Stop(
            Problem(
                f"Stripe refused STRIPE_SECRET_KEY ({exc.http_status}: expired, revoked or"
                " mistyped)",
                "set STRIPE_SECRET_KEY to a current key from Stripe dashboard > Developers >"
                " API keys",
            )
        ) from exc
    except stripe.APIConnectionError as exc:
        raise _Stop(
            Problem(
                f"Stripe could not be reached at {settings.stripe_api_base} ({_network(exc)})",
                "check STRIPE_API_BASE (https://api.stripe.com) and the outbound network",
            )
        ) from exc
    except stripe.StripeError as exc:
        raise _Stop(_stripe_refused(exc)) from exc
    if not price.active:
        return [
            Problem(
                f"{source} names {price_id}, an archived (inactive) price: checkout refuses it",
                f"set {setting} to an active price, or restore it in {_DASHBOARD_PRICES}",
            )
        ]
    if price.type != "recurring" or not price.recurring:
        return [
            Problem(
                f"{source} names {price_id}, a one-time price: a subscription needs a"
                " recurring price",
                f"set {setting} to a recurring (monthly or yearly) price of the product",
            )
        ]
    return []


def _stripe_refused(exc: stripe.StripeError) -> Problem:
    said = f"{exc.http_status} {exc.code or type(exc).__name__}: {exc.user_message or ''}"
    if isinstance(exc, stripe.PermissionError):
        return Problem(
            f"Stripe refused to show a price to STRIPE_SECRET_KEY ({said})",
            "allow the restricted key to read Prices (Stripe dashboard > Developers > API keys)",
        )
    return Problem(
        f"Stripe answered the price lookup with an error ({said})",
        "run the check again; if it persists, see https://status.stripe.com",
    )


def _network(exc: stripe.APIConnectionError) -> str:
    """The SDK's wrapped error ("... (Network error: ConnectionError: ...)"), on one line."""
    text = " ".join(str(exc).split())
    match = re.search(r"\(Network error: (.*)\)$", text)
    return match[1] if match else text


def _client(settings: Settings) -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.stripe_secret_key or "",
        base_addresses={"api": settings.stripe_api_base},
        http_client=stripe.RequestsClient(timeout=TIMEOUT_SECONDS),
        max_network_retries=0,
    )


def _database_prices(settings: Settings) -> dict[str, str]:
    """{tier: price} stored in the database, which a setting overrides; nothing when the
    database cannot tell (the `database` check says why)."""
    if not settings.database_url:
        return {}
    conninfo = make_conninfo(settings.database_url, connect_timeout=str(round(TIMEOUT_SECONDS)))
    try:
        with psycopg.connect(conninfo) as conn:
            return {tier: price for tier, price in conn.execute(_TIER_PRICES) if price}
    except psycopg.Error:
        return {}
