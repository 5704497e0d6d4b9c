import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";
import { progressKeys } from "../progress/hooks";
import { questKeys } from "../quests/hooks";

export const adminKeys = {
  all: ["admin"] as const,
  analytics: () => [...adminKeys.all, "analytics"] as const,
  queue: (status: QueueStatus, page: number) => [...adminKeys.all, "queue", status, page] as const,
  users: (search: string, page: number, role?: Role) => [...adminKeys.all, "users", search, page, role] as const,
  quests: (search: string, page: number, active?: boolean) =>
    [...adminKeys.all, "quests", search, page, active] as const,
  quest: (id: string) => [...adminKeys.all, "quest", id] as const,
  achievements: () => [...adminKeys.all, "achievements"] as const,
};

function useRefreshAdmin() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: adminKeys.all });
    void queryClient.invalidateQueries({ queryKey: questKeys.all });
  };
}

export function useAnalytics() {
  return useQuery({ queryKey: adminKeys.analytics(), queryFn: () => unwrap(api.GET("/api/admin/analytics")) });
}

export type QueueStatus = "pending" | "approved" | "rejected";

export function useQueue(status: QueueStatus, page: number) {
  return useQuery({
    queryKey: adminKeys.queue(status, page),
    queryFn: () =>
      unwrap(api.GET("/api/admin/quest-submissions", { params: { query: { status, page, per_page: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useReview() {
  const onSuccess = useRefreshAdmin();
  const approve = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas["ApprovalIn"] }) =>
      unwrap(
        api.POST("/api/admin/quest-submissions/{submission_id}/approve", {
          params: { path: { submission_id: id } },
          body,
        }),
      ),
    onSuccess,
  });
  const reject = useMutation({
    mutationFn: ({ id, notes }: { id: string; notes: string }) =>
      unwrap(
        api.POST("/api/admin/quest-submissions/{submission_id}/reject", {
          params: { path: { submission_id: id } },
          body: { notes },
        }),
      ),
    onSuccess,
  });
  return { approve, reject };
}

export type Role = Schemas["AdminUserPublic"]["role"];

export function useAdminUsers(search: string, page: number, role?: Role) {
  return useQuery({
    queryKey: adminKeys.users(search, page, role),
    queryFn: () =>
      unwrap(
        api.GET("/api/admin/users", {
          params: { query: { page, per_page: 20, ...(search ? { search } : {}), ...(role ? { role } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  const refresh = useRefreshAdmin();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas["AdminUserUpdate"] }) =>
      unwrap(api.PATCH("/api/admin/users/{user_id}", { params: { path: { user_id: id } }, body })),
    onSuccess: (saved) => {
      // The lists show the saved account at once (a select must not flick back while they reload).
      queryClient.setQueriesData<Schemas["AdminUserList"]>(
        { queryKey: [...adminKeys.all, "users"] },
        (list) => list && { ...list, data: list.data.map((u) => (u.id === saved.id ? saved : u)) },
      );
      refresh();
    },
  });
}

export function useAdminQuests(search: string, page: number, active?: boolean) {
  return useQuery({
    queryKey: adminKeys.quests(search, page, active),
    queryFn: () =>
      unwrap(
        api.GET("/api/admin/quests", {
          params: {
            query: {
              page,
              per_page: 20,
              ...(search ? { search } : {}),
              ...(active === undefined ? {} : { is_active: active }),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAdminQuest(id: string) {
  return useQuery({
    queryKey: adminKeys.quest(id),
    queryFn: () => unwrap(api.GET("/api/admin/quests/{quest_id}", { params: { path: { quest_id: id } } })),
  });
}

export function useQuestWrites(id: string) {
  const onSuccess = useRefreshAdmin();
  const quest = { params: { path: { quest_id: id } } };
  const task = (taskId: string) => ({ params: { path: { quest_id: id, task_id: taskId } } });
  return {
    update: useMutation({
      mutationFn: (body: Schemas["QuestUpdate"]) =>
        unwrap(api.PATCH("/api/admin/quests/{quest_id}", { ...quest, body })),
      onSuccess,
    }),
    addTask: useMutation({
      mutationFn: (body: Schemas["TaskIn"]) =>
        unwrap(api.POST("/api/admin/quests/{quest_id}/tasks", { ...quest, body })),
      onSuccess,
    }),
    updateTask: useMutation({
      mutationFn: ({ taskId, body }: { taskId: string; body: Schemas["TaskUpdate"] }) =>
        unwrap(api.PATCH("/api/admin/quests/{quest_id}/tasks/{task_id}", { ...task(taskId), body })),
      onSuccess,
    }),
    deleteTask: useMutation({
      mutationFn: (taskId: string) => unwrap(api.DELETE("/api/admin/quests/{quest_id}/tasks/{task_id}", task(taskId))),
      onSuccess,
    }),
    reorder: useMutation({
      mutationFn: (taskIds: string[]) =>
        unwrap(api.PUT("/api/admin/quests/{quest_id}/task-order", { ...quest, body: { task_ids: taskIds } })),
      onSuccess,
    }),
  };
}

export function useCreateQuest() {
  const onSuccess = useRefreshAdmin();
  return useMutation({
    mutationFn: (body: Schemas["QuestIn"]) => unwrap(api.POST("/api/admin/quests", { body })),
    onSuccess,
  });
}

/** Gemini's draft of a quest on a topic; nothing is saved until the admin creates the quest. */
export function useQuestDraft() {
  return useMutation({
    mutationFn: (body: Schemas["QuestDraftIn"]) => unwrap(api.POST("/api/ai/quest-drafts", { body })),
  });
}

export function useAdminAchievements() {
  return useQuery({
    queryKey: adminKeys.achievements(),
    queryFn: () => unwrap(api.GET("/api/admin/achievements")),
  });
}

/** Adding, changing or retiring one also changes the catalog students see. */
function useRefreshAchievements() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: adminKeys.achievements() });
    void queryClient.invalidateQueries({ queryKey: progressKeys.catalog });
  };
}

export function useCreateAchievement() {
  const onSuccess = useRefreshAchievements();
  return useMutation({
    mutationFn: (body: Schemas["AchievementIn"]) => unwrap(api.POST("/api/admin/achievements", { body })),
    onSuccess,
  });
}

export function useUpdateAchievement() {
  const onSuccess = useRefreshAchievements();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: Schemas["AchievementUpdate"] }) =>
      unwrap(api.PATCH("/api/admin/achievements/{key}", { params: { path: { key } }, body })),
    onSuccess,
  });
}
