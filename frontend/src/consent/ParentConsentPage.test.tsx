import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp } from "../test-utils";
import type { ConsentLinkInfo } from "./hooks";
import { ParentConsentPage } from "./ParentConsentPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const TOKEN = "ab".repeat(32);

const pending: ConsentLinkInfo = {
  status: "pending",
  student_name: "Kim",
  parent_email: "mum@example.com",
  expires_at: "2026-12-10T10:00:00Z",
  policy_version: "2026-12",
};

function open(token = TOKEN) {
  renderWithApp(
    <Routes>
      <Route path="/consent/:token" element={<ParentConsentPage />} />
    </Routes>,
    null,
    { at: `/consent/${token}` },
  );
}

const refusal = (status: number, code: string, message: string) =>
  answer(status, { error: { code, message, details: [] } });

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("ParentConsentPage", () => {
  it("names the child and the policy version, and records a consent", async () => {
    api.GET.mockResolvedValue(answer(200, pending));
    api.POST.mockResolvedValue(answer(200, { ...pending, status: "granted" }));
    open();
    expect(await screen.findByRole("heading", { name: "Kim asks for your consent" })).toBeVisible();
    expect(screen.getByRole("heading", { name: "What Optio keeps" })).toBeVisible();
    expect(screen.getByText("Privacy notice version 2026-12.")).toBeVisible();

    await userEvent.click(screen.getByRole("button", { name: "Consent" }));
    expect(api.POST).toHaveBeenCalledWith("/api/consent/links/{token}", {
      params: { path: { token: TOKEN } },
      body: { decision: "grant" },
    });
    expect(await screen.findByText(/You consented. Kim can make their diploma public/)).toBeVisible();
    expect(screen.queryByRole("button", { name: "Decline" })).not.toBeInTheDocument();
  });

  it("withdraws a consent only after a confirmation", async () => {
    api.GET.mockResolvedValue(answer(200, { ...pending, status: "granted" }));
    api.POST.mockResolvedValue(answer(200, { ...pending, status: "revoked" }));
    open();
    await userEvent.click(await screen.findByRole("button", { name: "Withdraw consent for Kim" }));
    expect(api.POST).not.toHaveBeenCalled();
    expect(screen.getByRole("alertdialog", { name: "Withdraw consent for Kim?" })).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "Yes, withdraw" }));
    expect(api.POST).toHaveBeenCalledWith("/api/consent/links/{token}", {
      params: { path: { token: TOKEN } },
      body: { decision: "revoke" },
    });
    expect(await screen.findByText(/You withdrew your consent. Kim's diploma is private again/)).toBeVisible();
  });

  it("says in plain words that a request was answered meanwhile", async () => {
    api.GET.mockResolvedValueOnce(answer(200, pending)).mockResolvedValue(
      answer(200, { ...pending, status: "declined" }),
    );
    api.POST.mockResolvedValue(refusal(409, "consent_answered", "This consent request was already answered."));
    open();
    await userEvent.click(await screen.findByRole("button", { name: "Consent" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This consent request was already answered.");
    expect(await screen.findByText(/You declined. Nothing changes for Kim/)).toBeVisible();
  });

  it("explains an expired link", async () => {
    api.GET.mockResolvedValue(answer(200, { ...pending, status: "expired" }));
    open();
    expect(await screen.findByText(/This link has expired, unanswered. Ask Kim to send a new request/)).toBeVisible();
    expect(screen.queryByRole("button", { name: "Consent" })).not.toBeInTheDocument();
  });

  it("calls a link that is not one not valid, asking the API only about well-formed ones", async () => {
    open("not-a-token");
    expect(screen.getByRole("alert")).toHaveTextContent("This consent link is not valid.");
    expect(api.GET).not.toHaveBeenCalled();
  });

  it("calls a link the API does not know not valid", async () => {
    api.GET.mockResolvedValue(refusal(404, "consent_link_not_found", "This consent link is not valid."));
    open();
    expect(await screen.findByRole("alert")).toHaveTextContent("Check that you opened the whole address");
  });
});
