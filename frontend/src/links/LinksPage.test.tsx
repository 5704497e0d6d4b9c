import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../api/client";
import { STUDENT, answer, renderWithApp } from "../test-utils";
import { LinksPage } from "./LinksPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const ADVISOR = { ...STUDENT, id: "00000000-0000-0000-0000-0000000000a1", role: "advisor" as const };

const link: Schemas["LinkPublic"] = {
  id: "11111111-1111-1111-1111-111111111111",
  relation: "advisor",
  scope: "evidence",
  my_side: "student",
  student: { id: STUDENT.id, display_name: "Sam Student" },
  supporter: { id: ADVISOR.id, display_name: "Ada Advisor" },
  created_at: "2026-12-01T10:00:00Z",
  updated_at: "2026-12-01T10:00:00Z",
};

const invitation: Schemas["InvitationPublic"] = {
  id: "22222222-2222-2222-2222-222222222222",
  kind: "invite",
  direction: "incoming",
  status: "pending",
  relation: "parent",
  scope: null,
  other: { id: "00000000-0000-0000-0000-0000000000b1", display_name: "Pat Parent" },
  invitee_email: null,
  expires_at: "2999-01-01T00:00:00Z",
  created_at: "2026-12-01T10:00:00Z",
  responded_at: null,
  link_id: null,
};

const page = <T,>(data: T[]) => ({ data, count: data.length, page: 1, per_page: 100 });

function serve(links: Schemas["LinkPublic"][], invitations: Schemas["InvitationPublic"][]) {
  api.GET.mockImplementation(async (path: string) =>
    answer(200, path === "/api/links" ? page(links) : page(invitations)),
  );
}

beforeEach(() => {
  for (const call of Object.values(api)) call.mockReset();
});

describe("LinksPage for a student", () => {
  it("explains each scope in plain words and saves a new choice at once", async () => {
    serve([link], []);
    api.PATCH.mockResolvedValue(answer(200, { ...link, scope: "progress" }));
    renderWithApp(<LinksPage />);
    const card = await screen.findByTestId("link");
    expect(within(card).getByRole("radio", { name: /^Evidence: also your evidence/ })).toBeChecked();
    await userEvent.click(
      within(card).getByRole("radio", { name: "Progress: quests, tasks done, XP and your diploma preview" }),
    );
    expect(api.PATCH).toHaveBeenCalledWith("/api/links/{link_id}", {
      params: { path: { link_id: link.id } },
      body: { scope: "progress" },
    });
    expect(await within(card).findByRole("status")).toHaveTextContent("Saved: Ada Advisor now sees quests");
  });

  it("ends a link only after a confirmation", async () => {
    serve([link], []);
    api.DELETE.mockResolvedValue(answer(204, undefined));
    renderWithApp(<LinksPage />);
    await userEvent.click(await screen.findByRole("button", { name: "End link with Ada Advisor" }));
    expect(api.DELETE).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Keep the link" }));
    await userEvent.click(screen.getByRole("button", { name: "End link with Ada Advisor" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, end it" }));
    expect(api.DELETE).toHaveBeenCalledWith("/api/links/{link_id}", { params: { path: { link_id: link.id } } });
  });

  it("accepts an incoming invitation and says when there are no links", async () => {
    serve([], [invitation]);
    api.POST.mockResolvedValue(answer(200, { ...invitation, status: "accepted" }));
    renderWithApp(<LinksPage />);
    expect(await screen.findByText("No links yet")).toBeInTheDocument();
    const incoming = await screen.findByRole("list", { name: "Invitations for you" });
    expect(incoming).toHaveTextContent("Wants to follow your work as your parent");
    await userEvent.click(within(incoming).getByRole("button", { name: "Accept: Pat Parent" }));
    expect(api.POST).toHaveBeenCalledWith("/api/links/invitations/{invitation_id}/accept", {
      params: { path: { invitation_id: invitation.id } },
    });
  });

  it("makes a one-time code and shows it once", async () => {
    serve([], []);
    api.POST.mockResolvedValue(
      answer(201, { code: "AB12-CD34-EF56", expires_at: "2026-12-06T10:00:00Z", invitation_id: invitation.id }),
    );
    renderWithApp(<LinksPage />);
    await userEvent.selectOptions(await screen.findByLabelText("What they will see"), "private_evidence");
    await userEvent.click(screen.getByRole("button", { name: "Make a code" }));
    expect(api.POST).toHaveBeenCalledWith("/api/links/codes", { body: { scope: "private_evidence" } });
    expect(await screen.findByTestId("link-code-value")).toHaveTextContent("AB12-CD34-EF56");
  });
});

describe("LinksPage for an advisor", () => {
  it("shows the API's refusal of an invitation next to the field", async () => {
    serve([], []);
    api.POST.mockResolvedValue(
      answer(404, { error: { code: "recipient_not_found", message: "No student has that username.", details: [] } }),
    );
    renderWithApp(<LinksPage />, ADVISOR);
    await userEvent.type(await screen.findByLabelText("Student's username or e-mail"), "nobody");
    await userEvent.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(api.POST).toHaveBeenCalledWith("/api/links/invitations", { body: { recipient: "nobody", scope: null } });
    await waitFor(() =>
      expect(screen.getByLabelText("Student's username or e-mail")).toHaveAccessibleDescription(
        "No student has that username.",
      ),
    );
    expect(screen.getByText("Invite a student or enter the code they gave you, above.")).toBeInTheDocument();
  });

  it("redeems a student's code", async () => {
    serve([], []);
    api.POST.mockResolvedValue(answer(201, { ...link, my_side: "supporter" }));
    renderWithApp(<LinksPage />, ADVISOR);
    await userEvent.type(await screen.findByRole("textbox", { name: "Code" }), "ab12-cd34-ef56");
    await userEvent.click(screen.getByRole("button", { name: "Link" }));
    expect(api.POST).toHaveBeenCalledWith("/api/links/codes/redeem", { body: { code: "ab12-cd34-ef56" } });
    expect(await screen.findByText("You are now linked with Sam Student.")).toBeInTheDocument();
  });
});
