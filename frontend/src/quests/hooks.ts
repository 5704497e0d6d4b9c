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

/**
 * Replace my completion's evidence: JSON for text or a link, multipart for a file. The API keeps
 * the version replaced and awards no XP again.
 */
export function reviseEvidence(questId: string, taskId: string, evidence: Evidence) {
  const params = { path: { quest_id: questId, task_id: taskId } };
  const path = "/api/quests/{quest_id}/tasks/{task_id}/completion";
  switch (evidence.type) {
    case "text":
      return unwrap(
        api.PATCH(path, { params, body: { type: "text", text: evidence.text, is_private: evidence.isPrivate } }),
      );
    case "link":
      return unwrap(
        api.PATCH(path, { params, body: { type: "link", url: evidence.url, is_private: evidence.isPrivate } }),
      );
    case "file": {
      const form = new FormData();
      form.append("file", evidence.file);
      form.append("is_private", String(evidence.isPrivate));
      return unwrap(
        api.PATCH(path, {
          params,
          // The generated type is the JSON body's; the multipart form goes as it is.
          body: { type: "text", text: "", is_private: evidence.isPrivate },
          bodySerializer: () => form,
        }),
      );
    }
  }
}

export function useReviseEvidence(questId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, evidence }: { taskId: string; evidence: Evidence }) =>
      reviseEvidence(questId, taskId, evidence),
    // Only this quest's page (and what shows evidence) changes: no XP, no progress moves.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: questKeys.detail(questId) }),
  });
}

export type EvidenceItem = Schemas["EvidenceItemPublic"];

/** Add a further piece of evidence to my completion (no XP): JSON, or multipart for a file. */
export function addEvidenceItem(questId: string, taskId: string, evidence: Evidence): Promise<EvidenceItem> {
  const params = { path: { quest_id: questId, task_id: taskId } };
  const path = "/api/quests/{quest_id}/tasks/{task_id}/completion/items";
  switch (evidence.type) {
    case "text":
      return unwrap(api.POST(path, { params, body: { type: "text", text: evidence.text } }));
    case "link":
      return unwrap(api.POST(path, { params, body: { type: "link", url: evidence.url } }));
    case "file": {
      const form = new FormData();
      form.append("file", evidence.file);
      return unwrap(
        api.POST(path, {
          params,
          // The generated type is the JSON body's; the multipart form goes as it is.
          body: { type: "text", text: "" },
          bodySerializer: () => form,
        }),
      );
    }
  }
}

export function useEvidenceItems(questId: string) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: questKeys.detail(questId) });
  const add = useMutation({
    mutationFn: ({ taskId, evidence }: { taskId: string; evidence: Evidence }) =>
      addEvidenceItem(questId, taskId, evidence),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: ({ taskId, itemId }: { taskId: string; itemId: string }) =>
      unwrap(
        api.DELETE("/api/quests/{quest_id}/tasks/{task_id}/completion/items/{item_id}", {
          params: { path: { quest_id: questId, task_id: taskId, item_id: itemId } },
        }),
      ),
    onSuccess: refresh,
  });
  return { add, remove };
}
