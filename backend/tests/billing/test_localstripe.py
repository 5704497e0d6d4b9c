"""End to end against localstripe, a Stripe emulator run here as a subprocess on 127.0.0.1:
the real stripe SDK creates a customer and a subscription on it, localstripe signs and sends
its webhooks to the running app, and the user's tier follows."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import stripe

from ..concurrency import live_server
from ..factories import make_user
from .conftest import SECRET, STRIPE_SETTINGS

PLAN = "price_optio_supported_e2e"  # a plan id is a price id to Stripe; localstripe has plans
SERVE = (
    "import sys; from aiohttp import web; from localstripe.server import app;"
    " web.run_app(app, host='127.0.0.1', port=int(sys.argv[1]), print=None)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def localstripe(tmp_path) -> Iterator[str]:
    """localstripe's app served on 127.0.0.1 (its own command listens on every interface)."""
    port = _free_port()
    log = tmp_path / "localstripe.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603  (our own interpreter and a constant script)
            [sys.executable, "-c", SERVE, str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _answers(base), what="localstripe to start", proc=proc, log=log)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _answers(base: str) -> bool:
    try:
        httpx.get(f"{base}/v1/customers", headers={"Authorization": "Bearer sk_test_x"})
    except httpx.TransportError:
        return False
    return True


def wait_for(
    check: Callable[[], Any], *, what: str, proc=None, log=None, seconds: float = 20
) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"localstripe exited: {log.read_text()[-2000:] if log else ''}")
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def settings_overrides(localstripe):
    return {**STRIPE_SETTINGS, "stripe_api_base": localstripe, "stripe_price_supported": PLAN}


def test_a_subscription_made_on_localstripe_changes_the_tier(app, conn, localstripe):
    user = make_user(app)
    with live_server(app) as server:
        httpx.post(
            f"{localstripe}/_config/webhooks/optio",
            data={"url": f"{server}/api/webhooks/stripe", "secret": SECRET},
        ).raise_for_status()
        sdk = stripe.StripeClient(
            STRIPE_SETTINGS["stripe_secret_key"],
            base_addresses={"api": localstripe},
            http_client=stripe.RequestsClient(),
        )
        product = sdk.v1.products.create(params={"name": "Supported"})
        sdk.v1.plans.create(
            params={
                "id": PLAN,
                "product": product.id,
                "amount": 1000,
                "currency": "usd",
                "interval": "month",
            }
        )
        metadata = {"user_id": str(user["id"])}
        customer = sdk.v1.customers.create(params={"email": user["email"], "metadata": metadata})
        card = sdk.v1.payment_methods.create(
            params={
                "type": "card",
                "card": {
                    "number": "4242424242424242",
                    "exp_month": 12,
                    "exp_year": 2040,
                    "cvc": "123",
                },
            }
        )
        sdk.v1.payment_methods.attach(card.id, params={"customer": customer.id})
        sdk.v1.customers.update(
            customer.id, params={"invoice_settings": {"default_payment_method": card.id}}
        )
        subscription = sdk.v1.subscriptions.create(
            params={"customer": customer.id, "items": [{"plan": PLAN}], "metadata": metadata}
        )
        assert subscription.status == "active"

        def billing():
            return conn.execute(
                "select subscription_tier, stripe_customer_id, stripe_subscription_id"
                " from public.users where id = %s and subscription_tier = 'supported'",
                (user["id"],),
            ).fetchone()

        assert wait_for(billing, what="the webhook to upgrade the user") == (
            "supported",
            customer.id,
            subscription.id,
        )
        cause = conn.execute(
            "select h.cause, e.type from public.subscription_tier_changes h"
            " join public.stripe_events e on e.id = h.stripe_event_id where h.user_id = %s",
            (user["id"],),
        ).fetchall()
        assert cause == [("stripe", "customer.subscription.created")]

        sdk.v1.subscriptions.cancel(subscription.id)

        def downgraded():
            return conn.execute(
                "select 1 from public.users where id = %s and subscription_tier = 'free'",
                (user["id"],),
            ).fetchone()

        wait_for(downgraded, what="the webhook to return the user to free")
