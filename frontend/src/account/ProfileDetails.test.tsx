import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { ChangePassword } from "./ChangePassword";
import { ProfileDetails } from "./ProfileDetails";

const api = vi.hoisted(() => ({ POST: vi.fn(), PATCH: vi.fn(), PUT: vi.fn(), DELETE: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

beforeEach(() => {
  api.POST.mockReset();
  api.PATCH.mockReset();
  api.PUT.mockReset();
  api.DELETE.mockReset();
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

describe("profile photo", () => {
  const WITH_PHOTO = { ...STUDENT, avatar_url: "https://storage.test/avatars/me.png?token=t" };
  const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "me.png", { type: "image/png" });

  it("shows my picture when I have one", () => {
    const { container } = renderWithApp(<ProfileDetails />, WITH_PHOTO);
    expect(container.querySelector("img")).toHaveAttribute("src", WITH_PHOTO.avatar_url);
  });

  it("shows a preview, then sends the file as multipart when saved", async () => {
    api.PUT.mockResolvedValue(answer(200, WITH_PHOTO));
    const { container } = renderWithApp(<ProfileDetails />);
    expect(container.querySelector("img")).toBeNull();
    const file = png();
    await userEvent.upload(screen.getByLabelText("Upload a photo"), file);
    expect(await screen.findByText(/This is how your photo will look/)).toBeInTheDocument();
    expect(container.querySelector("img")?.getAttribute("src")).toMatch(/^data:image\/png/);
    expect(api.PUT).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "Save photo" }));

    expect(api.PUT).toHaveBeenCalledOnce();
    const [path, options] = api.PUT.mock.calls[0]!;
    expect(path).toBe("/api/users/me/avatar");
    const form = options.bodySerializer() as FormData;
    expect(form.get("file")).toBe(file);
    expect(await screen.findByText("Upload a photo")).toBeInTheDocument(); // saved: no preview pending
  });

  it("says in plain words why a file cannot be my photo, and sends nothing", async () => {
    const user = userEvent.setup({ applyAccept: false });
    renderWithApp(<ProfileDetails />);
    await user.upload(
      screen.getByLabelText("Upload a photo"),
      new File(["%PDF-"], "cv.pdf", { type: "application/pdf" }),
    );
    expect(await screen.findByRole("alert")).toHaveTextContent("pick a PNG, JPEG or WebP image");
    const big = new File([new Uint8Array(2 * 1024 * 1024 + 1)], "big.png", { type: "image/png" });
    await user.upload(screen.getByLabelText("Upload a photo"), big);
    expect(await screen.findByRole("alert")).toHaveTextContent("larger than 2 MB");
    expect(api.PUT).not.toHaveBeenCalled();
  });

  it("shows the API's refusal", async () => {
    api.PUT.mockResolvedValue(
      answer(415, { error: { code: "unsupported_media_type", message: "That file is not a picture we accept." } }),
    );
    renderWithApp(<ProfileDetails />);
    await userEvent.upload(screen.getByLabelText("Upload a photo"), png());
    await userEvent.click(await screen.findByRole("button", { name: "Save photo" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("That file is not a picture we accept.");
  });

  it("asks before removing my photo", async () => {
    api.DELETE.mockResolvedValue(answer(204, undefined));
    renderWithApp(<ProfileDetails />, WITH_PHOTO);

    await userEvent.click(screen.getByRole("button", { name: "Remove photo" }));

    const dialog = screen.getByRole("dialog", { name: "Remove your photo?" });
    expect(api.DELETE).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove photo" }));
    expect(api.DELETE).toHaveBeenCalledWith("/api/users/me/avatar");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("keeps my photo when I cancel", async () => {
    renderWithApp(<ProfileDetails />, WITH_PHOTO);
    await userEvent.click(screen.getByRole("button", { name: "Remove photo" }));
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.DELETE).not.toHaveBeenCalled();
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
