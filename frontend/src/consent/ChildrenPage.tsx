import { useState } from "react";
import { Card, PageHeader } from "../ui/Page";
import { Empty, QueryState } from "../ui/States";
import { AddChildForm } from "./AddChildForm";
import { ChildActions } from "./ChildActions";
import { useChildren, useWithdrawConsent, type ManagedChild } from "./hooks";
import { formatDate } from "./notice";
import { WithdrawButton } from "./WithdrawButton";

function ChildRow({ child, onDeleted }: { child: ManagedChild; onDeleted: (message: string) => void }) {
  const withdraw = useWithdrawConsent();
  const name = child.display_name ?? "Your child";
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="child">
      <div>
        <p className="font-medium">{name}</p>
        <p className="text-sm text-slate-700">
          You consented on {formatDate(child.granted_at)} (privacy notice version {child.policy_version}).
        </p>
      </div>
      <WithdrawButton
        name={name}
        busy={withdraw.isPending}
        error={withdraw.error}
        onConfirm={() => withdraw.mutate(child.id)}
      />
      <ChildActions child={child} name={child.display_name ?? "your child"} onDeleted={onDeleted} />
    </li>
  );
}

/** A parent's children under 13: the consents given from this account, and adding a child. */
export function ChildrenPage() {
  const children = useChildren();
  const [deleted, setDeleted] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Children's accounts"
        subtitle="Children under 13 you gave your consent for from this account."
      />
      <div className="grid gap-6 md:grid-cols-2">
        <Card aria-labelledby="consented">
          <h2 id="consented" className="text-lg font-semibold">
            Your children
          </h2>
          {deleted && (
            <p role="status" className="mt-2 text-sm text-green-800">
              {deleted}
            </p>
          )}
          <QueryState query={children} loadingLabel="Loading your children…">
            {(list) =>
              list.data.length === 0 ? (
                <div className="mt-3">
                  <Empty title="No children yet">A child you add with the form appears here.</Empty>
                </div>
              ) : (
                <ul className="divide-y divide-slate-200" aria-label="Your children">
                  {list.data.map((child) => (
                    <ChildRow key={child.id} child={child} onDeleted={setDeleted} />
                  ))}
                </ul>
              )
            }
          </QueryState>
        </Card>
        <Card>
          <AddChildForm />
        </Card>
      </div>
    </>
  );
}
