import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { QuestDetailPage } from "../quests/QuestDetailPage";
import { answer, renderWithApp } from "../test-utils";
import { aProgress, anAchievement } from "./fixtures";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

const QUEST = "44444444-4444-4444-4444-444444444444";
const TASK = "55555555-5555-5555-5555-555555555555";

const task: Schemas["TaskPublic"] = {
  id: TASK,
  title: "Flip a coin 100 times",
  description: "",
  is_required: true,
  order_index: 0,
  pillar: "stem_logic",
  xp_value: 30,
  completion: null,
};

const quest: Schemas["QuestDetail"] = {
  id: QUEST,
  title: "Probability Basics",
  description: "Coins and dice.",
  image_url: null,
  pillars: ["stem_logic"],
  source: "custom",
  task_count: 2,
  total_xp: 60,
  enrollment: { status: "active", started_at: "2026-12-01T10:00:00Z", completed_at: null, abandoned_at: null },
  progress: {
    completed_tasks: 0,
    total_tasks: 2,
    required_completed: 0,
    required_total: 2,
    percent: 0,
    xp_available: 60,
    xp_earned: 0,
  },
  tasks: [task, { ...task, id: "66666666-6666-6666-6666-666666666666", title: "Roll a die", order_index: 1 }],
};

function result(extra: Partial<Schemas["CompletionResult"]> = {}): Schemas["CompletionResult"] {
  return {
    created: true,
    xp_awarded: 30,
    quest_completed: false,
    progress: { ...quest.progress!, completed_tasks: 1, percent: 50, xp_earned: 30 },
    completion: {
      id: "77777777-7777-7777-7777-777777777777",
      quest_id: QUEST,
      task_id: TASK,
      xp_awarded: 30,
      completed_at: "2026-12-03T10:00:00Z",
      evidence: { type: "text", text: "52 heads", is_private: false },
    },
    ...extra,
  };
}

const FIRST_STEPS = anAchievement("first-task", {
  name: "First steps",
  description: "Complete your first task.",
  xp_reward: 10,
  unlocked_at: "2026-12-03T10:00:01Z",
});

/** The API before and after the completion: level 2 becomes 3, and First steps is unlocked. */
function serve() {
  let completed = false;
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/quests/{quest_id}") return answer(200, quest);
    if (path === "/api/evidence/limits")
      return answer(200, {
        image: { content_types: ["image/png"], max_bytes: 1 },
        document: { content_types: ["application/pdf"], max_bytes: 1 },
      });
    if (path === "/api/users/me/progress") {
      const level = completed ? 3 : 2;
      return answer(200, aProgress({ overall: { xp: level * 100, level, xp_into_level: 0, xp_to_next: 100 } }));
    }
    if (path === "/api/users/me/achievements") return answer(200, { achievements: completed ? [FIRST_STEPS] : [] });
    throw new Error(`unexpected GET ${path}`);
  });
  return {
    completeWith(body: Schemas["CompletionResult"]) {
      api.POST.mockImplementation(async () => {
        completed = true;
        return answer(201, body);
      });
    },
  };
}

async function completeTheFirstTask() {
  const user = userEvent.setup();
  renderWithApp(
    <Routes>
      <Route path="/quests/:questId" element={<QuestDetailPage />} />
    </Routes>,
    undefined,
    { at: `/quests/${QUEST}` },
  );
  const form = await screen.findByRole("form", { name: "Evidence for Flip a coin 100 times" });
  // The standing before the completion is what moments are measured against.
  await vi.waitFor(() => expect(api.GET).toHaveBeenCalledWith("/api/users/me/achievements"));
  await user.type(within(form).getByLabelText("What did you do?"), "52 heads");
  await user.click(within(form).getByRole("button", { name: "Complete task" }));
  return screen.getByTestId("recognition");
}

beforeEach(() => {
  api.GET.mockReset();
  api.POST.mockReset();
});

describe("recognition after completing a task", () => {
  it("announces the XP, then the level reached and each achievement unlocked", async () => {
    serve().completeWith(result());
    const region = await completeTheFirstTask();
    expect(region).toHaveAttribute("role", "status");
    expect(await within(region).findByText("+30 XP", { exact: false })).toHaveTextContent("+30 XP earned");
    expect(await within(region).findByText("Level up! You reached level 3.")).toBeInTheDocument();
    expect(within(region).getByText("Achievement unlocked: First steps")).toBeInTheDocument();
    expect(within(region).getByText(/Complete your first task\. \+10 XP\./)).toBeInTheDocument();
  });

  it("says nothing new for a task that was already done", async () => {
    serve().completeWith(result({ created: false, xp_awarded: 0 }));
    const region = await completeTheFirstTask();
    // The form is free again once the completion has been answered and recognised.
    await vi.waitFor(() => expect(screen.getAllByRole("button", { name: "Complete task" })[0]).toBeEnabled());
    expect(api.POST).toHaveBeenCalledOnce();
    expect(region).toBeEmptyDOMElement();
  });

  it("lets each moment be dismissed", async () => {
    serve().completeWith(result());
    const region = await completeTheFirstTask();
    await userEvent.click(
      await within(region).findByRole("button", { name: "Dismiss: Achievement unlocked: First steps" }),
    );
    expect(within(region).queryByText("Achievement unlocked: First steps")).not.toBeInTheDocument();
    expect(within(region).getByText("Level up! You reached level 3.")).toBeInTheDocument();
  });
});
