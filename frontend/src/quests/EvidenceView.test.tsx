import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { EvidenceView } from "./EvidenceView";

vi.mock("../api/client", () => ({ apiAsset: (url: string) => url }));

const LONG = "I measured the shadow every hour. ".repeat(20);

describe("EvidenceView's text", () => {
  it("collapses long text to a few lines with a toggle that says whether it is expanded", async () => {
    const user = userEvent.setup();
    render(<EvidenceView evidence={{ type: "text", text: LONG, is_private: false }} />);
    const more = screen.getByRole("button", { name: "Show more" });
    expect(more).toHaveAttribute("aria-expanded", "false");
    const text = screen.getByText(LONG.trim(), { normalizer: (s) => s.trim() });
    expect(more).toHaveAttribute("aria-controls", text.id);
    expect(text).toHaveAttribute("data-collapsed", "true");
    await user.click(more);
    const less = screen.getByRole("button", { name: "Show less" });
    expect(less).toHaveAttribute("aria-expanded", "true");
    expect(text).not.toHaveAttribute("data-collapsed");
    await user.click(less);
    expect(screen.getByRole("button", { name: "Show more" })).toHaveAttribute("aria-expanded", "false");
  });

  it("shows short text whole, without a toggle", () => {
    render(<EvidenceView evidence={{ type: "text", text: "52 heads out of 100", is_private: false }} />);
    expect(screen.getByText("52 heads out of 100")).not.toHaveAttribute("data-collapsed");
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("collapses text of many short lines", () => {
    render(<EvidenceView evidence={{ type: "text", text: "a\nb\nc\nd\ne\nf\ng", is_private: false }} />);
    expect(screen.getByRole("button", { name: "Show more" })).toBeInTheDocument();
  });
});

describe("EvidenceView's image", () => {
  const image = { type: "image" as const, file_url: "/files/proof.png", is_private: false };

  it("shows the image with its caption as alt text and visible text", () => {
    render(<EvidenceView evidence={image} caption="Evidence for Flip a coin" />);
    expect(screen.getByRole("img", { name: "Evidence for Flip a coin" })).toHaveAttribute("src", "/files/proof.png");
    expect(screen.getByRole("figure")).toHaveTextContent("Evidence for Flip a coin");
  });

  it("opens the full image in a modal dialog that Escape closes, returning focus", async () => {
    const user = userEvent.setup();
    render(<EvidenceView evidence={image} caption="Evidence for Flip a coin" />);
    const enlarge = screen.getByRole("button", { name: "Enlarge the image: Evidence for Flip a coin" });
    await user.click(enlarge);
    const dialog = screen.getByRole("dialog", { name: "Evidence for Flip a coin" });
    expect(dialog).toHaveAttribute("open");
    expect(dialog.querySelector("img")).toHaveAttribute("src", "/files/proof.png");
    dialog.dispatchEvent(new Event("cancel", { cancelable: true })); // what Escape fires
    await vi.waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(enlarge).toHaveFocus();
  });

  it("closes the lightbox with its Close button", async () => {
    const user = userEvent.setup();
    render(<EvidenceView evidence={image} caption="Evidence for Flip a coin" />);
    const enlarge = screen.getByRole("button", { name: /Enlarge the image/ });
    await user.click(enlarge);
    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(enlarge).toHaveFocus();
  });
});
