import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, renderWithApp, STUDENT } from "../test-utils";
import type { Verification } from "./verifier/result";
import { VerifyCredentialPage, VerifyPastedPage } from "./VerifyPage";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));
const verifier = vi.hoisted(() => ({ verifyCredential: vi.fn() }));
vi.mock("./verifier/verify", () => verifier);

const ID = "0b5c6a1e-8d2f-4c3a-9e7b-1f2a3b4c5d6e";
const ADMIN = { ...STUDENT, role: "admin" as const };
const CREDENTIAL = {
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  id: `${window.location.origin}/api/credentials/${ID}`,
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  name: "Brilliant: Logic",
  issuer: { id: "did:web:optio.app", name: "Optio" },
  validFrom: "2026-03-01T10:00:00Z",
  credentialSubject: { achievement: { name: "Brilliant: Logic" } },
  proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022" },
};

function outcome(name: Verification["outcome"]): Verification {
  const status = name === "revoked" ? false : true;
  return {
    outcome: name,
    checks: [
      { name: "signature", ok: true, message: "Signed." },
      { name: "status", ok: status, message: status ? "Not revoked." : "Revoked by its issuer." },
      { name: "dates", ok: true, message: "Valid." },
    ],
  };
}

function openById(user = STUDENT as typeof STUDENT | null) {
  renderWithApp(
    <Routes>
      <Route path="/verify/:credentialId" element={<VerifyCredentialPage />} />
    </Routes>,
    user,
    { at: `/verify/${ID}` },
  );
}

beforeEach(() => {
  api.GET.mockReset();
  api.POST.mockReset();
  verifier.verifyCredential.mockReset();
});

describe("VerifyCredentialPage", () => {
  it("checks the credential in the browser and announces the outcome with each check", async () => {
    api.GET.mockResolvedValue(answer(200, CREDENTIAL));
    verifier.verifyCredential.mockResolvedValue(outcome("verified"));
    openById(null);
    const status = await screen.findByRole("heading", { name: "Verified" });
    expect(status.closest("[role=status]")).toHaveTextContent("Signature: Passed.");
    expect(verifier.verifyCredential).toHaveBeenCalledWith(CREDENTIAL);
    expect(screen.getByText("Recipient identity is hashed")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Revoke this credential" })).not.toBeInTheDocument();
  });

  it("says in plain words that there is no credential at an address", async () => {
    api.GET.mockResolvedValue(
      answer(404, { error: { code: "credential_not_found", message: "No credential is shown at this address." } }),
    );
    openById(null);
    expect(await screen.findByRole("heading", { name: "No credential is shown at this address" })).toBeInTheDocument();
    expect(verifier.verifyCredential).not.toHaveBeenCalled();
  });

  it("lets an admin revoke it with a reason, after confirming, and checks it again", async () => {
    api.GET.mockResolvedValue(answer(200, CREDENTIAL));
    verifier.verifyCredential.mockResolvedValueOnce(outcome("verified")).mockResolvedValueOnce(outcome("revoked"));
    api.POST.mockResolvedValue(answer(200, { id: ID, revoked_at: "2026-04-01T00:00:00Z", revoked_reason: "Mistake." }));
    openById(ADMIN);
    await screen.findByRole("heading", { name: "Verified" });
    await userEvent.click(screen.getByRole("button", { name: "Revoke this credential" }));
    const reason = screen.getByLabelText("Reason (the student sees it)");
    expect(reason).toHaveFocus();
    expect(reason).toHaveAccessibleDescription("Give a reason for revoking it.");
    await userEvent.type(reason, "Mistake.");
    await userEvent.click(screen.getByRole("button", { name: "Revoke this credential" }));
    expect(api.POST).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Yes, revoke it" })).toHaveFocus();
    await userEvent.click(screen.getByRole("button", { name: "Yes, revoke it" }));
    expect(api.POST).toHaveBeenCalledWith("/api/admin/credentials/{credential_id}/revoke", {
      params: { path: { credential_id: ID } },
      body: { reason: "Mistake." },
    });
    expect(await screen.findByRole("heading", { name: "Revoked" })).toBeInTheDocument();
    expect(verifier.verifyCredential).toHaveBeenCalledTimes(2);
  });
});

describe("VerifyPastedPage", () => {
  function paste(text: string) {
    return userEvent.click(screen.getByLabelText("Paste the credential's JSON")).then(async () => {
      await userEvent.paste(text);
      await userEvent.click(screen.getByRole("button", { name: "Check this credential" }));
    });
  }

  it("says next to the field when the text is not JSON, or not a credential", async () => {
    renderWithApp(<VerifyPastedPage />, null);
    const field = screen.getByLabelText("Paste the credential's JSON");
    await paste("{ not json");
    expect(field).toHaveAccessibleDescription(/This is not JSON/);
    expect(field).toHaveFocus();
    await userEvent.clear(field);
    await paste('{"name": "A cat"}');
    expect(field).toHaveAccessibleDescription(/not a verifiable credential/);
    expect(verifier.verifyCredential).not.toHaveBeenCalled();
  });

  it("checks a credential chosen as a file", async () => {
    verifier.verifyCredential.mockResolvedValue(outcome("verified"));
    renderWithApp(<VerifyPastedPage />, null);
    const file = new File([JSON.stringify(CREDENTIAL)], "credential.json", { type: "application/json" });
    // jsdom's File has no text(); browsers' do.
    Object.defineProperty(file, "text", { value: async () => JSON.stringify(CREDENTIAL) });
    await userEvent.upload(screen.getByLabelText("Or choose a .json file"), file);
    expect(await screen.findByRole("heading", { name: "Verified" })).toBeInTheDocument();
    await waitFor(() => expect(verifier.verifyCredential).toHaveBeenCalledWith(CREDENTIAL));
  });
});
