import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp } from "../test-utils";
import { SubmitQuestPage } from "./SubmitQuestPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

beforeEach(() => {
  api.GET.mockResolvedValue(answer(200, { data: [], count: 0, page: 1, per_page: 50 }));
  api.POST.mockReset();
});

const refused = answer(422, {
  error: {
    code: "validation_error",
    message: "The request body is not valid.",
    details: [
      {
        field: "title",
        location: "body",
        type: "string_too_short",
        message: "String should have at least 3 characters",
        ctx: { min_length: 3 },
      },
      {
        field: "suggested_tasks.0.xp_value",
        location: "body",
        type: "less_than_equal",
        message: "Input should be less than or equal to 200",
        ctx: { le: 200 },
      },
      {
        field: "suggested_tasks.0.title",
        location: "body",
        type: "string_too_short",
        message: "String should have at least 1 character",
        ctx: { min_length: 1 },
      },
    ],
  },
});

describe("SubmitQuestPage", () => {
  it("shows the API's limits up front: counters on text, the XP range on XP", () => {
    renderWithApp(<SubmitQuestPage />);
    expect(screen.getByLabelText("Quest title")).toHaveAttribute("maxlength", "200");
    expect(screen.getByLabelText("What is it about?")).toHaveAttribute("maxlength", "5000");
    const task = screen.getByRole("listitem", { name: "Task 1" });
    expect(within(task).getByLabelText("Task 1 title")).toHaveAttribute("maxlength", "200");
    expect(within(task).getByLabelText("Description")).toHaveAttribute("maxlength", "5000");
    expect(screen.getAllByText("0 / 200")).toHaveLength(2);
    expect(screen.getAllByText("0 / 5,000")).toHaveLength(2);
    const xp = within(task).getByLabelText("XP");
    expect(xp).toHaveAttribute("min", "25");
    expect(xp).toHaveAttribute("max", "200");
    expect(xp).toHaveAccessibleDescription("25–200 XP");
  });

  it("counts the title as it is typed", async () => {
    renderWithApp(<SubmitQuestPage />);
    await userEvent.type(screen.getByLabelText("Quest title"), "Grow tomatoes");
    expect(screen.getByText("13 / 200")).toBeVisible();
  });

  it("puts plain words, not pydantic's, next to the fields the API refused", async () => {
    api.POST.mockResolvedValue(refused);
    renderWithApp(<SubmitQuestPage />);
    await userEvent.type(screen.getByLabelText("Quest title"), "Go");
    const xp = screen.getByLabelText("XP");
    await userEvent.clear(xp);
    await userEvent.type(xp, "500");
    await userEvent.click(screen.getByRole("button", { name: "Send for review" }));
    expect(await screen.findByLabelText("Quest title")).toHaveAccessibleDescription("Use at least 3 characters.");
    expect(screen.getByLabelText("XP")).toHaveAccessibleDescription("Use a number of at most 200.");
    expect(screen.getByLabelText("Task 1 title")).toHaveAccessibleDescription("This is required.");
    expect(screen.queryByText(/should|Input/)).not.toBeInTheDocument();
  });

  it("lists an approved proposal under the quest's title now, saying what it was proposed as", async () => {
    api.GET.mockResolvedValue(
      answer(200, {
        data: [
          {
            id: "00000000-0000-0000-0000-0000000000s1",
            title: "Build a birdhouse",
            description: "",
            suggested_tasks: [],
            make_public: true,
            status: "approved",
            approved_quest_id: "00000000-0000-0000-0000-0000000000q1",
            admin_notes: null,
            reviewed_at: "2026-12-03T10:00:00Z",
            created_at: "2026-12-02T10:00:00Z",
            quest_title: "Birdhouses for beginners",
          },
        ],
        count: 1,
        page: 1,
        per_page: 50,
      }),
    );
    renderWithApp(<SubmitQuestPage />);
    const mine = await screen.findByTestId("my-submission");
    expect(within(mine).getByRole("heading", { name: "Birdhouses for beginners" })).toBeInTheDocument();
    expect(mine).toHaveTextContent("Proposed as “Build a birdhouse”; the reviewer renamed it.");
  });
});
