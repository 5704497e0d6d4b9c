import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { CURVES } from "../progress/fixtures";
import { answer, renderWithApp } from "../test-utils";
import { DiplomaEditorPage } from "./DiplomaEditorPage";
import { diploma, summary } from "./fixtures";

const api = vi.hoisted(() => ({ GET: vi.fn(), PATCH: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));
vi.mock("../dashboard/PillarRadar", () => ({ PillarRadar: () => <p>radar</p> }));

function serve(mine: Schemas["DiplomaPublic"] = diploma({ bio: null })) {
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/users/me/diploma") return answer(200, mine);
    if (path === "/api/users/me/credentials") return answer(200, { items: [] });
    if (path === "/api/levels") return answer(200, CURVES);
    throw new Error(`unexpected GET ${path}`);
  });
}

async function preview() {
  return screen.findByRole("region", { name: "Preview" });
}

beforeEach(() => {
  api.GET.mockReset();
  api.PATCH.mockReset();
});

describe("DiplomaEditorPage", () => {
  it("previews the diploma as visitors see it, with the public page's own parts", async () => {
    serve();
    renderWithApp(<DiplomaEditorPage />);
    const shown = await preview();
    expect(within(shown).getByRole("heading", { name: "Ana López", level: 3 })).toBeInTheDocument();
    expect(within(shown).getByTestId("diploma-initials")).toHaveTextContent("AL");
    expect(within(shown).getByText("Future economist")).toBeInTheDocument();
    expect(within(shown).getByText("8 quests and 16 tasks completed")).toBeInTheDocument();
    expect(within(shown).getByRole("heading", { name: "Featured quests", level: 4 })).toBeInTheDocument();
    expect(within(shown).getByRole("heading", { name: "Quest 1", level: 5 })).toBeInTheDocument();
    expect(within(shown).getByText(`${window.location.origin}/diploma/ana-lopez`)).toBeInTheDocument();
    // Only the editor's own share buttons: the preview shows, it does not share.
    expect(within(shown).queryByRole("button", { name: "Copy link" })).not.toBeInTheDocument();
  });

  it("updates the preview as the student types, before anything is saved", async () => {
    serve();
    const user = userEvent.setup();
    renderWithApp(<DiplomaEditorPage />);
    const shown = await preview();

    const headline = screen.getByLabelText("Headline");
    await user.clear(headline);
    await user.type(headline, "Maker of maps");
    expect(within(shown).getByText("Maker of maps")).toBeInTheDocument();
    expect(within(shown).queryByText("Future economist")).not.toBeInTheDocument();

    expect(within(shown).queryByRole("heading", { name: "About" })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("Bio"), "I like rivers.");
    expect(within(shown).getByRole("heading", { name: "About" })).toBeInTheDocument();
    expect(within(shown).getByText("I like rivers.")).toBeInTheDocument();

    const address = screen.getByLabelText("Address");
    await user.clear(address);
    await user.type(address, "Ana Máps ");
    expect(address).toHaveValue("ana-maps-"); // as typed: spaces become hyphens, accents go
    await user.tab();
    expect(address).toHaveValue("ana-maps"); // finished: no hyphen at the end
    expect(within(shown).getByText(`${window.location.origin}/diploma/ana-maps`)).toBeInTheDocument();

    await user.click(screen.getByLabelText("Public: anyone with the link can see my diploma"));
    expect(within(shown).getByText("Private: only you see this")).toBeInTheDocument();
    expect(
      within(shown).getByText("While your diploma is private, visitors are told it is private or does not exist."),
    ).toBeInTheDocument();

    // A blank headline is none at all, as saving it would make it.
    await user.clear(headline);
    expect(within(shown).queryByText("Maker of maps")).not.toBeInTheDocument();
    expect(api.PATCH).not.toHaveBeenCalled();
  });

  it("saves what the preview shows", async () => {
    serve();
    api.PATCH.mockImplementation(async (_path: string, { body }: { body: Schemas["DiplomaUpdate"] }) =>
      answer(200, diploma({ ...body, slug: body.slug ?? "ana-lopez", is_public: body.is_public ?? true })),
    );
    const user = userEvent.setup();
    renderWithApp(<DiplomaEditorPage />);
    await preview();
    await user.type(screen.getByLabelText("Bio"), "  I like rivers.  ");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(api.PATCH).toHaveBeenCalledWith("/api/users/me/diploma", {
      body: { is_public: true, slug: "ana-lopez", headline: "Future economist", bio: "I like rivers." },
    });
    expect(within(await preview()).getByText("I like rivers.")).toBeInTheDocument();
  });

  it("shows a newly featured quest in the preview", async () => {
    serve();
    api.PATCH.mockResolvedValue(
      answer(200, diploma({ bio: null, featured_quests: [summary(1), summary(5)], more_quests: "cursor-after-3" })),
    );
    const user = userEvent.setup();
    renderWithApp(<DiplomaEditorPage />);
    const shown = await preview();
    const featured = () => within(shown).getByRole("region", { name: "Featured quests" });
    expect(within(featured()).queryByRole("heading", { name: "Quest 5" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Feature Quest 5" }));
    expect(await within(featured()).findByRole("heading", { name: "Quest 5" })).toBeInTheDocument();
  });

  it("copies the diploma's link from the editor and says so", async () => {
    serve();
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText");
    renderWithApp(<DiplomaEditorPage />);
    await user.click(await screen.findByRole("button", { name: "Copy link" }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/diploma/ana-lopez`);
    expect(screen.getByText("Link copied.")).toHaveAttribute("role", "status");
  });
});
