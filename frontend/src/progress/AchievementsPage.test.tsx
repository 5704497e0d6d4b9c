import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp } from "../test-utils";
import { AchievementsPage } from "./AchievementsPage";
import { anAchievement } from "./fixtures";
import type { Achievement } from "./types";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

function serve(achievements: Achievement[]) {
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/achievements") return answer(200, { achievements });
    throw new Error(`unexpected GET ${path}`);
  });
}

beforeEach(() => {
  api.GET.mockReset();
});

describe("AchievementsPage", () => {
  it("issues an unlocked achievement as a verifiable credential, then offers to keep and verify it", async () => {
    const unlocked = anAchievement("first_task", { name: "First step", unlocked_at: "2026-11-02T09:00:00Z" });
    serve([unlocked, anAchievement("streak_7", { name: "A week strong" })]);
    api.POST.mockImplementation(async () => {
      serve([{ ...unlocked, credential_id: "77777777-7777-7777-7777-777777777777" }]);
      return answer(200, { credential_id: "77777777-7777-7777-7777-777777777777" });
    });
    renderWithApp(<AchievementsPage />);
    const locked = await screen.findByRole("region", { name: "Still to earn (1)" });
    expect(within(locked).queryByRole("button", { name: /verifiable credential/ })).toBeNull();
    await userEvent.click(await screen.findByRole("button", { name: "Get a verifiable credential of First step" }));
    expect(api.POST).toHaveBeenCalledWith("/api/users/me/achievements/{key}/credential", {
      params: { path: { key: "first_task" } },
    });
    expect(await screen.findByRole("link", { name: "Verify the credential of First step" })).toHaveAttribute(
      "href",
      "/verify/77777777-7777-7777-7777-777777777777",
    );
  });

  it("lists the unlocked ones first, newest first and dated, then the locked ones with how to earn them", async () => {
    serve([
      anAchievement("streak-7", { name: "Week of work", description: "Keep a 7-day streak." }),
      anAchievement("first-task", { name: "First steps", unlocked_at: "2026-11-02T09:00:00Z" }),
      anAchievement("first-quest", {
        name: "Quest finisher",
        unlocked_at: "2026-12-01T09:00:00Z",
        xp_reward: 50,
        reward_pillar: "arts_creativity",
      }),
    ]);
    renderWithApp(<AchievementsPage />);
    const unlocked = await screen.findByRole("region", { name: "Unlocked (2)" });
    const items = within(unlocked).getAllByTestId("achievement");
    expect(items.map((li) => within(li).getByRole("heading").textContent)).toEqual(["Quest finisher", "First steps"]);
    expect(within(items[0] as HTMLElement).getByText(/Unlocked on/)).toHaveTextContent(
      `Unlocked on ${new Date("2026-12-01T09:00:00Z").toLocaleDateString(undefined, { dateStyle: "long" })}`,
    );
    expect(items[0]).toHaveTextContent("+50 XP in Arts & Creativity");

    const locked = screen.getByRole("region", { name: "Still to earn (1)" });
    const [item] = within(locked).getAllByTestId("achievement");
    expect(within(item as HTMLElement).getByRole("heading")).toHaveTextContent("Week of work");
    expect(item).toHaveTextContent("Keep a 7-day streak.");
    expect(item).toHaveTextContent("Locked");
  });

  it("points to the quests while nothing is unlocked", async () => {
    serve([anAchievement("first-task", { name: "First steps" })]);
    renderWithApp(<AchievementsPage />);
    expect(await screen.findByText("Nothing unlocked yet")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Start a quest" })).toHaveAttribute("href", "/quests");
    const locked = screen.getByRole("region", { name: "Still to earn (1)" });
    expect(within(locked).getByRole("heading", { name: "First steps" })).toBeInTheDocument();
  });

  it("says so when there are no achievements at all", async () => {
    serve([]);
    renderWithApp(<AchievementsPage />);
    expect(await screen.findByText("No achievements yet")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /Unlocked/ })).not.toBeInTheDocument();
  });

  it("shows the API's error with a way to try again", async () => {
    api.GET.mockResolvedValue(answer(500, { error: { code: "internal", message: "The server had a problem." } }));
    renderWithApp(<AchievementsPage />);
    expect(await screen.findByRole("alert")).toHaveTextContent("The server had a problem.");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
