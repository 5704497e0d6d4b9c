import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { answer, renderWithApp } from "../test-utils";
import { SendRequestForm } from "./SendRequestForm";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PUT: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const QUEST = "11111111-1111-1111-1111-111111111111";
const students: Schemas["DiscoverableStudent"][] = [
  { id: "s-1", username: "ben_t", display_name: "Ben Tester" },
  { id: "s-2", username: "bea", display_name: "Bea Bloggs" },
  { id: "s-3", username: "bob99", display_name: "Bob" },
];

type Init = { params?: { query?: { q?: string } } };

function serve(found = students) {
  api.GET.mockImplementation(async (path: string, init?: Init) => {
    if (path === "/api/team-directory") {
      const q = init?.params?.query?.q?.toLowerCase() ?? "";
      const data = found.filter((s) => s.username.startsWith(q) || s.display_name.toLowerCase().startsWith(q));
      return answer(200, { data, page: 1, per_page: 10, has_more: false });
    }
    if (path === "/api/users/me/dashboard") {
      return answer(200, { active_quests: [{ id: QUEST, title: "Rocketry" }] });
    }
    throw new Error(`unexpected GET ${path}`);
  });
  api.POST.mockResolvedValue(answer(201, {}));
}

const searches = () => api.GET.mock.calls.filter(([path]) => path === "/api/team-directory");

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("the recipient combobox", () => {
  it("suggests students who chose to be found from two characters on", async () => {
    serve();
    renderWithApp(<SendRequestForm />);
    const box = screen.getByRole("combobox", { name: "Username or e-mail" });
    expect(box).toHaveAttribute("aria-expanded", "false");
    expect(box).toHaveAttribute("aria-autocomplete", "list");
    await userEvent.type(box, "b");
    await new Promise((done) => setTimeout(done, 400));
    expect(searches()).toHaveLength(0); // one character asks nothing

    await userEvent.type(box, "e");
    const list = await screen.findByRole("listbox", { name: "Students who chose to be found" });
    expect(box).toHaveAttribute("aria-expanded", "true");
    expect(box).toHaveAttribute("aria-controls", list.id);
    expect(
      within(list)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Ben Tester @ben_t", "Bea Bloggs @bea"]);
    expect(searches().at(-1)?.[1]).toEqual({ params: { query: { q: "be", per_page: 10 } } });
  });

  it("moves through the suggestions with the arrows and picks one with Enter, without sending", async () => {
    serve();
    renderWithApp(<SendRequestForm />);
    const box = screen.getByRole("combobox", { name: "Username or e-mail" });
    await userEvent.type(box, "be");
    const list = await screen.findByRole("listbox");

    await userEvent.keyboard("{ArrowDown}");
    const [ben, bea] = within(list).getAllByRole("option");
    expect(box).toHaveAttribute("aria-activedescendant", ben!.id);
    expect(ben).toHaveAttribute("aria-selected", "true");
    await userEvent.keyboard("{ArrowDown}");
    expect(box).toHaveAttribute("aria-activedescendant", bea!.id);
    await userEvent.keyboard("{ArrowDown}"); // wraps around
    expect(box).toHaveAttribute("aria-activedescendant", ben!.id);
    await userEvent.keyboard("{ArrowUp}");
    expect(box).toHaveAttribute("aria-activedescendant", bea!.id);

    await userEvent.keyboard("{Enter}");
    expect(box).toHaveValue("bea");
    expect(box).toHaveAttribute("aria-expanded", "false");
    expect(box).not.toHaveAttribute("aria-activedescendant");
    expect(api.POST).not.toHaveBeenCalled();

    await userEvent.keyboard("{Enter}"); // nothing is chosen in the list now: the form is sent
    await waitFor(() =>
      expect(api.POST).toHaveBeenCalledWith("/api/team-requests", {
        body: { recipient: "bea", message: "", quest_id: null },
      }),
    );
    expect(await screen.findByRole("status")).toHaveTextContent("Request sent to bea.");
    expect(box).toHaveValue("");
  });

  it("closes the suggestions with Escape and keeps what was typed", async () => {
    serve();
    renderWithApp(<SendRequestForm />);
    const box = screen.getByRole("combobox", { name: "Username or e-mail" });
    await userEvent.type(box, "bo");
    const list = await screen.findByRole("listbox");
    await userEvent.keyboard("{Escape}");
    expect(box).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(box).toHaveValue("bo");
    await userEvent.keyboard("{ArrowDown}"); // and opens them again
    expect(box).toHaveAttribute("aria-expanded", "true");
    expect(box).toHaveAttribute("aria-activedescendant", within(list).getByRole("option").id);
  });

  it("picks a suggestion with a click", async () => {
    serve();
    renderWithApp(<SendRequestForm />);
    const box = screen.getByRole("combobox", { name: "Username or e-mail" });
    await userEvent.type(box, "ben");
    await userEvent.click(await screen.findByRole("option", { name: "Ben Tester @ben_t" }));
    expect(box).toHaveValue("ben_t");
    expect(box).toHaveFocus();
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("sends any username or e-mail typed when nobody is suggested", async () => {
    serve([]);
    renderWithApp(<SendRequestForm />);
    const box = screen.getByRole("combobox", { name: "Username or e-mail" });
    await userEvent.type(box, "friend@example.com");
    await new Promise((done) => setTimeout(done, 400));
    expect(screen.queryByRole("listbox")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Send request" }));
    await waitFor(() =>
      expect(api.POST).toHaveBeenCalledWith("/api/team-requests", {
        body: { recipient: "friend@example.com", message: "", quest_id: null },
      }),
    );
  });
});

describe("SendRequestForm", () => {
  it("tells teammates to choose a quest, next to the quest field", async () => {
    serve();
    api.POST.mockResolvedValue(
      answer(409, {
        error: {
          code: "already_teammates",
          message: "You are already teammates: choose a quest to invite them onto.",
          details: [],
        },
      }),
    );
    renderWithApp(<SendRequestForm />);
    await userEvent.type(screen.getByRole("combobox", { name: "Username or e-mail" }), "ben_t");
    await userEvent.click(screen.getByRole("button", { name: "Send request" }));
    const quest = screen.getByLabelText("On a quest (optional)");
    await waitFor(() =>
      expect(quest).toHaveAccessibleDescription("You are already teammates: choose a quest to invite them onto."),
    );
  });

  it("invites a teammate onto a quest", async () => {
    serve();
    renderWithApp(<SendRequestForm />);
    await userEvent.type(screen.getByRole("combobox", { name: "Username or e-mail" }), "ben_t");
    await screen.findByRole("option", { name: "Rocketry" });
    await userEvent.selectOptions(screen.getByLabelText("On a quest (optional)"), "Rocketry");
    await userEvent.click(screen.getByRole("button", { name: "Send request" }));
    await waitFor(() =>
      expect(api.POST).toHaveBeenCalledWith("/api/team-requests", {
        body: { recipient: "ben_t", message: "", quest_id: QUEST },
      }),
    );
  });
});
