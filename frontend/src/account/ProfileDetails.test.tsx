import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { ChangePassword } from "./ChangePassword";
import { ProfileDetails } from "./ProfileDetails";

const api = vi.hoisted(() => ({ POST: vi.fn(), PATCH: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

beforeEach(() => {
  api.POST.mockReset();
  api.PATCH.mockReset();
});

describe("profile details", () => {
  it("sends only the names that changed, an emptied one as null", async () => {
    api.PATCH.mockResolvedValue(answer(200, { ...STUDENT, first_name: "Samira", display_name: null }));
    renderWithApp(<ProfileDetails />);
    expect(screen.getByLabelText("Username")).toHaveValue("sam");
    await userEvent.clear(screen.getByLabelText("First name"));
    await userEvent.type(screen.getByLabelText("First name"), "Samira");
    await userEvent.clear(screen.getByLabelText("Display name"));
    await userEvent.click(screen.getByRole("button", { name: "Save profile" }));
    expect(api.PATCH).toHaveBeenCalledWith("/api/users/me", { body: { first_name: "Samira", display_name: null } });
    expect(await screen.findByRole("status")).toHaveTextContent("Your profile is saved.");
  });

  it("puts a taken username next to the username", async () => {
    api.PATCH.mockResolvedValue(answer(409, { error: { code: "username_taken", message: "That username is taken." } }));
    renderWithApp(<ProfileDetails />);
    await userEvent.clear(screen.getByLabelText("Username"));
    await userEvent.type(screen.getByLabelText("Username"), "ada");
    await userEvent.click(screen.getByRole("button", { name: "Save profile" }));
    expect(await screen.findByLabelText("Username")).toHaveAccessibleDescription(/That username is taken\./);
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });
});

describe("changing the password", () => {
  const session = { access_token: "a", refresh_token: "r", expires_at: 1, user: STUDENT };

  it("takes on the new session and clears the form", async () => {
    api.POST.mockResolvedValue(answer(200, session));
    const startSession = vi.fn(() => STUDENT);
    renderWithApp(<ChangePassword />, STUDENT, { auth: { startSession } });
    await userEvent.type(screen.getByLabelText("Current password"), "old-password");
    await userEvent.type(screen.getByLabelText("New password"), "new-password-1");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(api.POST).toHaveBeenCalledWith("/api/auth/me/password", {
      body: { current_password: "old-password", new_password: "new-password-1" },
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Other devices were signed out.");
    expect(startSession).toHaveBeenCalledWith(session);
    expect(screen.getByLabelText("Current password")).toHaveValue("");
  });

  it("says a wrong current password next to it, and keeps the session", async () => {
    api.POST.mockResolvedValue(
      answer(403, { error: { code: "wrong_password", message: "That is not your current password." } }),
    );
    const startSession = vi.fn(() => STUDENT);
    renderWithApp(<ChangePassword />, STUDENT, { auth: { startSession } });
    await userEvent.type(screen.getByLabelText("Current password"), "nope");
    await userEvent.type(screen.getByLabelText("New password"), "new-password-1");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByLabelText("Current password")).toHaveAccessibleDescription(
      "That is not your current password.",
    );
    expect(startSession).not.toHaveBeenCalled();
  });
});
