import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import AdminRoutes from "./AdminRoutes";
import { AchievementsAdminPage } from "./AchievementsAdminPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const ADMIN = { ...STUDENT, id: "00000000-0000-0000-0000-0000000000ad", role: "admin" as const };

function anAchievement(key: string, extra: Partial<Schemas["AchievementAdmin"]> = {}): Schemas["AchievementAdmin"] {
  return {
    key,
    name: `The ${key}`,
    description: "Keep going.",
    icon: "star",
    category: "quests",
    condition: { kind: "tasks_completed", at_least: 10 },
    xp_reward: 0,
    reward_pillar: null,
    created_at: "2026-12-01T10:00:00Z",
    retired_at: null,
    unlocked_by: 0,
    ...extra,
  };
}

const stem = anAchievement("stem_300", {
  name: "Problem solver",
  category: "pillars",
  condition: { kind: "pillar_xp", pillar: "stem_logic", at_least: 300 },
  xp_reward: 50,
  reward_pillar: "arts_creativity",
  unlocked_by: 12,
});
const streak = anAchievement("streak_7", {
  name: "A week strong",
  category: "streaks",
  condition: { kind: "streak", at_least: 7 },
  unlocked_by: 1,
  retired_at: "2026-12-02T10:00:00Z",
});

function serve(achievements: Schemas["AchievementAdmin"][]) {
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/admin/achievements") return answer(200, { achievements });
    throw new Error(`unexpected GET ${path}`);
  });
}

const row = (name: string) =>
  screen.getAllByTestId("achievement").find((tr) => within(tr).queryByText(name)) as HTMLElement;

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("AchievementsAdminPage", () => {
  it("lists each achievement with its condition in plain words, reward and unlocks", async () => {
    serve([stem, streak]);
    renderWithApp(<AchievementsAdminPage />, ADMIN);
    await screen.findByRole("table", { name: "Achievements" });
    const solver = row("Problem solver");
    expect(solver).toHaveTextContent("stem_300");
    expect(solver).toHaveTextContent("Pillars");
    expect(solver).toHaveTextContent("Earn 300 XP in STEM & Logic");
    expect(solver).toHaveTextContent("+50 XP in Arts & Creativity");
    expect(solver).toHaveTextContent("12 students");
    expect(within(solver).getByRole("button", { name: "Retire Problem solver" })).toBeInTheDocument();

    const week = row("A week strong");
    expect(week).toHaveTextContent("Keep a 7-day streak");
    expect(week).toHaveTextContent("None");
    expect(week).toHaveTextContent("1 student");
    expect(week).toHaveTextContent("retired");
    expect(within(week).getByRole("button", { name: "Restore A week strong" })).toBeInTheDocument();
  });

  it("retires one only after saying that students who have it keep it", async () => {
    serve([stem]);
    api.PATCH.mockResolvedValue(answer(200, { ...stem, retired_at: "2026-12-03T10:00:00Z" }));
    renderWithApp(<AchievementsAdminPage />, ADMIN);
    await userEvent.click(await screen.findByRole("button", { name: "Retire Problem solver" }));
    const ask = screen.getByRole("group", { name: "Retire Problem solver?" });
    expect(ask).toHaveTextContent("No one new will unlock it; students who have it keep it.");
    await userEvent.click(within(ask).getByRole("button", { name: "Keep it" }));
    expect(api.PATCH).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "Retire Problem solver" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, retire it" }));
    expect(api.PATCH).toHaveBeenCalledWith("/api/admin/achievements/{key}", {
      params: { path: { key: "stem_300" } },
      body: { retired: true },
    });
  });

  it("restores a retired one at once and shows a refusal in its row", async () => {
    serve([streak]);
    api.PATCH.mockResolvedValue(answer(404, { error: { code: "not_found", message: "No such achievement." } }));
    renderWithApp(<AchievementsAdminPage />, ADMIN);
    await userEvent.click(await screen.findByRole("button", { name: "Restore A week strong" }));
    expect(api.PATCH).toHaveBeenCalledWith("/api/admin/achievements/{key}", {
      params: { path: { key: "streak_7" } },
      body: { retired: false },
    });
    expect(await within(row("A week strong")).findByRole("alert")).toHaveTextContent("No such achievement.");
  });

  it("adds one built from a pillar condition and a reward, then says the backfill runs", async () => {
    serve([]);
    api.POST.mockResolvedValue(answer(201, stem));
    renderWithApp(<AchievementsAdminPage />, ADMIN);
    await userEvent.click(await screen.findByRole("button", { name: "New achievement" }));
    const form = screen.getByRole("form", { name: "New achievement" });
    await userEvent.type(within(form).getByLabelText("Name"), "Problem solver");
    await userEvent.type(within(form).getByLabelText("Key"), "stem_300");
    await userEvent.type(within(form).getByLabelText("Description (students see it)"), "Earn 300 XP in STEM.");
    await userEvent.selectOptions(within(form).getByLabelText("Category"), "pillars");
    expect(within(form).queryByLabelText("Pillar")).not.toBeInTheDocument();
    await userEvent.selectOptions(within(form).getByLabelText("Condition"), "pillar_xp");
    await userEvent.type(within(form).getByLabelText("At least"), "300");
    expect(within(form).getByLabelText("At least")).toHaveAccessibleDescription(
      "In plain words: Earn 300 XP in STEM & Logic.",
    );
    expect(within(form).queryByLabelText("Reward pillar")).not.toBeInTheDocument();
    await userEvent.clear(within(form).getByLabelText("Reward XP"));
    await userEvent.type(within(form).getByLabelText("Reward XP"), "50");
    await userEvent.selectOptions(within(form).getByLabelText("Reward pillar"), "arts_creativity");
    await userEvent.click(within(form).getByRole("button", { name: "Add achievement" }));

    expect(api.POST).toHaveBeenCalledWith("/api/admin/achievements", {
      body: {
        key: "stem_300",
        name: "Problem solver",
        description: "Earn 300 XP in STEM.",
        icon: "star",
        category: "pillars",
        condition: { kind: "pillar_xp", pillar: "stem_logic", at_least: 300 },
        xp_reward: 50,
        reward_pillar: "arts_creativity",
      },
    });
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Added Problem solver. Students who already qualify will unlock it in the background.",
    );
    expect(screen.queryByRole("form", { name: "New achievement" })).not.toBeInTheDocument();
  });

  it("shows the API's refusals next to the fields they name", async () => {
    serve([]);
    api.POST.mockResolvedValueOnce(
      answer(422, {
        error: {
          code: "reward_pillar",
          message: "An achievement that gives XP names the pillar it goes to, and only then.",
          details: [
            {
              field: "reward_pillar",
              message: "An achievement that gives XP names the pillar it goes to, and only then.",
            },
          ],
        },
      }),
    );
    api.POST.mockResolvedValueOnce(
      answer(409, { error: { code: "key_taken", message: "An achievement with that key exists.", details: [] } }),
    );
    renderWithApp(<AchievementsAdminPage />, ADMIN);
    await userEvent.click(await screen.findByRole("button", { name: "New achievement" }));
    await userEvent.type(screen.getByLabelText("Key"), "first_task");
    await userEvent.type(screen.getByLabelText("At least"), "1");
    await userEvent.clear(screen.getByLabelText("Reward XP"));
    await userEvent.type(screen.getByLabelText("Reward XP"), "20");
    await userEvent.click(screen.getByRole("button", { name: "Add achievement" }));
    expect(api.POST.mock.calls[0]?.[1].body).toMatchObject({
      condition: { kind: "tasks_completed", at_least: 1 },
      xp_reward: 20,
      reward_pillar: null,
    });
    await waitFor(() =>
      expect(screen.getByLabelText("Reward pillar")).toHaveAccessibleDescription(
        "An achievement that gives XP names the pillar it goes to, and only then.",
      ),
    );

    await userEvent.click(screen.getByRole("button", { name: "Add achievement" }));
    await waitFor(() =>
      expect(screen.getByLabelText("Key")).toHaveAccessibleDescription("An achievement with that key exists."),
    );
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("says what a key may hold before asking the API", async () => {
    serve([]);
    renderWithApp(<AchievementsAdminPage />, ADMIN);
    await userEvent.click(await screen.findByRole("button", { name: "New achievement" }));
    await userEvent.type(screen.getByLabelText("Key"), "First Task");
    await userEvent.click(screen.getByRole("button", { name: "Add achievement" }));
    expect(screen.getByLabelText("Key")).toHaveAccessibleDescription(
      "Use 2 to 50 lower-case letters, digits or _, starting with a letter.",
    );
    expect(api.POST).not.toHaveBeenCalled();
  });

  it("says so when there are none, and shows the API's error with a way to try again", async () => {
    serve([]);
    const { unmount } = renderWithApp(<AchievementsAdminPage />, ADMIN);
    expect(await screen.findByText("No achievements yet")).toBeInTheDocument();
    unmount();

    api.GET.mockResolvedValue(answer(500, { error: { code: "internal", message: "The server had a problem." } }));
    renderWithApp(<AchievementsAdminPage />, ADMIN);
    expect(await screen.findByRole("alert")).toHaveTextContent("The server had a problem.");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("is a page of the admin space, at /admin/achievements", async () => {
    serve([stem]);
    renderWithApp(
      <Routes>
        <Route path="/admin/*" element={<AdminRoutes />} />
      </Routes>,
      ADMIN,
      { at: "/admin/achievements" },
    );
    expect(await screen.findByRole("heading", { name: "Achievements", level: 1 })).toBeInTheDocument();
  });
});
