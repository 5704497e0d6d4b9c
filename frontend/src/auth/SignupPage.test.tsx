import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
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
