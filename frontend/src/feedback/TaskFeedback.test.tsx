import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { answer, renderWithApp } from "../test-utils";
import { TaskFeedback } from "./TaskFeedback";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const COMPLETION = "33333333-3333-3333-3333-333333333333";
const message: Schemas["FeedbackPublic"] = {
  id: "77777777-7777-7777-7777-777777777777",
  completion_id: COMPLETION,
  author: { id: "00000000-0000-0000-0000-0000000000a1", display_name: "Ada Advisor", is_me: false, is_student: false },
  body: "Which one is older?",
  created_at: "2026-12-02T10:00:00Z",
};
const thread = (data: Schemas["FeedbackPublic"][], canReply: boolean): Schemas["FeedbackThread"] => ({
  data,
  count: data.length,
  page: 1,
  per_page: 100,
  can_reply: canReply,
});

beforeEach(() => {
  api.GET.mockReset();
  api.POST.mockReset();
});

describe("TaskFeedback", () => {
  it("shows nothing while no advisor has written", async () => {
    api.GET.mockResolvedValue(answer(200, thread([], false)));
    const { container } = renderWithApp(<TaskFeedback completionId={COMPLETION} taskTitle="Look at art" />);
    await waitFor(() => expect(api.GET).toHaveBeenCalled());
    expect(container).toBeEmptyDOMElement();
  });

  it("shows the advisor's feedback and sends the student's reply", async () => {
    api.GET.mockResolvedValue(answer(200, thread([message], true)));
    api.POST.mockResolvedValue(answer(201, { ...message, body: "Lascaux" }));
    renderWithApp(<TaskFeedback completionId={COMPLETION} taskTitle="Look at art" />);
    const list = await screen.findByRole("list", { name: "Feedback on Look at art" });
    expect(list).toHaveTextContent("Ada Advisor");
    expect(list).toHaveTextContent("Which one is older?");
    await userEvent.type(screen.getByLabelText("Your reply"), "Lascaux");
    await userEvent.click(screen.getByRole("button", { name: "Reply" }));
    expect(api.POST).toHaveBeenCalledWith("/api/completions/{completion_id}/feedback", {
      params: { path: { completion_id: COMPLETION } },
      body: { body: "Lascaux" },
    });
  });

  it("offers no reply box when the student may not write", async () => {
    api.GET.mockResolvedValue(answer(200, thread([message], false)));
    renderWithApp(<TaskFeedback completionId={COMPLETION} taskTitle="Look at art" />);
    expect(await screen.findByText("Which one is older?")).toBeInTheDocument();
    expect(screen.queryByLabelText("Your reply")).not.toBeInTheDocument();
  });
});
