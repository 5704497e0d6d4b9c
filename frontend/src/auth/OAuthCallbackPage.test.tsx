import { screen } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp, STUDENT } from "../test-utils";
import { OAuthCallbackPage } from "./OAuthCallbackPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

beforeEach(() => api.POST.mockReset());

function comeBack(at: string, startSession = vi.fn(() => STUDENT)) {
  renderWithApp(
    <Routes>
      <Route path="/auth/callback" element={<OAuthCallbackPage />} />
      <Route path="/dashboard" element={<p>The dashboard</p>} />
    </Routes>,
    null,
    { at, auth: { startSession }, strict: true },
  );
  return startSession;
}

describe("OAuthCallbackPage", () => {
  it("trades the code once, even in StrictMode, signs in and goes to the dashboard", async () => {
    const session = { access_token: "a", refresh_token: "r", expires_in: 3600, expires_at: 2e9, user: STUDENT };
    api.POST.mockResolvedValue(answer(200, session));
    const startSession = comeBack("/auth/callback?code=c0de");
    expect(await screen.findByText("The dashboard")).toBeInTheDocument();
    expect(api.POST).toHaveBeenCalledTimes(1);
    expect(api.POST).toHaveBeenCalledWith("/api/auth/oauth/callback", { body: { code: "c0de" } });
    expect(startSession).toHaveBeenCalledWith(session);
  });

  it("after a cancelled sign-in says so in plain words, asks nothing and links back to log in", () => {
    comeBack("/auth/callback?error=access_denied&error_description=Call+0800+to+unlock");
    expect(screen.getByRole("alert")).toHaveTextContent("The sign-in was cancelled or refused");
    expect(screen.queryByText(/0800/)).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to log in" })).toHaveAttribute("href", "/login");
    expect(api.POST).not.toHaveBeenCalled();
  });

  it("shows the API's words when the code is refused (replayed, expired, other browser)", async () => {
    const message = "This sign-in was started in another browser or too long ago. Try signing in again.";
    api.POST.mockResolvedValue(answer(400, { error: { code: "oauth_verifier_missing", message } }));
    const startSession = comeBack("/auth/callback?code=c0de");
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByRole("link", { name: "Back to log in" })).toBeInTheDocument();
    expect(startSession).not.toHaveBeenCalled();
  });

  it("without a code says there is nothing to finish", () => {
    comeBack("/auth/callback");
    expect(screen.getByRole("alert")).toHaveTextContent("missing the sign-in's code");
    expect(api.POST).not.toHaveBeenCalled();
  });
});
