import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";

export const TEAMS_KEY = ["teams"] as const;

export function useTeamRequests() {
  return useQuery({
    queryKey: [...TEAMS_KEY, "requests", "pending"],
    queryFn: () => unwrap(api.GET("/api/team-requests", { params: { query: { status: "pending", per_page: 100 } } })),
  });
}

export function useTeammates() {
  return useQuery({
    queryKey: [...TEAMS_KEY, "teammates"],
    queryFn: () => unwrap(api.GET("/api/teammates", { params: { query: { per_page: 100 } } })),
  });
}

function useRefreshTeams() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
    void queryClient.invalidateQueries({ queryKey: ["quests"] });
    void queryClient.invalidateQueries({ queryKey: ["dashboard"] });
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
