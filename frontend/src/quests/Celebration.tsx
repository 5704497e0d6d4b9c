import { useEffect, useRef } from "react";
import { ButtonLink } from "../ui/Button";

// Confetti drawn with CSS, so it needs no emoji font.
const CONFETTI = ["#1d4ed8", "#047857", "#b45309", "#7e22ce", "#be123c", "#4338ca", "#0e7490", "#ca8a04"];

/** Falling paper behind a moment worth it; it moves only for those who have not asked for less motion. */
export function Confetti() {
  return (
    <div aria-hidden className="pointer-events-none absolute inset-0 flex justify-around">
      {CONFETTI.map((color, i) => (
        <span
          key={color}
          className="mt-2 block h-3 w-2 rounded-sm motion-safe:animate-bounce"
          style={{ background: color, animationDelay: `${i * 120}ms`, transform: `rotate(${i * 37}deg)` }}
        />
      ))}
    </div>
  );
}

/** The moment a quest is done: announced, focused, and a little festive. */
export function Celebration({ title, xp, onClose }: { title: string; xp: number; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      role="status"
      aria-live="polite"
      className="relative mb-6 overflow-hidden rounded-xl border-2 border-green-600 bg-green-50 p-6 text-center"
      data-testid="celebration"
    >
      <Confetti />
      <h2 ref={heading} tabIndex={-1} className="relative mt-6 text-2xl font-bold text-green-900">
        Quest complete!
      </h2>
      <p className="relative mt-2 text-green-900">
        You finished <strong>{title}</strong> and earned {xp} XP.
      </p>
      <div className="relative mt-4 flex flex-wrap justify-center gap-2">
        <ButtonLink to="/dashboard">See your dashboard</ButtonLink>
        <ButtonLink to="/diploma" variant="secondary">
          Update your diploma
        </ButtonLink>
        <button type="button" className="text-sm text-green-900 underline" onClick={onClose}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
