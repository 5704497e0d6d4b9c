import { Link } from "react-router-dom";
import { PageHeader } from "../ui/Page";
import { Empty, QueryState } from "../ui/States";
import { AchievementItem } from "./AchievementItem";
import { splitAchievements } from "./achievements";
import { useAchievementCatalog } from "./hooks";
import type { Achievement } from "./types";

/** Every achievement: the ones I unlocked first, with their dates, then the ones still to earn. */
export function AchievementsPage() {
  const catalog = useAchievementCatalog();
  return (
    <>
      <PageHeader
        title="Achievements"
        subtitle="Milestones for finishing quests, keeping a streak, sharing your work and learning with your team."
      />
      <QueryState query={catalog} loadingLabel="Loading achievements…">
        {({ achievements }) =>
          achievements.length === 0 ? (
            <Empty title="No achievements yet">There is nothing to unlock yet. Check back soon.</Empty>
          ) : (
            <Sections achievements={achievements} />
          )
        }
      </QueryState>
    </>
  );
}

function Sections({ achievements }: { achievements: Achievement[] }) {
  const { unlocked, locked } = splitAchievements(achievements);
  return (
    <div className="space-y-8">
      <section aria-labelledby="achievements-unlocked">
        <h2 id="achievements-unlocked" className="mb-3 text-xl font-semibold">
          Unlocked ({unlocked.length})
        </h2>
        {unlocked.length === 0 ? (
          <Empty title="Nothing unlocked yet">
            <Link className="text-brand-700 underline" to="/quests">
              Start a quest
            </Link>{" "}
            and complete a task to unlock your first achievement.
          </Empty>
        ) : (
          <List items={unlocked} />
        )}
      </section>
      {locked.length > 0 && (
        <section aria-labelledby="achievements-locked">
          <h2 id="achievements-locked" className="mb-3 text-xl font-semibold">
            Still to earn ({locked.length})
          </h2>
          <List items={locked} />
        </section>
      )}
    </div>
  );
}

function List({ items }: { items: Achievement[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {items.map((a) => (
        <AchievementItem key={a.key} achievement={a} />
      ))}
    </ul>
  );
}
