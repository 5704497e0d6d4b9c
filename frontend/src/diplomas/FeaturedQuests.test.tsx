import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { answer, renderWithApp } from "../test-utils";
import { FeaturedQuests } from "./FeaturedQuests";
import { diploma, summary } from "./fixtures";

const api = vi.hoisted(() => ({ GET: vi.fn(), PATCH: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

function featuring(...numbers: number[]): Schemas["DiplomaPublic"] {
  return diploma({ featured_quests: numbers.map((n) => summary(n)), more_quests: null });
}

beforeEach(() => {
  api.GET.mockReset();
  api.PATCH.mockReset();
});

function sent(): unknown {
  return api.PATCH.mock.calls.at(-1)?.[1];
}

describe("FeaturedQuests", () => {
  it("features a completed quest after the ones already featured", async () => {
    api.PATCH.mockResolvedValue(answer(200, featuring(1, 5)));
    renderWithApp(<FeaturedQuests diploma={featuring(1)} />);
    const quest = screen.getByRole("article", { name: "Quest 5" });
    await userEvent.click(within(quest).getByRole("button", { name: "Feature Quest 5" }));
    expect(sent()).toEqual({ body: { featured_quest_ids: [summary(1).id, summary(5).id] } });
    expect(await screen.findByText("Quest 5 is featured.")).toBeInTheDocument();
  });

  it("unfeatures a quest and moves one up", async () => {
    api.PATCH.mockResolvedValue(answer(200, featuring(1, 3)));
    renderWithApp(<FeaturedQuests diploma={featuring(1, 3, 5)} />);
    const list = screen.getByRole("list");
    await userEvent.click(within(list).getByRole("button", { name: "Unfeature Quest 3" }));
    expect(sent()).toEqual({ body: { featured_quest_ids: [summary(1).id, summary(5).id] } });
    expect(await screen.findByText("Quest 3 is no longer featured.")).toBeInTheDocument();
    await userEvent.click(within(list).getByRole("button", { name: "Move up Quest 5" }));
    expect(sent()).toEqual({ body: { featured_quest_ids: [summary(1).id, summary(5).id, summary(3).id] } });
    expect(within(list).queryByRole("button", { name: "Move up Quest 1" })).not.toBeInTheDocument();
  });

  it("features no more than six", () => {
    renderWithApp(<FeaturedQuests diploma={featuring(1, 2, 3, 4, 5, 6)} />);
    expect(screen.getByText("Unfeature a quest to feature another.")).toBeInTheDocument();
    const quest = screen.getByRole("article", { name: "Quest 7" });
    expect(within(quest).getByRole("button", { name: "Feature Quest 7" })).toBeDisabled();
  });

  it("shows the API's refusal in plain words", async () => {
    api.PATCH.mockResolvedValue(
      answer(422, {
        error: { code: "featured_not_completed", message: "Only a quest you completed can be featured.", details: [] },
      }),
    );
    renderWithApp(<FeaturedQuests diploma={featuring()} />);
    expect(screen.getByText("None yet: feature a quest from your completed quests below.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Feature Quest 8" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Only a quest you completed can be featured.");
  });
});
