import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import AdminRoutes from "./AdminRoutes";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const ADMIN = { ...STUDENT, id: "00000000-0000-0000-0000-0000000000ad", role: "admin" as const };
const QUEST = "5eed0000-0000-4000-8000-000000000042";

const DRAFT: Schemas["QuestDraftPublic"] = {
  title: "Track a month of weather",
  description: "Build a rain gauge and keep a weather diary.",
  tasks: [
    { title: "Build a rain gauge", description: "From a bottle.", pillar: "stem_logic", xp_value: 50 },
    { title: "Log the rain daily", description: "", pillar: "life_wellness", xp_value: 75 },
    { title: "Chart the month", description: "", pillar: "stem_logic", xp_value: 100 },
    { title: "Present it", description: "", pillar: "language_communication", xp_value: 50 },
  ],
  requests_left_today: 9,
};

const NOT_CONFIGURED = {
  error: {
    code: "ai_not_configured",
    message: "AI assistance is not configured on this server (GEMINI_API_KEY is not set).",
    details: [],
  },
};

function open() {
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/admin/quests/{quest_id}") return new Promise(() => {}); // the editor, loading
    throw new Error(`unexpected GET ${path}`);
  });
  return renderWithApp(
    <Routes>
      <Route path="/admin/*" element={<AdminRoutes />} />
    </Routes>,
    ADMIN,
    { at: "/admin/quests/new-draft" },
  );
}

async function askFor(topic: string) {
  await userEvent.type(await screen.findByLabelText("Topic"), topic);
  await userEvent.click(screen.getByRole("button", { name: "Draft with AI" }));
}

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
  sessionStorage.clear();
});

describe("QuestDraftPage", () => {
  it("asks nothing until the admin names a topic and presses the button", async () => {
    open();
    expect(await screen.findByRole("heading", { name: "Draft a quest with AI", level: 1 })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Draft with AI" })).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Topic"), "Ra");
    expect(screen.getByRole("button", { name: "Draft with AI" })).toBeDisabled();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it("shows the draft for review, and creates the quest as edited with the admin endpoint", async () => {
    api.POST.mockImplementation(async (path: string) => {
      if (path === "/api/ai/quest-drafts") return answer(200, DRAFT);
      if (path === "/api/admin/quests") return answer(201, { id: QUEST });
      throw new Error(`unexpected POST ${path}`);
    });
    open();
    await userEvent.type(await screen.findByLabelText("Who will take it? (optional)"), "Ages 10 to 12");
    await userEvent.click(screen.getByLabelText("STEM & Logic"));
    await askFor("  Weather at home ");
    expect(api.POST).toHaveBeenCalledWith("/api/ai/quest-drafts", {
      body: { topic: "Weather at home", audience: "Ages 10 to 12", pillars: ["stem_logic"] },
    });

    const review = within(await screen.findByRole("form", { name: "Quest draft" }));
    expect(review.getByRole("heading", { name: "Review the draft" })).toHaveFocus();
    expect(review.getByText(/9 AI requests left today/)).toBeInTheDocument();
    expect(review.getByLabelText("Title")).toHaveValue("Track a month of weather");
    expect(review.getByLabelText("Task 1 title")).toHaveValue("Build a rain gauge");
    expect(review.getAllByRole("listitem")).toHaveLength(4);
    // The admin endpoint's XP range, not a proposal's.
    expect(review.getAllByLabelText("XP")[0]).toHaveAttribute("max", "10000");

    await userEvent.clear(review.getByLabelText("Title"));
    await userEvent.type(review.getByLabelText("Title"), "Weather watchers");
    await userEvent.click(review.getByRole("button", { name: "Remove task 4" }));
    await userEvent.click(review.getByLabelText("Public: listed in the quest hub"));
    await userEvent.click(review.getByRole("button", { name: "Create quest" }));

    expect(api.POST).toHaveBeenLastCalledWith("/api/admin/quests", {
      body: {
        title: "Weather watchers",
        description: DRAFT.description,
        source: "custom",
        tasks: DRAFT.tasks.slice(0, 3),
        is_active: true,
        is_public: false,
      },
    });
    // On to the new quest's editor.
    expect(await screen.findByRole("status")).toHaveTextContent("Loading");
    expect(screen.queryByRole("form", { name: "Quest draft" })).not.toBeInTheDocument();
  });

  it("shows the admin endpoint's refusal next to the task it names", async () => {
    api.POST.mockImplementation(async (path: string) => {
      if (path === "/api/ai/quest-drafts") return answer(200, DRAFT);
      return answer(422, {
        error: {
          code: "validation_error",
          message: "The request is not valid.",
          details: [
            {
              field: "tasks.1.title",
              location: "body",
              message: "String should have at least 1 character",
              type: "string_too_short",
              ctx: { min_length: 1 },
            },
          ],
        },
      });
    });
    open();
    await askFor("Weather at home");
    const review = within(await screen.findByRole("form", { name: "Quest draft" }));
    await userEvent.clear(review.getByLabelText("Task 2 title"));
    await userEvent.click(review.getByRole("button", { name: "Create quest" }));
    expect(await review.findByText("This is required.")).toBeInTheDocument();
    expect(review.getByLabelText("Task 2 title")).toHaveAttribute("aria-invalid", "true");
    expect(review.getByLabelText("Title")).not.toHaveAttribute("aria-invalid"); // the quest's own title
  });

  it("without a Gemini key, says so in plain words and offers the button no more, for the rest of the visit", async () => {
    api.POST.mockResolvedValue(answer(503, NOT_CONFIGURED));
    const { unmount } = open();
    await askFor("Weather at home");
    expect(
      await screen.findByRole("heading", { name: "AI quest drafts are not available on this server." }),
    ).toBeInTheDocument();
    expect(screen.getByText(/no Gemini API key/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Draft with AI" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Topic")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Write a quest on the quests page" })).toHaveAttribute(
      "href",
      "/admin/quests",
    );
    expect(api.POST).toHaveBeenCalledTimes(1);

    unmount();
    open();
    expect(
      await screen.findByRole("heading", { name: "AI quest drafts are not available on this server." }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Draft with AI" })).not.toBeInTheDocument();
  });

  it("shows other failures (a used-up daily quota) and keeps the button", async () => {
    api.POST.mockResolvedValue(
      answer(429, { error: { code: "ai_daily_limit", message: "You have used today's 10 AI requests.", details: [] } }),
    );
    open();
    await askFor("Weather at home");
    expect(await screen.findByRole("alert")).toHaveTextContent("You have used today's 10 AI requests.");
    expect(screen.getByRole("button", { name: "Draft with AI" })).toBeEnabled();
  });

  it("keeps the draft under review when asking again fails", async () => {
    api.POST.mockResolvedValueOnce(answer(200, DRAFT)).mockResolvedValueOnce(
      answer(504, { error: { code: "ai_timeout", message: "The AI did not answer within 30 seconds.", details: [] } }),
    );
    open();
    await askFor("Weather at home");
    const review = within(await screen.findByRole("form", { name: "Quest draft" }));
    await userEvent.type(review.getByLabelText("Title"), "!");
    await userEvent.click(screen.getByRole("button", { name: "Draft again (replaces the draft below)" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The AI did not answer within 30 seconds.");
    expect(review.getByLabelText("Title")).toHaveValue("Track a month of weather!");
  });
});
