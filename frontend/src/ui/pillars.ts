/** The five pillars, in the API's display order, with a colour each (WCAG AA on white). */
export const PILLARS = [
  { key: "stem_logic", name: "STEM & Logic", short: "STEM", color: "#1d4ed8" },
  { key: "life_wellness", name: "Life & Wellness", short: "Wellness", color: "#047857" },
  { key: "language_communication", name: "Language & Communication", short: "Language", color: "#b45309" },
  { key: "society_culture", name: "Society & Culture", short: "Society", color: "#7e22ce" },
  { key: "arts_creativity", name: "Arts & Creativity", short: "Arts", color: "#be123c" },
] as const;

export type PillarKey = (typeof PILLARS)[number]["key"];

export function pillarOf(key: string) {
  return PILLARS.find((p) => p.key === key);
}

export const SOURCES: Record<string, string> = {
  khan_academy: "Khan Academy",
  brilliant: "Brilliant",
  custom: "Custom",
};
