import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/errors";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import type { Auth } from "./context";
import { RedirectIfSignedIn } from "./RequireAuth";
import { SignupPage } from "./SignupPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

beforeEach(() => api.GET.mockResolvedValue(answer(200, { oauth_providers: [] })));

function openSignup(signUp: Auth["signUp"]) {
  renderWithApp(
    <Routes>
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/consent" element={<p>Consent page</p>} />
    </Routes>,
    null,
    { at: "/signup", auth: { signUp } },
  );
}

async function fill(birthDate?: string) {
  await userEvent.type(screen.getByLabelText("E-mail"), "kim@example.com");
  await userEvent.type(screen.getByLabelText("Password"), "long enough");
  if (birthDate) await userEvent.type(screen.getByLabelText("Date of birth"), birthDate);
  await userEvent.click(screen.getByRole("button", { name: "Sign up" }));
}

describe("SignupPage", () => {
  it("asks for the date of birth before signing up", async () => {
    const signUp = vi.fn<Auth["signUp"]>();
    openSignup(signUp);
    await fill();
    expect(await screen.findByText("Enter your date of birth.")).toBeVisible();
    expect(signUp).not.toHaveBeenCalled();
  });

  it("sends the date of birth with the sign-up", async () => {
    const signUp = vi.fn<Auth["signUp"]>(async () => ({ user: STUDENT }));
    openSignup(signUp);
    await fill("2018-05-04");
    expect(signUp).toHaveBeenCalledWith(expect.objectContaining({ birth_date: "2018-05-04", role: "student" }));
  });

  it("signs up a parent or an advisor when chosen", async () => {
    const signUp = vi.fn<Auth["signUp"]>(async () => ({ user: STUDENT }));
    openSignup(signUp);
    await userEvent.click(screen.getByRole("radio", { name: /A parent/ }));
    await fill("1985-02-01");
    expect(signUp).toHaveBeenCalledWith(expect.objectContaining({ role: "parent" }));
  });

  it("words the API's validation errors plainly next to their fields", async () => {
    const refused = new ApiError(422, {
      error: {
        code: "validation_error",
        message: "The request body is not valid.",
        details: [
          {
            field: "username",
            location: "body",
            type: "string_pattern_mismatch",
            message: "String should match pattern '^[a-z0-9_]{3,30}$'",
            ctx: { pattern: "^[a-z0-9_]{3,30}$" },
          },
          {
            field: "email",
            location: "body",
            type: "value_error",
            message: "value is not a valid email address: There must be something after the @-sign.",
            ctx: { reason: "There must be something after the @-sign." },
          },
          {
            field: "first_name",
            location: "body",
            type: "string_too_long",
            message: "String should have at most 100 characters",
            ctx: { max_length: 100 },
          },
        ],
      },
    });
    const signUp = vi.fn<Auth["signUp"]>().mockRejectedValue(refused);
    openSignup(signUp);
    await fill("2008-05-04");
    expect(await screen.findByLabelText("Username")).toHaveAccessibleDescription(
      "Use 3–30 lowercase letters, digits or underscores.",
    );
    expect(screen.getByLabelText("E-mail")).toHaveAccessibleDescription(
      "Enter an e-mail address like name@example.com.",
    );
    expect(screen.getByLabelText("First name")).toHaveAccessibleDescription("Use at most 100 characters.");
    expect(screen.queryByText(/should|pattern|not a valid/)).not.toBeInTheDocument();
  });

  it("holds each field to the API's limits and says them up front", () => {
    openSignup(vi.fn<Auth["signUp"]>());
    expect(screen.getByLabelText("First name")).toHaveAttribute("maxlength", "100");
    expect(screen.getByLabelText("Last name")).toHaveAttribute("maxlength", "100");
    const username = screen.getByLabelText("Username");
    expect(username).toHaveAttribute("maxlength", "30");
    expect(username).toHaveAccessibleDescription(/^3–30 lowercase letters, digits or underscores\./);
    const password = screen.getByLabelText("Password");
    expect(password).toHaveAttribute("minlength", "8");
    expect(password).toHaveAttribute("maxlength", "72");
    expect(password).toHaveAccessibleDescription("8 to 72 characters.");
  });

  it("sends a signed-in child under 13 on to the consent page, unless going somewhere", () => {
    const child = { ...STUDENT, consent_pending: true };
    const signup = (
      <Routes>
        <Route
          path="/signup"
          element={
            <RedirectIfSignedIn home="/quests">
              <SignupPage />
            </RedirectIfSignedIn>
          }
        />
        <Route path="/consent" element={<p>Consent page</p>} />
        <Route path="/quests" element={<p>Quests page</p>} />
        <Route path="/billing" element={<p>Billing page</p>} />
      </Routes>
    );
    const { unmount } = renderWithApp(signup, child, { at: "/signup" });
    expect(screen.getByText("Consent page")).toBeInTheDocument();
    unmount();
    const again = renderWithApp(signup, child, { at: "/signup?next=%2Fbilling" });
    expect(screen.getByText("Billing page")).toBeInTheDocument();
    again.unmount();
    renderWithApp(signup, STUDENT, { at: "/signup" });
    expect(screen.getByText("Quests page")).toBeInTheDocument();
  });
});
