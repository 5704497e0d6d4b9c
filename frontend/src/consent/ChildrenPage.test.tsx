import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { ChildrenPage } from "./ChildrenPage";
import type { ManagedChild } from "./hooks";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), DELETE: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

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

  it("requests an export of a child's data from the child's URL and lists it", async () => {
    const pending = {
      id: "00000000-0000-0000-0000-0000000000e1",
      status: "pending" as const,
      size: null,
      created_at: "2026-12-03T10:00:00Z",
      finished_at: null,
      expires_at: null,
      download_url: null,
      download_url_expires_at: null,
    };
    let exports: (typeof pending)[] = [];
    api.GET.mockImplementation(async (path: string) => {
      if (path === "/api/children") return answer(200, { data: [lou] });
      if (path === "/api/children/{child_id}/exports") return answer(200, { data: exports });
      throw new Error(`unexpected GET ${path}`);
    });
    api.POST.mockImplementation(async () => {
      exports = [pending];
      return answer(202, pending);
    });
    renderWithApp(<ChildrenPage />, PARENT);
    const row = await screen.findByTestId("child");
    await userEvent.click(within(row).getByRole("button", { name: /^Download .*data$/ }));
    expect(await within(row).findByText("You have not asked for an export of Lou's data yet.")).toBeVisible();
    expect(api.GET).toHaveBeenCalledWith("/api/children/{child_id}/exports", {
      params: { path: { child_id: lou.id } },
    });
    await userEvent.click(within(row).getByRole("button", { name: "Request an export" }));
    expect(api.POST).toHaveBeenCalledWith("/api/children/{child_id}/export", {
      params: { path: { child_id: lou.id } },
    });
    const list = await within(row).findByRole("list", { name: "Lou's exports" });
    expect(within(list).getByText("Being prepared")).toBeVisible();
    expect(within(row).getByRole("button", { name: "Preparing Lou's export…" })).toBeDisabled();
  });

  it("deletes a child's account once the parent's password confirms it", async () => {
    let listed = [lou];
    api.GET.mockImplementation(async () => answer(200, { data: listed }));
    api.POST.mockImplementation(async () => {
      listed = [];
      return answer(204, undefined);
    });
    renderWithApp(<ChildrenPage />, PARENT);
    const row = await screen.findByTestId("child");
    await userEvent.click(within(row).getByRole("button", { name: /^Delete .*account…$/ }));
    const dialog = screen.getByRole("dialog", { name: "Delete Lou's account for good?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete Lou's account" }));
    expect(within(dialog).getByText("Enter your password.")).toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();

    await userEvent.type(within(dialog).getByLabelText("Your password"), "parent password");
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete Lou's account" }));
    expect(api.POST).toHaveBeenCalledWith("/api/children/{child_id}/delete", {
      params: { path: { child_id: lou.id } },
      body: { password: "parent password" },
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Deleted Lou's account.");
    expect(await screen.findByText("No children yet")).toBeVisible();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("shows a wrong password next to the field and deletes nothing", async () => {
    api.GET.mockResolvedValue(answer(200, { data: [lou] }));
    api.POST.mockResolvedValue(
      answer(403, { error: { code: "wrong_password", message: "That password is not right." } }),
    );
    renderWithApp(<ChildrenPage />, PARENT);
    const row = await screen.findByTestId("child");
    await userEvent.click(within(row).getByRole("button", { name: /^Delete .*account…$/ }));
    const dialog = screen.getByRole("dialog", { name: "Delete Lou's account for good?" });
    await userEvent.type(within(dialog).getByLabelText("Your password"), "wrong");
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete Lou's account" }));
    expect(await within(dialog).findByText("That password is not right.")).toBeVisible();
    expect(within(dialog).getByLabelText("Your password")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(screen.getByTestId("child")).toBeInTheDocument();
  });
});
