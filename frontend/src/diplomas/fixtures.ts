/** Diplomas as the API answers them, for the tests of this folder. */
import type { Schemas } from "../api/client";

export function summary(
  n: number,
  extra: Partial<Schemas["DiplomaQuestSummary"]> = {},
): Schemas["DiplomaQuestSummary"] {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    title: `Quest ${n}`,
    description: `What quest ${n} is about.`,
    source: "custom",
    started_at: "2026-01-01T00:00:00Z",
    completed_at: "2026-02-01T00:00:00Z",
    xp_earned: 100,
    tasks_completed: 2,
    pillars: ["stem_logic"],
    ...extra,
  };
}

export function diploma(extra: Partial<Schemas["DiplomaPublic"]> = {}): Schemas["DiplomaPublic"] {
  return {
    slug: "ana-lopez",
    is_public: true,
    display_name: "Ana López",
    headline: "Future economist",
    bio: null,
    member_since: "2026-01-01T00:00:00Z",
    accredited: false,
    xp: {
      pillars: [{ pillar: "stem_logic", name: "STEM & Logic", xp: 300 }],
      total: 300,
    },
    totals: { completed_quests: 8, completed_tasks: 16, quests_in_progress: 7 },
    featured_quests: [summary(1)],
    recent_quests: [8, 7, 6, 5, 4, 3].map((n) => summary(n)),
    more_quests: "cursor-after-3",
    in_progress_quests: [
      {
        id: "00000000-0000-4000-8000-000000000099",
        title: "Run a 5K",
        source: "custom",
        started_at: "2026-03-01T00:00:00Z",
        progress: {
          completed_tasks: 1,
          total_tasks: 4,
          required_completed: 1,
          required_total: 4,
          percent: 25,
          xp_earned: 25,
          xp_available: 100,
        },
      },
    ],
    ...extra,
  };
}

export function detail(n: number): Schemas["DiplomaQuestDetail"] {
  const { tasks_completed: _tasks, pillars: _pillars, ...rest } = summary(n);
  return {
    ...rest,
    description: `The whole story of quest ${n}.`,
    image_url: null,
    tasks: [
      {
        id: "00000000-0000-4000-8000-0000000000a1",
        title: "Flip a coin",
        pillar: "stem_logic",
        xp_awarded: 50,
        completed_at: "2026-02-01T00:00:00Z",
        evidence: { type: "text", text: "52 heads", url: null, file_url: null, content_type: null },
      },
      {
        id: "00000000-0000-4000-8000-0000000000a2",
        title: "Draw the chart",
        pillar: "stem_logic",
        xp_awarded: 50,
        completed_at: "2026-02-01T00:00:00Z",
        evidence: {
          type: "image",
          text: null,
          url: null,
          file_url: "/api/diplomas/ana-lopez/evidence/00000000-0000-4000-8000-0000000000c2",
          content_type: "image/png",
        },
      },
      {
        id: "00000000-0000-4000-8000-0000000000a3",
        title: "Write a diary",
        pillar: "life_wellness",
        xp_awarded: 50,
        completed_at: "2026-02-01T00:00:00Z",
        evidence: null,
      },
    ],
  };
}
