import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from "recharts";
import type { Schemas } from "../api/client";
import { radarData, radarMax } from "./radarData";

/** The five-pillar XP radar, with the numbers beside it for everyone who cannot see the chart. */
export function PillarRadar({ xp, title = "XP by pillar" }: { xp: Schemas["XpPublic"]; title?: string }) {
  const points = radarData(xp);
  const summary = points.map((p) => `${p.name}: ${p.xp} XP`).join(", ");
  return (
    <figure className="grid items-center gap-4 sm:grid-cols-[minmax(0,1fr)_14rem]" data-testid="pillar-radar">
      <div className="h-64 w-full sm:h-72" role="img" aria-label={`${title}. ${summary}.`}>
        <ResponsiveContainer width="100%" height="100%">
          <RadarChart data={points} outerRadius="72%">
            <PolarGrid />
            <PolarAngleAxis dataKey="label" tick={{ fill: "#334155", fontSize: 12 }} />
            <PolarRadiusAxis domain={[0, radarMax(points)]} tick={false} axisLine={false} />
            <Radar
              dataKey="xp"
              name="XP"
              stroke="#4338ca"
              fill="#4f46e5"
              fillOpacity={0.35}
              isAnimationActive={false}
            />
          </RadarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <p className="text-sm font-semibold text-slate-800">{title}</p>
        <dl className="mt-2 space-y-1 text-sm">
          {points.map((p) => (
            <div key={p.pillar} className="flex justify-between gap-3" data-testid={`pillar-xp-${p.pillar}`}>
              <dt className="text-slate-700">{p.name}</dt>
              <dd className="font-semibold tabular-nums">{p.xp}</dd>
            </div>
          ))}
          <div className="flex justify-between gap-3 border-t border-slate-200 pt-1">
            <dt className="font-semibold">Total</dt>
            <dd className="font-bold tabular-nums" data-testid="xp-total">
              {xp.total}
            </dd>
          </div>
        </dl>
      </figcaption>
    </figure>
  );
}
