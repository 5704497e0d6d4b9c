import { useEffect, useRef, useState } from "react";
import { Link, Navigate } from "react-router-dom";
import { homeOf } from "../auth/RequireAuth";
import { useAuth } from "../auth/context";
import { QuestCard } from "../quests/QuestCard";
import { useQuests } from "../quests/hooks";
import { Button, buttonClass } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card } from "../ui/Page";
import { PillarIcon } from "../ui/PillarIcon";
import { PILLARS, type PillarKey } from "../ui/pillars";
import { useSaveInterests } from "./hooks";

const STEPS = ["Your interests", "A first quest", "Your tour"] as const;

const TOUR = [
  {
    to: "/dashboard",
    title: "Dashboard",
    text: "Your XP in each pillar, your level, your streak and the quests you are on.",
  },
  {
    to: "/diploma",
    title: "Diploma",
    text: "Everything you finish, with its evidence. Make it public when you are proud of it and share the link.",
  },
  { to: "/quests", title: "Quests", text: "Every quest on Optio, searchable by pillar and source." },
];

function StepHeading({ step, children }: { step: number; children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [step]); // a screen reader hears each new step
  return (
    <h2 ref={ref} tabIndex={-1} className="text-xl font-semibold outline-none">
      {children}
    </h2>
  );
}

function Interests({ picked, onToggle }: { picked: PillarKey[]; onToggle: (pillar: PillarKey) => void }) {
  return (
    <ul aria-label="Pillars" className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {PILLARS.map((pillar) => {
        const on = picked.includes(pillar.key);
        return (
          <li key={pillar.key}>
            <button
              type="button"
              aria-pressed={on}
              onClick={() => onToggle(pillar.key)}
              className={
                "flex min-h-14 w-full items-center gap-3 rounded-xl border-2 bg-white px-4 py-3 text-left font-medium " +
                (on ? "border-brand-700 bg-brand-50" : "border-slate-200 hover:border-slate-400")
              }
            >
              <PillarIcon pillar={pillar.key} className="h-7 w-7 shrink-0" />
              <span className="flex-1">{pillar.name}</span>
              <span aria-hidden className="text-brand-700">
                {on ? "✓" : ""}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function FirstQuest({ pillar }: { pillar: PillarKey | undefined }) {
  const quests = useQuests({ page: 1, per_page: 1, ...(pillar ? { pillar } : {}) });
  const quest = quests.data?.data[0];
  if (quests.isPending) return <p className="mt-4 text-slate-700">Finding a quest for you…</p>;
  if (!quest) {
    return (
      <p className="mt-4 text-slate-700">
        No quest matches yet.{" "}
        <Link to="/quests" className="font-medium text-brand-700 underline">
          Browse them all
        </Link>
        .
      </p>
    );
  }
  return (
    <div className="mt-4 max-w-md">
      <QuestCard quest={quest} />
      <Link to={`/quests/${quest.id}`} className={buttonClass("primary", "mt-4")}>
        Start with this quest
      </Link>
    </div>
  );
}

/** After sign-up: pick the pillars to grow, see a first quest, learn where things are. */
export function WelcomePage() {
  const { user } = useAuth();
  const [step, setStep] = useState(0);
  const [picked, setPicked] = useState<PillarKey[]>((user?.interests ?? []) as PillarKey[]);
  const save = useSaveInterests();
  if (!user) return null;
  if (user.role !== "student") return <Navigate to={homeOf(user)} replace />;

  const toggle = (pillar: PillarKey) =>
    setPicked((now) => (now.includes(pillar) ? now.filter((p) => p !== pillar) : [...now, pillar]));

  return (
    <div className="mx-auto max-w-3xl">
      <title>Welcome · Optio</title>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
        Welcome to Optio{user.first_name ? `, ${user.first_name}` : ""}!
      </h1>
      <ol aria-label="Steps" className="mt-4 flex flex-wrap gap-2 text-sm">
        {STEPS.map((name, index) => (
          <li
            key={name}
            aria-current={index === step ? "step" : undefined}
            className={
              "rounded-full px-3 py-1 " + (index === step ? "bg-brand-700 text-white" : "bg-slate-200 text-slate-800")
            }
          >
            {index + 1}. {name}
          </li>
        ))}
      </ol>
      <Card className="mt-6">
        {step === 0 && (
          <>
            <StepHeading step={step}>What do you want to grow?</StepHeading>
            <p className="mt-1 text-slate-700">Pick any pillars that interest you; you can change them later.</p>
            <Interests picked={picked} onToggle={toggle} />
            <FormError message={save.error ? "Your interests could not be saved. Please try again." : null} />
            <div className="mt-6 flex flex-wrap gap-3">
              <Button busy={save.isPending} onClick={() => save.mutate(picked, { onSuccess: () => setStep(1) })}>
                {picked.length ? "Save and continue" : "Continue"}
              </Button>
              <Link to="/quests" className={buttonClass("ghost")}>
                Skip for now
              </Link>
            </div>
          </>
        )}
        {step === 1 && (
          <>
            <StepHeading step={step}>A first quest for you</StepHeading>
            <p className="mt-1 text-slate-700">
              A quest is a handful of tasks. Finish each with evidence to earn its XP.
            </p>
            <FirstQuest pillar={picked[0]} />
            <div className="mt-6 flex flex-wrap gap-3">
              <Button variant="secondary" onClick={() => setStep(2)}>
                Show me around first
              </Button>
            </div>
          </>
        )}
        {step === 2 && (
          <>
            <StepHeading step={step}>Where things are</StepHeading>
            <ul className="mt-4 grid gap-3 sm:grid-cols-3">
              {TOUR.map((stop) => (
                <li key={stop.to} className="rounded-xl border border-slate-200 p-4">
                  <Link to={stop.to} className="font-semibold text-brand-700 underline">
                    {stop.title}
                  </Link>
                  <p className="mt-1 text-sm text-slate-700">{stop.text}</p>
                </li>
              ))}
            </ul>
            <Link to="/dashboard" className={buttonClass("primary", "mt-6")}>
              Go to my dashboard
            </Link>
          </>
        )}
      </Card>
    </div>
  );
}
