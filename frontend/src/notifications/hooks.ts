import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/errors";

/**
 * How often the unread count and the open list are asked again while the tab is visible. TanStack
 * Query pauses the interval while the document is hidden (refetchIntervalInBackground is off) and
 * asks again as soon as the tab is shown.
 */
export const POLL_MS = 30_000;

export const notificationKeys = {
  all: ["notifications"] as const,
  page: (page: number) => [...notificationKeys.all, "page", page] as const,
  unread: () => [...notificationKeys.all, "unread"] as const,
};

export function useNotifications(page: number, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.page(page),
    queryFn: () => unwrap(api.GET("/api/notifications", { params: { query: { page, per_page: 20 } } })),
    enabled,
    refetchInterval: POLL_MS,
  });
}

/** My unread count for the navigation's badge: one small query (one round trip), polled. */
export function useUnreadCount(enabled: boolean): number {
  const query = useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: () => unwrap(api.GET("/api/notifications/unread-count")),
    enabled,
    refetchInterval: POLL_MS,
  });
  return enabled ? (query.data?.unread_count ?? 0) : 0;
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST("/api/notifications/{notification_id}/read", { params: { path: { notification_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/notifications/read-all")),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
