import { useParams } from "react-router-dom";
import { apiAsset } from "../api/client";
import { ApiError } from "../api/errors";
import { CredentialActions } from "../credentials/CredentialActions";
import { useDiplomaCredentials } from "../credentials/hooks";
import { PillarRadar } from "../dashboard/PillarRadar";
import { XpLevels } from "../progress/PillarLevels";
import { buttonClass, ButtonLink } from "../ui/Button";
import { Card } from "../ui/Page";
import { ErrorState, Loading } from "../ui/States";
import { CompletedQuests } from "./CompletedQuests";
import { DiplomaMeta } from "./DiplomaMeta";
import { DiplomaQuest } from "./DiplomaQuest";
import { diplomaUrl, usePublicDiploma } from "./hooks";

function AccreditedMark() {
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full border border-amber-400 bg-amber-50 px-3 py-1 text-sm font-semibold text-amber-900"
      data-testid="accredited"
    >
      <span aria-hidden>★</span> Accredited by Optio
    </span>
  );
}

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
  const { totals } = d;
  const byQuest = new Map((credentials.data?.items ?? []).map((c) => [c.quest_id, c]));
  const credentialOf = (quest: { id: string }) => {
    const credential = byQuest.get(quest.id);
    return credential && <CredentialActions credential={credential} />;
  };
  const anyLive = [...byQuest.values()].some((c) => !c.revoked);
  return (
    <div className="space-y-6" data-testid="diploma-content">
      <DiplomaMeta diploma={d} url={diplomaUrl(d.slug)} />
      <header className="rounded-xl bg-gradient-to-br from-brand-800 to-brand-600 p-6 text-white sm:p-10">
        <p className="text-sm uppercase tracking-widest text-brand-100">Optio diploma</p>
        <h1 className="mt-2 text-3xl font-bold sm:text-4xl">{d.display_name}</h1>
        {d.headline && <p className="mt-2 text-lg text-brand-50">{d.headline}</p>}
        <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          {d.accredited && <AccreditedMark />}
          <span>Member since {new Date(d.member_since).toLocaleDateString()}</span>
          <span>{d.xp.total} XP</span>
          <span>
            {totals.completed_quests} {totals.completed_quests === 1 ? "quest" : "quests"} and {totals.completed_tasks}{" "}
            {totals.completed_tasks === 1 ? "task" : "tasks"} completed
          </span>
          {!d.is_public && <span className="rounded bg-white/20 px-2 py-0.5">Private: only you see this</span>}
        </div>
        {anyLive && (
          <a
            className={buttonClass("secondary", "mt-4")}
            href={apiAsset(`/api/diplomas/${encodeURIComponent(d.slug)}/clr`)}
            download
          >
            Download learner record
          </a>
        )}
      </header>
      {d.bio && (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">About</h2>
          <p className="whitespace-pre-wrap text-slate-800">{d.bio}</p>
        </Card>
      )}
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Skills</h2>
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
          <PillarRadar xp={d.xp} title="XP in the five pillars" />
          <XpLevels xp={d.xp} />
        </div>
      </Card>
      {d.featured_quests.length > 0 && (
        <section aria-labelledby="featured-quests">
          <h2 id="featured-quests" className="mb-3 text-xl font-semibold">
            Featured quests
          </h2>
          <div className="space-y-4">
            {d.featured_quests.map((q) => (
              <DiplomaQuest key={q.id} slug={d.slug} quest={q} action={credentialOf(q)} />
            ))}
          </div>
        </section>
      )}
      <section aria-labelledby="completed-quests">
        <h2 id="completed-quests" className="mb-3 text-xl font-semibold">
          Completed quests
        </h2>
        <CompletedQuests
          slug={d.slug}
          recent={d.recent_quests}
          more={d.more_quests}
          total={totals.completed_quests}
          action={credentialOf}
        />
      </section>
      {d.in_progress_quests.length > 0 && (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">In progress</h2>
          <ul className="list-inside list-disc text-slate-800">
            {d.in_progress_quests.map((q) => (
              <li key={q.id}>
                {q.title} ({q.progress.percent}%)
              </li>
            ))}
          </ul>
          {totals.quests_in_progress > d.in_progress_quests.length && (
            <p className="mt-2 text-sm text-slate-700">
              And {totals.quests_in_progress - d.in_progress_quests.length} more in progress.
            </p>
          )}
        </Card>
      )}
    </div>
  );
}
