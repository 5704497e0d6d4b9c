import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/errors";

export const BILLING_KEY = ["billing"] as const;

export function useTiers() {
  return useQuery({ queryKey: [...BILLING_KEY, "tiers"], queryFn: () => unwrap(api.GET("/api/tiers")), staleTime: 5 * 60_000 });
}

/**
 * My subscription's state. Asked only when some tier can be bought: a server without Stripe
 * answers 503 billing_not_configured, and /tiers already tells us that (`purchasable`).
 */
export function useSubscriptionStatus(enabled: boolean) {
  return useQuery({
    queryKey: [...BILLING_KEY, "status"],
    queryFn: () => unwrap(api.GET("/api/subscriptions/status")),
    enabled,
  });
}

/** Stripe's pages are on stripe.com: the browser leaves the app for them. */
function go(url: string): void {
  window.location.assign(url);
}

export function useCheckout() {
  return useMutation({
    mutationFn: (tier: "supported" | "academy") => unwrap(api.POST("/api/subscriptions/checkout", { body: { tier } })),
    onSuccess: (redirect) => go(redirect.url),
  });
}

export function usePortal() {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/subscriptions/portal")),
    onSuccess: (portal) => go(portal.url),
  });
}
