import type { Schemas } from "../api/client";
import { plural } from "../ui/plural";

function price(tier: Schemas["TierPublic"]): string {
  if (tier.price_cents === 0) return "No charge"; // the tier's name may well be "Free" already
  const amount = new Intl.NumberFormat(undefined, { style: "currency", currency: tier.currency.toUpperCase() }).format(
    tier.price_cents / 100,
  );
  return `${amount} / month`;
}

const limit = (n: number | null | undefined, one: string, many: string) =>
  n == null ? `Unlimited ${many}` : plural(n, one, many);

export function TierCard({
  tier,
  current,
  action,
}: {
  tier: Schemas["TierPublic"];
  current: boolean;
  action?: React.ReactNode;
}) {
  const f = tier.features;
  return (
    <article
      className={`flex h-full flex-col rounded-xl border bg-white p-5 shadow-sm ${current ? "border-2 border-brand-700" : "border-slate-200"}`}
      aria-label={`${tier.display_name} plan`}
    >
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-xl font-bold">{tier.display_name}</h2>
        {current && (
          <span className="rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">Your plan</span>
        )}
      </div>
      <p className="mt-1 text-2xl font-semibold">{price(tier)}</p>
      <p className="mt-2 text-sm text-slate-700">{tier.description}</p>
      <ul className="mt-3 flex-1 space-y-1 text-sm text-slate-800">
        <li>{limit(f.max_active_quests, "active quest", "active quests")}</li>
        <li>{limit(f.custom_quest_submissions, "custom quest in review", "custom quests in review")}</li>
        <li>{limit(f.ai_requests_per_day, "AI request a day", "AI requests a day")}</li>
        <li>{f.team_ups ? "Team-ups" : "No team-ups"}</li>
        <li>{f.accredited_diploma ? "Accredited diploma mark" : "Standard diploma"}</li>
      </ul>
      {action && <div className="mt-4">{action}</div>}
    </article>
  );
}
