import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "../api/client";
import { unwrap } from "../api/errors";
import type { User } from "../auth/context";
import { authKeys } from "../auth/hooks";
import { progressKeys } from "./hooks";
import { browserTimeZone } from "./timeZones";

// Users this page has asked for already: once a visit, however often React runs the effect.
const asked = new Set<string>();

/**
 * On first sign-in, give the API this device's time zone when it has none for me, so my days
 * (streak, week, activity) are counted where I am.
 */
export function useDeviceTimeZone(user: User | null) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!user || user.time_zone !== null || asked.has(user.id)) return;
    const zone = browserTimeZone();
    if (!zone) return;
    asked.add(user.id);
    unwrap(api.PATCH("/api/users/me", { body: { time_zone: zone } })).then(
      (saved) => {
        queryClient.setQueryData(authKeys.me, saved);
        void queryClient.invalidateQueries({ queryKey: progressKeys.all });
      },
      // Silent by design: a zone the API refuses or a failed request must not greet a student
      // signing in with an error. Settings offers the choice of zone.
      () => undefined,
    );
  }, [user, queryClient]);
}
