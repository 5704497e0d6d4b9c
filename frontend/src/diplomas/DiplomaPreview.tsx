import { useId } from "react";
import type { Schemas } from "../api/client";
import { DiplomaHero, DiplomaSections } from "./DiplomaView";
import { diplomaUrl } from "./hooks";

/**
 * The editor's live preview: the diploma as visitors will see it once the form is saved, drawn by
 * the public page's own components. Beside the editor on wide screens (kept in view as the editor
 * scrolls), under the form on narrow ones. Quests' work is fetched from `savedSlug`, the address
 * that exists until a new one is saved.
 */
export function DiplomaPreview({
  diploma,
  savedSlug,
  className = "",
}: {
  diploma: Schemas["DiplomaPublic"];
  savedSlug: string;
  className?: string;
}) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className={`min-w-0 ${className}`} data-testid="diploma-preview">
      <div className="rounded-xl border border-slate-300 bg-slate-100 lg:sticky lg:top-4 lg:flex lg:max-h-[calc(100vh-2rem)] lg:flex-col">
        <div className="border-b border-slate-300 px-4 py-3">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <h2 id={`${id}-title`} className="font-semibold">
              Preview
            </h2>
            <p className="text-sm text-slate-700">What visitors see once you save</p>
          </div>
          <p className="mt-2 break-all rounded-md bg-white px-3 py-1 font-mono text-xs text-slate-800">
            <span className="sr-only">Address: </span>
            {diplomaUrl(diploma.slug)}
          </p>
          {!diploma.is_public && (
            <p className="mt-2 text-sm text-slate-800">
              While your diploma is private, visitors are told it is private or does not exist.
            </p>
          )}
        </div>
        {/* Focusable, so that a keyboard can scroll it where it scrolls on its own (wide screens). */}
        <div
          role="group"
          aria-labelledby={`${id}-title`}
          tabIndex={0}
          className="min-h-0 space-y-6 rounded-b-xl p-3 sm:p-4 lg:overflow-y-auto"
        >
          <DiplomaHero diploma={diploma} level={3} />
          <DiplomaSections diploma={diploma} slug={savedSlug} level={4} />
        </div>
      </div>
    </section>
  );
}
