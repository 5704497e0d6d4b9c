import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";

export const MY_DIPLOMA_KEY = ["diploma", "mine"] as const;

export function useMyDiploma() {
  return useQuery({ queryKey: MY_DIPLOMA_KEY, queryFn: () => unwrap(api.GET("/api/users/me/diploma")) });
}

export function useUpdateDiploma() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["DiplomaUpdate"]) => unwrap(api.PATCH("/api/users/me/diploma", { body })),
    onSuccess: (diploma) => queryClient.setQueryData(MY_DIPLOMA_KEY, diploma),
  });
}

export function usePublicDiploma(slug: string) {
  return useQuery({
    queryKey: ["diploma", "public", slug],
    queryFn: () => unwrap(api.GET("/api/diplomas/{slug}", { params: { path: { slug } } })),
  });
}

export function diplomaUrl(slug: string): string {
  return `${window.location.origin}/diploma/${encodeURIComponent(slug)}`;
}
