import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp } from "../test-utils";
import { POLL_MS, useNotifications, useUnreadCount } from "./hooks";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

function Badge({ enabled = true }: { enabled?: boolean }) {
  return <p data-testid="badge">{useUnreadCount(enabled)}</p>;
}

function List() {
  const list = useNotifications(1);
  return <p data-testid="list">{list.data?.data.map((n) => n.title).join(", ")}</p>;
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
  document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
}

/** Let `ms` pass, and React render what the queries answered meanwhile. */
const pass = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
    await vi.advanceTimersByTimeAsync(1); // the answer, then TanStack Query's batched notify
  });

const unreadCalls = () => api.GET.mock.calls.filter(([path]) => path === "/api/notifications/unread-count").length;

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
  vi.useFakeTimers();
});

afterEach(() => {
  setVisibility("visible");
  vi.useRealTimers();
});

describe("polling", () => {
  it("asks the small unread count again every 30 s while the tab is visible, and not while hidden", async () => {
    let unread = 1;
    api.GET.mockImplementation(async () => answer(200, { unread_count: unread }));
    renderWithApp(<Badge />);
    await pass(0);
    expect(screen.getByTestId("badge")).toHaveTextContent("1");
    expect(unreadCalls()).toBe(1);

    unread = 4;
    await pass(POLL_MS);
    expect(unreadCalls()).toBe(2);
    expect(screen.getByTestId("badge")).toHaveTextContent("4");

    setVisibility("hidden");
    await pass(POLL_MS * 4);
    expect(unreadCalls()).toBe(2);

    unread = 0;
    setVisibility("visible"); // back on the tab: asked at once
    await pass(0);
    expect(unreadCalls()).toBe(3);
    expect(screen.getByTestId("badge")).toHaveTextContent("0");
  });

  it("asks nothing signed out", async () => {
    renderWithApp(<Badge enabled={false} />, null);
    await pass(POLL_MS * 2);
    expect(api.GET).not.toHaveBeenCalled();
    expect(screen.getByTestId("badge")).toHaveTextContent("0");
  });

  it("refreshes the open list too", async () => {
    let titles = ["First"];
    api.GET.mockImplementation(async () =>
      answer(200, {
        data: titles.map((title, i) => ({
          id: `n-${i}`,
          type: "test",
          title,
          body: "",
          data: {},
          read_at: null,
          created_at: "2026-12-05T10:00:00Z",
        })),
        count: titles.length,
        unread_count: titles.length,
        page: 1,
        per_page: 20,
      }),
    );
    renderWithApp(<List />);
    await pass(0);
    expect(screen.getByTestId("list")).toHaveTextContent("First");
    titles = ["Second", "First"];
    await pass(POLL_MS);
    expect(screen.getByTestId("list")).toHaveTextContent("Second, First");
  });
});
