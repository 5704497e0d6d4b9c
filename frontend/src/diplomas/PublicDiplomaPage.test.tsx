import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp, STUDENT } from "../test-utils";
import { detail, diploma, summary } from "./fixtures";
import { PublicDiplomaPage } from "./PublicDiplomaPage";
import { CURVES } from "../progress/fixtures";

const api = vi.hoisted(() => ({ GET: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));
vi.mock("../dashboard/PillarRadar", () => ({ PillarRadar: () => <p>radar</p> }));

type Options = { params?: { path?: Record<string, string>; query?: Record<string, unknown> } };

/** A quest's credential as the diploma lists it. */
function credential(n: number, revoked = false) {
  return {
    id: `00000000-0000-4000-8000-0000000c${String(n).padStart(4, "0")}`,
    quest_id: summary(n).id,
    quest_title: `Quest ${n}`,
    issued_at: "2026-02-01T00:00:00Z",
    revoked,
  };
}

/** The API: the first view, pages of quests by cursor, quests by id and credentials, from `answers`. */
function serve(
  answers: { front?: unknown; pages?: Record<string, unknown>; quest?: () => unknown; credentials?: unknown[] } = {},
) {
  api.GET.mockImplementation(async (path: string, options?: Options) => {
    if (path === "/api/diplomas/{slug}") return answers.front ?? answer(200, diploma());
    if (path === "/api/diplomas/{slug}/credentials") return answer(200, { items: answers.credentials ?? [] });
    if (path === "/api/diplomas/{slug}/quests") {
      const cursor = String(options?.params?.query?.cursor);
      return answers.pages?.[cursor] ?? answer(404, { error: { code: "not_found", message: "No page" } });
    }
    if (path === "/api/diplomas/{slug}/quests/{quest_id}") return answers.quest?.() ?? answer(200, detail(8));
    if (path === "/api/levels") return answer(200, CURVES);
    throw new Error(`unexpected GET ${path}`);
  });
}

function paths(): string[] {
  return api.GET.mock.calls.map((call) => call[0] as string);
}

/** The live region under the share buttons. */
function shareStatus() {
  return within(screen.getByTestId("diploma-hero")).getByRole("status");
}

function open(user: typeof STUDENT | null = null) {
  renderWithApp(
    <Routes>
      <Route path="/diploma/:slug" element={<PublicDiplomaPage />} />
    </Routes>,
    user,
    { at: "/diploma/ana-lopez" },
  );
}

beforeEach(() => {
  api.GET.mockReset();
});

afterEach(() => {
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, "share");
});

describe("PublicDiplomaPage", () => {
  it("shows the first view, featured quests first, and fetches nothing more until asked", async () => {
    serve();
    open();
    expect(await screen.findByRole("heading", { name: "Ana López", level: 1 })).toBeInTheDocument();
    expect(screen.getByText("8 quests and 16 tasks completed")).toBeInTheDocument();
    const featured = screen.getByRole("region", { name: "Featured quests" });
    expect(within(featured).getByRole("heading", { name: "Quest 1" })).toBeInTheDocument();
    const completed = screen.getByRole("region", { name: "Completed quests" });
    expect(within(completed).getAllByRole("article")).toHaveLength(6);
    expect(screen.getByText("Run a 5K (25%)")).toBeInTheDocument();
    expect(screen.getByText("And 6 more in progress.")).toBeInTheDocument();
    expect(await screen.findByText(/^Level \d+ overall$/)).toBeInTheDocument();
    expect(paths().sort()).toEqual(["/api/diplomas/{slug}", "/api/diplomas/{slug}/credentials", "/api/levels"]);
  });

  it("offers each quest's credential, shows a revoked one as revoked, and the learner record", async () => {
    serve({ credentials: [credential(8), credential(7, true)] });
    open();
    const live = await screen.findByRole("article", { name: "Quest 8" });
    expect(await within(live).findByRole("button", { name: "Download credential of Quest 8" })).toBeInTheDocument();
    const linkedIn = new URL(
      within(live)
        .getByRole("link", { name: /Add to LinkedIn/ })
        .getAttribute("href")!,
    );
    expect(linkedIn.searchParams.get("certUrl")).toBe(`${window.location.origin}/verify/${credential(8).id}`);
    expect(within(live).getByRole("link", { name: "Verify the credential of Quest 8" })).toHaveAttribute(
      "href",
      `/verify/${credential(8).id}`,
    );
    const revoked = screen.getByRole("article", { name: "Quest 7" });
    expect(within(revoked).getByText("Credential revoked")).toBeInTheDocument();
    expect(within(revoked).queryByRole("button", { name: /Download credential/ })).not.toBeInTheDocument();
    expect(within(revoked).queryByRole("link", { name: /LinkedIn/ })).not.toBeInTheDocument();
    expect(within(screen.getByRole("article", { name: "Quest 6" })).queryByText(/credential/i)).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Download learner record" })).toHaveAttribute(
      "href",
      "/api/diplomas/ana-lopez/clr",
    );
  });

  it("offers no learner record when no credential stands", async () => {
    serve({ credentials: [credential(7, true)] });
    open();
    await screen.findByText("Credential revoked");
    expect(screen.queryByRole("link", { name: "Download learner record" })).not.toBeInTheDocument();
  });

  it("lets caches answer a visitor, but has a signed-in reader (maybe its owner) ask the server", async () => {
    serve();
    open();
    await screen.findByRole("heading", { name: "Ana López", level: 1 });
    expect(api.GET.mock.calls[0]?.[1]).toMatchObject({ cache: "default" });
    api.GET.mockClear();
    cleanup();
    open(STUDENT);
    await screen.findByRole("heading", { name: "Ana López", level: 1 });
    expect(api.GET.mock.calls[0]?.[1]).toMatchObject({ cache: "no-cache" });
  });

  it("loads a quest's tasks and evidence when it is opened", async () => {
    serve();
    open();
    const quest = await screen.findByRole("article", { name: "Quest 8" });
    const toggle = within(quest).getByRole("button", { name: "Show the work (2 tasks)" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(toggle);
    expect(await within(quest).findByText("52 heads")).toBeInTheDocument();
    expect(within(quest).getByRole("img", { name: "Evidence" })).toHaveAttribute(
      "src",
      "/api/diplomas/ana-lopez/evidence/00000000-0000-4000-8000-0000000000c2",
    );
    expect(within(quest).getByText("The evidence is private.")).toBeInTheDocument();
    expect(within(quest).getByRole("button", { name: "Hide the work (2 tasks)" })).toHaveAttribute(
      "aria-expanded",
      "true",
    );
    expect(api.GET).toHaveBeenLastCalledWith("/api/diplomas/{slug}/quests/{quest_id}", {
      params: { path: { slug: "ana-lopez", quest_id: summary(8).id } },
    });
  });

  it("says so in plain words when a quest's work cannot load, and tries again", async () => {
    let fail = true;
    serve({
      quest: () =>
        fail
          ? answer(503, { error: { code: "unavailable", message: "The database is busy." } })
          : answer(200, detail(8)),
    });
    open();
    const quest = await screen.findByRole("article", { name: "Quest 8" });
    await userEvent.click(within(quest).getByRole("button", { name: /Show the work/ }));
    expect(await within(quest).findByRole("alert")).toHaveTextContent("The database is busy.");
    fail = false;
    await userEvent.click(within(quest).getByRole("button", { name: "Try again" }));
    expect(await within(quest).findByText("52 heads")).toBeInTheDocument();
  });

  it("shows more quests a page at a time from the first view's cursor", async () => {
    serve({
      pages: {
        "cursor-after-3": answer(200, { data: [summary(2)], next_cursor: "cursor-after-2" }),
        "cursor-after-2": answer(200, { data: [summary(1)], next_cursor: null }),
      },
    });
    open();
    const completed = await screen.findByRole("region", { name: "Completed quests" });
    await userEvent.click(within(completed).getByRole("button", { name: "Show more quests" }));
    expect(await within(completed).findByRole("article", { name: "Quest 2" })).toBeInTheDocument();
    expect(within(completed).getByRole("status")).toHaveTextContent("Showing 7 of 8 completed quests.");
    await userEvent.click(within(completed).getByRole("button", { name: "Show more quests" }));
    expect(await within(completed).findByRole("article", { name: "Quest 1" })).toBeInTheDocument();
    expect(within(completed).queryByRole("button", { name: "Show more quests" })).not.toBeInTheDocument();
    expect(api.GET.mock.calls.filter((call) => call[0] === "/api/diplomas/{slug}/quests")).toEqual([
      [
        "/api/diplomas/{slug}/quests",
        { params: { path: { slug: "ana-lopez" }, query: { limit: 20, cursor: "cursor-after-3" } } },
      ],
      [
        "/api/diplomas/{slug}/quests",
        { params: { path: { slug: "ana-lopez" }, query: { limit: 20, cursor: "cursor-after-2" } } },
      ],
    ]);
  });

  it("offers no more quests when the first view holds them all, and says when there are none", async () => {
    serve({ front: answer(200, diploma({ featured_quests: [], recent_quests: [], more_quests: null })) });
    open();
    expect(await screen.findByText("No completed quests yet.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Show more quests" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Featured quests" })).not.toBeInTheDocument();
  });

  it("says a private or missing diploma is not there", async () => {
    serve({
      front: answer(404, { error: { code: "not_found", message: "No diploma is published at this address." } }),
    });
    open();
    expect(
      await screen.findByRole("heading", { name: "This diploma is private or does not exist" }),
    ).toBeInTheDocument();
  });

  it("shows the student's initials beside their name", async () => {
    serve();
    open();
    await screen.findByRole("heading", { name: "Ana López", level: 1 });
    const initials = screen.getByTestId("diploma-initials");
    expect(initials).toHaveTextContent("AL");
    expect(initials).toHaveAttribute("aria-hidden", "true");
  });

  it("copies the diploma's link and says so in a live region", async () => {
    serve();
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText");
    open();
    await screen.findByTestId("diploma-hero");
    const status = shareStatus();
    expect(status).toHaveTextContent("");
    await user.click(screen.getByRole("button", { name: "Copy link" }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/diploma/ana-lopez`);
    expect(status).toHaveTextContent("Link copied.");
  });

  it("says how to copy the link when the browser will not", async () => {
    serve();
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new DOMException("Denied", "NotAllowedError"));
    open();
    await user.click(await screen.findByRole("button", { name: "Copy link" }));
    expect(shareStatus()).toHaveTextContent("Copying is blocked here: select the address and copy it yourself.");
  });

  it("offers the device's share sheet only where the browser has one", async () => {
    serve();
    open();
    await screen.findByRole("button", { name: "Copy link" });
    expect(screen.queryByRole("button", { name: "Share" })).not.toBeInTheDocument();
    cleanup();

    const share = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "share", { value: share, configurable: true });
    open();
    await userEvent.click(await screen.findByRole("button", { name: "Share" }));
    expect(share).toHaveBeenCalledWith({
      title: "Ana López's diploma · Optio",
      url: `${window.location.origin}/diploma/ana-lopez`,
    });
    expect(shareStatus()).toHaveTextContent("");
  });

  it("says nothing when the share sheet is closed, and says so when sharing fails", async () => {
    serve();
    const share = vi.fn().mockRejectedValueOnce(new DOMException("Closed", "AbortError"));
    Object.defineProperty(navigator, "share", { value: share, configurable: true });
    open();
    await userEvent.click(await screen.findByRole("button", { name: "Share" }));
    expect(shareStatus()).toHaveTextContent("");
    share.mockRejectedValueOnce(new TypeError("Not allowed"));
    await userEvent.click(screen.getByRole("button", { name: "Share" }));
    expect(shareStatus()).toHaveTextContent("Sharing did not work here: copy the link instead.");
  });

  it("prints the diploma, and leaves its buttons out of the print", async () => {
    serve();
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    open();
    await userEvent.click(await screen.findByRole("button", { name: "Print" }));
    expect(print).toHaveBeenCalledOnce();
    // diploma.css, in print, hides [data-print-hidden] and every button inside [data-diploma-page].
    expect(screen.getByTestId("diploma-content")).toHaveAttribute("data-diploma-page");
    expect(screen.getByRole("group", { name: "Share this diploma" }).closest("[data-print-hidden]")).not.toBeNull();
  });

  it("previews a shared link with the diploma's card", async () => {
    serve();
    open();
    await screen.findByRole("heading", { name: "Ana López", level: 1 });
    const meta = (key: string) =>
      document.head.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content");
    expect(meta("og:image")).toBe(`${window.location.origin}/api/diplomas/ana-lopez/card.png`);
    expect(meta("og:image:width")).toBe("1200");
    expect(meta("og:image:height")).toBe("630");
    expect(meta("twitter:card")).toBe("summary_large_image");
    expect(meta("twitter:image")).toBe(meta("og:image"));
  });
});
