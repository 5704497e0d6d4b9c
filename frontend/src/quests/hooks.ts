import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import type { paths } from "../api/schema";
import { unwrap } from "../api/errors";
import { completeTaskWithFile } from "../api/upload";
import { credentialKeys } from "../credentials/hooks";
import { dashboardKeys } from "../dashboard/hooks";
import { progressKeys } from "../progress/hooks";

export type QuestFilters = NonNullable<paths["/api/quests"]["get"]["parameters"]["query"]>;

export const questKeys = {
  all: ["quests"] as const,
  list: (filters: QuestFilters) => [...questKeys.all, "list", filters] as const,
  detail: (id: string) => [...questKeys.all, "detail", id] as const,
  evidenceLimits: ["evidence", "limits"] as const,
};

export function useQuests(filters: QuestFilters) {
  return useQuery({
    queryKey: questKeys.list(filters),
    queryFn: () => unwrap(api.GET("/api/quests", { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export function useQuest(id: string) {
  return useQuery({
    queryKey: questKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/quests/{quest_id}", { params: { path: { quest_id: id } } })),
  });
}

export type EvidenceLimits = Schemas["EvidenceLimits"];

/** What file evidence may be (types, sizes), as the API enforces it; asked once per visit. */
export function useEvidenceLimits(enabled = true) {
  return useQuery({
    queryKey: questKeys.evidenceLimits,
    queryFn: () => unwrap(api.GET("/api/evidence/limits")),
    staleTime: Infinity,
    enabled,
  });
}

function useQuestWrites() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: questKeys.all });
    void queryClient.invalidateQueries({ queryKey: dashboardKeys.all });
    // Levels, streak, the week's XP, achievements and the leaderboard move with every task.
    void queryClient.invalidateQueries({ queryKey: progressKeys.all });
    // A quest completed has just earned its credential.
    void queryClient.invalidateQueries({ queryKey: credentialKeys.all });
  };
}

export function useEnrollment(id: string) {
  const refresh = useQuestWrites();
  const params = { params: { path: { quest_id: id } } };
  const enroll = useMutation({
    mutationFn: () => unwrap(api.POST("/api/quests/{quest_id}/enroll", params)),
    onSuccess: refresh,
  });
  const abandon = useMutation({
    mutationFn: () => unwrap(api.POST("/api/quests/{quest_id}/abandon", params)),
    onSuccess: refresh,
  });
  return { enroll, abandon };
}

export type Evidence =
  | { type: "text"; text: string; isPrivate: boolean }
  | { type: "link"; url: string; isPrivate: boolean }
  | { type: "file"; file: File; isPrivate: boolean };

export type CompletionResult = Schemas["CompletionResult"];

export function completeTask(
  taskId: string,
  evidence: Evidence,
  onProgress?: (fraction: number) => void,
): Promise<CompletionResult> {
  const path = { params: { path: { task_id: taskId } } };
  switch (evidence.type) {
    case "text":
      return unwrap(
        api.POST("/api/tasks/{task_id}/complete", {
          ...path,
          body: { type: "text", text: evidence.text, is_private: evidence.isPrivate },
        }),
      );
    case "link":
      return unwrap(
        api.POST("/api/tasks/{task_id}/complete", {
          ...path,
          body: { type: "link", url: evidence.url, is_private: evidence.isPrivate },
        }),
      );
    case "file":
      return completeTaskWithFile({ taskId, file: evidence.file, isPrivate: evidence.isPrivate, onProgress });
  }
}

export function useCompleteTask() {
  const refresh = useQuestWrites();
  return useMutation({
    mutationFn: ({
      taskId,
      evidence,
      onProgress,
    }: {
      taskId: string;
      evidence: Evidence;
      onProgress?: (f: number) => void;
    }) => completeTask(taskId, evidence, onProgress),
    onSuccess: refresh,
  });
}
