import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/errors";

export const dashboardKeys = {
  all: ["dashboard"] as const,
};

/** My active and completed quests, recent completions and XP. */
export function useDashboard() {
  return useQuery({ queryKey: dashboardKeys.all, queryFn: () => unwrap(api.GET("/api/users/me/dashboard")) });
}
