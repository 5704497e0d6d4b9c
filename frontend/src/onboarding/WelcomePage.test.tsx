import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { Route, Routes } from "react-router-dom";
import type { Schemas } from "../api/client";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { WelcomePage } from "./WelcomePage";

const api = vi.hoisted(() => ({ GET: vi.fn(), PATCH: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

const quest: Schemas["QuestSummary"] = {
  id: "00000000-0000-0000-0000-00000000a001",
  title: "Paint a self-portrait",
  description: "Three sittings, one mirror.",
  image_url: null,
  pillars: ["arts_creativity"],
  source: "custom",
  task_count: 3,
  total_xp: 150,
};

function renderWelcome(user = STUDENT) {
  return renderWithApp(
    <Routes>
      <Route path="/welcome" element={<WelcomePage />} />
      <Route path="/dashboard" element={<p>The dashboard</p>} />
    </Routes>,
    user,
    { at: "/welcome" },
  );
}

describe("WelcomePage", () => {
  beforeEach(() => {
    api.GET.mockReset().mockResolvedValue(answer(200, { data: [quest], count: 1, page: 1, per_page: 1 }));
    api.PATCH.mockReset().mockResolvedValue(answer(200, { ...STUDENT, interests: ["arts_creativity"] }));
  });

  it("saves the pillars picked, then suggests a first quest in the first of them", async () => {
    const user = userEvent.setup();
    renderWelcome();
    const arts = screen.getByRole("button", { name: "Arts & Creativity" });
    await user.click(arts);
    expect(arts).toHaveAttribute("aria-pressed", "true");
    await user.click(screen.getByRole("button", { name: "Life & Wellness" }));
    await user.click(screen.getByRole("button", { name: "Life & Wellness" })); // and off again
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(api.PATCH).toHaveBeenCalledWith("/api/users/me", { body: { interests: ["arts_creativity"] } });
    expect(await screen.findByRole("heading", { name: "A first quest for you" })).toHaveFocus();
    expect(await screen.findByRole("link", { name: "Paint a self-portrait" })).toBeInTheDocument();
    expect(api.GET).toHaveBeenCalledWith("/api/quests", {
      params: { query: { page: 1, per_page: 1, pillar: "arts_creativity" } },
    });
    await user.click(screen.getByRole("button", { name: "Show me around first" }));
    expect(screen.getByRole("link", { name: "Diploma" })).toHaveAttribute("href", "/diploma");
  });

  it("keeps the student on the step when saving fails, and says so", async () => {
    api.PATCH.mockResolvedValue(answer(500, { error: { code: "internal", message: "boom", details: [] } }));
    const user = userEvent.setup();
    renderWelcome();
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("could not be saved");
    expect(screen.getByRole("heading", { name: "What do you want to grow?" })).toBeInTheDocument();
  });

  it("sends parents and advisors to their own home", async () => {
    renderWelcome({ ...STUDENT, role: "parent" });
    expect(await screen.findByText("The dashboard")).toBeInTheDocument();
  });
});
