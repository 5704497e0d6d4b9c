import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/errors";

export const notificationKeys = {
  all: ["notifications"] as const,
  page: (page: number) => [...notificationKeys.all, page] as const,
};

export function useNotifications(page: number, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.page(page),
    queryFn: () => unwrap(api.GET("/api/notifications", { params: { query: { page, per_page: 20 } } })),
    enabled,
  });
}

export function useUnreadCount(enabled: boolean): number {
  return useNotifications(1, enabled).data?.unread_count ?? 0;
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST("/api/notifications/{notification_id}/read", { params: { path: { notification_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
