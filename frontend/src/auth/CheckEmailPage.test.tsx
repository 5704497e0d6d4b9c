import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp } from "../test-utils";
import { CheckEmailPage } from "./CheckEmailPage";
import { SignupPage } from "./SignupPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const SENT = "If that e-mail is waiting for confirmation, a new link is on its way.";

beforeEach(() => {
  api.GET.mockReset();
  api.POST.mockReset();
  api.GET.mockResolvedValue(answer(200, { oauth_providers: [] }));
});

function signUpNeedingConfirmation() {
  const confirmation = {
    code: "confirmation_required" as const,
    message: "Check your e-mail.",
    email: "kim@example.com",
  };
  renderWithApp(
    <Routes>
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/signup/check-email" element={<CheckEmailPage />} />
    </Routes>,
    null,
    { at: "/signup", auth: { signUp: async () => ({ confirmation }) } },
  );
}

describe("CheckEmailPage", () => {
  it("follows a sign-up that needs confirming and names the address the link went to", async () => {
    signUpNeedingConfirmation();
    await userEvent.type(screen.getByLabelText("E-mail"), "Kim@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "long-enough-password");
    await userEvent.type(screen.getByLabelText("Date of birth"), "2000-02-29");
    await userEvent.click(screen.getByRole("button", { name: "Sign up" }));
    expect(await screen.findByRole("heading", { name: "Check your e-mail" })).toBeInTheDocument();
    expect(screen.getByText("kim@example.com")).toBeInTheDocument();
    expect(screen.queryByLabelText("E-mail")).not.toBeInTheDocument();
  });

  it("sends the link again, says so, and holds the button back for a minute", async () => {
    api.POST.mockResolvedValue(answer(202, { message: SENT }));
    renderWithApp(<CheckEmailPage />, null, {
      at: { pathname: "/signup/check-email", state: { email: "kim@example.com" } },
    });
    const button = screen.getByRole("button", { name: "Send the link again" });
    await userEvent.click(button);
    expect(api.POST).toHaveBeenCalledWith("/api/auth/resend", { body: { email: "kim@example.com", type: "signup" } });
    expect(await screen.findByRole("status")).toHaveTextContent(SENT);
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription("You can send it again in 60 s.");
  });

  it("puts the API's refusal for asking too often in plain words, and waits too", async () => {
    api.POST.mockResolvedValue(answer(429, { error: { code: "rate_limited", message: "Too many requests." } }));
    renderWithApp(<CheckEmailPage />, null, {
      at: { pathname: "/signup/check-email", state: { email: "kim@example.com" } },
    });
    await userEvent.click(screen.getByRole("button", { name: "Send the link again" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "You asked for a new link too often. Wait a minute, then try again.",
    );
    expect(screen.getByRole("button", { name: "Send the link again" })).toBeDisabled();
  });

  it("opened without an address, asks for one and sends the link to it", async () => {
    api.POST.mockResolvedValue(answer(202, { message: SENT }));
    renderWithApp(<CheckEmailPage />, null, { at: "/signup/check-email" });
    expect(screen.queryByText(/We sent a link to/)).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("E-mail"), "lee@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Send the link again" }));
    expect(api.POST).toHaveBeenCalledWith("/api/auth/resend", { body: { email: "lee@example.com", type: "signup" } });
    expect(await screen.findByRole("status")).toHaveTextContent(SENT);
    expect(screen.getByText("lee@example.com")).toBeInTheDocument();
  });

  it("shows a mistyped address's error next to the field, and lets it be corrected at once", async () => {
    api.POST.mockResolvedValue(
      answer(422, {
        error: {
          code: "validation_error",
          message: "Invalid request.",
          details: [{ field: "body.email", message: "value is not a valid email address" }],
        },
      }),
    );
    renderWithApp(<CheckEmailPage />, null, { at: "/signup/check-email" });
    await userEvent.type(screen.getByLabelText("E-mail"), "lee@");
    await userEvent.click(screen.getByRole("button", { name: "Send the link again" }));
    expect(await screen.findByLabelText("E-mail")).toHaveAccessibleDescription("value is not a valid email address");
    expect(screen.getByRole("button", { name: "Send the link again" })).toBeEnabled();
  });
});
