import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";
import { dashboardKeys } from "../dashboard/hooks";
import { questKeys } from "../quests/hooks";

export const teamKeys = {
  all: ["teams"] as const,
  pendingRequests: () => [...teamKeys.all, "requests", "pending"] as const,
  teammates: () => [...teamKeys.all, "teammates"] as const,
};

export function useTeamRequests() {
  return useQuery({
    queryKey: teamKeys.pendingRequests(),
    queryFn: () => unwrap(api.GET("/api/team-requests", { params: { query: { status: "pending", per_page: 100 } } })),
  });
}

export function useTeammates() {
  return useQuery({
    queryKey: teamKeys.teammates(),
    queryFn: () => unwrap(api.GET("/api/teammates", { params: { query: { per_page: 100 } } })),
  });
}

function useRefreshTeams() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: teamKeys.all });
    void queryClient.invalidateQueries({ queryKey: questKeys.all });
    void queryClient.invalidateQueries({ queryKey: dashboardKeys.all });
  };
}

export function useSendRequest() {
  const onSuccess = useRefreshTeams();
  return useMutation({
    mutationFn: (body: Schemas["TeamRequestIn"]) => unwrap(api.POST("/api/team-requests", { body })),
    onSuccess,
  });
}

export type Answer = "accept" | "reject" | "cancel";

export function useAnswerRequest() {
  const onSuccess = useRefreshTeams();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: Answer }) => {
      const params = { params: { path: { request_id: id } } };
      if (answer === "accept") return unwrap(api.POST("/api/team-requests/{request_id}/accept", params));
      if (answer === "reject") return unwrap(api.POST("/api/team-requests/{request_id}/reject", params));
      return unwrap(api.POST("/api/team-requests/{request_id}/cancel", params));
    },
    onSuccess,
  });
}
