import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Avatar } from "./Avatar";

describe("Avatar", () => {
  it("shows the initials without a picture", () => {
    const { container } = render(<Avatar name="Ana María López" />);
    expect(container.querySelector("img")).toBeNull();
    expect(container).toHaveTextContent("AL");
  });

  it("shows the picture, as decoration, when there is one", () => {
    const { container } = render(<Avatar name="Sam Student" src="https://storage.test/a.png?token=t" />);
    const img = container.querySelector("img");
    expect(img).toHaveAttribute("src", "https://storage.test/a.png?token=t");
    expect(img).toHaveAttribute("alt", "");
    expect(screen.queryByText("SS")).not.toBeInTheDocument();
  });

  it("falls back to the initials when the picture does not load", () => {
    const { container } = render(<Avatar name="Sam Student" src="https://storage.test/lapsed.png" />);
    fireEvent.error(container.querySelector("img")!);
    expect(container.querySelector("img")).toBeNull();
    expect(container).toHaveTextContent("SS");
  });
});
