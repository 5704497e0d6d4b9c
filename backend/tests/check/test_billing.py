"""`stripe`: the key's mode, both prices and the webhook secret, against Stripe's API answers."""

from __future__ import annotations

import pytest
import requests
import responses

from optio.check import run_checks

from .conftest import (
    PRICE_ACADEMY,
    PRICE_SUPPORTED,
    only_failure,
    price,
    price_url,
    result,
    stripe_error,
)

pytestmark = pytest.mark.usefixtures("services")


def answer(fake: responses.RequestsMock, price_id: str, status: int = 200, **body) -> None:
    fake.replace(responses.GET, price_url(price_id), status=status, **body)


def test_live_prices_that_are_active_and_recurring_pass(settings, stripe_api):
    found = result(run_checks(settings()), "stripe")
    assert found.status == "ok" and found.detail.startswith("live mode")
    requested = [call.request for call in stripe_api.calls]
    assert [r.url for r in requested] == [price_url(PRICE_SUPPORTED), price_url(PRICE_ACADEMY)]
    assert all(r.headers["Authorization"] == "Bearer sk_live_optio_check_secret" for r in requested)


def test_stripe_is_skipped_when_billing_is_off(settings, stripe_api):
    found = result(run_checks(settings(stripe_secret_key=None)), "stripe")
    assert found.status == "skipped" and "STRIPE_SECRET_KEY is not set" in found.detail
    assert not stripe_api.calls


def test_a_test_key_in_production_fails(settings, stripe_api):
    line = only_failure(settings(stripe_secret_key="sk_test_optio_check_secret"), "stripe")
    assert "STRIPE_SECRET_KEY is a test-mode key but OPTIO_ENV=production" in line
    assert "live key (sk_live_ or rk_live_)" in line


def test_a_live_key_outside_production_fails(settings, stripe_api):
    found = result(run_checks(settings(optio_env="development")), "stripe")
    assert found.status == "FAILED"
    assert "live-mode key but OPTIO_ENV=development" in found.line()


def test_a_restricted_live_key_passes(settings, stripe_api):
    assert (
        result(run_checks(settings(stripe_secret_key="rk_live_optio_check")), "stripe").status
        == "ok"
    )


def test_a_publishable_key_fails_without_calling_stripe(settings, stripe_api):
    line = only_failure(settings(stripe_secret_key="pk_live_optio_check_publishable"), "stripe")
    assert "STRIPE_SECRET_KEY does not start with sk_ or rk_" in line
    assert "pk_live_optio_check_publishable" not in line
    assert not stripe_api.calls


def test_a_missing_price_fails_naming_the_setting_and_the_id(settings, stripe_api):
    answer(
        stripe_api,
        PRICE_ACADEMY,
        404,
        json=stripe_error(f"No such price: '{PRICE_ACADEMY}'", "resource_missing", param="price"),
    )
    line = only_failure(settings(), "stripe")
    assert (
        f"STRIPE_PRICE_ACADEMY names {PRICE_ACADEMY}, which does not exist in this account's"
        " live mode" in line
    )
    assert "STRIPE_PRICE_SUPPORTED" not in line


def test_a_one_time_price_fails(settings, stripe_api):
    answer(
        stripe_api, PRICE_SUPPORTED, json=price(PRICE_SUPPORTED, type="one_time", recurring=None)
    )
    line = only_failure(settings(), "stripe")
    assert f"STRIPE_PRICE_SUPPORTED names {PRICE_SUPPORTED}, a one-time price" in line
    assert "needs a recurring price" in line


def test_an_archived_price_fails(settings, stripe_api):
    answer(stripe_api, PRICE_SUPPORTED, json=price(PRICE_SUPPORTED, active=False))
    line = only_failure(settings(), "stripe")
    assert f"{PRICE_SUPPORTED}, an archived (inactive) price" in line


def test_a_price_setting_that_is_unset_fails_naming_it(settings, stripe_api):
    line = only_failure(settings(stripe_price_academy=None), "stripe")
    assert "no Stripe price sells the academy tier: STRIPE_PRICE_ACADEMY is not set" in line


def test_an_unset_price_setting_falls_back_to_the_tier_row(settings, stripe_api, conn):
    conn.execute(
        "update public.subscription_tiers set stripe_price_id = 'price_from_db'"
        " where tier_key = 'academy'"
    )
    stripe_api.get(price_url("price_from_db"), json=price("price_from_db", active=False))
    line = only_failure(settings(stripe_price_academy=None), "stripe")
    assert "subscription_tiers.stripe_price_id of academy names price_from_db, an archived" in line


def test_a_missing_webhook_secret_fails(settings, stripe_api):
    line = only_failure(settings(stripe_webhook_secret=None), "stripe")
    assert "STRIPE_WEBHOOK_SECRET is not set" in line
    assert "/api/webhooks/stripe" in line


def test_a_webhook_secret_that_is_not_a_signing_secret_fails(settings, stripe_api):
    line = only_failure(
        settings(stripe_webhook_secret="sk_live_pasted_in_the_wrong_place"), "stripe"
    )
    assert "STRIPE_WEBHOOK_SECRET does not start with whsec_" in line
    assert "sk_live_pasted_in_the_wrong_place" not in line


def test_a_revoked_key_fails_once_without_asking_for_the_second_price(settings, stripe_api):
    answer(
        stripe_api,
        PRICE_SUPPORTED,
        401,
        json=stripe_error("Invalid API Key provided: sk_live_****cret"),
    )
    line = only_failure(settings(), "stripe")
    assert "Stripe refused STRIPE_SECRET_KEY (401" in line
    assert "****" not in line
    assert len(stripe_api.calls) == 1


def test_a_restricted_key_that_may_not_read_prices_fails(settings, stripe_api):
    answer(
        stripe_api,
        PRICE_SUPPORTED,
        403,
        json=stripe_error(
            "The provided key 'rk_live_****heck' does not have the required permissions for"
            " this endpoint on account 'acct_1'. Having the 'rak_product_read' permission"
            " would allow this request to continue.",
            type="invalid_request_error",
        ),
    )
    line = only_failure(settings(stripe_secret_key="rk_live_optio_check"), "stripe")
    assert "Stripe refused to show a price to STRIPE_SECRET_KEY (403" in line
    assert "allow the restricted key to read Prices" in line


def test_a_stripe_outage_fails_with_its_status(settings, stripe_api):
    answer(
        stripe_api,
        PRICE_SUPPORTED,
        500,
        json={"error": {"message": "An unknown error occurred", "type": "api_error"}},
    )
    line = only_failure(settings(), "stripe")
    assert "Stripe answered the price lookup with an error (500" in line
    assert "An unknown error occurred" in line


def test_an_unreachable_stripe_fails_with_the_network_error(settings, stripe_api):
    answer(stripe_api, PRICE_SUPPORTED, body=requests.ConnectionError("Connection refused"))
    line = only_failure(settings(), "stripe")
    assert "Stripe could not be reached at https://stripe.test" in line
    assert "Connection refused" in line
