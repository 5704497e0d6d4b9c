import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ME_KEY } from "../auth/AuthProvider";
import { ButtonLink } from "../ui/Button";
import { Card, PageHeader } from "../ui/Page";
import { BILLING_KEY } from "./hooks";

/** Stripe sends the browser here after paying; the webhook has updated (or soon updates) the tier. */
export function CheckoutSuccessPage() {
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: BILLING_KEY });
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
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
