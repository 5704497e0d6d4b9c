import type { Schemas } from "../api/client";
import { ProgressBar } from "../ui/ProgressBar";
import { PILLARS } from "../ui/pillars";
import { useLevelCurves, useProgress } from "./hooks";
import { levelAt, levelPercent } from "./levels";
import type { PillarLevel } from "./types";

/**
 * My mastery level in each pillar, beside the XP radar. Shows nothing until my progress is
 * here: the progress cards above say when it is loading or could not be loaded.
 */
export function PillarLevels() {
  const progress = useProgress();
  return progress.data ? <PillarLevelList levels={progress.data.pillars} /> : null;
}

/**
 * The levels of any XP shown by pillar (a diploma's, a student's to their parent), from the
 * public curves; nothing until they are here, as the XP beside it says enough.
 */
export function XpLevels({ xp }: { xp: Schemas["XpPublic"] }) {
  const curves = useLevelCurves();
  if (!curves.data) return null;
  const { overall, pillar } = curves.data.curves;
  const levels = xp.pillars.map((p) => ({ ...levelAt(pillar, p.xp), pillar: p.pillar }));
  return (
    <div className="space-y-3">
      <p className="text-lg font-semibold text-slate-900">Level {levelAt(overall, xp.total).level} overall</p>
      <PillarLevelList levels={levels} />
    </div>
  );
}

function PillarLevelList({ levels }: { levels: PillarLevel[] }) {
  const byPillar = new Map(levels.map((p) => [p.pillar, p]));
  return (
    <section aria-labelledby="pillar-levels">
      <h3 id="pillar-levels" className="text-sm font-semibold text-slate-800">
        Mastery by pillar
      </h3>
      <ul className="mt-2 space-y-3 text-sm">
        {PILLARS.map((pillar) => {
          const level = byPillar.get(pillar.key);
          if (!level) return null;
          return (
            <li key={pillar.key} data-testid={`pillar-level-${pillar.key}`}>
              <div className="mb-1 flex justify-between gap-3">
                <span className="flex items-center gap-1.5 text-slate-700">
                  <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: pillar.color }} />
                  {pillar.name}
                </span>
                <span className="font-semibold">Level {level.level}</span>
              </div>
              <ProgressBar
                percent={levelPercent(level)}
                label={
                  level.xp_to_next === null
                    ? `${pillar.name}: top level reached`
                    : `${pillar.name}: XP towards level ${level.level + 1}`
                }
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
