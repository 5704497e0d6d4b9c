import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Schemas } from "../api/client";
import { renderWithApp } from "../test-utils";
import { PillarDot, PillarRadar, PillarTick } from "./PillarRadar";
import { radarData, radarPlot } from "./radarData";

function xpOf(pillars: Partial<Record<string, number>>): Schemas["XpPublic"] {
  const entries = Object.entries(pillars).map(([pillar, xp]) => ({ pillar, name: pillar, xp: xp ?? 0 }));
  return {
    total: entries.reduce((sum, e) => sum + e.xp, 0),
    pillars: entries,
  } as Schemas["XpPublic"];
}

describe("PillarRadar", () => {
  it("lists the five pillars with their icons and XP beside the chart", () => {
    renderWithApp(<PillarRadar xp={xpOf({ arts_creativity: 300, life_wellness: 100 })} />);
    const arts = screen.getByTestId("pillar-xp-arts_creativity");
    expect(within(arts).getByText("Arts & Creativity").querySelector("svg")).toHaveAttribute("stroke", "#be123c");
    expect(arts.querySelector("dd")).toHaveTextContent(/^300$/);
    expect(screen.getByTestId("pillar-xp-stem_logic").querySelector("dd")).toHaveTextContent(/^0$/);
    expect(screen.getByTestId("xp-total")).toHaveTextContent("400");
    expect(screen.getByRole("img", { name: /Arts & Creativity: 300 XP/ })).toBeVisible();
    expect(screen.queryByTestId("pillar-radar-empty")).toBeNull();
  });

  it("sends a student without XP to the quests from their own radar", () => {
    renderWithApp(<PillarRadar xp={xpOf({})} />);
    const hint = screen.getByTestId("pillar-radar-empty");
    expect(hint).toHaveTextContent("Finish a task to see your pillars grow");
    expect(within(hint).getByRole("link", { name: "find a quest" })).toHaveAttribute("href", "/quests");
  });

  it("says only that there is no XP yet on someone else's radar", () => {
    renderWithApp(<PillarRadar xp={xpOf({})} title="Sam's XP by pillar" />);
    expect(screen.getByText("Sam's XP by pillar")).toBeVisible();
    const hint = screen.getByTestId("pillar-radar-empty");
    expect(hint).toHaveTextContent("No XP yet");
    expect(within(hint).queryByRole("link")).toBeNull();
  });
});

describe("PillarTick", () => {
  it("labels an axis with the pillar's icon and short name in its colour, outside the ring", () => {
    const { container } = render(
      <svg>
        <PillarTick x={200} y={20} payload={{ value: "life_wellness", coordinate: 90 }} />
      </svg>,
    );
    const label = screen.getByTestId("radar-label-life_wellness");
    expect(label).toHaveTextContent("Wellness");
    expect(label.querySelector("svg")).toHaveAttribute("stroke", "#047857");
    expect((label.firstElementChild as HTMLElement).style.color).toBe("rgb(4, 120, 87)");
    // The top axis: the label sits above its end, centred on it.
    const top = Number(label.getAttribute("y"));
    expect(top + Number(label.getAttribute("height"))).toBeLessThanOrEqual(20);
    expect(Number(label.getAttribute("x")) + Number(label.getAttribute("width")) / 2).toBeCloseTo(200);
    expect(container.querySelectorAll("foreignObject")).toHaveLength(1);
  });

  it("draws nothing for an unknown pillar", () => {
    const { container } = render(
      <svg>
        <PillarTick x={0} y={0} payload={{ value: "astrology", coordinate: 0 }} />
      </svg>,
    );
    expect(container.querySelector("foreignObject")).toBeNull();
  });
});

describe("PillarDot", () => {
  const [stem, wellness] = radarPlot(radarData({ pillars: [{ pillar: "stem_logic", name: "", xp: 50 }] }));

  it("fills a pillar's dot with its colour when it has XP, and leaves it hollow when not", () => {
    render(
      <svg>
        <PillarDot cx={10} cy={10} payload={stem} />
        <PillarDot cx={20} cy={20} payload={wellness} />
      </svg>,
    );
    expect(screen.getByTestId("radar-dot-stem_logic")).toHaveAttribute("fill", "#1d4ed8");
    const hollow = screen.getByTestId("radar-dot-life_wellness");
    expect(hollow).toHaveAttribute("fill", "#fff");
    expect(hollow).toHaveAttribute("stroke", "#047857");
  });
});
