import { useMutation } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/errors";
import type { PillarKey } from "../ui/pillars";

/** Save the pillars I picked (PATCH /users/me; [] clears them). */
export function useSaveInterests() {
  return useMutation({
    mutationFn: (interests: PillarKey[]) => unwrap(api.PATCH("/api/users/me", { body: { interests } })),
  });
}
