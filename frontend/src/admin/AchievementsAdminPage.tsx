import { useState } from "react";
import { Button } from "../ui/Button";
import { PageHeader } from "../ui/Page";
import { Empty, QueryState } from "../ui/States";
import { AchievementRow } from "./AchievementRow";
import { NewAchievementForm } from "./NewAchievementForm";
import { useAdminAchievements } from "./hooks";

const COLUMNS = ["Achievement", "Category", "Unlocked when", "Reward", "Unlocked by", "Status"];

export function AchievementsAdminPage() {
  const achievements = useAdminAchievements();
  const [creating, setCreating] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Achievements"
        subtitle="What students unlock, and how many have. Retired ones are listed last."
        actions={
          !creating && (
            <Button
              onClick={() => {
                setAdded(null);
                setCreating(true);
              }}
            >
              New achievement
            </Button>
          )
        }
      />
      {creating && (
        <NewAchievementForm
          onClose={() => setCreating(false)}
          onAdded={(achievement) => {
            setCreating(false);
            setAdded(achievement.name);
          }}
        />
      )}
      {added && (
        <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          Added {added}. Students who already qualify will unlock it in the background.
        </p>
      )}
      <QueryState query={achievements}>
        {({ achievements: list }) =>
          list.length === 0 ? (
            <Empty title="No achievements yet">Add one for students to work towards.</Empty>
          ) : (
            <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-3">
              <table className="w-full min-w-[48rem] text-left text-sm">
                <caption className="sr-only">Achievements</caption>
                <thead>
                  <tr className="text-slate-600">
                    {COLUMNS.map((column) => (
                      <th key={column} scope="col" className="pb-2 pr-3">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {list.map((a) => (
                    <AchievementRow key={a.key} achievement={a} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
