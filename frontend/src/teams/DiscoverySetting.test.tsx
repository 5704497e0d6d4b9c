import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { DiscoverySetting } from "./DiscoverySetting";

const api = vi.hoisted(() => ({ GET: vi.fn(), PUT: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const NAME = "Let students looking for a teammate find me by my username or name";

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("DiscoverySetting", () => {
  it("shows the saved choice, off by default, and saves a change at once", async () => {
    api.GET.mockResolvedValue(answer(200, { discoverable: false }));
    api.PUT.mockImplementation(async (_path: string, init: { body: { discoverable: boolean } }) =>
      answer(200, init.body),
    );
    renderWithApp(<DiscoverySetting />);
    const box = await screen.findByRole("checkbox", { name: NAME });
    expect(api.GET).toHaveBeenCalledWith("/api/team-directory/me");
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(/Off by default/);

    await userEvent.click(box);
    expect(api.PUT).toHaveBeenCalledWith("/api/team-directory/me", { body: { discoverable: true } });
    expect(await screen.findByRole("status")).toHaveTextContent("Students looking for a teammate can find you now.");
    expect(box).toBeChecked();

    await userEvent.click(box);
    expect(api.PUT).toHaveBeenLastCalledWith("/api/team-directory/me", { body: { discoverable: false } });
    expect(await screen.findByText("Students can no longer find you by name.")).toBeVisible();
    expect(box).not.toBeChecked();
  });

  it("says why a change was not saved and keeps the saved choice", async () => {
    api.GET.mockResolvedValue(answer(200, { discoverable: true }));
    api.PUT.mockResolvedValue(answer(503, { error: { code: "unavailable", message: "Try again soon.", details: [] } }));
    renderWithApp(<DiscoverySetting />);
    const box = await screen.findByRole("checkbox", { name: NAME });
    expect(box).toBeChecked();
    await userEvent.click(box);
    expect(await screen.findByRole("alert")).toHaveTextContent("Try again soon.");
    expect(box).toBeChecked();
  });

  it.each(["parent", "advisor", "admin"] as const)("is not shown to a %s, who asks nothing", (role) => {
    const { container } = renderWithApp(<DiscoverySetting />, { ...STUDENT, role });
    expect(container).toBeEmptyDOMElement();
    expect(api.GET).not.toHaveBeenCalled();
  });
});
