import { useState } from "react";
import type { Schemas } from "../api/client";
import { messageOf } from "../api/errors";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card } from "../ui/Page";
import { CompletedQuests } from "./CompletedQuests";
import { useUpdateDiploma } from "./hooks";

/** As many as the API takes (DiplomaUpdate.featured_quest_ids). */
export const MAX_FEATURED = 6;

/** The editor's choice of the completed quests a diploma shows first, in their order. */
export function FeaturedQuests({ diploma }: { diploma: Schemas["DiplomaPublic"] }) {
  const update = useUpdateDiploma();
  const [said, setSaid] = useState("");
  const [error, setError] = useState<string | null>(null);
  const featured = diploma.featured_quests;
  const ids = featured.map((q) => q.id);
  const full = ids.length >= MAX_FEATURED;

  async function save(next: string[], done: string) {
    setError(null);
    setSaid("");
    try {
      await update.mutateAsync({ featured_quest_ids: next });
      setSaid(done);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }
  const feature = (q: { id: string; title: string }) => save([...ids, q.id], `${q.title} is featured.`);
  const unfeature = (q: { id: string; title: string }) =>
    save(
      ids.filter((id) => id !== q.id),
      `${q.title} is no longer featured.`,
    );
  const moveUp = (q: { id: string; title: string }, index: number) => {
    const next = ids.filter((id) => id !== q.id);
    next.splice(index - 1, 0, q.id);
    return save(next, `${q.title} moved up.`);
  };

  return (
    <Card>
      <h2 className="font-semibold">Featured quests</h2>
      <p className="mt-1 text-sm text-slate-700">
        Up to {MAX_FEATURED} completed quests your diploma shows first, in this order.
      </p>
      {featured.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">None yet: feature a quest from your completed quests below.</p>
      ) : (
        <ol className="mt-3 space-y-2">
          {featured.map((q, index) => (
            <li key={q.id} className="flex flex-wrap items-center gap-2">
              <span className="font-medium">
                {index + 1}. {q.title}
              </span>
              {index > 0 && (
                <Button variant="ghost" disabled={update.isPending} onClick={() => void moveUp(q, index)}>
                  Move up <span className="sr-only">{q.title}</span>
                </Button>
              )}
              <Button variant="ghost" disabled={update.isPending} onClick={() => void unfeature(q)}>
                Unfeature <span className="sr-only">{q.title}</span>
              </Button>
            </li>
          ))}
        </ol>
      )}
      <FormError message={error} />
      <p role="status" className="mt-2 text-sm text-green-800">
        {said}
      </p>
      <h3 className="mb-3 mt-4 font-semibold">Your completed quests</h3>
      {full && <p className="mb-3 text-sm text-slate-700">Unfeature a quest to feature another.</p>}
      <CompletedQuests
        slug={diploma.slug}
        recent={diploma.recent_quests}
        more={diploma.more_quests}
        total={diploma.totals.completed_quests}
        action={(q) =>
          ids.includes(q.id) ? (
            <Button variant="ghost" disabled={update.isPending} onClick={() => void unfeature(q)}>
              Unfeature <span className="sr-only">{q.title}</span>
            </Button>
          ) : (
            <Button variant="ghost" disabled={full || update.isPending} onClick={() => void feature(q)}>
              Feature <span className="sr-only">{q.title}</span>
            </Button>
          )
        }
      />
    </Card>
  );
}
