import { Link } from "react-router-dom";
import { ButtonLink } from "../ui/Button";
import { Card } from "../ui/Page";
import { PillarBadge } from "../ui/PillarBadge";
import { Empty } from "../ui/States";
import type { NextUp } from "./types";

/** The next task to do in a quest I have started, or a nudge to start one. */
export function NextUpCard({ nextUp }: { nextUp: NextUp | null }) {
  return (
    <Card aria-labelledby="next-up">
      <h2 id="next-up" className="mb-3 text-lg font-semibold">
        Next up
      </h2>
      {nextUp ? (
        <>
          <p className="font-medium text-slate-900">{nextUp.task_title}</p>
          <p className="text-sm text-slate-700">in {nextUp.quest_title}</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <PillarBadge pillar={nextUp.pillar} />
            <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
              {nextUp.xp_value} XP
            </span>
          </div>
          <ButtonLink to={`/quests/${nextUp.quest_id}`} className="mt-4">
            Continue the quest
          </ButtonLink>
        </>
      ) : (
        <Empty title="Nothing lined up">
          <Link className="text-brand-700 underline" to="/quests">
            Browse the quests
          </Link>{" "}
          and start one: its next task shows up here.
        </Empty>
      )}
    </Card>
  );
}
