import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { useUnreadCount } from "../notifications/hooks";
import { answer, renderWithApp } from "../test-utils";
import { TeamsPage } from "./TeamsPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PUT: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const incoming: Schemas["TeamRequestPublic"] = {
  id: "r-1",
  direction: "incoming",
  status: "pending",
  other: { id: "u-2", username: "ana", display_name: "Ana Tester" },
  quest: null,
  message: "",
  created_at: "2026-12-05T10:00:00Z",
  responded_at: null,
};

function Badge() {
  return <p data-testid="badge">{useUnreadCount(true)}</p>;
}

describe("TeamsPage", () => {
  beforeEach(() => {
    for (const call of Object.values(api)) call.mockReset();
  });

  it("answering a request refreshes the unread count, since the answer read its notice", async () => {
    let unread = 1;
    let pending = [incoming];
    api.GET.mockImplementation(async (path: string) => {
      if (path === "/api/notifications/unread-count") return answer(200, { unread_count: unread });
      if (path === "/api/team-requests")
        return answer(200, { data: pending, count: pending.length, page: 1, per_page: 100 });
      if (path === "/api/teammates") return answer(200, { data: [], count: 0, page: 1, per_page: 100 });
      if (path === "/api/team-directory/me") return answer(200, { discoverable: false });
      return answer(200, { active_quests: [] });
    });
    api.POST.mockImplementation(async () => {
      unread = 0;
      pending = [];
      return answer(200, { ...incoming, status: "accepted" });
    });
    renderWithApp(
      <>
        <Badge />
        <TeamsPage />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId("badge")).toHaveTextContent("1"));
    await userEvent.click(await screen.findByRole("button", { name: "Accept: Ana Tester" }));
    await waitFor(() => expect(screen.getByTestId("badge")).toHaveTextContent("0"));
    expect(await screen.findByText("No requests waiting for you.")).toBeVisible();
    expect(screen.getByRole("checkbox", { name: /find me by my username or name/ })).not.toBeChecked();
  });
});
