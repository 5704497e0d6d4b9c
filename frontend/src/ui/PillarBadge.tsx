import { pillarOf } from "./pillars";

export function PillarBadge({ pillar }: { pillar: string }) {
  const known = pillarOf(pillar);
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 bg-white px-2 py-0.5 text-xs font-medium text-slate-800">
      <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: known?.color ?? "#475569" }} />
      {known?.name ?? pillar}
    </span>
  );
}
