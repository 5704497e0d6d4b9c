import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";
import { dashboardKeys } from "../dashboard/hooks";
import { notificationKeys } from "../notifications/hooks";
import { questKeys } from "../quests/hooks";

export const teamKeys = {
  all: ["teams"] as const,
  pendingRequests: () => [...teamKeys.all, "requests", "pending"] as const,
  teammates: () => [...teamKeys.all, "teammates"] as const,
  directory: (q: string) => [...teamKeys.all, "directory", q] as const,
  discovery: () => [...teamKeys.all, "discovery"] as const,
};

/** Fewer characters than this find nobody (the API's rule too). */
export const SEARCH_MIN = 2;

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
    // Answering a request reads its notice (in the database): the unread count changed.
    void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
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

/** Students who chose to be found whose username or name starts with `q` (ten at most). */
export function useStudentSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: teamKeys.directory(term.toLowerCase()),
    // No abort signal: a search left behind by the next keystroke finishes (and is cached)
    // rather than ending as a failed request.
    queryFn: () => unwrap(api.GET("/api/team-directory", { params: { query: { q: term, per_page: 10 } } })),
    enabled: term.length >= SEARCH_MIN,
    staleTime: 30_000,
  });
}

/** Whether students looking for a teammate may find me by name. */
export function useDiscovery(enabled = true) {
  return useQuery({
    queryKey: teamKeys.discovery(),
    queryFn: () => unwrap(api.GET("/api/team-directory/me")),
    enabled,
  });
}

export function useSetDiscovery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (discoverable: boolean) => unwrap(api.PUT("/api/team-directory/me", { body: { discoverable } })),
    onSuccess: (saved) => queryClient.setQueryData(teamKeys.discovery(), saved),
  });
}
