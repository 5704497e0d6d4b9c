import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Schemas } from "../api/client";
import { renderWithApp } from "../test-utils";
import { QuestCard } from "./QuestCard";
import { QuestImage } from "./QuestImage";

function aQuest(extra: Partial<Schemas["QuestSummary"]> = {}): Schemas["QuestSummary"] {
  return {
    id: "5eed0000-0000-4000-8000-000000000011",
    title: "Train for your first 5K",
    description: "Go from the couch to a 5K finish line.",
    source: "custom",
    image_url: "/quest-art/first-5k.svg",
    pillars: ["life_wellness", "stem_logic"],
    task_count: 6,
    total_xp: 750,
    ...extra,
  };
}

/** How jsdom writes a hex colour back in a style: "190, 18, 60" for #be123c. */
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ");

describe("QuestImage", () => {
  it("shows the image lazily, decorative, at a fixed 16:9 before it loads", () => {
    const { container } = render(<QuestImage src="/quest-art/logic.svg" pillars={["stem_logic"]} />);
    const img = container.querySelector("img");
    expect(img).toHaveAttribute("src", "/quest-art/logic.svg");
    expect(img).toHaveAttribute("alt", "");
    expect(img).toHaveAttribute("loading", "lazy");
    expect(img).toHaveAttribute("width", "640");
    expect(img).toHaveAttribute("height", "360");
    expect(img).toHaveClass("object-cover");
    expect(screen.getByTestId("quest-image")).toHaveClass("aspect-video");
    // Decorative: nothing for assistive technology to announce.
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("loads at once when it is above the fold", () => {
    const { container } = render(<QuestImage src="/quest-art/logic.svg" pillars={[]} priority />);
    expect(container.querySelector("img")).toHaveAttribute("loading", "eager");
  });

  it.each([null, undefined, ""])("shows the first pillar's colour and icon without an image (%s)", (src) => {
    const { container } = render(<QuestImage src={src} pillars={["arts_creativity", "stem_logic"]} />);
    expect(container.querySelector("img")).toBeNull();
    const fallback = screen.getByTestId("quest-image-fallback");
    expect(fallback).toHaveAttribute("data-pillar", "arts_creativity");
    expect(fallback.getAttribute("style")).toContain(rgb("#be123c"));
    expect(fallback.querySelector("svg")).toHaveAttribute("stroke", "#be123c");
    expect(screen.getByTestId("quest-image")).toHaveClass("aspect-video");
  });

  it("falls back to the pillar when the image fails to load, and tries a new address again", () => {
    const { container, rerender } = render(<QuestImage src="/quest-art/gone.svg" pillars={["society_culture"]} />);
    fireEvent.error(container.querySelector("img") as HTMLImageElement);
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByTestId("quest-image-fallback")).toHaveAttribute("data-pillar", "society_culture");
    rerender(<QuestImage src="/quest-art/comic.svg" pillars={["society_culture"]} />);
    expect(container.querySelector("img")).toHaveAttribute("src", "/quest-art/comic.svg");
  });

  it("draws a neutral panel for a quest without tasks", () => {
    render(<QuestImage src={null} pillars={[]} />);
    expect(screen.getByTestId("quest-image-fallback").getAttribute("style")).toContain(rgb("#475569"));
  });
});

describe("QuestCard", () => {
  it("opens with the quest's image above its title", () => {
    renderWithApp(<QuestCard quest={aQuest()} />);
    const card = screen.getByRole("article");
    const image = screen.getByTestId("quest-image");
    expect(card.firstElementChild).toBe(image);
    expect(image.querySelector("img")).toHaveAttribute("src", "/quest-art/first-5k.svg");
    expect(screen.getByRole("link", { name: "Train for your first 5K" })).toHaveAttribute(
      "href",
      "/quests/5eed0000-0000-4000-8000-000000000011",
    );
  });

  it("shows its first pillar when it has no image", () => {
    renderWithApp(<QuestCard quest={aQuest({ image_url: null })} />);
    expect(screen.getByTestId("quest-image-fallback")).toHaveAttribute("data-pillar", "life_wellness");
  });
});
