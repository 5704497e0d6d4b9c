import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { answer, renderWithApp } from "../test-utils";
import { SubscriptionPage } from "./SubscriptionPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
const leaveFor = vi.hoisted(() => vi.fn());
vi.mock("../api/client", () => ({ api, API_URL: "" }));
vi.mock("./redirect", () => ({ leaveFor }));

const features = {
  accredited_diploma: false,
  ai_requests_per_day: 10,
  custom_quest_submissions: 1,
  max_active_quests: 5,
  team_ups: true,
};
function tiers(purchasable: boolean): Schemas["TierList"] {
  return {
    data: [
      {
        tier: "free",
        display_name: "Free",
        description: "Start",
        price_cents: 0,
        currency: "usd",
        purchasable: false,
        features,
      },
      {
        tier: "supported",
        display_name: "Supported",
        description: "More",
        price_cents: 1000,
        currency: "usd",
        purchasable,
        features,
      },
    ],
  };
}
const status: Schemas["SubscriptionStatus"] = {
  tier: "free",
  subscribed_tier: "free",
  status: null,
  past_due: false,
  grace_until: null,
  current_period_end: null,
  has_billing_account: false,
};

beforeEach(() => {
  api.GET.mockReset();
  api.POST.mockReset();
  leaveFor.mockReset();
});

describe("SubscriptionPage", () => {
  it("without Stripe it lists the plans, says payments are off and never asks for the subscription", async () => {
    api.GET.mockResolvedValue(answer(200, tiers(false)));
    renderWithApp(<SubscriptionPage />);
    expect(await screen.findByRole("article", { name: "Supported plan" })).toHaveTextContent("$10.00 / month");
    expect(screen.getByRole("article", { name: "Free plan" })).toHaveTextContent("Your plan");
    expect(screen.getByRole("note")).toHaveTextContent("Payments are not set up on this server");
    expect(screen.queryByRole("button", { name: /Choose/ })).not.toBeInTheDocument();
    expect(api.GET.mock.calls.map((call) => call[0])).toEqual(["/api/tiers"]);
  });

  it("with Stripe, choosing a plan starts a checkout and sends the browser to it", async () => {
    api.GET.mockImplementation(async (path: string) => answer(200, path === "/api/tiers" ? tiers(true) : status));
    api.POST.mockResolvedValue(answer(200, { url: "https://checkout.stripe.test/s/1", mode: "checkout" }));
    renderWithApp(<SubscriptionPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Choose Supported" }));
    expect(api.POST).toHaveBeenCalledWith("/api/subscriptions/checkout", { body: { tier: "supported" } });
    await waitFor(() => expect(leaveFor).toHaveBeenCalledWith("https://checkout.stripe.test/s/1"));
    expect(api.GET).toHaveBeenCalledWith("/api/subscriptions/status");
  });

  it("offers the billing portal to a subscriber and warns when a payment failed", async () => {
    const subscriber = {
      ...status,
      tier: "supported",
      subscribed_tier: "supported",
      has_billing_account: true,
      past_due: true,
      grace_until: "2026-12-01T00:00:00Z",
    };
    api.GET.mockImplementation(async (path: string) => answer(200, path === "/api/tiers" ? tiers(true) : subscriber));
    api.POST.mockResolvedValue(answer(200, { url: "https://billing.stripe.test/p/1" }));
    renderWithApp(<SubscriptionPage />);
    expect(await screen.findByText(/Your last payment failed/)).toBeInTheDocument();
    expect(screen.getByRole("article", { name: "Supported plan" })).toHaveTextContent("Your plan");
    await userEvent.click(screen.getByRole("button", { name: "Manage billing" }));
    await waitFor(() => expect(leaveFor).toHaveBeenCalledWith("https://billing.stripe.test/p/1"));
  });

  it("shows the API's message when checkout fails", async () => {
    api.GET.mockImplementation(async (path: string) => answer(200, path === "/api/tiers" ? tiers(true) : status));
    api.POST.mockResolvedValue(
      answer(503, { error: { code: "billing_not_configured", message: "Billing is not configured.", details: [] } }),
    );
    renderWithApp(<SubscriptionPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Choose Supported" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Billing is not configured.");
    expect(leaveFor).not.toHaveBeenCalled();
  });
});
