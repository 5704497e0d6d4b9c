import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { SubmissionQueuePage } from "./SubmissionQueuePage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const ADMIN = { ...STUDENT, id: "00000000-0000-0000-0000-0000000000ad", role: "admin" as const };
const QUEST = "5eed0000-0000-4000-8000-000000000077";

const BIRDHOUSE: Schemas["QueuedSubmission"] = {
  id: "5ab00000-0000-4000-8000-000000000001",
  title: "Build a birdhouse",
  description: "Design it, cut it, hang it.",
  suggested_tasks: [{ title: "Sketch it", description: "", pillar: "stem_logic", xp_value: 50 }],
  make_public: true,
  status: "pending",
  approved_quest_id: null,
  admin_notes: null,
  reviewed_at: null,
  reviewed_by: null,
  created_at: "2026-12-01T10:00:00Z",
  author: { id: STUDENT.id, display_name: "Cleo", username: "cleo" },
};

function queue(...submissions: Schemas["QueuedSubmission"][]) {
  return answer(200, { data: submissions, count: submissions.length, page: 1, per_page: 20 });
}

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("SubmissionQueuePage", () => {
  it("says in a live region that the approved submission is now a quest, with a link to its editor", async () => {
    api.GET.mockResolvedValueOnce(queue(BIRDHOUSE)).mockResolvedValue(queue());
    api.POST.mockResolvedValue(answer(200, { ...BIRDHOUSE, status: "approved", approved_quest_id: QUEST }));
    renderWithApp(<SubmissionQueuePage />, ADMIN, { at: "/admin/submissions" });
    const card = await screen.findByRole("article", { name: "Submission: Build a birdhouse" });
    const status = screen.getAllByRole("status").find((s) => s.textContent === "") as HTMLElement;
    await userEvent.click(within(card).getByRole("button", { name: "Edit before approving" }));
    await userEvent.type(within(card).getByLabelText("Title"), " (reviewed) ");
    await userEvent.click(within(card).getByRole("button", { name: "Approve with edits" }));
    expect(await within(status).findByText(/is now a quest/)).toBeInTheDocument();
    expect(status).toHaveTextContent("Approved: Build a birdhouse (reviewed) is now a quest.");
    expect(within(status).getByRole("link", { name: "Open it in the quest editor" })).toHaveAttribute(
      "href",
      `/admin/quests/${QUEST}`,
    );
    expect(await screen.findByText("Nothing here")).toBeInTheDocument(); // the card has left the queue
  });

  it("says which submission was rejected", async () => {
    api.GET.mockResolvedValueOnce(queue(BIRDHOUSE)).mockResolvedValue(queue());
    api.POST.mockResolvedValue(answer(200, { ...BIRDHOUSE, status: "rejected", admin_notes: "Add a task." }));
    renderWithApp(<SubmissionQueuePage />, ADMIN, { at: "/admin/submissions" });
    const card = await screen.findByRole("article", { name: "Submission: Build a birdhouse" });
    await userEvent.type(within(card).getByLabelText("Notes for the author (needed to reject)"), "Add a task.");
    await userEvent.click(within(card).getByRole("button", { name: "Reject" }));
    expect(await screen.findByText(/Its author can read your notes/)).toHaveTextContent(
      "Rejected: Build a birdhouse. Its author can read your notes.",
    );
    expect(screen.queryByRole("link", { name: "Open it in the quest editor" })).not.toBeInTheDocument();
  });

  it("says nothing when the approval fails, and shows why on the card", async () => {
    api.GET.mockResolvedValue(queue(BIRDHOUSE));
    api.POST.mockResolvedValue(
      answer(409, { error: { code: "already_reviewed", message: "Another admin reviewed it first.", details: [] } }),
    );
    renderWithApp(<SubmissionQueuePage />, ADMIN, { at: "/admin/submissions" });
    const card = await screen.findByRole("article", { name: "Submission: Build a birdhouse" });
    await userEvent.click(within(card).getByRole("button", { name: "Approve" }));
    expect(await within(card).findByRole("alert")).toHaveTextContent("Another admin reviewed it first.");
    expect(screen.queryByText(/is now a quest/)).not.toBeInTheDocument();
  });
});
