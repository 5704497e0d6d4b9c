import type { ReactNode } from "react";
import { Card } from "../ui/Page";
import { readCredential } from "./document";
import type { CredentialDocument } from "./hooks";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** What the credential says: who issued it to whom, for what, and the evidence. */
export function CredentialDetails({ document }: { document: CredentialDocument }) {
  const view = readCredential(document);
  const { achievement } = view;
  return (
    <Card>
      <h2 className="text-xl font-semibold">{view.name ?? "Credential"}</h2>
      <dl className="mt-2 divide-y divide-slate-200">
        <Row label="Issuer">
          {view.issuer.name ?? "Unnamed issuer"}
          {view.issuer.id && <span className="block break-all font-mono text-sm text-slate-700">{view.issuer.id}</span>}
        </Row>
        <Row label="Recipient">{view.recipientName ?? "Recipient identity is hashed"}</Row>
        {view.issuedAt && (
          <Row label="Issued">{new Date(view.issuedAt).toLocaleDateString(undefined, { dateStyle: "long" })}</Row>
        )}
        {achievement?.name && <Row label="Achievement">{achievement.name}</Row>}
        {achievement?.description && (
          <Row label="Description">
            <span className="whitespace-pre-wrap">{achievement.description}</span>
          </Row>
        )}
        {achievement?.criteria && (
          <Row label="Criteria">
            <span className="whitespace-pre-wrap">{achievement.criteria}</span>
          </Row>
        )}
        {achievement && achievement.tags.length > 0 && <Row label="Pillars">{achievement.tags.join(", ")}</Row>}
        {view.results.length > 0 && (
          <Row label="XP earned">
            <ul>
              {view.results.map((r) => (
                <li key={r.label}>
                  {r.label}: {r.value} XP
                </li>
              ))}
            </ul>
          </Row>
        )}
      </dl>
      <h3 className="mt-4 font-semibold">Evidence</h3>
      {view.evidence.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">None shown: the evidence is private or there is none.</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {view.evidence.map((e, index) => (
            <li key={index} className="border-l-4 border-brand-100 pl-3">
              <p className="font-medium">{e.name ?? `Evidence ${index + 1}`}</p>
              {e.narrative && <p className="whitespace-pre-wrap text-sm text-slate-800">{e.narrative}</p>}
              {e.url && (
                <a
                  className="break-all text-sm text-brand-700 underline"
                  href={e.url}
                  target="_blank"
                  rel="noreferrer noopener nofollow"
                >
                  {e.url}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
