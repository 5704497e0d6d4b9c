import { Link } from "react-router-dom";
import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from "recharts";
import type { Schemas } from "../api/client";
import { PillarIcon } from "../ui/PillarIcon";
import { pillarOf } from "../ui/pillars";
import { labelCentre, radarData, radarIsEmpty, radarMax, radarPlot, type PlottedPoint } from "./radarData";

const LABEL = { width: 76, height: 34 };

/**
 * An axis label: the pillar's icon over its short name, in its colour. HTML in a foreignObject,
 * as PillarIcon is an <svg> sized by CSS, which browsers ignore on an <svg> nested in another.
 */
export function PillarTick({
  x,
  y,
  payload,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown; coordinate?: number };
}) {
  const pillar = pillarOf(String(payload?.value ?? ""));
  if (!pillar || typeof x !== "number" || typeof y !== "number") return null;
  // Pushed out by what it shows (about 7 px a character of 12 px bold text), not by its box.
  const shown = Math.max(16, pillar.short.length * 7);
  const centre = labelCentre(x, y, payload?.coordinate ?? 90, shown, LABEL.height);
  return (
    <foreignObject
      x={centre.x - LABEL.width / 2}
      y={centre.y - LABEL.height / 2}
      width={LABEL.width}
      height={LABEL.height}
      data-testid={`radar-label-${pillar.key}`}
    >
      <div className="flex flex-col items-center text-xs font-semibold leading-tight" style={{ color: pillar.color }}>
        <PillarIcon pillar={pillar.key} className="h-4 w-4" />
        <span>{pillar.short}</span>
      </div>
    </foreignObject>
  );
}

/** A pillar's point on its axis, in its colour: filled with XP, hollow without. */
export function PillarDot({ cx, cy, payload }: { cx?: number; cy?: number; payload?: PlottedPoint }) {
  if (cx === undefined || cy === undefined || !payload) return null;
  const earned = payload.xp > 0;
  return (
    <circle
      cx={cx}
      cy={cy}
      r={earned ? 5 : 3.5}
      fill={earned ? payload.color : "#fff"}
      stroke={payload.color}
      strokeWidth={2}
      data-testid={`radar-dot-${payload.pillar}`}
    />
  );
}

/**
 * The five-pillar XP radar, with the numbers beside it for everyone who cannot see the chart.
 * Without a `title` it is the signed-in student's own (the dashboard's), whose empty radar
 * points to the quests; another person's radar is titled with whose it is.
 */
export function PillarRadar({ xp, title }: { xp: Schemas["XpPublic"]; title?: string }) {
  const points = radarData(xp);
  const plotted = radarPlot(points);
  const empty = radarIsEmpty(points);
  const own = title === undefined;
  const heading = title ?? "XP by pillar";
  const summary = points.map((p) => `${p.name}: ${p.xp} XP`).join(", ");
  return (
    <figure className="grid items-center gap-4 sm:grid-cols-[minmax(0,1fr)_15rem]" data-testid="pillar-radar">
      <div className="h-64 w-full sm:h-72" role="img" aria-label={`${heading}. ${summary}.`}>
        <ResponsiveContainer width="100%" height="100%">
          <RadarChart data={plotted} outerRadius="68%">
            <PolarGrid />
            <PolarAngleAxis dataKey="pillar" tick={PillarTick} />
            <PolarRadiusAxis domain={[0, radarMax(points)]} tick={false} axisLine={false} />
            <Radar
              dataKey="shown"
              name="XP"
              stroke="#4338ca"
              fill="#4f46e5"
              fillOpacity={empty ? 0.12 : 0.3}
              dot={PillarDot}
              isAnimationActive={false}
            />
          </RadarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <p className="text-sm font-semibold text-slate-800">{heading}</p>
        <dl className="mt-2 space-y-1 text-sm">
          {points.map((p) => (
            <div
              key={p.pillar}
              className="flex items-center justify-between gap-3"
              data-testid={`pillar-xp-${p.pillar}`}
            >
              <dt className="flex items-center gap-2 text-slate-700">
                <PillarIcon pillar={p.pillar} className="h-4 w-4 shrink-0" />
                {p.name}
              </dt>
              <dd className="font-semibold tabular-nums" style={p.xp > 0 ? { color: p.color } : undefined}>
                {p.xp}
              </dd>
            </div>
          ))}
          <div className="flex justify-between gap-3 border-t border-slate-200 pt-1">
            <dt className="font-semibold">Total</dt>
            <dd className="font-bold tabular-nums" data-testid="xp-total">
              {xp.total}
            </dd>
          </div>
        </dl>
        {empty && (
          <p className="mt-3 text-sm text-slate-700" data-testid="pillar-radar-empty">
            {own ? (
              <>
                No XP yet. Finish a task to see your pillars grow:{" "}
                <Link to="/quests" className="font-medium text-brand-700 underline">
                  find a quest
                </Link>
                .
              </>
            ) : (
              "No XP yet: the pillars grow with every task finished."
            )}
          </p>
        )}
      </figcaption>
    </figure>
  );
}
