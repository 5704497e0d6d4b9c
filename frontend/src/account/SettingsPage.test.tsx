import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { Route, Routes } from "react-router-dom";
import type { Schemas } from "../api/client";
import type { User } from "../auth/context";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { AccountDeletedPage } from "./AccountDeletedPage";
import { exportsRefetchInterval, EXPORT_POLL_MS } from "./hooks";
import { SettingsPage } from "./SettingsPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

const allOn: Schemas["MailPreferencesPublic"] = { links: true, feedback: true, digest: true };

function anExport(overrides: Partial<Schemas["ExportPublic"]> = {}): Schemas["ExportPublic"] {
  return {
    id: "00000000-0000-0000-0000-0000000000e1",
    status: "pending",
    size: null,
    created_at: "2026-12-03T10:00:00Z",
    finished_at: null,
    expires_at: null,
    download_url: null,
    download_url_expires_at: null,
    ...overrides,
  };
}

const ready = anExport({
  status: "ready",
  size: 24_576,
  finished_at: "2026-12-03T10:00:05Z",
  expires_at: "2026-12-10T10:00:05Z",
  download_url: "/api/storage/exports/e1.zip?expires=1&signature=s",
  download_url_expires_at: "2026-12-03T11:00:05Z",
});

function serve({ exports = [] as Schemas["ExportPublic"][][], preferences = allOn } = {}) {
  let asked = 0;
  api.GET.mockImplementation(async (path: string) => {
    if (path === "/api/users/me/notification-preferences") return answer(200, preferences);
    if (path === "/api/users/me/exports") {
      const list = exports[Math.min(asked++, exports.length - 1)] ?? [];
      return answer(200, { data: list });
    }
    throw new Error(`unexpected GET ${path}`);
  });
}

function renderSettings(user: User = STUDENT) {
  return renderWithApp(
    <Routes>
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="/account-deleted" element={<AccountDeletedPage />} />
    </Routes>,
    user,
    { at: "/settings" },
  );
}

beforeEach(() => {
  api.GET.mockReset();
  api.POST.mockReset();
  api.PATCH.mockReset();
  localStorage.clear();
});

describe("progress settings", () => {
  const profiled = { ...STUDENT, time_zone: "Europe/London", weekly_xp_goal: 150, leaderboard_opt_in: false } as User;

  it("starts from my settings and sends only what changed", async () => {
    serve();
    api.PATCH.mockResolvedValue(answer(200, { ...profiled, weekly_xp_goal: 200, leaderboard_opt_in: true }));
    renderSettings(profiled);
    const goal = screen.getByLabelText("Weekly XP goal");
    expect(goal).toHaveValue(150);
    expect(screen.getByLabelText("Time zone")).toHaveValue("Europe/London");
    const optIn = screen.getByRole("checkbox", { name: "Show me on my team's leaderboard" });
    expect(optIn).not.toBeChecked();
    expect(optIn).toHaveAccessibleDescription(/Only teammates who also opt in see it; off by default\./);
    const save = screen.getByRole("button", { name: "Save progress settings" });
    expect(save).toBeDisabled();

    await userEvent.clear(goal);
    await userEvent.type(goal, "200");
    await userEvent.click(optIn);
    await userEvent.click(save);
    expect(api.PATCH).toHaveBeenCalledWith("/api/users/me", {
      body: { weekly_xp_goal: 200, leaderboard_opt_in: true },
    });
    expect(await screen.findByText("Your progress settings are saved.")).toHaveAttribute("role", "status");
  });

  it("removes the goal when the field is cleared", async () => {
    serve();
    api.PATCH.mockResolvedValue(answer(200, { ...profiled, weekly_xp_goal: null }));
    renderSettings(profiled);
    await userEvent.clear(screen.getByLabelText("Weekly XP goal"));
    await userEvent.click(screen.getByRole("button", { name: "Save progress settings" }));
    expect(api.PATCH).toHaveBeenCalledWith("/api/users/me", { body: { weekly_xp_goal: null } });
  });

  it("says what fits instead of sending a goal the API would refuse", async () => {
    serve();
    renderSettings(profiled);
    const goal = screen.getByLabelText("Weekly XP goal");
    await userEvent.clear(goal);
    await userEvent.type(goal, "5");
    await userEvent.click(screen.getByRole("button", { name: "Save progress settings" }));
    expect(api.PATCH).not.toHaveBeenCalled();
    expect(goal).toHaveAccessibleDescription(/Enter a whole number from 10 to 100,000/);
  });

  it("offers this device's time zone first and shows the API's refusal of a zone next to the field", async () => {
    serve();
    api.PATCH.mockResolvedValue(
      answer(400, {
        error: {
          code: "validation_error",
          message: "The request is not valid.",
          details: [{ field: "body.time_zone", message: "Unknown time zone." }],
        },
      }),
    );
    renderSettings(profiled);
    const zone = screen.getByLabelText("Time zone");
    const device = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(within(zone).getAllByRole("option")[0]).toHaveTextContent(`${device} (this device)`);
    await userEvent.selectOptions(zone, "Asia/Tokyo");
    await userEvent.click(screen.getByRole("button", { name: "Save progress settings" }));
    expect(api.PATCH).toHaveBeenCalledWith("/api/users/me", { body: { time_zone: "Asia/Tokyo" } });
    expect(await screen.findByText("Unknown time zone.")).toBeInTheDocument();
    expect(zone).toHaveAttribute("aria-invalid", "true");
  });
});

describe("e-mail preferences", () => {
  it("sends only the category that changed and says it is saved", async () => {
    serve();
    api.PATCH.mockResolvedValue(answer(200, { ...allOn, digest: false }));
    renderSettings();
    const digest = await screen.findByRole("checkbox", { name: "Weekly digest" });
    expect(digest).toBeChecked();
    expect(digest).toHaveAccessibleDescription(/what your linked children did/);
    const save = screen.getByRole("button", { name: "Save e-mail choices" });
    expect(save).toBeDisabled();
    await userEvent.click(digest);
    await userEvent.click(save);
    expect(api.PATCH).toHaveBeenCalledWith("/api/users/me/notification-preferences", { body: { digest: false } });
    expect(await screen.findByRole("status")).toHaveTextContent("Saved.");
    expect(screen.getByRole("checkbox", { name: "Weekly digest" })).not.toBeChecked();
    expect(screen.getByRole("button", { name: "Save e-mail choices" })).toBeDisabled();
  });

  it("shows the API's error when saving fails", async () => {
    serve();
    api.PATCH.mockResolvedValue(answer(404, { error: { code: "not_found", message: "Your profile was not found." } }));
    renderSettings();
    await userEvent.click(await screen.findByRole("checkbox", { name: "Feedback on work" }));
    await userEvent.click(screen.getByRole("button", { name: "Save e-mail choices" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Your profile was not found.");
  });
});

describe("data export", () => {
  it("requests an export, shows it pending, then ready with its download link", async () => {
    serve({ exports: [[], [anExport()], [ready]] });
    api.POST.mockResolvedValue(answer(202, anExport()));
    renderSettings();
    expect(await screen.findByText("You have not asked for an export yet.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Request an export" }));
    expect(api.POST).toHaveBeenCalledWith("/api/users/me/export");
    const list = await screen.findByRole("list", { name: "Your exports" });
    expect(within(list).getByText("Being prepared")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Preparing your export…" })).toBeDisabled();
    // The list is polled while the export is pending.
    const link = await screen.findByRole("link", { name: "Download (zip, 24 KB)" }, { timeout: EXPORT_POLL_MS + 2000 });
    expect(link).toHaveAttribute("href", ready.download_url);
    expect(within(list).getByText(/This download link works until/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Request an export" })).toBeEnabled();
  }, 10_000);

  it("says so when an export is already being prepared", async () => {
    serve();
    api.POST.mockResolvedValue(
      answer(409, { error: { code: "export_pending", message: "An export of your data is already being prepared." } }),
    );
    renderSettings();
    await userEvent.click(await screen.findByRole("button", { name: "Request an export" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("already being prepared");
  });

  it("polls while pending, renews the link when it lapses, and otherwise waits", () => {
    const now = Date.parse("2026-12-03T11:00:00Z");
    expect(exportsRefetchInterval([anExport(), ready], now)).toBe(EXPORT_POLL_MS);
    expect(exportsRefetchInterval([ready], now)).toBe(5_000);
    expect(exportsRefetchInterval([anExport({ status: "failed" })], now)).toBe(false);
    expect(exportsRefetchInterval([ready], Date.parse("2026-12-03T12:00:00Z"))).toBe(1_000);
  });
});

describe("account deletion", () => {
  it("asks for the password, shows a wrong one, then deletes and signs out", async () => {
    serve();
    localStorage.setItem("optio.session", JSON.stringify({ expiresAt: 9e9, renewedAt: 0 }));
    api.POST.mockResolvedValueOnce(
      answer(403, { error: { code: "wrong_password", message: "That password is not right." } }),
    );
    api.POST.mockResolvedValueOnce(answer(204, undefined));
    renderSettings();
    await userEvent.click(await screen.findByRole("button", { name: "Delete my account…" }));
    const dialog = screen.getByRole("dialog", { name: "Delete your account for good?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete my account" }));
    expect(within(dialog).getByText("Enter your password.")).toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();

    await userEvent.type(within(dialog).getByLabelText("Your password"), "wrong");
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete my account" }));
    expect(api.POST).toHaveBeenCalledWith("/api/users/me/delete", { body: { password: "wrong" } });
    expect(await within(dialog).findByText("That password is not right.")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Your password")).toHaveAttribute("aria-invalid", "true");

    await userEvent.clear(within(dialog).getByLabelText("Your password"));
    await userEvent.type(within(dialog).getByLabelText("Your password"), "right");
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete my account" }));
    expect(await screen.findByRole("heading", { name: "Your account is deleted" })).toBeInTheDocument();
    await waitFor(() => expect(localStorage.getItem("optio.session")).toBeNull());
    // The session ended with the account: no log-out request that could only fail.
    expect(api.POST.mock.calls.map((call) => call[0])).toEqual(["/api/users/me/delete", "/api/users/me/delete"]);
  });

  it("cancelling closes the dialog and deletes nothing", async () => {
    serve();
    renderSettings();
    await userEvent.click(await screen.findByRole("button", { name: "Delete my account…" }));
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it("the page after a deletion, opened directly, sends the visitor home and forgets no session", async () => {
    localStorage.setItem("optio.session", JSON.stringify({ expiresAt: 9e9, renewedAt: 0 }));
    renderWithApp(
      <Routes>
        <Route path="/" element={<p>Home</p>} />
        <Route path="/account-deleted" element={<AccountDeletedPage />} />
      </Routes>,
      undefined,
      { at: "/account-deleted" },
    );
    expect(await screen.findByText("Home")).toBeInTheDocument();
    expect(localStorage.getItem("optio.session")).not.toBeNull();
  });
});
