import { Link } from "react-router-dom";
import { useQuests } from "../quests/hooks";
import { QuestCard } from "../quests/QuestCard";
import { buttonClass } from "../ui/Button";
import { PillarIcon } from "../ui/PillarIcon";
import { PILLARS } from "../ui/pillars";

const PILLAR_LINES: Record<string, string> = {
  stem_logic: "Build, measure, prove: code, maths, experiments.",
  life_wellness: "Habits, health and the skills of running a life.",
  language_communication: "Write, speak and argue so people listen.",
  society_culture: "History, civics and the worlds other people live in.",
  arts_creativity: "Make things: drawing, music, design, film.",
};

const STEPS = [
  { title: "Take a quest", text: "Pick a quest that interests you: each is a handful of real tasks." },
  { title: "Show your work", text: "Finish each task with evidence: a paragraph, a link, a photo or a PDF." },
  { title: "Earn XP and level up", text: "Every task earns XP in its pillars; streaks and levels show your pace." },
  {
    title: "Share a diploma",
    text: "Your public diploma and signed credentials show what you did, and anyone can verify them.",
  },
];

/** What Optio is, for a signed-out visitor at `/`: the pitch, the pillars, featured quests. */
export function LandingPage() {
  const featured = useQuests({ page: 1, per_page: 3 });
  return (
    <div className="space-y-14">
      <title>Optio · learn by doing, show what you did</title>
      <section className="grid items-center gap-8 md:grid-cols-2">
        <div>
          <h1 className="text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
            Learn by doing. <span className="text-brand-700">Show what you did.</span>
          </h1>
          <p className="mt-4 text-lg text-slate-700">
            Optio is a home for self-directed learning: take quests, finish tasks with real evidence, earn XP in five
            skill pillars and put it all on a public diploma you are proud to link from a resume.
          </p>
          <div className="mt-6 flex flex-wrap gap-3">
            <Link to="/signup" className={buttonClass("primary", "px-6 text-base")}>
              Start for free
            </Link>
            <Link to="/quests" className={buttonClass("secondary", "px-6 text-base")}>
              Browse quests
            </Link>
          </div>
          <p className="mt-3 text-sm text-slate-600">
            Already learning here?{" "}
            <Link to="/login" className="font-medium text-brand-700 underline">
              Log in
            </Link>
          </p>
        </div>
        <ul aria-label="The five pillars" className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {PILLARS.map((pillar) => (
            <li
              key={pillar.key}
              className="flex flex-col items-center rounded-xl border border-slate-200 bg-white p-4 text-center shadow-sm"
            >
              <PillarIcon pillar={pillar.key} className="h-10 w-10" />
              <span className="mt-2 text-sm font-semibold" style={{ color: pillar.color }}>
                {pillar.name}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="pillars-heading">
        <h2 id="pillars-heading" className="text-2xl font-bold tracking-tight">
          Five pillars, one picture of you
        </h2>
        <p className="mt-1 text-slate-700">Every task belongs to one or more pillars; your XP shows where you grow.</p>
        <dl className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {PILLARS.map((pillar) => (
            <div key={pillar.key} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <dt className="flex items-center gap-2 font-semibold">
                <PillarIcon pillar={pillar.key} className="h-6 w-6 shrink-0" />
                {pillar.name}
              </dt>
              <dd className="mt-1 text-sm text-slate-700">{PILLAR_LINES[pillar.key]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="how-heading">
        <h2 id="how-heading" className="text-2xl font-bold tracking-tight">
          How it works
        </h2>
        <ol className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {STEPS.map((step, index) => (
            <li key={step.title} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <span
                aria-hidden
                className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-700 font-bold text-white"
              >
                {index + 1}
              </span>
              <h3 className="mt-2 font-semibold">{step.title}</h3>
              <p className="mt-1 text-sm text-slate-700">{step.text}</p>
            </li>
          ))}
        </ol>
        <p className="mt-4 text-slate-700">
          Parents and advisors follow along only with the student&apos;s consent, and see exactly what the student
          chooses to share.
        </p>
      </section>

      {featured.data && featured.data.data.length > 0 && (
        <section aria-labelledby="featured-heading">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <h2 id="featured-heading" className="text-2xl font-bold tracking-tight">
              Quests to start with
            </h2>
            <Link to="/quests" className="font-medium text-brand-700 underline">
              See all {featured.data.count} quests
            </Link>
          </div>
          <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {featured.data.data.map((quest) => (
              <li key={quest.id}>
                <QuestCard quest={quest} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="rounded-2xl bg-brand-800 px-6 py-10 text-center text-white">
        <h2 className="text-2xl font-bold">Start your first quest today</h2>
        <p className="mt-2 text-brand-100">Free to join. Your diploma is yours to share.</p>
        <Link to="/signup" className={buttonClass("secondary", "mt-5 px-6 text-base")}>
          Create your account
        </Link>
      </section>
    </div>
  );
}
