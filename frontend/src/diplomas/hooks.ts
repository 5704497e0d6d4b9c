import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";
import { useAuth } from "../auth/context";

export const diplomaKeys = {
  mine: ["diploma", "mine"] as const,
  public: (slug: string) => ["diploma", "public", slug] as const,
  quests: (slug: string, from: string | null) => ["diploma", "quests", slug, from] as const,
  quest: (slug: string, id: string) => ["diploma", "quest", slug, id] as const,
};

/** How many completed quests "Show more quests" adds at a time. */
export const QUESTS_PER_PAGE = 20;

export function useMyDiploma() {
  return useQuery({ queryKey: diplomaKeys.mine, queryFn: () => unwrap(api.GET("/api/users/me/diploma")) });
}

export function useUpdateDiploma() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["DiplomaUpdate"]) => unwrap(api.PATCH("/api/users/me/diploma", { body })),
    onSuccess: (diploma) => queryClient.setQueryData(diplomaKeys.mine, diploma),
  });
}

/** A diploma's first view: profile, XP, totals, featured, recent and in-progress quests. */
export function usePublicDiploma(slug: string) {
  // A public diploma may be kept by caches for a minute. Someone signed in may be its owner, who
  // has just changed it: their browser asks the server every time (a 304 when nothing changed).
  const { user } = useAuth();
  const cache: RequestCache = user ? "no-cache" : "default";
  return useQuery({
    queryKey: diplomaKeys.public(slug),
    queryFn: () => unwrap(api.GET("/api/diplomas/{slug}", { params: { path: { slug } }, cache })),
  });
}

/**
 * The diploma's completed quests a page at a time, from the cursor `from` (the first view's
 * `more_quests`; null from the newest). Nothing is fetched until `enabled`.
 */
export function useDiplomaQuests(slug: string, from: string | null, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: diplomaKeys.quests(slug, from),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/diplomas/{slug}/quests", {
          params: { path: { slug }, query: { limit: QUESTS_PER_PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: from,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    enabled,
  });
}

/** One completed quest with its tasks and evidence, fetched once `enabled` (the quest opened). */
export function useDiplomaQuest(slug: string, id: string, enabled: boolean) {
  return useQuery({
    queryKey: diplomaKeys.quest(slug, id),
    queryFn: () =>
      unwrap(api.GET("/api/diplomas/{slug}/quests/{quest_id}", { params: { path: { slug, quest_id: id } } })),
    enabled,
  });
}

export function diplomaUrl(slug: string): string {
  return `${window.location.origin}/diploma/${encodeURIComponent(slug)}`;
}
