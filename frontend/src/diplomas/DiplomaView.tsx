import { useId, type ReactNode } from "react";
import type { Schemas } from "../api/client";
import { PillarRadar } from "../dashboard/PillarRadar";
import { XpLevels } from "../progress/PillarLevels";
import { Card } from "../ui/Page";
import { CompletedQuests } from "./CompletedQuests";
import { DiplomaQuest, type HeadingLevel } from "./DiplomaQuest";
import { initialsOf } from "../ui/Avatar";

type Diploma = Schemas["DiplomaPublic"];
type Quest = Schemas["DiplomaQuestSummary"];

/** The student's initials in a circle; decorative, as the name stands beside it. */
export function Initials({ name }: { name: string }) {
  return (
    <span
      aria-hidden
      data-testid="diploma-initials"
      className="inline-flex h-14 w-14 shrink-0 items-center justify-center rounded-full bg-white text-xl font-bold text-brand-800 shadow-sm @xl:h-20 @xl:w-20 @xl:text-3xl"
    >
      {initialsOf(name)}
    </span>
  );
}

function Heading({
  level,
  className,
  children,
  id,
}: {
  level: HeadingLevel;
  className?: string;
  children: ReactNode;
  id?: string;
}) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={className}>
      {children}
    </Tag>
  );
}

function deeper(level: HeadingLevel): HeadingLevel {
  return Math.min(level + 1, 6) as HeadingLevel;
}

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

/**
 * A diploma's banner: initials, name, headline, XP and totals. `actions` go under it (sharing, the
 * learner record). `level` is the name's heading level: 1 on the diploma's own page.
 */
export function DiplomaHero({
  diploma: d,
  level = 1,
  actions,
}: {
  diploma: Diploma;
  level?: HeadingLevel;
  actions?: ReactNode;
}) {
  const { totals } = d;
  return (
    <header
      className="diploma-hero @container rounded-xl bg-gradient-to-br from-brand-800 to-brand-600 p-6 text-white"
      data-testid="diploma-hero"
    >
      <div className="@xl:p-4">
        <p className="text-sm uppercase tracking-widest text-brand-100">Optio diploma</p>
        <div className="mt-3 flex items-center gap-4">
          <Initials name={d.display_name} />
          <Heading level={level} className="min-w-0 break-words text-3xl font-bold @xl:text-4xl">
            {d.display_name}
          </Heading>
        </div>
        {d.headline && <p className="mt-3 break-words text-lg text-brand-50">{d.headline}</p>}
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
        {actions}
      </div>
    </header>
  );
}

/**
 * What a diploma shows under its banner: bio, skills, featured, completed and in-progress quests.
 * Quests' work is fetched from `slug` (the saved address) when opened; `credentialOf` adds a
 * quest's credential controls.
 */
export function DiplomaSections({
  diploma: d,
  slug = d.slug,
  level = 2,
  credentialOf,
}: {
  diploma: Diploma;
  slug?: string;
  level?: HeadingLevel;
  credentialOf?: (quest: Quest) => ReactNode;
}) {
  const id = useId();
  const { totals } = d;
  return (
    <div className="@container space-y-6">
      {d.bio && (
        <Card>
          <Heading level={level} className="mb-2 text-lg font-semibold">
            About
          </Heading>
          <p className="whitespace-pre-wrap break-words text-slate-800">{d.bio}</p>
        </Card>
      )}
      <Card>
        <Heading level={level} className="mb-2 text-lg font-semibold">
          Skills
        </Heading>
        <div className="grid gap-6 @3xl:grid-cols-[minmax(0,1fr)_16rem]">
          <PillarRadar xp={d.xp} title="XP in the five pillars" />
          <XpLevels xp={d.xp} />
        </div>
      </Card>
      {d.featured_quests.length > 0 && (
        <section aria-labelledby={`${id}-featured`}>
          <Heading level={level} id={`${id}-featured`} className="mb-3 text-xl font-semibold">
            Featured quests
          </Heading>
          <div className="space-y-4">
            {d.featured_quests.map((q) => (
              <DiplomaQuest key={q.id} slug={slug} quest={q} action={credentialOf?.(q)} level={deeper(level)} />
            ))}
          </div>
        </section>
      )}
      <section aria-labelledby={`${id}-completed`}>
        <Heading level={level} id={`${id}-completed`} className="mb-3 text-xl font-semibold">
          Completed quests
        </Heading>
        <CompletedQuests
          slug={slug}
          recent={d.recent_quests}
          more={d.more_quests}
          total={totals.completed_quests}
          action={credentialOf}
          level={deeper(level)}
        />
      </section>
      {d.in_progress_quests.length > 0 && (
        <Card>
          <Heading level={level} className="mb-2 text-lg font-semibold">
            In progress
          </Heading>
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
