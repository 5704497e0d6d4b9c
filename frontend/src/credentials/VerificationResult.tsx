import type { ReactNode } from "react";
import { messageOf } from "../api/errors";
import type { Check, Outcome, Verification } from "./verifier/result";

const HEADLINES: Record<Outcome, { title: string; explain: string; style: string }> = {
  verified: {
    title: "Verified",
    explain: "Its issuer signed it, it has not been changed since, it is not revoked and it is within its dates.",
    style: "border-green-600 bg-green-50 text-green-900",
  },
  revoked: {
    title: "Revoked",
    explain: "Its issuer has revoked it: it no longer stands, even though the signature is genuine.",
    style: "border-red-600 bg-red-50 text-red-900",
  },
  invalid: {
    title: "Not valid (tampered or not from its issuer)",
    explain: "Do not rely on it: see which check failed below.",
    style: "border-red-600 bg-red-50 text-red-900",
  },
  unchecked: {
    title: "Could not be checked",
    explain: "Part of the check could not run, so this page cannot vouch for it. Try again later.",
    style: "border-amber-500 bg-amber-50 text-amber-950",
  },
};

const CHECK_NAMES: Record<Check["name"], string> = {
  signature: "Signature",
  status: "Revocation status",
  dates: "Dates",
};

function verdict(name: string, ok: boolean | null): { word: string; mark: string } {
  if (ok === true) return { word: "Passed", mark: "✓" };
  if (ok === false) return { word: name === "status" ? "Revoked" : "Failed", mark: "✗" };
  return { word: "Not checked", mark: "?" };
}

/** The checks, each with its result in plain words (shared with the server's second opinion). */
export function CheckList({ checks }: { checks: { name: string; ok: boolean | null; message: string }[] }) {
  return (
    <ul className="mt-3 space-y-2">
      {checks.map((check) => {
        const { word, mark } = verdict(check.name, check.ok);
        return (
          <li key={check.name} className="flex gap-2 text-sm">
            <span aria-hidden className="w-4 shrink-0 font-bold">
              {mark}
            </span>
            <span className="min-w-0 break-words">
              <strong>
                {CHECK_NAMES[check.name as Check["name"]] ?? check.name}: {word}.
              </strong>{" "}
              {check.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function Frame({ style, children }: { style: string; children: ReactNode }) {
  return <div className={`rounded-xl border-2 p-4 sm:p-6 ${style}`}>{children}</div>;
}

/** The outcome of the browser's check, announced when it arrives, then each check. */
export function VerificationResult({ check }: { check: { data?: Verification; error: unknown; isFetching: boolean } }) {
  const headline = check.data ? HEADLINES[check.data.outcome] : check.error ? HEADLINES.unchecked : null;
  // Outcomes other than "could not be checked" name their cause in the checks, not the title.
  const title =
    check.data?.outcome === "invalid" && check.data.checks.find((c) => c.name === "signature")?.ok !== false
      ? "Not valid (outside its validity dates)"
      : headline?.title;
  return (
    <section aria-labelledby="verification-title" className="space-y-2" data-testid="verification">
      <div role="status" aria-live="polite">
        {headline && !check.isFetching ? (
          <Frame style={headline.style}>
            <h2 id="verification-title" className="text-2xl font-bold">
              {title}
            </h2>
            <p className="mt-1">{headline.explain}</p>
            {check.data && <CheckList checks={check.data.checks} />}
            {check.error != null && <p className="mt-2 text-sm">{messageOf(check.error)}</p>}
          </Frame>
        ) : (
          <Frame style="border-slate-300 bg-white text-slate-800">
            <h2 id="verification-title" className="text-lg font-semibold">
              Checking the credential…
            </h2>
            <p className="mt-1 text-sm">Its signature, revocation status and dates, here in your browser.</p>
          </Frame>
        )}
      </div>
      <p className="text-sm text-slate-600">
        Checked in your browser with Digital Bazaar's open-source verifier, independently of Optio's own code.
      </p>
    </section>
  );
}
