import type { ReactNode } from "react";

/** What waits for a parent's consent, told to the child (`child`) or to a parent. */
export function LockedUntilConsent({ intro, child = false }: { intro: ReactNode; child?: boolean }) {
  return (
    <div>
      <p>{intro}</p>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        <li>
          {child
            ? "making your diploma public: until then only you can see it;"
            : "making the diploma public: until then only the child can see it;"}
        </li>
        <li>teaming up with other students.</li>
      </ul>
      <p className="mt-2">Quests, tasks, evidence and XP work as usual in the meantime.</p>
    </div>
  );
}

/** The short privacy notice a parent reads before consenting, naming its version. */
export function PrivacyNotice({ policyVersion }: { policyVersion: string }) {
  return (
    <section aria-labelledby="privacy-notice">
      <h2 id="privacy-notice" className="text-lg font-semibold">
        What Optio keeps
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-6 text-slate-800">
        <li>The child's name, username and date of birth. The date of birth is never shown to anyone else.</li>
        <li>
          The quests they start, the tasks they complete, the evidence they add (text, links, files) and their XP.
        </li>
        <li>Their diploma, which stays private unless a parent has consented and the child makes it public.</li>
        <li>Who consented, when and how, so the consent can be shown and withdrawn.</li>
      </ul>
      <p className="mt-2 text-slate-800">
        You can withdraw your consent at any time: the child's diploma becomes private again at once and team-ups stop.
      </p>
      <p className="mt-2 text-sm text-slate-600">Privacy notice version {policyVersion}.</p>
    </section>
  );
}

export const formatDate = (iso: string) => new Date(iso).toLocaleDateString();

export const methodWords = { parent_account: "from their Optio account", email_link: "by the e-mailed link" } as const;
