import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/errors";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { ConsentBanner } from "./ConsentBanner";
import { ConsentPage } from "./ConsentPage";
import { ConsentRequiredHint } from "./ConsentRequiredHint";
import type { ConsentStatus } from "./hooks";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const CHILD = { ...STUDENT, consent_pending: true };

const waiting: ConsentStatus = {
  under_13: true,
  pending: true,
  consent: null,
  requested_to: null,
  requested_at: null,
};

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("ConsentPage", () => {
  it("says what is locked, sends a request to a parent and shows where it went", async () => {
    api.GET.mockResolvedValue(answer(200, waiting));
    api.POST.mockResolvedValue(
      answer(201, { ...waiting, requested_to: "mum@example.com", requested_at: "2026-12-03T10:00:00Z" }),
    );
    renderWithApp(<ConsentPage />, CHILD);
    expect(await screen.findByText(/making your diploma public/)).toBeVisible();
    expect(screen.getByText(/teaming up with other students/)).toBeVisible();
    expect(screen.getByTestId("last-request")).toHaveTextContent("You have not asked a parent yet.");

    await userEvent.type(screen.getByLabelText("Your parent's e-mail"), "mum@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Send request" }));
    expect(api.POST).toHaveBeenCalledWith("/api/consent/requests", { body: { parent_email: "mum@example.com" } });
    expect(await screen.findByRole("status")).toHaveTextContent("Request sent to mum@example.com.");
    expect(screen.getByTestId("last-request")).toHaveTextContent("Your last request went to mum@example.com on");
  });

  it("shows the API's words when the day's requests are used up", async () => {
    api.GET.mockResolvedValue(answer(200, waiting));
    api.POST.mockResolvedValue(
      answer(429, {
        error: { code: "too_many_consent_requests", message: "You asked three times today.", details: [] },
      }),
    );
    renderWithApp(<ConsentPage />, CHILD);
    await userEvent.type(await screen.findByLabelText("Your parent's e-mail"), "mum@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Send request" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("You asked three times today.");
  });

  it("shows the consent in force once a parent gave it", async () => {
    api.GET.mockResolvedValue(
      answer(200, {
        ...waiting,
        pending: false,
        consent: {
          method: "email_link",
          policy_version: "2026-12",
          granted_at: "2026-12-03T10:00:00Z",
          given_by: "mum@example.com",
        },
      }),
    );
    renderWithApp(<ConsentPage />, CHILD);
    expect(await screen.findByRole("heading", { name: "A parent has consented" })).toBeVisible();
    expect(screen.getByText(/Given by mum@example.com by the e-mailed link on/)).toHaveTextContent(
      "privacy notice version 2026-12",
    );
    expect(screen.queryByRole("button", { name: "Send request" })).not.toBeInTheDocument();
  });
});

describe("ConsentBanner", () => {
  it("shows only while consent is pending, linking to the consent page", () => {
    const { unmount } = renderWithApp(<ConsentBanner />, CHILD);
    expect(screen.getByRole("link", { name: "Ask a parent" })).toHaveAttribute("href", "/consent");
    unmount();
    renderWithApp(<ConsentBanner />, STUDENT);
    expect(screen.queryByRole("link", { name: "Ask a parent" })).not.toBeInTheDocument();
  });
});

describe("ConsentRequiredHint", () => {
  it("points a refused publish or team-up to the consent page, and nothing else", () => {
    const locked = new ApiError(403, { error: { code: "consent_required", message: "A parent must consent first." } });
    const { unmount } = renderWithApp(<ConsentRequiredHint error={locked} />, CHILD);
    expect(screen.getByRole("link", { name: "Ask a parent for consent" })).toHaveAttribute("href", "/consent");
    unmount();
    const other = new ApiError(403, { error: { code: "tier_limit", message: "Upgrade." } });
    renderWithApp(<ConsentRequiredHint error={other} />, CHILD);
    expect(screen.queryByRole("link")).not.toBeInTheDocument();
  });
});
