import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";

export const diplomaKeys = {
  mine: ["diploma", "mine"] as const,
  public: (slug: string) => ["diploma", "public", slug] as const,
};

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

export function usePublicDiploma(slug: string) {
  return useQuery({
    queryKey: diplomaKeys.public(slug),
    queryFn: () => unwrap(api.GET("/api/diplomas/{slug}", { params: { path: { slug } } })),
  });
}

export function diplomaUrl(slug: string): string {
  return `${window.location.origin}/diploma/${encodeURIComponent(slug)}`;
}
