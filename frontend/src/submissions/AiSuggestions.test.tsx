import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp } from "../test-utils";
import { AiSuggestions } from "./AiSuggestions";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const tasks = [
  { title: "Plant the seeds", description: "", pillar: "life_wellness" as const, xp_value: 50 },
  { title: "Chart the growth", description: "", pillar: "stem_logic" as const, xp_value: 75 },
];

beforeEach(() => {
  api.POST.mockReset();
  sessionStorage.clear();
});

describe("AiSuggestions", () => {
  it("asks nothing until pressed, then offers the suggested tasks one by one or all at once", async () => {
    api.POST.mockResolvedValue(answer(200, { tasks, requests_left_today: 9 }));
    const onAdd = vi.fn();
    renderWithApp(<AiSuggestions title="Grow tomatoes" description="On a balcony" onAdd={onAdd} />);
    expect(api.POST).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Suggest tasks" }));
    expect(api.POST).toHaveBeenCalledWith("/api/ai/task-suggestions", {
      body: { title: "Grow tomatoes", description: "On a balcony" },
    });
    expect(await screen.findByText("Plant the seeds")).toBeInTheDocument();
    expect(screen.getByText("9 AI requests left today.")).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole("button", { name: "Add" })[1] as HTMLElement);
    expect(onAdd).toHaveBeenLastCalledWith([tasks[1]]);
    await userEvent.click(screen.getByRole("button", { name: "Add all" }));
    expect(onAdd).toHaveBeenLastCalledWith(tasks);
  });

  it("needs a title of three characters first", () => {
    renderWithApp(<AiSuggestions title="Go" description="" onAdd={vi.fn()} />);
    expect(screen.getByRole("button", { name: "Suggest tasks" })).toBeDisabled();
  });

  it("explains and hides itself for the rest of the visit when the server has no AI", async () => {
    api.POST.mockResolvedValue(
      answer(503, { error: { code: "ai_not_configured", message: "Not configured.", details: [] } }),
    );
    const { unmount } = renderWithApp(<AiSuggestions title="Grow tomatoes" description="" onAdd={vi.fn()} />);
    await userEvent.click(screen.getByRole("button", { name: "Suggest tasks" }));
    expect(await screen.findByText("AI task suggestions are not available on this server.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Suggest tasks" })).not.toBeInTheDocument();
    unmount();
    renderWithApp(<AiSuggestions title="Grow tomatoes" description="" onAdd={vi.fn()} />);
    expect(screen.getByText("AI task suggestions are not available on this server.")).toBeInTheDocument();
  });

  it("shows other failures (a used-up daily quota) and keeps the button", async () => {
    api.POST.mockResolvedValue(
      answer(429, { error: { code: "ai_quota_exceeded", message: "No AI requests left today.", details: [] } }),
    );
    renderWithApp(<AiSuggestions title="Grow tomatoes" description="" onAdd={vi.fn()} />);
    await userEvent.click(screen.getByRole("button", { name: "Suggest tasks" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("No AI requests left today.");
    expect(screen.getByRole("button", { name: "Suggest tasks" })).toBeInTheDocument();
  });
});
