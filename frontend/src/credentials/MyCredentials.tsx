import { Card } from "../ui/Page";
import { Empty, QueryState } from "../ui/States";
import { CredentialActions } from "./CredentialActions";
import { useMyCredentials } from "./hooks";

/** The student's credentials, one per completed quest, on their diploma's editor. */
export function MyCredentials({ isPublic }: { isPublic: boolean }) {
  const credentials = useMyCredentials();
  return (
    <Card aria-labelledby="my-credentials">
      <h2 id="my-credentials" className="font-semibold">
        Your credentials
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Each completed quest earns a signed Open Badges 3.0 credential you can keep, add to LinkedIn or show anyone.
        {!isPublic && " Make your diploma public so that others can open their verify pages."}
      </p>
      <div className="mt-3">
        <QueryState query={credentials} loadingLabel="Loading your credentials…">
          {({ items }) =>
            items.length === 0 ? (
              <Empty title="No credentials yet">Complete a quest to earn your first one.</Empty>
            ) : (
              <ul className="divide-y divide-slate-200">
                {items.map((c) => (
                  <li key={c.id} className="py-3">
                    <p className="font-medium">{c.quest_title}</p>
                    <p className="mb-2 text-sm text-slate-700">Issued {new Date(c.issued_at).toLocaleDateString()}</p>
                    <CredentialActions credential={{ ...c, revoked: c.revoked_at !== null }} />
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </div>
    </Card>
  );
}
