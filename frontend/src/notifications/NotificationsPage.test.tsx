import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { answer, renderWithApp } from "../test-utils";
import { NotificationsPage } from "./NotificationsPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const QUEST = "11111111-1111-1111-1111-111111111111";
// jsdom's accessible names drop the space after the hidden "Unread:" (browsers keep it).

function notice(overrides: Partial<Schemas["NotificationPublic"]>): Schemas["NotificationPublic"] {
  return {
    id: "n-1",
    type: "quest_completed",
    title: "Quest completed: Tiny",
    body: "Every required task is done.",
    data: { quest_id: QUEST, quest_title: "Tiny" },
    read_at: null,
    created_at: "2026-12-05T10:00:00Z",
    ...overrides,
  };
}

function serve(notices: Schemas["NotificationPublic"][]) {
  let list = notices;
  api.GET.mockImplementation(async () =>
    answer(200, {
      data: list,
      count: list.length,
      unread_count: list.filter((n) => !n.read_at).length,
      page: 1,
      per_page: 20,
    }),
  );
  api.POST.mockImplementation(async (path: string, init?: { params?: { path?: { notification_id?: string } } }) => {
    const now = "2026-12-05T11:00:00Z";
    if (path === "/api/notifications/read-all") {
      const marked = list.filter((n) => !n.read_at).length;
      list = list.map((n) => ({ ...n, read_at: n.read_at ?? now }));
      return answer(200, { marked });
    }
    const id = init?.params?.path?.notification_id;
    list = list.map((n) => (n.id === id ? { ...n, read_at: n.read_at ?? now } : n));
    return answer(
      200,
      list.find((n) => n.id === id),
    );
  });
}

function renderPage() {
  return renderWithApp(
    <Routes>
      <Route path="/notifications" element={<NotificationsPage />} />
      <Route path="/quests/:questId" element={<p>The quest page</p>} />
      <Route path="/team" element={<p>The team page</p>} />
    </Routes>,
    undefined,
    { at: "/notifications" },
  );
}

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("NotificationsPage", () => {
  it("links an unread notification to its page and marks it read on the way", async () => {
    serve([notice({})]);
    renderPage();
    expect(await screen.findByRole("heading", { name: /^Unread: ?Quest completed: Tiny$/ })).toBeVisible();
    const link = screen.getByRole("link", { name: "Quest completed: Tiny" });
    expect(link).toHaveAttribute("href", `/quests/${QUEST}`);
    await userEvent.click(link);
    expect(await screen.findByText("The quest page")).toBeVisible();
    expect(api.POST).toHaveBeenCalledWith("/api/notifications/{notification_id}/read", {
      params: { path: { notification_id: "n-1" } },
    });
  });

  it("opens a read notification without marking it again", async () => {
    serve([notice({ type: "team_request_accepted", title: "Ben accepted", read_at: "2026-12-05T10:30:00Z" })]);
    renderPage();
    await userEvent.click(await screen.findByRole("link", { name: "Ben accepted" }));
    expect(await screen.findByText("The team page")).toBeVisible();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it("shows a notification that leads nowhere without a link", async () => {
    serve([notice({ type: "welcome", title: "Welcome to Optio", data: {} })]);
    renderPage();
    expect(await screen.findByRole("heading", { name: /^Unread: ?Welcome to Optio$/ })).toBeVisible();
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("marks them all read at once and then offers it no more", async () => {
    serve([
      notice({}),
      notice({ id: "n-2", type: "achievement_unlocked", title: "Achievement unlocked: First", data: {} }),
      notice({ id: "n-3", title: "Seen", read_at: "2026-12-05T10:30:00Z" }),
    ]);
    renderPage();
    expect(await screen.findAllByRole("button", { name: "Mark read" })).toHaveLength(2);
    await userEvent.click(screen.getByRole("button", { name: "Mark all read" }));
    expect(api.POST).toHaveBeenCalledWith("/api/notifications/read-all");
    expect(await screen.findByRole("status")).toHaveTextContent("2 notifications marked read.");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Mark read" })).toBeNull());
    expect(screen.queryByRole("button", { name: "Mark all read" })).toBeNull();
    expect(screen.queryByText(/^Unread: /)).toBeNull();
  });

  it("offers no Mark all read when nothing is unread", async () => {
    serve([notice({ read_at: "2026-12-05T10:30:00Z" })]);
    renderPage();
    expect(await screen.findByRole("link", { name: "Quest completed: Tiny" })).toBeVisible();
    expect(screen.queryByRole("button", { name: "Mark all read" })).toBeNull();
  });
});
