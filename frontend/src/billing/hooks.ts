import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/errors";
import { leaveFor } from "./redirect";

export const billingKeys = {
  all: ["billing"] as const,
  tiers: () => [...billingKeys.all, "tiers"] as const,
  status: () => [...billingKeys.all, "status"] as const,
};

export function useTiers() {
  return useQuery({
    queryKey: billingKeys.tiers(),
    queryFn: () => unwrap(api.GET("/api/tiers")),
    staleTime: 5 * 60_000,
  });
}

/**
 * My subscription's state. Asked only when some tier can be bought: a server without Stripe
 * answers 503 billing_not_configured, and /tiers already tells us that (`purchasable`).
 */
export function useSubscriptionStatus(enabled: boolean) {
  return useQuery({
    queryKey: billingKeys.status(),
    queryFn: () => unwrap(api.GET("/api/subscriptions/status")),
    enabled,
  });
}

export function useCheckout() {
  return useMutation({
    mutationFn: (tier: "supported" | "academy") => unwrap(api.POST("/api/subscriptions/checkout", { body: { tier } })),
    onSuccess: (redirect) => leaveFor(redirect.url),
  });
}

export function usePortal() {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/subscriptions/portal")),
    onSuccess: (portal) => leaveFor(portal.url),
  });
}
