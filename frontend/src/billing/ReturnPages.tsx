import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { authKeys } from "../auth/hooks";
import { ButtonLink } from "../ui/Button";
import { Card, PageHeader } from "../ui/Page";
import { billingKeys } from "./hooks";

/** Stripe sends the browser here after paying; the webhook has updated (or soon updates) the tier. */
export function CheckoutSuccessPage() {
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: billingKeys.all });
    void queryClient.invalidateQueries({ queryKey: authKeys.me });
  }, [queryClient]);
  return (
    <>
      <PageHeader title="Thank you!" subtitle="Your payment went through." />
      <Card>
        <p className="text-slate-800">Your new plan is active as soon as Stripe confirms it, usually within seconds.</p>
        <ButtonLink className="mt-4" to="/billing">
          See your plan
        </ButtonLink>
      </Card>
    </>
  );
}

export function CheckoutCancelPage() {
  return (
    <>
      <PageHeader title="Checkout cancelled" subtitle="Nothing was charged." />
      <Card>
        <p className="text-slate-800">You can choose a plan whenever you like.</p>
        <ButtonLink className="mt-4" to="/billing" variant="secondary">
          Back to plans
        </ButtonLink>
      </Card>
    </>
  );
}
