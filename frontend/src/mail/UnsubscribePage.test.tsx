import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp } from "../test-utils";
import { UnsubscribePage } from "./UnsubscribePage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const TOKEN = "abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE";
const INVALID = {
  error: { code: "invalid_unsubscribe_token", message: "This unsubscribe link is not valid (it may be incomplete)." },
};

beforeEach(() => {
  api.GET.mockReset();
  api.POST.mockReset();
});

describe("UnsubscribePage", () => {
  it("says what the link stops and to which address, then unsubscribes", async () => {
    api.GET.mockResolvedValue(answer(200, { category: "digest", subscribed: true, email_hint: "p***@example.com" }));
    api.POST.mockResolvedValue(answer(200, { category: "digest", subscribed: false, email_hint: "p***@example.com" }));
    renderWithApp(<UnsubscribePage />, null, { at: `/unsubscribe?token=${TOKEN}` });
    expect(await screen.findByRole("heading", { name: "Weekly digest" })).toBeInTheDocument();
    expect(screen.getByText("p***@example.com")).toBeInTheDocument();
    expect(screen.getByText(/It stops the weekly digest of your children's work/)).toBeInTheDocument();
    expect(api.GET).toHaveBeenCalledWith("/api/mail/unsubscribe", { params: { query: { token: TOKEN } } });
    expect(api.POST).not.toHaveBeenCalled(); // opening the link changes nothing

    await userEvent.click(screen.getByRole("button", { name: "Unsubscribe" }));
    expect(api.POST).toHaveBeenCalledWith("/api/mail/unsubscribe", { params: { query: { token: TOKEN } } });
    expect(await screen.findByRole("status")).toHaveTextContent("Done: you are unsubscribed.");
    expect(screen.getByRole("link", { name: "log in" })).toHaveAttribute("href", "/login?next=%2Fsettings");
    expect(screen.queryByRole("button", { name: "Unsubscribe" })).not.toBeInTheDocument();
  });

  it("says when the category is already off", async () => {
    api.GET.mockResolvedValue(answer(200, { category: "links", subscribed: false, email_hint: "s***@example.com" }));
    renderWithApp(<UnsubscribePage />, null, { at: `/unsubscribe?token=${TOKEN}` });
    expect(await screen.findByText(/You are already unsubscribed./)).toHaveAttribute("role", "status");
    expect(screen.queryByRole("button", { name: "Unsubscribe" })).not.toBeInTheDocument();
  });

  it("an unknown token is a link that does not work", async () => {
    api.GET.mockResolvedValue(answer(404, INVALID));
    renderWithApp(<UnsubscribePage />, null, { at: `/unsubscribe?token=${TOKEN}` });
    expect(await screen.findByRole("alert")).toHaveTextContent("This unsubscribe link does not work.");
  });

  it.each(["", "?token=short", "?token=has%20spaces%20and%20is%20long%20enough"])(
    "a missing or malformed token (%s) is not even asked about",
    async (search) => {
      renderWithApp(<UnsubscribePage />, null, { at: `/unsubscribe${search}` });
      expect(await screen.findByRole("alert")).toHaveTextContent("This unsubscribe link does not work.");
      expect(api.GET).not.toHaveBeenCalled();
    },
  );
});
