import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/errors";
import { accountKeys } from "../account/hooks";

export const unsubscribeKeys = {
  link: (token: string) => ["mail", "unsubscribe", token] as const,
};

/** What an e-mail's unsubscribe link would turn off (signed out; changes nothing). */
export function useUnsubscribeLink(token: string) {
  return useQuery({
    queryKey: unsubscribeKeys.link(token),
    queryFn: () => unwrap(api.GET("/api/mail/unsubscribe", { params: { query: { token } } })),
    enabled: token !== "",
  });
}

/** Turn off the category the link names; the answer says it is off. */
export function useUnsubscribe(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/mail/unsubscribe", { params: { query: { token } } })),
    onSuccess: (answer) => {
      queryClient.setQueryData(unsubscribeKeys.link(token), answer);
      // Signed in as the link's owner, the settings page would otherwise show it on for a while.
      void queryClient.invalidateQueries({ queryKey: accountKeys.preferences });
    },
  });
}
