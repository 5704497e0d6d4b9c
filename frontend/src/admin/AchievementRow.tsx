import { useState } from "react";
import type { Schemas } from "../api/client";
import { messageOf } from "../api/errors";
import { AchievementIcon } from "../progress/AchievementIcon";
import { rewardText } from "../progress/achievements";
import { Button } from "../ui/Button";
import { CATEGORIES } from "./achievementCategories";
import { conditionText } from "./achievementCondition";
import { useUpdateAchievement } from "./hooks";

type Achievement = Schemas["AchievementAdmin"];

/** Retiring, asked first; restoring at once, since it takes nothing from anyone. */
function RetireOrRestore({ achievement }: { achievement: Achievement }) {
  const update = useUpdateAchievement();
  const [asking, setAsking] = useState(false);
  const { key, name } = achievement;
  const retire = (retired: boolean) => update.mutate({ key, body: { retired } }, { onSuccess: () => setAsking(false) });
  const error = update.error && (
    <p role="alert" className="mt-1 text-xs text-red-700">
      {messageOf(update.error)}
    </p>
  );
  if (achievement.retired_at) {
    return (
      <>
        <Button
          variant="secondary"
          busy={update.isPending}
          onClick={() => retire(false)}
          aria-label={`Restore ${name}`}
        >
          Restore
        </Button>
        {error}
      </>
    );
  }
  if (!asking) {
    return (
      <Button variant="secondary" onClick={() => setAsking(true)} aria-label={`Retire ${name}`}>
        Retire
      </Button>
    );
  }
  return (
    <div role="group" aria-label={`Retire ${name}?`} className="rounded-md border border-red-300 bg-red-50 p-3">
      <p className="text-sm text-red-900">Retire {name}? No one new will unlock it; students who have it keep it.</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button autoFocus variant="danger" busy={update.isPending} onClick={() => retire(true)}>
          Yes, retire it
        </Button>
        <Button variant="secondary" disabled={update.isPending} onClick={() => setAsking(false)}>
          Keep it
        </Button>
      </div>
      {error}
    </div>
  );
}

export function AchievementRow({ achievement }: { achievement: Achievement }) {
  const retired = achievement.retired_at !== null;
  const students = achievement.unlocked_by;
  return (
    <tr data-testid="achievement" className={`border-t border-slate-200 align-top ${retired ? "text-slate-600" : ""}`}>
      <td className="py-2 pr-3">
        <div className="flex gap-2">
          <AchievementIcon icon={achievement.icon} className="mt-0.5 h-5 w-5 shrink-0" />
          <div>
            <p className="font-medium">
              {achievement.name}
              {retired && <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs">retired</span>}
            </p>
            <p className="break-all font-mono text-xs text-slate-600">{achievement.key}</p>
          </div>
        </div>
      </td>
      <td className="py-2 pr-3">{CATEGORIES[achievement.category] ?? achievement.category}</td>
      <td className="py-2 pr-3">{conditionText(achievement.condition)}</td>
      <td className="py-2 pr-3">{rewardText(achievement) ?? "None"}</td>
      <td className="py-2 pr-3">
        {students} {students === 1 ? "student" : "students"}
      </td>
      <td className="py-2">
        <RetireOrRestore achievement={achievement} />
      </td>
    </tr>
  );
}
