import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp } from "../test-utils";
import { aLeaderboard, aProgress } from "./fixtures";
import { cellLabel } from "./heatmap";
import { ProgressOverview } from "./ProgressOverview";
import type { Leaderboard, Progress } from "./types";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

function serve({
  progress = aProgress(),
  leaderboard = aLeaderboard(),
}: { progress?: Progress; leaderboard?: Leaderboard } = {}) {
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/users/me/progress") return answer(200, progress);
    if (path === "/api/users/me/leaderboard") return answer(200, leaderboard);
    throw new Error(`unexpected GET ${path}`);
  });
}

beforeEach(() => {
  api.GET.mockReset();
});

describe("the progress card", () => {
  it("shows the level, the XP into the next one, the streak and the week against the goal", async () => {
    serve();
    renderWithApp(<ProgressOverview />);
    const card = await screen.findByTestId("progress-card");
    expect(within(card).getByRole("heading", { name: "Level 3" })).toBeInTheDocument();
    expect(within(card).getByRole("progressbar", { name: "XP towards level 4" })).toHaveAttribute(
      "aria-valuenow",
      "20",
    );
    expect(within(card).getByText("40 of 200 XP · 160 XP to level 4")).toBeInTheDocument();
    expect(within(card).getByText("4 days")).toBeInTheDocument();
    expect(within(card).getByText("Active today")).toBeInTheDocument();
    expect(within(card).getByText("Freezes left this month").nextSibling).toHaveTextContent("1 of 2");
    expect(within(card).getByRole("progressbar", { name: "Weekly goal" })).toHaveAttribute("aria-valuenow", "30");
    expect(within(card).getByText("140 XP to go.", { exact: false })).toBeInTheDocument();
  });

  it("asks for a goal when there is none, and nudges to keep the streak when today is not done yet", async () => {
    serve({
      progress: aProgress({
        week: { starts_on: "2026-11-30", xp: 60, goal: null },
        streak: { current: 1, longest: 1, active_today: false, freezes_per_month: 2, freezes_left: 2 },
      }),
    });
    renderWithApp(<ProgressOverview />);
    expect(await screen.findByRole("link", { name: "Set a weekly XP goal" })).toHaveAttribute("href", "/settings");
    const streak = screen.getByRole("region", { name: "Streak" });
    expect(within(streak).getByText("1 day", { selector: "p" })).toBeInTheDocument();
    expect(screen.getByText("Complete a task today to keep your streak going.")).toBeInTheDocument();
    expect(screen.queryByRole("progressbar", { name: "Weekly goal" })).not.toBeInTheDocument();
  });

  it("says so at the top level instead of counting XP to a level that does not exist", async () => {
    serve({ progress: aProgress({ overall: { xp: 99_999, level: 50, xp_into_level: 4_000, xp_to_next: null } }) });
    renderWithApp(<ProgressOverview />);
    expect(await screen.findByRole("progressbar", { name: "Top level reached" })).toHaveAttribute(
      "aria-valuenow",
      "100",
    );
    expect(screen.getByText("You have reached the top level.")).toBeInTheDocument();
  });
});

describe("the activity heatmap", () => {
  it("is a table of 7 weekday rows by 12 weeks, every day named with its tasks and XP", async () => {
    serve();
    renderWithApp(<ProgressOverview />);
    const table = await screen.findByRole("table", { name: "Tasks completed each day over the last 12 weeks" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(8); // the weeks' header row and seven weekdays
    expect(within(rows[1] as HTMLElement).getAllByRole("cell")).toHaveLength(12);
    expect(within(rows[1] as HTMLElement).getByRole("rowheader")).toHaveTextContent("Friday");
    expect(within(table).getByText(cellLabel({ day: "2026-12-01", tasks: 2, xp: 60 }))).toBeInTheDocument();
    expect(within(table).getByText(cellLabel({ day: "2026-12-02", tasks: 0, xp: 0 }))).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Legend" })).toHaveTextContent("5 or more tasks");
  });

  it("says how to fill it in when there was no activity", async () => {
    serve({ progress: aProgress({ heatmap: { first_day: "2026-09-11", last_day: "2026-12-03", days: [] } }) });
    renderWithApp(<ProgressOverview />);
    expect(await screen.findByText(/No tasks in the last 12 weeks yet/)).toBeInTheDocument();
  });
});

describe("next up", () => {
  it("links to the quest of the next task", async () => {
    serve();
    renderWithApp(<ProgressOverview />);
    expect(await screen.findByText("Flip a coin 100 times")).toBeInTheDocument();
    expect(screen.getByText("in Probability Basics")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Continue the quest" })).toHaveAttribute(
      "href",
      "/quests/44444444-4444-4444-4444-444444444444",
    );
  });

  it("suggests browsing the quests when nothing is lined up", async () => {
    serve({ progress: aProgress({ next_up: null }) });
    renderWithApp(<ProgressOverview />);
    expect(await screen.findByText("Nothing lined up")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Browse the quests" })).toHaveAttribute("href", "/quests");
  });
});

describe("the team leaderboard", () => {
  it("explains itself and links to Settings until I opt in", async () => {
    serve();
    renderWithApp(<ProgressOverview />);
    const card = await screen.findByRole("region", { name: "Team leaderboard" });
    expect(await within(card).findByRole("link", { name: "Turn it on in Settings" })).toHaveAttribute(
      "href",
      "/settings",
    );
    expect(within(card).queryByRole("list")).not.toBeInTheDocument();
  });

  it("shows an empty state when I opted in and no one is on it", async () => {
    serve({ leaderboard: aLeaderboard({ opted_in: true }) });
    renderWithApp(<ProgressOverview />);
    expect(await screen.findByText("No one on the leaderboard yet")).toBeInTheDocument();
  });

  it("ranks the entries by this week's XP and marks me", async () => {
    serve({
      leaderboard: aLeaderboard({
        opted_in: true,
        entries: [
          { user_id: "a", name: "Sam Student", xp: 60, is_me: true },
          { user_id: "b", name: "Ben Teammate", xp: 90, is_me: false },
        ],
      }),
    });
    renderWithApp(<ProgressOverview />);
    const board = await screen.findByRole("region", { name: "Team leaderboard" });
    const ranked = await within(board).findAllByRole("listitem");
    expect(ranked.map((li) => li.textContent)).toEqual(["1.Ben Teammate90 XP", "2.Sam Student (you)60 XP"]);
  });
});
