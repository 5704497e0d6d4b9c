import { pillarOf } from "./pillars";

// One line-drawn glyph per pillar (24×24, stroked in the pillar's colour): an atom, a heart, a
// speech bubble, a globe and a brush. Decorative: the pillar's name is always written beside it.
const GLYPHS: Record<string, string> = {
  stem_logic:
    "M12 12m-2 0a2 2 0 1 0 4 0a2 2 0 1 0 -4 0M4 12c0-2.5 3.6-4.5 8-4.5s8 2 8 4.5-3.6 4.5-8 4.5-8-2-8-4.5M8 5c2.2-1.2 5.6 1.3 7.8 5.2s2.3 7.9.2 9.1-5.6-1.3-7.8-5.2S5.8 6.2 8 5",
  life_wellness: "M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10zM8.5 11h2l1-2 1.5 4 1-2h1.5",
  language_communication: "M4 6h16v10H9l-5 4zM8 10h8M8 13h5",
  society_culture:
    "M12 12m-8 0a8 8 0 1 0 16 0a8 8 0 1 0 -16 0M4 12h16M12 4c2.5 2.2 3.5 5 3.5 8s-1 5.8-3.5 8c-2.5-2.2-3.5-5-3.5-8s1-5.8 3.5-8",
  arts_creativity: "M14.5 4.5l5 5-8 8-5-5zM6.5 12.5c-2 0-2.5 2-2.5 3.5S3 19 3 19s3.5.5 5-1 1.5-3 1.5-3",
};

/** A pillar's glyph, in its colour; decorative (hidden from assistive technology). */
export function PillarIcon({ pillar, className = "h-6 w-6" }: { pillar: string; className?: string }) {
  const color = pillarOf(pillar)?.color ?? "#475569";
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      className={className}
      fill="none"
      stroke={color}
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={GLYPHS[pillar] ?? "M12 12m-6 0a6 6 0 1 0 12 0a6 6 0 1 0 -12 0"} />
    </svg>
  );
}
