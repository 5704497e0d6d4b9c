import { messageOf } from "../api/errors";
import { CredentialActions } from "../credentials/CredentialActions";
import { Button } from "../ui/Button";
import { useIssueAchievementCredential } from "./hooks";
import type { Achievement } from "./types";

/**
 * An unlocked achievement as a verifiable credential: asked for once, then kept, shown on
 * LinkedIn and checked like a quest's.
 */
export function AchievementCredential({ achievement }: { achievement: Achievement }) {
  const issue = useIssueAchievementCredential();
  const { unlocked_at: unlocked, credential_id: id, name } = achievement;
  if (!unlocked) return null;
  if (id) {
    return <CredentialActions credential={{ id, quest_title: name, issued_at: unlocked, revoked: false }} />;
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" busy={issue.isPending} onClick={() => issue.mutate(achievement.key)}>
        Get a verifiable credential <span className="sr-only">of {name}</span>
      </Button>
      {issue.error && (
        <p role="alert" className="w-full text-sm font-medium text-red-700">
          {messageOf(issue.error)}
        </p>
      )}
    </div>
  );
}
