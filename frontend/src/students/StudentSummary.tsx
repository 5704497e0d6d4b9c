import { Link } from "react-router-dom";
import { RELATIONS, scopeOf } from "../links/scopes";
import type { StudentCard } from "./hooks";

export const studentName = (s: { display_name?: string | null; username?: string | null }) =>
  s.display_name ?? s.username ?? "A student";

export function lastActive(at: string | null | undefined): string {
  return at ? new Date(at).toLocaleDateString() : "no XP earned yet";
}

/** The numbers a parent or advisor checks first: activity, this week's XP, quests under way. */
export function StudentStats({ student }: { student: StudentCard }) {
  const stats: [string, string | number][] = [
    ["Last active", lastActive(student.last_active_at)],
    ["XP this week", student.xp_this_week],
    ["Quests in progress", student.quests_in_progress],
    ["Quests completed", student.completed_quests],
    ["Total XP", student.xp_total],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      {stats.map(([label, value]) => (
        <div key={label} className="rounded-md bg-slate-50 p-2">
          <dt className="text-xs text-slate-600">{label}</dt>
          <dd className="font-semibold tabular-nums text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One student in an advisor's list. */
export function StudentSummary({ student }: { student: StudentCard }) {
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="student">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">
          <Link to={`/students/${student.id}`} className="text-brand-800 underline">
            {studentName(student)}
          </Link>
        </h2>
        <p className="text-sm text-slate-600">
          {RELATIONS[student.relation]} · sees {scopeOf(student.scope).label.toLowerCase()}
        </p>
      </div>
      <StudentStats student={student} />
    </article>
  );
}
