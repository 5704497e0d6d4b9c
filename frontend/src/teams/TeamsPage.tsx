import type { Schemas } from "../api/client";
import { messageOf } from "../api/errors";
import { ConsentRequiredHint } from "../consent/ConsentRequiredHint";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { ProgressBar } from "../ui/ProgressBar";
import { Empty, QueryState } from "../ui/States";
import { DiscoverySetting } from "./DiscoverySetting";
import { SendRequestForm } from "./SendRequestForm";
import { useAnswerRequest, useTeammates, useTeamRequests, type Answer } from "./hooks";

const nameOf = (p: { display_name?: string | null; username?: string | null }) =>
  p.display_name ?? p.username ?? "A student";

function RequestRow({ request, answers }: { request: Schemas["TeamRequestPublic"]; answers: Answer[] }) {
  const answer = useAnswerRequest();
  const labels: Record<Answer, string> = { accept: "Accept", reject: "Reject", cancel: "Cancel request" };
  return (
    <li className="py-3" data-testid="team-request">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="font-medium">
            {nameOf(request.other)}
            {request.other.username && <span className="ml-1 text-sm text-slate-600">@{request.other.username}</span>}
          </p>
          {request.quest?.title && <p className="text-sm text-slate-700">On: {request.quest.title}</p>}
          {request.message && <p className="text-sm italic text-slate-700">“{request.message}”</p>}
        </div>
        <div className="flex gap-2">
          {answers.map((a) => (
            <Button
              key={a}
              variant={a === "accept" ? "primary" : "secondary"}
              busy={answer.isPending && answer.variables?.answer === a}
              disabled={answer.isPending}
              onClick={() => answer.mutate({ id: request.id, answer: a })}
              aria-label={`${labels[a]}: ${nameOf(request.other)}`}
            >
              {labels[a]}
            </Button>
          ))}
        </div>
      </div>
      {answer.error && <FormError message={messageOf(answer.error)} />}
      <ConsentRequiredHint error={answer.error} />
    </li>
  );
}

function Requests() {
  const requests = useTeamRequests();
  return (
    <QueryState query={requests}>
      {(list) => {
        const incoming = list.data.filter((r) => r.direction === "incoming");
        const outgoing = list.data.filter((r) => r.direction === "outgoing");
        return (
          <div className="grid gap-6 md:grid-cols-2">
            <Card>
              <h2 className="text-lg font-semibold">Incoming requests</h2>
              {incoming.length === 0 ? (
                <p className="mt-2 text-sm text-slate-700">No requests waiting for you.</p>
              ) : (
                <ul className="divide-y divide-slate-200" aria-label="Incoming requests">
                  {incoming.map((r) => (
                    <RequestRow key={r.id} request={r} answers={["accept", "reject"]} />
                  ))}
                </ul>
              )}
            </Card>
            <Card>
              <h2 className="text-lg font-semibold">Sent requests</h2>
              {outgoing.length === 0 ? (
                <p className="mt-2 text-sm text-slate-700">You have no pending requests.</p>
              ) : (
                <ul className="divide-y divide-slate-200" aria-label="Sent requests">
                  {outgoing.map((r) => (
                    <RequestRow key={r.id} request={r} answers={["cancel"]} />
                  ))}
                </ul>
              )}
            </Card>
          </div>
        );
      }}
    </QueryState>
  );
}

function Teammates() {
  const teammates = useTeammates();
  return (
    <QueryState query={teammates}>
      {(list) =>
        list.data.length === 0 ? (
          <Empty title="No teammates yet">Send a request above: quests are better together.</Empty>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2" aria-label="Teammates">
            {list.data.map((t) => (
              <li key={t.id} data-testid="teammate">
                <Card>
                  <h3 className="font-semibold">{nameOf(t)}</h3>
                  <p className="text-sm text-slate-600">
                    Teammates since {new Date(t.teamed_up_at).toLocaleDateString()}
                  </p>
                  {t.shared_quests.length === 0 ? (
                    <p className="mt-2 text-sm text-slate-700">No quests in common yet.</p>
                  ) : (
                    <ul className="mt-3 space-y-3">
                      {t.shared_quests.map((q) => (
                        <li key={q.quest_id}>
                          <p className="text-sm">
                            {q.title}: {q.completed_tasks} of {q.total_tasks} tasks
                            {q.completed_at && " · completed"}
                          </p>
                          <ProgressBar
                            percent={q.total_tasks ? (100 * q.completed_tasks) / q.total_tasks : 0}
                            label={`${nameOf(t)} on ${q.title}`}
                          />
                        </li>
                      ))}
                    </ul>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}

export function TeamsPage() {
  return (
    <>
      <PageHeader title="Team" subtitle="Team up with other students and follow each other's progress." />
      <div className="space-y-6">
        <Card>
          <SendRequestForm />
        </Card>
        <Requests />
        <section>
          <h2 className="mb-3 text-xl font-semibold">Teammates</h2>
          <Teammates />
        </section>
        <DiscoverySetting />
      </div>
    </>
  );
}
