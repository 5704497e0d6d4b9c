import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { UsersPage } from "./UsersPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), PATCH: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const ADMIN = { ...STUDENT, id: "00000000-0000-0000-0000-0000000000ad", role: "admin" as const };

const ANA: Schemas["AdminUserPublic"] = {
  id: "00000000-0000-4000-8000-0000000000a1",
  email: "ana@example.com",
  username: "ana",
  first_name: "Ana",
  last_name: "Lima",
  display_name: "Ana",
  role: "student",
  subscription_tier: "free",
  subscription_status: null,
  is_active: true,
  created_at: "2026-12-01T10:00:00Z",
  updated_at: "2026-12-01T10:00:00Z",
};

function list(...users: Schemas["AdminUserPublic"][]) {
  return answer(200, { data: users, count: users.length, page: 1, per_page: 20 });
}

function open(user = ANA) {
  api.GET.mockResolvedValue(list(user));
  renderWithApp(<UsersPage />, ADMIN, { at: "/admin/users" });
}

const dialog = (name: string) => screen.getByRole("dialog", { name });

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("UsersPage", () => {
  it("asks before making someone an admin, and Cancel changes nothing", async () => {
    open();
    const role = await screen.findByLabelText("Role of Ana");
    await userEvent.selectOptions(role, "admin");
    expect(dialog("Make Ana an admin?")).toHaveAccessibleDescription(/Admins can see and change everything/);
    expect(role).toHaveValue("admin"); // what is being asked about
    await userEvent.click(within(dialog("Make Ana an admin?")).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(role).toHaveValue("student");
    expect(api.PATCH).not.toHaveBeenCalled();
  });

  it("makes the change once confirmed, and says so", async () => {
    open();
    api.PATCH.mockResolvedValue(answer(200, { ...ANA, subscription_tier: "academy" }));
    const tier = await screen.findByLabelText("Tier of Ana");
    await userEvent.selectOptions(tier, "academy");
    const ask = dialog("Move Ana to the Academy tier?");
    expect(ask).toHaveAccessibleDescription(/limits apply at once and Ana is notified\. Nothing is charged/);
    api.GET.mockResolvedValue(list({ ...ANA, subscription_tier: "academy" }));
    await userEvent.click(within(ask).getByRole("button", { name: "Move to Academy" }));
    expect(api.PATCH).toHaveBeenCalledWith("/api/admin/users/{user_id}", {
      params: { path: { user_id: ANA.id } },
      body: { subscription_tier: "academy" },
    });
    expect(await screen.findByText("Ana is now on the Academy tier.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(tier).toHaveValue("academy");
  });

  it("asks before deactivating, saying what it does", async () => {
    open();
    await userEvent.click(await screen.findByRole("button", { name: "Deactivate Ana" }));
    const ask = dialog("Deactivate Ana?");
    expect(ask).toHaveAccessibleDescription(
      "They are signed out at once and cannot sign in until an admin reactivates the account. Nothing is deleted.",
    );
    await userEvent.click(within(ask).getByRole("button", { name: "Cancel" }));
    expect(api.PATCH).not.toHaveBeenCalled();
  });

  it("keeps the question open with the API's refusal", async () => {
    open({ ...ANA, role: "admin" });
    api.PATCH.mockResolvedValue(
      answer(409, { error: { code: "conflict", message: "Someone changed this account meanwhile.", details: [] } }),
    );
    await userEvent.selectOptions(await screen.findByLabelText("Role of Ana"), "parent");
    const ask = dialog("Make Ana a parent?");
    expect(ask).toHaveAccessibleDescription(/^Ana loses admin access at once\./);
    await userEvent.click(within(ask).getByRole("button", { name: "Make parent" }));
    expect(await within(ask).findByRole("alert")).toHaveTextContent("Someone changed this account meanwhile.");
  });

  it("filters by role", async () => {
    open();
    await screen.findByLabelText("Role of Ana");
    await userEvent.selectOptions(screen.getByLabelText("Role"), "advisor");
    expect(api.GET).toHaveBeenLastCalledWith("/api/admin/users", {
      params: { query: { page: 1, per_page: 20, role: "advisor" } },
    });
  });
});
