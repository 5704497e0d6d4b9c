import { useParams } from "react-router-dom";
import { apiAsset } from "../api/client";
import { ApiError } from "../api/errors";
import { CredentialActions } from "../credentials/CredentialActions";
import { useDiplomaCredentials } from "../credentials/hooks";
import { buttonClass, ButtonLink } from "../ui/Button";
import { Card } from "../ui/Page";
import { ErrorState, Loading } from "../ui/States";
import { DiplomaMeta } from "./DiplomaMeta";
import { DiplomaHero, DiplomaSections } from "./DiplomaView";
import { diplomaUrl, usePublicDiploma } from "./hooks";
import "./diploma.css";
import { ShareDiploma } from "./ShareDiploma";

export function PublicDiplomaPage() {
  const { slug = "" } = useParams();
  const diploma = usePublicDiploma(slug);
  const credentials = useDiplomaCredentials(slug);
  if (diploma.isPending) return <Loading label="Loading the diploma…" />;
  if (diploma.error instanceof ApiError && diploma.error.status === 404) {
    return (
      <Card>
        <title>Diploma not found · Optio</title>
        <h1 className="text-xl font-bold">This diploma is private or does not exist</h1>
        <p className="mt-2 text-slate-700">Its owner may not have published it yet.</p>
        <ButtonLink className="mt-4" to="/quests">
          Explore Optio's quests
        </ButtonLink>
      </Card>
    );
  }
  if (diploma.error || !diploma.data) return <ErrorState error={diploma.error} retry={() => void diploma.refetch()} />;
  const d = diploma.data;
  const byQuest = new Map((credentials.data?.items ?? []).map((c) => [c.quest_id, c]));
  const credentialOf = (quest: { id: string }) => {
    const credential = byQuest.get(quest.id);
    return credential && <CredentialActions credential={credential} />;
  };
  const anyLive = [...byQuest.values()].some((c) => !c.revoked);
  const url = diplomaUrl(d.slug);
  return (
    <div className="space-y-6" data-testid="diploma-content" data-diploma-page>
      <DiplomaMeta diploma={d} url={url} />
      <DiplomaHero
        diploma={d}
        actions={
          <ShareDiploma url={url} title={`${d.display_name}'s diploma · Optio`} print onDark>
            {anyLive && (
              <a
                className={buttonClass("secondary")}
                href={apiAsset(`/api/diplomas/${encodeURIComponent(d.slug)}/clr`)}
                download
              >
                Download learner record
              </a>
            )}
          </ShareDiploma>
        }
      />
      <DiplomaSections diploma={d} credentialOf={credentialOf} />
    </div>
  );
}
