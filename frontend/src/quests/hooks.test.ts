import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer } from "../test-utils";
import { addEvidenceItem, reviseEvidence } from "./hooks";

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "", apiAsset: (url: string) => url }));

const PATH = "/api/quests/{quest_id}/tasks/{task_id}/completion";
const params = { path: { quest_id: "q1", task_id: "t1" } };

beforeEach(() => api.PATCH.mockReset().mockResolvedValue(answer(200, { id: "c1" })));

describe("reviseEvidence", () => {
  it("sends a link as JSON", async () => {
    await reviseEvidence("q1", "t1", { type: "link", url: "https://example.com", isPrivate: true });
    expect(api.PATCH).toHaveBeenCalledWith(PATH, {
      params,
      body: { type: "link", url: "https://example.com", is_private: true },
    });
  });

  it("sends a file as a multipart form with its privacy", async () => {
    const file = new File(["png"], "proof.png", { type: "image/png" });
    await reviseEvidence("q1", "t1", { type: "file", file, isPrivate: true });
    const [path, init] = api.PATCH.mock.calls[0] as [
      string,
      { params: unknown; body: unknown; bodySerializer: (body: unknown) => unknown },
    ];
    expect(path).toBe(PATH);
    expect(init.params).toEqual(params);
    const form = init.bodySerializer(init.body) as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(form.get("file")).toBe(file);
    expect(form.get("is_private")).toBe("true");
  });

  it("throws the API's error", async () => {
    api.PATCH.mockResolvedValue(
      answer(415, { error: { code: "unsupported_media_type", message: "No.", details: [] } }),
    );
    await expect(reviseEvidence("q1", "t1", { type: "text", text: "x", isPrivate: false })).rejects.toMatchObject({
      status: 415,
    });
  });
});

describe("addEvidenceItem", () => {
  it("sends a file as a multipart form, without a privacy of its own", async () => {
    api.POST.mockReset().mockResolvedValue(answer(201, { id: "e1" }));
    const file = new File(["png"], "photo.png", { type: "image/png" });
    await addEvidenceItem("q1", "t1", { type: "file", file, isPrivate: true });
    const [path, init] = api.POST.mock.calls[0] as [
      string,
      { params: unknown; body: unknown; bodySerializer: (body: unknown) => unknown },
    ];
    expect(path).toBe("/api/quests/{quest_id}/tasks/{task_id}/completion/items");
    expect(init.params).toEqual(params);
    const form = init.bodySerializer(init.body) as FormData;
    expect(form.get("file")).toBe(file);
    expect(form.has("is_private")).toBe(false);
  });
});
