import { screen } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { answer, renderWithApp } from "../test-utils";
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

function showQuest(quest: Schemas["QuestDetail"]) {
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/quests/{quest_id}") return answer(200, quest);
    throw new Error(`unexpected GET ${path}`);
  });
  renderWithApp(
    <Routes>
      <Route path="/quests/:questId" element={<QuestDetailPage />} />
    </Routes>,
    null,
    { at: `/quests/${QUEST}` },
  );
}

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
