import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp } from "../test-utils";
import { useAuthSettings } from "./hooks";
import { OAuthButtons, providerName } from "./OAuthButtons";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

beforeEach(() => api.GET.mockReset());

describe("OAuthButtons", () => {
  it("offers one link per provider, each starting that provider's sign-in at the API", async () => {
    api.GET.mockResolvedValue(answer(200, { oauth_providers: ["google", "apple"] }));
    renderWithApp(<OAuthButtons />, null);
    const google = await screen.findByRole("link", { name: "Continue with Google" });
    expect(google).toHaveAttribute("href", "/api/auth/oauth/google");
    expect(screen.getByRole("link", { name: "Continue with Apple" })).toHaveAttribute("href", "/api/auth/oauth/apple");
    expect(screen.getByText("or use your e-mail")).toBeInTheDocument();
    expect(api.GET).toHaveBeenCalledWith("/api/auth/settings");
  });

  it.each([
    ["the server offers no provider", answer(200, { oauth_providers: [] })],
    ["the settings cannot be read", answer(503, { error: { code: "unavailable", message: "Down." } })],
  ])("renders nothing, not even the divider, when %s", async (_, settings) => {
    api.GET.mockResolvedValue(settings);
    renderWithApp(
      <div data-testid="buttons">
        <OAuthButtons />
        <Settled />
      </div>,
      null,
    );
    await screen.findByText("settled");
    expect(screen.getByTestId("buttons")).toHaveTextContent(/^settled$/);
  });
});

/** Says when the settings query has its answer, so that "nothing rendered" is not just "not yet". */
function Settled() {
  return useAuthSettings().isPending ? null : <span>settled</span>;
}

describe("providerName", () => {
  it("names a provider by its brand, or by its key capitalised", () => {
    expect(providerName("github")).toBe("GitHub");
    expect(providerName("azure")).toBe("Microsoft");
    expect(providerName("discord")).toBe("Discord");
  });
});
