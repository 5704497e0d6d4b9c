import { useState, type ReactNode } from "react";
import type { Schemas } from "../api/client";
import { Button } from "../ui/Button";
import { ErrorState } from "../ui/States";
import { DiplomaQuest, type HeadingLevel } from "./DiplomaQuest";
import { useDiplomaQuests } from "./hooks";

type Quest = Schemas["DiplomaQuestSummary"];

/**
 * A diploma's completed quests, newest first: the ones its first view carries, then more a page
 * at a time from `more` (the first view's cursor) when asked. `action` adds a control to each;
 * `level` is their titles' heading level.
 */
export function CompletedQuests({
  slug,
  recent,
  more,
  total,
  action,
  level,
}: {
  slug: string;
  recent: Quest[];
  more: string | null;
  total: number;
  action?: (quest: Quest) => ReactNode;
  level?: HeadingLevel;
}) {
  const [asked, setAsked] = useState(false);
  const pages = useDiplomaQuests(slug, more, asked && more !== null);
  const quests = [...recent, ...(pages.data?.pages.flatMap((page) => page.data) ?? [])];
  const hasMore = more !== null && (!asked || pages.hasNextPage);
  if (quests.length === 0) return <p className="text-slate-700">No completed quests yet.</p>;
  return (
    <div className="space-y-4">
      {quests.map((quest) => (
        <DiplomaQuest key={quest.id} slug={slug} quest={quest} action={action?.(quest)} level={level} />
      ))}
      {pages.error && (
        <ErrorState
          error={pages.error}
          retry={() => void (pages.isFetchNextPageError ? pages.fetchNextPage() : pages.refetch())}
        />
      )}
      <div className="flex flex-wrap items-center gap-3">
        {hasMore && !pages.error && (
          <Button
            variant="secondary"
            busy={pages.isFetching}
            onClick={() => (asked ? void pages.fetchNextPage() : setAsked(true))}
          >
            Show more quests
          </Button>
        )}
        <p role="status" className="text-sm text-slate-700">
          {asked && `Showing ${quests.length} of ${total} completed quests.`}
        </p>
      </div>
    </div>
  );
}
