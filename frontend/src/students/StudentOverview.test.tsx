import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { StudentOverview, diplomaReadable } from "./StudentOverview";
import { CURVES } from "../progress/fixtures";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

const ADVISOR = { ...STUDENT, id: "00000000-0000-0000-0000-0000000000a1", role: "advisor" as const };

const card: Schemas["StudentCard"] = {
  id: STUDENT.id,
  username: "sam",
  display_name: "Sam Student",
  relation: "advisor",
  scope: "progress",
  link_id: "11111111-1111-1111-1111-111111111111",
  linked_at: "2026-12-01T10:00:00Z",
  diploma_slug: "sam-student",
  diploma_public: false,
  completed_quests: 0,
  quests_in_progress: 1,
  completed_tasks: 2,
  xp_total: 150,
  xp_this_week: 75,
  last_active_at: "2026-12-02T10:00:00Z",
};

const completion = (over: Partial<Schemas["StudentCompletion"]>): Schemas["StudentCompletion"] => ({
  id: "33333333-3333-3333-3333-333333333333",
  quest_id: "44444444-4444-4444-4444-444444444444",
  quest_title: "Art History Basics",
  task_id: "55555555-5555-5555-5555-555555555555",
  task_title: "Look at art",
  pillar: "arts_creativity",
  xp_awarded: 75,
  completed_at: "2026-12-02T10:00:00Z",
  is_private: false,
  evidence: null,
  feedback_count: 0,
  ...over,
});

function serve(student: Schemas["StudentCard"], completions: Schemas["StudentCompletion"][]) {
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/students/{student_id}")
      return answer(200, { student, xp_by_pillar: { arts_creativity: 150 }, in_progress: [], completed: [] });
    if (path === "/api/students/{student_id}/completions") return answer(200, { data: completions, next_cursor: null });
    if (path === "/api/levels") return answer(200, CURVES);
    if (path === "/api/completions/{completion_id}/feedback")
      return answer(200, { data: [], count: 0, page: 1, per_page: 100, can_reply: true });
    return answer(200, { data: [], count: 0, page: 1, per_page: 100 });
  });
}

beforeEach(() => {
  api.GET.mockReset();
  api.POST.mockReset();
});

describe("StudentOverview", () => {
  it("shows the student's levels from their XP: 150 Arts & Creativity XP is mastery level 3", async () => {
    serve(card, []);
    renderWithApp(<StudentOverview studentId={card.id} asPage />, ADVISOR);
    expect(await screen.findByText("Level 2 overall")).toBeInTheDocument();
    expect(within(screen.getByTestId("pillar-level-arts_creativity")).getByText("Level 3")).toBeInTheDocument();
  });

  it("says in plain words why evidence is hidden, and lets an advisor start feedback", async () => {
    serve(card, [
      completion({}),
      completion({ id: "66666666-6666-6666-6666-666666666666", task_title: "Private task", is_private: true }),
    ]);
    api.POST.mockResolvedValue(answer(201, {}));
    renderWithApp(<StudentOverview studentId={card.id} asPage />, ADVISOR);
    const rows = await screen.findAllByTestId("completion");
    expect(rows[0]).toHaveTextContent("Sam Student shares progress only with you, so the evidence is not shown.");
    expect(rows[1]).toHaveTextContent("Sam Student marked this evidence private; it is not shared with you.");
    expect(screen.getByText(/Their diploma is private and not shared with you\./)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Suggest a quest" })).not.toBeInTheDocument();
    await userEvent.click(within(rows[0]!).getByRole("button", { name: "Give feedback: Look at art" }));
    await userEvent.type(await within(rows[0]!).findByLabelText("Your feedback"), "Nice work");
    await userEvent.click(within(rows[0]!).getByRole("button", { name: "Send feedback" }));
    expect(api.POST).toHaveBeenCalledWith("/api/completions/{completion_id}/feedback", {
      params: { path: { completion_id: completion({}).id } },
      body: { body: "Nice work" },
    });
  });

  it("shows a parent the evidence the scope allows, the diploma and a quest to suggest, but no feedback box", async () => {
    const evidence: Schemas["EvidencePublic"] = { type: "text", text: "My essay", is_private: false };
    serve({ ...card, relation: "parent", scope: "evidence" }, [completion({ evidence })]);
    renderWithApp(<StudentOverview studentId={card.id} />, { ...STUDENT, role: "parent" });
    expect(await screen.findByText("My essay")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open Sam Student's diploma" })).toHaveAttribute(
      "href",
      "/diploma/sam-student",
    );
    expect(screen.getByRole("heading", { name: "Suggest a quest" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /feedback/i })).not.toBeInTheDocument();
  });
});

describe("diplomaReadable", () => {
  it.each([
    [{ diploma_slug: null, diploma_public: true, scope: "evidence" as const }, false],
    [{ diploma_slug: "s", diploma_public: true, scope: "progress" as const }, true],
    [{ diploma_slug: "s", diploma_public: false, scope: "progress" as const }, false],
    [{ diploma_slug: "s", diploma_public: false, scope: "evidence" as const }, true],
  ])("%o → %s", (over, readable) => {
    expect(diplomaReadable({ ...card, ...over })).toBe(readable);
  });
});
