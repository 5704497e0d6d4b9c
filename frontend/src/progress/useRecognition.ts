import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import type { CompletionResult } from "../quests/hooks";
import { progressKeys, progressQuery, unlockedQuery, useProgress, useUnlockedAchievements } from "./hooks";
import { momentsBetween, type Moment, type Standing } from "./recognition";
import type { AchievementList, Progress } from "./types";

/** How long "+N XP" stays on screen. */
export const GAIN_SHOWN_MS = 6_000;

export interface Gain {
  /** Counts completions, so a second "+N XP" is a new message even with the same N. */
  id: number;
  xp: number;
}

function standing(queryClient: QueryClient): Standing {
  return {
    progress: queryClient.getQueryData<Progress>(progressKeys.mine),
    unlocked: queryClient.getQueryData<AchievementList>(progressKeys.unlocked),
  };
}

/**
 * Recognition for completed tasks: "+N XP" at once, then, from my progress and achievements asked
 * for again, a moment for a new level and for each achievement unlocked. `enabled` keeps the
 * standing before a completion known (while tasks can be completed): without it there is nothing
 * to compare with.
 */
export function useRecognition(enabled: boolean) {
  const queryClient = useQueryClient();
  useProgress(enabled);
  useUnlockedAchievements(enabled);
  const [gain, setGain] = useState<Gain | null>(null);
  const [moments, setMoments] = useState<Moment[]>([]);

  useEffect(() => {
    if (!gain) return;
    const timer = window.setTimeout(() => setGain(null), GAIN_SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [gain]);

  /** Run a completion and recognise what it earned; answers the completion's result. */
  const recognise = useCallback(
    async (complete: () => Promise<CompletionResult>): Promise<CompletionResult> => {
      const before = standing(queryClient);
      const result = await complete();
      if (!result.created) return result; // done before: nothing new was earned
      if (result.xp_awarded > 0) setGain((last) => ({ id: (last?.id ?? 0) + 1, xp: result.xp_awarded }));
      // The task is done either way; if the new numbers do not come, there is simply no moment.
      const fresh = <T>(query: { queryKey: readonly string[]; queryFn: () => Promise<T> }) =>
        queryClient.fetchQuery({ ...query, staleTime: 0 }).catch(() => undefined);
      void Promise.all([fresh(progressQuery), fresh(unlockedQuery)]).then(([progress, unlocked]) => {
        const found = momentsBetween(before, { progress, unlocked });
        if (found.length)
          setMoments((shown) => [...shown.filter((m) => !found.some((f) => f.key === m.key)), ...found]);
      });
      return result;
    },
    [queryClient],
  );

  const dismiss = useCallback((key: string) => setMoments((shown) => shown.filter((m) => m.key !== key)), []);

  return { gain, moments, recognise, dismiss };
}
