import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/errors";

export const feedbackKeys = {
  all: ["feedback"] as const,
  thread: (completionId: string) => [...feedbackKeys.all, completionId] as const,
};

export function useFeedbackThread(completionId: string, enabled = true) {
  return useQuery({
    queryKey: feedbackKeys.thread(completionId),
    queryFn: () =>
      unwrap(
        api.GET("/api/completions/{completion_id}/feedback", {
          params: { path: { completion_id: completionId }, query: { per_page: 100 } },
        }),
      ),
    enabled,
  });
}

export function useWriteFeedback(completionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST("/api/completions/{completion_id}/feedback", {
          params: { path: { completion_id: completionId } },
          body: { body },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.thread(completionId) });
      // The advisor's completion list counts the messages.
      void queryClient.invalidateQueries({ queryKey: ["students"] });
    },
  });
}
