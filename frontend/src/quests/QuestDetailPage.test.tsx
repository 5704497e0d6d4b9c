import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { QuestDetailPage } from "./QuestDetailPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

const QUEST = "5eed0000-0000-4000-8000-000000000006";

function aQuest(extra: Partial<Schemas["QuestDetail"]> = {}): Schemas["QuestDetail"] {
  return {
    id: QUEST,
    title: "Brilliant: Logic",
    description: "Reason step by step.",
    image_url: "/quest-art/logic.svg",
    pillars: ["stem_logic", "arts_creativity"],
    source: "brilliant",
    task_count: 0,
    total_xp: 0,
    tasks: [],
    ...extra,
  };
}

const LIMITS = {
  image: { content_types: ["image/png"], max_bytes: 10 * 1024 * 1024 },
  document: { content_types: ["application/pdf"], max_bytes: 25 * 1024 * 1024 },
};

function showQuest(quest: Schemas["QuestDetail"], status = 200) {
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/quests/{quest_id}")
      return status === 200
        ? answer(200, quest)
        : answer(status, { error: { code: "not_found", message: "No such quest.", details: [] } });
    if (path === "/api/evidence/limits") return answer(200, LIMITS);
    if (path.startsWith("/api/progress") || path.startsWith("/api/achievements")) return answer(500, {});
    if (path.startsWith("/api/completions")) return answer(200, { data: [], count: 0 });
    throw new Error(`unexpected GET ${path}`);
  });
  renderWithApp(
    <Routes>
      <Route path="/quests/:questId" element={<QuestDetailPage />} />
    </Routes>,
    STUDENT,
    { at: `/quests/${QUEST}` },
  );
}

function aTask(n: number, extra: Partial<Schemas["TaskPublic"]> = {}): Schemas["TaskPublic"] {
  return {
    id: `7a5c0000-0000-4000-8000-00000000000${n}`,
    title: `Task ${n}`,
    description: "",
    pillar: "stem_logic",
    xp_value: 10,
    order_index: n,
    is_required: true,
    completion: null,
    ...extra,
  };
}

const ACTIVE = {
  status: "active" as const,
  started_at: "2026-12-01T00:00:00Z",
  completed_at: null,
  abandoned_at: null,
};

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("QuestDetailPage's image", () => {
  it("opens the page with the quest's image, loaded at once", async () => {
    showQuest(aQuest());
    await screen.findByRole("heading", { level: 1, name: "Brilliant: Logic" });
    const img = screen.getByTestId("quest-image").querySelector("img");
    expect(img).toHaveAttribute("src", "/quest-art/logic.svg");
    expect(img).toHaveAttribute("alt", "");
    expect(img).toHaveAttribute("loading", "eager");
  });

  it("shows the first pillar's icon for a quest without an image", async () => {
    showQuest(aQuest({ image_url: null }));
    await screen.findByRole("heading", { level: 1, name: "Brilliant: Logic" });
    expect(screen.getByTestId("quest-image-fallback")).toHaveAttribute("data-pillar", "stem_logic");
  });
});

describe("QuestDetailPage's words", () => {
  it("counts one task in the singular", async () => {
    showQuest(aQuest({ task_count: 1, total_xp: 10, tasks: [aTask(1)] }));
    expect(await screen.findByText("Brilliant · 1 task · 10 XP")).toBeInTheDocument();
  });

  it("counts several tasks in the plural", async () => {
    showQuest(aQuest({ task_count: 2, total_xp: 20, tasks: [aTask(1), aTask(2)] }));
    expect(await screen.findByText("Brilliant · 2 tasks · 20 XP")).toBeInTheDocument();
  });
});

describe("QuestDetailPage for a quest that does not exist", () => {
  it("says so and links back to the quests, without offering to try again", async () => {
    showQuest(aQuest(), 404);
    expect(
      await screen.findByRole("heading", { level: 1, name: "This quest does not exist or was removed" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to the quests" })).toHaveAttribute("href", "/quests");
    expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
  });

  it("still offers to try again after a server error", async () => {
    showQuest(aQuest(), 503);
    expect(await screen.findByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});

describe("QuestDetailPage's abandon", () => {
  const quest = () =>
    aQuest({
      enrollment: ACTIVE,
      task_count: 1,
      tasks: [aTask(1)],
      progress: {
        completed_tasks: 0,
        total_tasks: 1,
        required_completed: 0,
        required_total: 1,
        percent: 0,
        xp_earned: 0,
        xp_available: 10,
      },
    });

  it("asks first, and cancelling changes nothing", async () => {
    const user = userEvent.setup();
    showQuest(quest());
    await user.click(await screen.findByRole("button", { name: "Abandon quest" }));
    const dialog = screen.getByRole("dialog", { name: "Abandon this quest?" });
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it("abandons once confirmed", async () => {
    const user = userEvent.setup();
    api.POST.mockResolvedValue(answer(200, { ...ACTIVE, status: "abandoned", abandoned_at: "2026-12-02T00:00:00Z" }));
    showQuest(quest());
    await user.click(await screen.findByRole("button", { name: "Abandon quest" }));
    const dialog = screen.getByRole("dialog", { name: "Abandon this quest?" });
    await user.click(within(dialog).getByRole("button", { name: "Abandon quest" }));
    expect(api.POST).toHaveBeenCalledWith("/api/quests/{quest_id}/abandon", { params: { path: { quest_id: QUEST } } });
    await vi.waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });
});

describe("QuestDetailPage's abandon refused", () => {
  it("keeps the question open with the API's reason", async () => {
    const user = userEvent.setup();
    api.POST.mockResolvedValue(
      answer(409, {
        error: { code: "quest_completed", message: "A completed quest cannot be abandoned.", details: [] },
      }),
    );
    showQuest(aQuest({ enrollment: ACTIVE, task_count: 1, tasks: [aTask(1)] }));
    await user.click(await screen.findByRole("button", { name: "Abandon quest" }));
    const dialog = screen.getByRole("dialog", { name: "Abandon this quest?" });
    await user.click(within(dialog).getByRole("button", { name: "Abandon quest" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("A completed quest cannot be abandoned.");
  });
});

describe("QuestDetailPage's evidence forms", () => {
  it("opens one form at a time: the first task to do, the others behind a button", async () => {
    const user = userEvent.setup();
    showQuest(aQuest({ enrollment: ACTIVE, task_count: 3, tasks: [aTask(1), aTask(2), aTask(3)] }));
    await screen.findByRole("form", { name: "Evidence for Task 1" });
    expect(screen.getAllByRole("form")).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Complete this task: Task 3" }));
    expect(screen.getByRole("form", { name: "Evidence for Task 3" })).toBeInTheDocument();
    expect(screen.getAllByRole("form")).toHaveLength(1);
    expect(screen.getByRole("button", { name: "Complete this task: Task 1" })).toBeInTheDocument();
  });

  it("offers no form before the quest is started", async () => {
    showQuest(aQuest({ task_count: 1, tasks: [aTask(1)] }));
    await screen.findByRole("heading", { level: 1, name: "Brilliant: Logic" });
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Complete this task/ })).not.toBeInTheDocument();
  });
});

describe("QuestDetailPage's evidence editing", () => {
  const completion = {
    id: "c0000000-0000-4000-8000-000000000001",
    task_id: "7a5c0000-0000-4000-8000-000000000001",
    quest_id: QUEST,
    xp_awarded: 10,
    completed_at: "2026-12-02T00:00:00Z",
    evidence: { type: "text" as const, text: "first try", is_private: false },
  };

  it("opens the form with the evidence given and sends the change, not a completion", async () => {
    const user = userEvent.setup();
    api.PATCH.mockResolvedValue(answer(200, { ...completion, evidence: { ...completion.evidence, text: "better" } }));
    showQuest(aQuest({ enrollment: ACTIVE, task_count: 2, tasks: [aTask(1, { completion }), aTask(2)] }));
    await user.click(await screen.findByRole("button", { name: "Edit evidence for Task 1" }));
    const form = screen.getByRole("form", { name: "Evidence for Task 1" });
    expect(screen.getAllByRole("form")).toHaveLength(1); // task 2's form closed meanwhile
    const text = within(form).getByLabelText("What did you do?");
    expect(text).toHaveValue("first try");
    await user.clear(text);
    await user.type(text, "better");
    await user.click(within(form).getByRole("button", { name: "Save evidence" }));
    expect(api.PATCH).toHaveBeenCalledWith("/api/quests/{quest_id}/tasks/{task_id}/completion", {
      params: { path: { quest_id: QUEST, task_id: completion.task_id } },
      body: { type: "text", text: "better", is_private: false },
    });
    expect(api.POST).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.queryByRole("form", { name: "Evidence for Task 1" })).not.toBeInTheDocument());
  });

  it("cancelling an edit sends nothing and shows the evidence again", async () => {
    const user = userEvent.setup();
    showQuest(aQuest({ enrollment: ACTIVE, task_count: 1, tasks: [aTask(1, { completion })] }));
    await user.click(await screen.findByRole("button", { name: "Edit evidence for Task 1" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByText("first try")).toBeInTheDocument();
    expect(api.PATCH).not.toHaveBeenCalled();
  });

  it("keeps the form open with the API's message when the edit is refused", async () => {
    const user = userEvent.setup();
    api.PATCH.mockResolvedValue(
      answer(404, { error: { code: "not_completed", message: "You have not completed this task.", details: [] } }),
    );
    showQuest(aQuest({ enrollment: ACTIVE, task_count: 1, tasks: [aTask(1, { completion })] }));
    await user.click(await screen.findByRole("button", { name: "Edit evidence for Task 1" }));
    await user.click(screen.getByRole("button", { name: "Save evidence" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("You have not completed this task.");
    expect(screen.getByRole("form", { name: "Evidence for Task 1" })).toBeInTheDocument();
  });
});

describe("QuestDetailPage after an edit", () => {
  it("goes back to the first task still to do once the edit is cancelled", async () => {
    const user = userEvent.setup();
    const completion = {
      id: "c0000000-0000-4000-8000-000000000001",
      task_id: "7a5c0000-0000-4000-8000-000000000001",
      quest_id: QUEST,
      xp_awarded: 10,
      completed_at: "2026-12-02T00:00:00Z",
      evidence: { type: "text" as const, text: "first try", is_private: false },
    };
    showQuest(aQuest({ enrollment: ACTIVE, task_count: 2, tasks: [aTask(1, { completion }), aTask(2)] }));
    expect(await screen.findByRole("form", { name: "Evidence for Task 2" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Edit evidence for Task 1" }));
    expect(screen.queryByRole("form", { name: "Evidence for Task 2" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("form", { name: "Evidence for Task 2" })).toBeInTheDocument();
  });
});

describe("QuestDetailPage's further evidence", () => {
  const base = {
    id: "c0000000-0000-4000-8000-000000000001",
    task_id: "7a5c0000-0000-4000-8000-000000000001",
    quest_id: QUEST,
    xp_awarded: 10,
    completed_at: "2026-12-02T00:00:00Z",
    evidence: { type: "text" as const, text: "a paragraph", is_private: true },
  };
  const photo = {
    id: "e0000000-0000-4000-8000-000000000001",
    type: "image" as const,
    file_url: "/files/photo.png",
    content_type: "image/png",
  };

  it("shows each piece under the task's own evidence, images with their caption", async () => {
    showQuest(
      aQuest({ enrollment: ACTIVE, task_count: 1, tasks: [aTask(1, { completion: { ...base, items: [photo] } })] }),
    );
    const list = await screen.findByRole("list", { name: "More evidence" });
    expect(within(list).getByRole("img", { name: "Evidence for Task 1 (2)" })).toHaveAttribute(
      "src",
      "/files/photo.png",
    );
    expect(screen.getByText("a paragraph")).toBeInTheDocument();
  });

  it("adds a paragraph without a privacy choice of its own, and awards nothing", async () => {
    const user = userEvent.setup();
    api.POST.mockResolvedValue(answer(201, { id: "e2", type: "text", text: "and more" }));
    showQuest(aQuest({ enrollment: ACTIVE, task_count: 1, tasks: [aTask(1, { completion: base })] }));
    await user.click(await screen.findByRole("button", { name: "Add more evidence for Task 1" }));
    const form = screen.getByRole("form", { name: "Evidence for Task 1 (more evidence)" });
    expect(within(form).queryByRole("checkbox")).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText("What did you do?"), "and more");
    await user.click(within(form).getByRole("button", { name: "Add evidence" }));
    expect(api.POST).toHaveBeenCalledWith("/api/quests/{quest_id}/tasks/{task_id}/completion/items", {
      params: { path: { quest_id: QUEST, task_id: base.task_id } },
      body: { type: "text", text: "and more" },
    });
    await vi.waitFor(() => expect(screen.queryByRole("form")).not.toBeInTheDocument());
  });

  it("removes a piece only once confirmed", async () => {
    const user = userEvent.setup();
    api.DELETE.mockResolvedValue(answer(204, undefined));
    showQuest(
      aQuest({ enrollment: ACTIVE, task_count: 1, tasks: [aTask(1, { completion: { ...base, items: [photo] } })] }),
    );
    await user.click(await screen.findByRole("button", { name: "Remove this evidence (2)" }));
    await user.click(
      within(screen.getByRole("dialog", { name: "Remove this evidence?" })).getByRole("button", { name: "Cancel" }),
    );
    expect(api.DELETE).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Remove this evidence (2)" }));
    await user.click(
      within(screen.getByRole("dialog", { name: "Remove this evidence?" })).getByRole("button", { name: "Remove" }),
    );
    expect(api.DELETE).toHaveBeenCalledWith("/api/quests/{quest_id}/tasks/{task_id}/completion/items/{item_id}", {
      params: { path: { quest_id: QUEST, task_id: base.task_id, item_id: photo.id } },
    });
    await vi.waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("offers no more once the task holds as many pieces as the API allows", async () => {
    const items = Array.from({ length: 5 }, (_, n) => ({ id: `e${n}`, type: "text" as const, text: `note ${n}` }));
    showQuest(aQuest({ enrollment: ACTIVE, task_count: 1, tasks: [aTask(1, { completion: { ...base, items } })] }));
    await screen.findByRole("button", { name: "Edit evidence for Task 1" });
    expect(screen.queryByRole("button", { name: /Add more evidence/ })).not.toBeInTheDocument();
  });
});
