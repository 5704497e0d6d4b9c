import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { User } from "../auth/context";
import { authKeys } from "../auth/hooks";
import { api } from "../api/client";
import { unwrap } from "../api/errors";
import type { ProgressProfile } from "./types";

export const progressKeys = {
  /** Everything a completed task or a changed setting can move. */
  all: ["progress"] as const,
  mine: ["progress", "me"] as const,
  catalog: ["progress", "achievements"] as const,
  unlocked: ["progress", "achievements", "mine"] as const,
  leaderboard: ["progress", "leaderboard"] as const,
  curves: ["levels"] as const,
};

export const progressQuery = {
  queryKey: progressKeys.mine,
  queryFn: () => unwrap(api.GET("/api/users/me/progress")),
};

export const unlockedQuery = {
  queryKey: progressKeys.unlocked,
  queryFn: () => unwrap(api.GET("/api/users/me/achievements")),
};

/** My levels, streak, weekly goal, last 12 weeks and what to do next. */
export function useProgress(enabled = true) {
  return useQuery({ ...progressQuery, enabled });
}

/** The achievements I have unlocked, newest first. */
export function useUnlockedAchievements(enabled = true) {
  return useQuery({ ...unlockedQuery, enabled });
}

/** Every achievement there is, with when I unlocked it. */
export function useAchievementCatalog() {
  return useQuery({
    queryKey: progressKeys.catalog,
    queryFn: () => unwrap(api.GET("/api/achievements")),
  });
}

/** The XP each level needs (public; they change only when an admin changes a curve). */
export function useLevelCurves() {
  return useQuery({
    queryKey: progressKeys.curves,
    queryFn: () => unwrap(api.GET("/api/levels")),
    staleTime: Infinity,
  });
}

/** My verifiable credential of an achievement I unlocked (the same one if asked again). */
export function useIssueAchievementCredential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: string) =>
      unwrap(api.POST("/api/users/me/achievements/{key}/credential", { params: { path: { key } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: progressKeys.all }),
  });
}

/** This week's XP of the teammates who opted in, me among them when I did. */
export function useLeaderboard() {
  return useQuery({
    queryKey: progressKeys.leaderboard,
    queryFn: () => unwrap(api.GET("/api/users/me/leaderboard")),
  });
}

const NO_SETTINGS: ProgressProfile = { time_zone: null, weekly_xp_goal: null, leaderboard_opt_in: false };

/** My progression settings (the defaults when signed out). */
export function progressProfileOf(user: User | null): ProgressProfile {
  if (!user) return NO_SETTINGS;
  const { time_zone, weekly_xp_goal, leaderboard_opt_in } = user;
  return { time_zone, weekly_xp_goal, leaderboard_opt_in };
}

/** Change my weekly goal, time zone or leaderboard choice; only the ones sent change. */
export function useChangeProgressProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<ProgressProfile>) => unwrap(api.PATCH("/api/users/me", { body: changes })),
    onSuccess: (user) => {
      queryClient.setQueryData(authKeys.me, user);
      // The goal, the zone days are counted in and the leaderboard all come from these.
      void queryClient.invalidateQueries({ queryKey: progressKeys.all });
    },
  });
}
