import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { messageOf } from "../api/errors";
import { authKeys } from "../auth/hooks";
import { useAuth } from "../auth/context";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { QueryState } from "../ui/States";
import { TierCard } from "./TierCard";
import { useCheckout, usePortal, useSubscriptionStatus, useTiers } from "./hooks";

export function SubscriptionPage() {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  // The tier may have changed since sign-in (an admin, a webhook): read it afresh here.
  useEffect(() => void queryClient.invalidateQueries({ queryKey: authKeys.me }), [queryClient]);
  const tiers = useTiers();
  const billing = Boolean(tiers.data?.data.some((t) => t.purchasable));
  const status = useSubscriptionStatus(billing);
  const checkout = useCheckout();
  const portal = usePortal();
  const tier = status.data?.tier ?? user?.subscription_tier ?? "free";

  return (
    <>
      <PageHeader
        title="Your plan"
        subtitle="Support Optio and unlock more quests, custom quests and AI help."
        actions={
          status.data?.has_billing_account && (
            <Button variant="secondary" busy={portal.isPending} onClick={() => portal.mutate()}>
              Manage billing
            </Button>
          )
        }
      />
      <FormError message={checkout.error || portal.error ? messageOf(checkout.error ?? portal.error) : null} />
      {status.data?.past_due && (
        <Card className="mb-4 border-amber-400 bg-amber-50">
          <p className="text-amber-900">
            Your last payment failed. You keep your plan until{" "}
            {status.data.grace_until ? new Date(status.data.grace_until).toLocaleDateString() : "the grace period ends"}
            : update your payment method under “Manage billing”.
          </p>
        </Card>
      )}
      {tiers.data && !billing && (
        <p role="note" className="mb-4 rounded-md border border-slate-300 bg-white p-3 text-sm text-slate-700">
          Payments are not set up on this server, so plans cannot be bought here yet.
        </p>
      )}
      <QueryState query={tiers}>
        {(list) => (
          <ul className="grid gap-4 md:grid-cols-3">
            {list.data.map((t) => (
              <li key={t.tier}>
                <TierCard
                  tier={t}
                  current={t.tier === tier}
                  action={
                    t.purchasable &&
                    t.tier !== tier &&
                    (t.tier === "supported" || t.tier === "academy") && (
                      <Button
                        className="w-full"
                        busy={checkout.isPending && checkout.variables === t.tier}
                        onClick={() => checkout.mutate(t.tier as "supported" | "academy")}
                      >
                        Choose {t.display_name}
                      </Button>
                    )
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {status.data?.current_period_end && (
        <p className="mt-4 text-sm text-slate-700">
          Renews on {new Date(status.data.current_period_end).toLocaleDateString()}.
        </p>
      )}
    </>
  );
}
