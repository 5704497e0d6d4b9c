import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { QuestEditorPage } from "./QuestEditorPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const ADMIN = { ...STUDENT, id: "00000000-0000-0000-0000-0000000000ad", role: "admin" as const };
const QUEST = "5eed0000-0000-4000-8000-000000000015";

function aTask(id: string, pillar: Schemas["AdminTaskPublic"]["pillar"], order_index: number) {
  return {
    id,
    quest_id: QUEST,
    title: `Task ${order_index}`,
    description: "",
    pillar,
    xp_value: 50,
    order_index,
    is_required: true,
    completions: 0,
  };
}

function aQuest(extra: Partial<Schemas["AdminQuestDetail"]> = {}): Schemas["AdminQuestDetail"] {
  return {
    id: QUEST,
    title: "Write and draw a four-page comic",
    description: "Pictures and words.",
    source: "custom",
    is_active: true,
    is_public: true,
    image_url: "/quest-art/comic.svg",
    created_by: null,
    created_at: "2026-12-01T10:00:00Z",
    updated_at: "2026-12-01T10:00:00Z",
    enrollments: 0,
    completions: 0,
    tasks: [
      aTask("10000000-0000-4000-8000-000000000001", "language_communication", 0),
      aTask("10000000-0000-4000-8000-000000000002", "arts_creativity", 1),
    ],
    ...extra,
  };
}

function edit(quest: Schemas["AdminQuestDetail"]) {
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/admin/quests/{quest_id}") return answer(200, quest);
    throw new Error(`unexpected GET ${path}`);
  });
  renderWithApp(
    <Routes>
      <Route path="/admin/quests/:questId" element={<QuestEditorPage />} />
    </Routes>,
    ADMIN,
    { at: `/admin/quests/${QUEST}` },
  );
}

const preview = () => within(screen.getByText("Preview on the quest's card and page").closest("figure") as HTMLElement);
const sent = () => api.PATCH.mock.calls[0]?.[1]?.body;

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("QuestEditorPage's image", () => {
  it("shows the quest's image address and a preview of it", async () => {
    edit(aQuest());
    const field = await screen.findByLabelText("Image URL");
    expect(field).toHaveValue("/quest-art/comic.svg");
    expect(preview().getByTestId("quest-image").querySelector("img")).toHaveAttribute("src", "/quest-art/comic.svg");
  });

  it("previews a new address once it is one the API takes, and the pillar until then", async () => {
    edit(aQuest({ image_url: null }));
    const field = await screen.findByLabelText("Image URL");
    // Sorted as the catalog lists pillars: arts_creativity comes first.
    expect(preview().getByTestId("quest-image-fallback")).toHaveAttribute("data-pillar", "arts_creativity");
    await userEvent.type(field, "https:/");
    expect(preview().getByTestId("quest-image").querySelector("img")).toBeNull();
    await userEvent.type(field, "/example.com/comic.png");
    expect(preview().getByTestId("quest-image").querySelector("img")).toHaveAttribute(
      "src",
      "https://example.com/comic.png",
    );
  });

  it("saves a new image, and an emptied field as null", async () => {
    edit(aQuest());
    api.PATCH.mockResolvedValue(answer(200, aQuest()));
    const field = await screen.findByLabelText("Image URL");
    await userEvent.clear(field);
    await userEvent.type(field, " https://example.com/new.png ");
    await userEvent.click(screen.getByRole("button", { name: "Save quest" }));
    await screen.findByRole("status");
    expect(sent()).toMatchObject({ image_url: "https://example.com/new.png" });

    api.PATCH.mockClear();
    await userEvent.clear(field);
    await userEvent.click(screen.getByRole("button", { name: "Save quest" }));
    await vi.waitFor(() => expect(api.PATCH).toHaveBeenCalledTimes(1));
    expect(sent()).toMatchObject({ image_url: null });
  });

  it("leaves the image out of a save that did not change it", async () => {
    edit(aQuest({ image_url: "http://old.example.com/comic.png" }));
    api.PATCH.mockResolvedValue(answer(200, aQuest()));
    await screen.findByLabelText("Image URL");
    const [title] = screen.getAllByLabelText("Title"); // the quest's, then its tasks'
    await userEvent.type(title as HTMLElement, "!");
    await userEvent.click(screen.getByRole("button", { name: "Save quest" }));
    await screen.findByRole("status");
    expect(sent()).not.toHaveProperty("image_url");
    expect(sent()).toMatchObject({ title: "Write and draw a four-page comic!" });
  });

  it("shows the API's refusal next to the field", async () => {
    edit(aQuest());
    api.PATCH.mockResolvedValue(
      answer(422, {
        error: {
          code: "validation_error",
          message: "The request is not valid.",
          details: [
            {
              field: "image_url",
              location: "body",
              message: "Give an https:// address or a path on this site starting with /.",
              type: "image_url",
            },
          ],
        },
      }),
    );
    const field = await screen.findByLabelText("Image URL");
    await userEvent.clear(field);
    await userEvent.type(field, "http://example.com/a.png");
    await userEvent.click(screen.getByRole("button", { name: "Save quest" }));
    expect(await screen.findByText("Give an https:// address or a path on this site starting with /.")).toBeVisible();
    expect(field).toHaveAttribute("aria-invalid", "true");
  });
});

describe("QuestEditorPage's tasks", () => {
  const [first] = aQuest().tasks as [Schemas["AdminTaskPublic"]];
  const row = async (n: number) => within((await screen.findAllByRole("listitem"))[n] as HTMLElement);

  it("edits a task's description and saves it with the task", async () => {
    edit(aQuest());
    api.PATCH.mockResolvedValue(answer(200, { ...first, description: "Four panels, one joke." }));
    const task = await row(0);
    const save = task.getByRole("button", { name: "Save task" });
    expect(save).toBeDisabled();
    await userEvent.type(task.getByLabelText("Description"), "Four panels, one joke.");
    await userEvent.click(save);
    expect(api.PATCH).toHaveBeenCalledWith("/api/admin/quests/{quest_id}/tasks/{task_id}", {
      params: { path: { quest_id: QUEST, task_id: first.id } },
      body: expect.objectContaining({ description: "Four panels, one joke.", title: "Task 0" }),
    });
  });

  it("asks before deleting a task, and Cancel keeps it", async () => {
    edit(aQuest());
    const task = await row(0);
    await userEvent.click(task.getByRole("button", { name: "Delete Task 0" }));
    const ask = screen.getByRole("dialog", { name: "Delete the task “Task 0”?" });
    expect(ask).toHaveAccessibleDescription(/Nobody has completed it, so no student loses work or XP\./);
    await userEvent.click(within(ask).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.DELETE).not.toHaveBeenCalled();

    api.DELETE.mockResolvedValue(answer(204, undefined));
    await userEvent.click(task.getByRole("button", { name: "Delete Task 0" }));
    await userEvent.click(
      within(screen.getByRole("dialog", { name: "Delete the task “Task 0”?" })).getByRole("button", {
        name: "Delete task",
      }),
    );
    expect(api.DELETE).toHaveBeenCalledWith("/api/admin/quests/{quest_id}/tasks/{task_id}", {
      params: { path: { quest_id: QUEST, task_id: first.id } },
    });
  });

  it("shows the refusal in the question when a student completed the task meanwhile", async () => {
    edit(aQuest());
    api.DELETE.mockResolvedValue(
      answer(409, {
        error: {
          code: "task_has_completions",
          message: "Students have completed this task: it stays, with the XP they earned from it.",
          details: [],
        },
      }),
    );
    const task = await row(0);
    await userEvent.click(task.getByRole("button", { name: "Delete Task 0" }));
    const ask = screen.getByRole("dialog", { name: "Delete the task “Task 0”?" });
    await userEvent.click(within(ask).getByRole("button", { name: "Delete task" }));
    expect(await within(ask).findByRole("alert")).toHaveTextContent("Students have completed this task");
  });

  it("offers no deletion of a task students completed", async () => {
    edit(aQuest({ tasks: [{ ...first, completions: 2 }] }));
    const task = await row(0);
    expect(task.getByRole("button", { name: "Delete Task 0" })).toBeDisabled();
    expect(task.getByText("2 completions (a completed task cannot be deleted)")).toBeInTheDocument();
  });
});
