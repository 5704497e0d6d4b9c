import { Card } from "../ui/Page";
import { ErrorState, Loading } from "../ui/States";
import { CredentialActions } from "./CredentialActions";
import { useMyCredentials } from "./hooks";

/** A completed quest's credential, on the quest's page. */
export function QuestCredential({ questId }: { questId: string }) {
  const credentials = useMyCredentials();
  if (credentials.isPending) return <Loading label="Loading your credential…" />;
  if (credentials.error) return <ErrorState error={credentials.error} retry={() => void credentials.refetch()} />;
  const found = credentials.data.items.find((c) => c.quest_id === questId);
  if (!found) return null;
  return (
    <Card aria-labelledby="quest-credential" className="mb-6">
      <h2 id="quest-credential" className="text-lg font-semibold">
        Your credential
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-700">
        A signed Open Badges 3.0 credential of this quest: anyone can check that Optio issued it to you.
      </p>
      <CredentialActions credential={{ ...found, revoked: found.revoked_at !== null }} />
    </Card>
  );
}
