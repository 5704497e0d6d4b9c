import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp, STUDENT } from "../test-utils";
import { ConfirmPage } from "./ConfirmPage";
import { ResetPasswordPage } from "./ResetPasswordPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const session = {
  access_token: "a",
  refresh_token: "r",
  token_type: "bearer",
  expires_in: 3600,
  expires_at: 2_000_000_000,
  user: STUDENT,
};

beforeEach(() => api.POST.mockReset());

function openLink(at: string, startSession = vi.fn(() => STUDENT)) {
  renderWithApp(
    <Routes>
      <Route path="/auth/confirm" element={<ConfirmPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/dashboard" element={<p>The dashboard</p>} />
    </Routes>,
    null,
    { at, auth: { startSession }, strict: true },
  );
  return startSession;
}

describe("ConfirmPage", () => {
  it("verifies a confirmation link once, even in StrictMode, signs in and goes to the dashboard", async () => {
    api.POST.mockResolvedValue(answer(200, session));
    const startSession = openLink("/auth/confirm?token_hash=abc&type=email");
    expect(screen.getByRole("status")).toHaveTextContent("Confirming…");
    expect(await screen.findByText("The dashboard")).toBeInTheDocument();
    expect(api.POST).toHaveBeenCalledTimes(1);
    expect(api.POST).toHaveBeenCalledWith("/api/auth/verify", { body: { token_hash: "abc", type: "email" } });
    expect(startSession).toHaveBeenCalledWith(session);
  });

  it("shows what is left to do when the API accepts the link without signing in (202)", async () => {
    const message = "Link accepted. Open the link sent to your other address to finish the change.";
    api.POST.mockResolvedValue(answer(202, { message }));
    const startSession = openLink("/auth/confirm?token_hash=abc&type=email_change");
    expect(await screen.findByText(message)).toHaveAttribute("role", "status");
    expect(startSession).not.toHaveBeenCalled();
  });

  it("says in plain words that a spent or expired link no longer works, with the ways on", async () => {
    api.POST.mockResolvedValue(
      answer(422, { error: { code: "invalid_link", message: "This link is not valid or has expired." } }),
    );
    openLink("/auth/confirm?token_hash=old&type=signup");
    expect(await screen.findByRole("alert")).toHaveTextContent("This link has expired or was already used.");
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login");
    expect(screen.getByRole("link", { name: "Send the confirmation link again" })).toHaveAttribute(
      "href",
      "/signup/check-email",
    );
  });

  it.each([
    ["no token", "/auth/confirm?type=email"],
    ["no type", "/auth/confirm?token_hash=abc"],
    ["a type it does not know", "/auth/confirm?token_hash=abc&type=sms"],
    ["a type that is no type", "/auth/confirm?token_hash=abc&type=toString"],
  ])("with %s it says the link is incomplete and asks nothing", async (_, at) => {
    openLink(at);
    expect(screen.getByRole("heading", { name: "This link is incomplete" })).toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it.each([
    ["an e-mailed recovery link", "/auth/confirm?token_hash=reset-me&type=recovery"],
    ["an old /reset-password link", "/reset-password?token=reset-me"],
  ])("takes a new password from %s, then says so and points to logging in", async (_, at) => {
    api.POST.mockResolvedValue(answer(204, undefined));
    openLink(at);
    expect(api.POST).not.toHaveBeenCalled(); // a recovery link is spent by the form, not on opening
    await userEvent.type(screen.getByLabelText("New password"), "a-brand-new-passphrase");
    await userEvent.type(screen.getByLabelText("Repeat it"), "a-brand-new-passphrase");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(api.POST).toHaveBeenCalledWith("/api/auth/password/reset", {
      body: { token: "reset-me", password: "a-brand-new-passphrase" },
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Your password was changed.");
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login");
  });

  it("offers a new reset link when the reset token was spent", async () => {
    api.POST.mockResolvedValue(
      answer(422, { error: { code: "invalid_reset_token", message: "This reset link is not valid or has expired." } }),
    );
    openLink("/auth/confirm?token_hash=spent&type=recovery");
    await userEvent.type(screen.getByLabelText("New password"), "a-brand-new-passphrase");
    await userEvent.type(screen.getByLabelText("Repeat it"), "a-brand-new-passphrase");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This reset link is not valid or has expired.");
    expect(screen.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
  });
});
