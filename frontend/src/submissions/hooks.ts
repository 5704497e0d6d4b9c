import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";

export const submissionKeys = {
  mine: ["submissions", "mine"] as const,
};
export type TaskDraft = Schemas["TaskSuggestionIn"];

export function useMySubmissions() {
  return useQuery({
    queryKey: submissionKeys.mine,
    queryFn: () => unwrap(api.GET("/api/quest-submissions", { params: { query: { per_page: 50 } } })),
  });
}

export function useSubmitQuest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["SubmissionIn"]) => unwrap(api.POST("/api/quest-submissions", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: submissionKeys.mine }),
  });
}

export function useTaskSuggestions() {
  return useMutation({
    mutationFn: (body: Schemas["TaskSuggestionsIn"]) => unwrap(api.POST("/api/ai/task-suggestions", { body })),
  });
}
