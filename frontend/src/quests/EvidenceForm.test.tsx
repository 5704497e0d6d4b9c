import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/errors";
import { EvidenceForm, fileProblem, withScheme } from "./EvidenceForm";
import type { Evidence, EvidenceLimits } from "./hooks";

const MB = 1024 * 1024;
const LIMITS: EvidenceLimits = {
  image: { content_types: ["image/png", "image/jpeg", "image/webp", "image/gif"], max_bytes: 10 * MB },
  document: { content_types: ["application/pdf"], max_bytes: 25 * MB },
};

function setup(submit = vi.fn<(e: Evidence, p: (f: number) => void) => Promise<unknown>>().mockResolvedValue({})) {
  const user = userEvent.setup();
  render(<EvidenceForm taskTitle="Flip a coin" submit={submit} limits={LIMITS} />);
  return { user, submit };
}

const png = (bytes = 10) => new File([new Uint8Array(bytes)], "proof.png", { type: "image/png" });

describe("EvidenceForm", () => {
  it("is labelled for its task and starts with text evidence", () => {
    setup();
    expect(screen.getByRole("form", { name: "Evidence for Flip a coin" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Text" })).toBeChecked();
    expect(screen.getByLabelText("What did you do?")).toBeInTheDocument();
  });

  it("sends trimmed text evidence with its privacy choice", async () => {
    const { user, submit } = setup();
    await user.type(screen.getByLabelText("What did you do?"), "  52 heads out of 100  ");
    await user.click(screen.getByRole("checkbox", { name: /Keep this evidence private/ }));
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    expect(submit).toHaveBeenCalledWith(
      { type: "text", text: "52 heads out of 100", isPrivate: true },
      expect.any(Function),
    );
  });

  it("does not send empty text and says why next to the field", async () => {
    const { user, submit } = setup();
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    expect(submit).not.toHaveBeenCalled();
    expect(screen.getByLabelText("What did you do?")).toHaveAccessibleDescription("Write what you did.");
  });

  it("adds https:// to a link without a scheme, shows it, and sends it", async () => {
    const { user, submit } = setup();
    await user.click(screen.getByRole("radio", { name: "Link" }));
    const field = screen.getByLabelText("Link to your work");
    expect(field).toHaveAccessibleDescription("https:// is added when the link has none.");
    await user.type(field, "example.com/x");
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    expect(field).toHaveValue("https://example.com/x");
    expect(submit).toHaveBeenCalledWith(
      { type: "link", url: "https://example.com/x", isPrivate: false },
      expect.any(Function),
    );
  });

  it("keeps a link's own http:// and refuses a scheme that is not the web's", async () => {
    const { user, submit } = setup();
    await user.click(screen.getByRole("radio", { name: "Link" }));
    const field = screen.getByLabelText("Link to your work");
    await user.type(field, "ftp://example.com");
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    expect(submit).not.toHaveBeenCalled();
    expect(field).toHaveAttribute("aria-invalid", "true");
    await user.clear(field);
    await user.type(field, "http://example.com/my-work");
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    expect(submit).toHaveBeenCalledWith(
      { type: "link", url: "http://example.com/my-work", isPrivate: false },
      expect.any(Function),
    );
  });

  it("shows the API's limit on text evidence as a counter", async () => {
    const { user } = setup();
    const field = screen.getByLabelText("What did you do?");
    expect(field).toHaveAttribute("maxlength", "10000");
    expect(screen.getByText("0 / 10,000")).toBeVisible();
    await user.type(field, "52 heads");
    expect(screen.getByText("8 / 10,000")).toBeVisible();
  });

  it("sends a chosen image and shows the upload's progress while it runs", async () => {
    let finish: () => void = () => undefined;
    const submit = vi.fn((_: Evidence, onProgress: (f: number) => void) => {
      onProgress(0.4);
      return new Promise<void>((resolve) => (finish = resolve));
    });
    const { user } = setup(submit);
    await user.click(screen.getByRole("radio", { name: "Image or PDF" }));
    const file = png();
    await user.upload(screen.getByLabelText("File"), file);
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    expect(submit.mock.calls[0]?.[0]).toEqual({ type: "file", file, isPrivate: false });
    expect(await screen.findByText("Uploading… 40%")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Complete task" })).toBeDisabled();
    finish();
    await waitFor(() => expect(screen.queryByText(/Uploading/)).not.toBeInTheDocument());
  });

  it("shows the API's field error next to the field it names, in plain words", async () => {
    const error = new ApiError(422, {
      error: {
        code: "validation_error",
        message: "Invalid",
        details: [
          {
            field: "link.url",
            location: "body",
            type: "url_parsing",
            message: "Input should be a valid URL, invalid port number",
            ctx: { error: "invalid port number" },
          },
        ],
      },
    });
    const { user } = setup(vi.fn().mockRejectedValue(error));
    await user.click(screen.getByRole("radio", { name: "Link" }));
    await user.type(screen.getByLabelText("Link to your work"), "https://example.com:99999");
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    const words = "Enter a full web address, e.g. https://example.com.";
    expect(await screen.findByText(words)).toBeInTheDocument();
    expect(screen.getByLabelText("Link to your work")).toHaveAccessibleDescription(words);
    expect(screen.queryByText(/Input should be/)).not.toBeInTheDocument();
  });

  it("words a text evidence's length error by the API's limit", async () => {
    const error = new ApiError(422, {
      error: {
        code: "validation_error",
        message: "Invalid",
        details: [
          {
            field: "text.text",
            location: "body",
            type: "string_too_long",
            message: "String should have at most 10000 characters",
            ctx: { max_length: 10000 },
          },
        ],
      },
    });
    const { user } = setup(vi.fn().mockRejectedValue(error));
    await user.type(screen.getByLabelText("What did you do?"), "A lot");
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    expect(await screen.findByText("Use at most 10,000 characters.")).toBeInTheDocument();
    expect(screen.queryByText(/String should/)).not.toBeInTheDocument();
  });

  it("puts a rejected file's message on the file field and other errors above the form", async () => {
    const tooBig = new ApiError(413, {
      error: { code: "payload_too_large", message: "Image evidence is limited to 10 MB.", details: [] },
    });
    const submit = vi
      .fn()
      .mockRejectedValueOnce(tooBig)
      .mockRejectedValueOnce(
        new ApiError(409, {
          error: { code: "not_enrolled", message: "Enroll in this task's quest before completing it.", details: [] },
        }),
      );
    const { user } = setup(submit);
    await user.click(screen.getByRole("radio", { name: "Image or PDF" }));
    await user.upload(screen.getByLabelText("File"), png());
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    expect(await screen.findByLabelText("File")).toHaveAccessibleDescription("Image evidence is limited to 10 MB.");
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Enroll in this task's quest before completing it.");
  });
});

describe("fileProblem", () => {
  it("accepts images and PDFs within their limits", () => {
    expect(fileProblem(png(), LIMITS)).toBeNull();
    expect(fileProblem(new File(["%PDF"], "a.pdf", { type: "application/pdf" }), LIMITS)).toBeNull();
  });

  it("refuses other types", () => {
    expect(fileProblem(new File(["x"], "a.txt", { type: "text/plain" }), LIMITS)).toMatch(/image .* or a PDF/);
  });

  it("refuses a file over its kind's limit, naming the limit the API gave", () => {
    const big = new File([], "big.png", { type: "image/png" });
    Object.defineProperty(big, "size", { value: 11 * MB });
    expect(fileProblem(big, LIMITS)).toBe("Images are limited to 10 MB.");
    expect(fileProblem(big, { ...LIMITS, image: { ...LIMITS.image, max_bytes: 12 * MB } })).toBeNull();
  });

  it("leaves the check to the API while the limits are not known", () => {
    expect(fileProblem(new File(["x"], "a.txt", { type: "text/plain" }), undefined)).toBeNull();
  });
});

describe("EvidenceForm's file field", () => {
  it("accepts and describes what the API's limits allow", async () => {
    const { user } = setup();
    await user.click(screen.getByRole("radio", { name: "Image or PDF" }));
    const field = screen.getByLabelText("File");
    expect(field).toHaveAttribute("accept", "image/png,image/jpeg,image/webp,image/gif,application/pdf");
    expect(field).toHaveAccessibleDescription("Images up to 10 MB, PDFs up to 25 MB. Or drop a file here.");
  });
});

describe("EvidenceForm's image preview and drop zone", () => {
  it("previews a chosen image before it is sent, and drops the preview for another kind", async () => {
    const made = vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:preview-1");
    const revoked = vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
    const { user } = setup();
    await user.click(screen.getByRole("radio", { name: "Image or PDF" }));
    await user.upload(screen.getByLabelText("File"), png());
    expect(screen.getByRole("img", { name: "Preview of proof.png" })).toHaveAttribute("src", "blob:preview-1");
    await user.click(screen.getByRole("radio", { name: "Text" }));
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    expect(revoked).toHaveBeenCalledWith("blob:preview-1");
    made.mockRestore();
    revoked.mockRestore();
  });

  it("takes a file dropped on the field, keeping the file input there for the keyboard", async () => {
    const { user, submit } = setup();
    await user.click(screen.getByRole("radio", { name: "Image or PDF" }));
    const dropped = png();
    fireEvent.drop(screen.getByTestId("file-drop"), { dataTransfer: { files: [dropped] } });
    expect(screen.getByText("Chosen: proof.png")).toBeInTheDocument();
    expect(screen.getByLabelText("File")).toHaveAttribute("type", "file");
    await user.click(screen.getByRole("button", { name: "Complete task" }));
    expect(submit).toHaveBeenCalledWith({ type: "file", file: dropped, isPrivate: false }, expect.any(Function));
  });

  it("says at once why a dropped file is refused", () => {
    setup();
    fireEvent.click(screen.getByRole("radio", { name: "Image or PDF" }));
    fireEvent.drop(screen.getByTestId("file-drop"), {
      dataTransfer: { files: [new File(["x"], "notes.txt", { type: "text/plain" })] },
    });
    expect(screen.getByLabelText("File")).toHaveAccessibleDescription(
      "Choose an image (PNG, JPEG, WebP, GIF) or a PDF.",
    );
  });
});

describe("EvidenceForm editing evidence", () => {
  it("starts with the evidence given and sends the change with its own words", async () => {
    const user = userEvent.setup();
    const submit = vi.fn().mockResolvedValue({});
    const cancel = vi.fn();
    render(
      <EvidenceForm
        taskTitle="Flip a coin"
        submit={submit}
        limits={LIMITS}
        initial={{ type: "link", url: "https://example.com/old", is_private: true }}
        submitLabel="Save evidence"
        onCancel={cancel}
      />,
    );
    expect(screen.getByRole("radio", { name: "Link" })).toBeChecked();
    const field = screen.getByLabelText("Link to your work");
    expect(field).toHaveValue("https://example.com/old");
    expect(screen.getByRole("checkbox", { name: /Keep this evidence private/ })).toBeChecked();
    await user.clear(field);
    await user.type(field, "https://example.com/new");
    await user.click(screen.getByRole("button", { name: "Save evidence" }));
    expect(submit).toHaveBeenCalledWith(
      { type: "link", url: "https://example.com/new", isPrivate: true },
      expect.any(Function),
    );
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(cancel).toHaveBeenCalled();
  });

  it("asks for a new file to replace file evidence", async () => {
    const user = userEvent.setup();
    const submit = vi.fn().mockResolvedValue({});
    render(
      <EvidenceForm
        taskTitle="Flip a coin"
        submit={submit}
        initial={{ type: "image", file_url: "/x.png", is_private: false }}
        submitLabel="Save evidence"
      />,
    );
    expect(screen.getByRole("radio", { name: "Image or PDF" })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Save evidence" }));
    expect(submit).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Replace with a file")).toHaveAccessibleDescription(
      "Choose a file to replace it with.",
    );
  });
});

describe("withScheme", () => {
  it.each([
    ["example.com/x", "https://example.com/x"],
    ["  example.com  ", "https://example.com"],
    ["example.com:8080/x", "https://example.com:8080/x"],
    ["//example.com/x", "https://example.com/x"],
    ["https://example.com", "https://example.com"],
    ["http://example.com", "http://example.com"],
    ["HTTPS://example.com", "HTTPS://example.com"],
    ["ftp://example.com", "ftp://example.com"],
    ["", ""],
  ])("makes %j %j", (link, sent) => {
    expect(withScheme(link)).toBe(sent);
  });
});
