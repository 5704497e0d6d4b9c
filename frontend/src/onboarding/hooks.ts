import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/errors";
import { authKeys } from "../auth/hooks";
import type { PillarKey } from "../ui/pillars";

/** Save the pillars I picked (PATCH /users/me; [] clears them). */
export function useSaveInterests() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (interests: PillarKey[]) => unwrap(api.PATCH("/api/users/me", { body: { interests } })),
    onSuccess: (user) => queryClient.setQueryData(authKeys.me, user),
  });
}
