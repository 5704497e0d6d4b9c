import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { ChildrenPage } from "./ChildrenPage";
import type { ManagedChild } from "./hooks";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), DELETE: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const PARENT = { ...STUDENT, id: "00000000-0000-0000-0000-0000000000b1", role: "parent" as const };

const lou: ManagedChild = {
  id: "33333333-3333-3333-3333-333333333333",
  display_name: "Lou",
  granted_at: "2026-12-01T10:00:00Z",
  policy_version: "2026-12",
};

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

async function fillChild(username = "little_one") {
  await userEvent.type(screen.getByLabelText("Child's first name"), "Lou");
  await userEvent.type(screen.getByLabelText("Child's username"), username);
  await userEvent.type(screen.getByLabelText("Child's password"), "a long password");
  await userEvent.type(screen.getByLabelText("Child's date of birth"), "2018-05-04");
  await userEvent.click(screen.getByRole("button", { name: "Add child" }));
}

describe("ChildrenPage", () => {
  it("withdraws a child's consent only after a confirmation", async () => {
    api.GET.mockResolvedValue(answer(200, { data: [lou] }));
    api.DELETE.mockResolvedValue(answer(204, undefined));
    renderWithApp(<ChildrenPage />, PARENT);
    const row = await screen.findByTestId("child");
    expect(row).toHaveTextContent("privacy notice version 2026-12");
    await userEvent.click(within(row).getByRole("button", { name: "Withdraw consent for Lou" }));
    await userEvent.click(within(row).getByRole("button", { name: "Keep my consent" }));
    expect(api.DELETE).not.toHaveBeenCalled();
    await userEvent.click(within(row).getByRole("button", { name: "Withdraw consent for Lou" }));
    await userEvent.click(within(row).getByRole("button", { name: "Yes, withdraw" }));
    expect(api.DELETE).toHaveBeenCalledWith("/api/children/{child_id}/consent", {
      params: { path: { child_id: lou.id } },
    });
  });

  it("adds a child and says they sign in with the username", async () => {
    api.GET.mockResolvedValue(answer(200, { data: [] }));
    api.POST.mockResolvedValue(
      answer(201, {
        id: lou.id,
        username: "little_one",
        display_name: "Lou",
        birth_date: "2018-05-04",
        link_id: "44444444-4444-4444-4444-444444444444",
      }),
    );
    renderWithApp(<ChildrenPage />, PARENT);
    expect(await screen.findByText("No children yet")).toBeVisible();
    await fillChild("Little_One");
    expect(api.POST).toHaveBeenCalledWith("/api/children", {
      body: { username: "little_one", password: "a long password", first_name: "Lou", birth_date: "2018-05-04" },
    });
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Added Lou: they sign in with the username little_one.",
    );
  });

  it("puts a taken username next to its field", async () => {
    api.GET.mockResolvedValue(answer(200, { data: [] }));
    api.POST.mockResolvedValue(
      answer(409, { error: { code: "username_taken", message: "That username is taken.", details: [] } }),
    );
    renderWithApp(<ChildrenPage />, PARENT);
    await screen.findByText("No children yet");
    await fillChild();
    expect(await screen.findByText("That username is taken.")).toBeVisible();
    expect(screen.getByLabelText("Child's username")).toHaveAttribute("aria-invalid", "true");
  });
});
