import { Link } from "react-router-dom";
import type { Schemas } from "../api/client";
import { PillarRadar } from "../dashboard/PillarRadar";
import { RELATIONS, scopeOf } from "../links/scopes";
import { XpLevels } from "../progress/PillarLevels";
import { Card, PageHeader } from "../ui/Page";
import { QueryState } from "../ui/States";
import { PILLARS } from "../ui/pillars";
import { CompletionList } from "./CompletionList";
import { StudentQuests } from "./StudentQuests";
import { StudentStats, studentName } from "./StudentSummary";
import { SuggestQuestForm } from "./SuggestQuestForm";
import { useStudent, type StudentCard } from "./hooks";

/** The API's `{pillar: xp}` as the radar takes it (the five pillars, in their order). */
function pillarsOf(xp: Record<string, number>): Schemas["XpPublic"] {
  const pillars = PILLARS.map((p) => ({ pillar: p.key, name: p.name, xp: xp[p.key] ?? 0 }));
  return { pillars, total: Object.values(xp).reduce((sum, n) => sum + n, 0) };
}

/** A public diploma is readable by anyone; a private one by a link that shows evidence. */
export function diplomaReadable(student: StudentCard): boolean {
  return Boolean(student.diploma_slug) && (student.diploma_public || student.scope !== "progress");
}

function About({ student, who }: { student: StudentCard; who: string }) {
  return (
    <Card>
      <p className="mb-3 text-sm text-slate-700">
        You are {who}&apos;s {RELATIONS[student.relation].toLowerCase()}. What they share with you:{" "}
        {scopeOf(student.scope).shares}.{" "}
        {diplomaReadable(student) ? (
          <Link to={`/diploma/${student.diploma_slug}`} className="text-brand-700 underline">
            Open {who}&apos;s diploma
          </Link>
        ) : student.diploma_slug ? (
          "Their diploma is private and not shared with you."
        ) : (
          "They have no diploma yet."
        )}
      </p>
      <StudentStats student={student} />
    </Card>
  );
}

/**
 * One student as their parent or advisor sees them: numbers, XP by pillar, quests, completed
 * tasks with evidence within the link's scope, and for a parent a quest to suggest.
 * `asPage` makes the student's name the page's title; otherwise it heads a section.
 */
export function StudentOverview({ studentId, asPage = false }: { studentId: string; asPage?: boolean }) {
  const overview = useStudent(studentId);
  return (
    <QueryState query={overview} loadingLabel="Loading the student…">
      {(o) => {
        const who = studentName(o.student);
        return (
          <div className="space-y-6" data-testid="student-overview">
            {asPage ? (
              <PageHeader title={who} subtitle={`@${o.student.username ?? ""}`} />
            ) : (
              <h2 className="text-2xl font-semibold">{who}</h2>
            )}
            <About student={o.student} who={who} />
            <div className="grid gap-6 lg:grid-cols-2">
              <Card className="lg:col-span-2">
                <h2 className="text-lg font-semibold">XP by pillar</h2>
                <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
                  <PillarRadar xp={pillarsOf(o.xp_by_pillar)} title={`${who}'s XP by pillar`} />
                  <XpLevels xp={pillarsOf(o.xp_by_pillar)} />
                </div>
              </Card>
              <Card>
                <h2 className="mb-3 text-lg font-semibold">Quests in progress</h2>
                <StudentQuests quests={o.in_progress} who={who} empty="No quest in progress." />
              </Card>
              <Card>
                <h2 className="mb-3 text-lg font-semibold">Completed quests</h2>
                <StudentQuests quests={o.completed} who={who} empty="No quest completed yet." />
              </Card>
            </div>
            {o.student.relation === "parent" && (
              <Card>
                <SuggestQuestForm studentId={o.student.id} who={who} />
              </Card>
            )}
            <Card>
              <h2 className="mb-1 text-lg font-semibold">Completed tasks</h2>
              <CompletionList student={o.student} who={who} />
            </Card>
          </div>
        );
      }}
    </QueryState>
  );
}
