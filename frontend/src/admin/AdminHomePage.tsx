import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { Schemas } from "../api/client";
import { Card, PageHeader } from "../ui/Page";
import { QueryState } from "../ui/States";
import { useAdminUsers, useAnalytics, useQueue } from "./hooks";

const PREVIEW = 5;
const ROLES: Record<string, string> = { student: "Student", parent: "Parent", advisor: "Advisor", admin: "Admin" };

function Section({ title, action, children }: { title: string; action: ReactNode; children: ReactNode }) {
  const id = `admin-home-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <Card aria-labelledby={id}>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </Card>
  );
}

function nameOf(user: Schemas["AdminUserPublic"]): string {
  return user.display_name ?? ([user.first_name, user.last_name].filter(Boolean).join(" ") || user.email);
}

const linkClass = "text-sm font-medium text-brand-700 underline";

function WaitingSubmissions() {
  const queue = useQueue("pending", 1);
  return (
    <QueryState query={queue}>
      {(list) => (
        <Section
          title="Waiting for review"
          action={
            <Link to="/admin/submissions" className={linkClass}>
              Review {list.count === 1 ? "it" : `all ${list.count}`}
            </Link>
          }
        >
          <p className="text-3xl font-bold tabular-nums" data-testid="waiting-count">
            {list.count}
          </p>
          {list.count === 0 ? (
            <p className="text-sm text-slate-700">No proposals are waiting. Nice work.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {list.data.slice(0, PREVIEW).map((submission) => (
                <li key={submission.id}>
                  {submission.title}{" "}
                  <span className="text-slate-600">
                    · {new Date(submission.created_at).toLocaleDateString(undefined, { dateStyle: "medium" })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}
    </QueryState>
  );
}

function RecentSignups() {
  const users = useAdminUsers("", 1);
  return (
    <QueryState query={users}>
      {(list) => (
        <Section
          title="Recent sign-ups"
          action={
            <Link to="/admin/users" className={linkClass}>
              All users
            </Link>
          }
        >
          <ul className="divide-y divide-slate-100 text-sm">
            {list.data.slice(0, PREVIEW).map((user) => (
              <li key={user.id} className="flex flex-wrap justify-between gap-x-3 py-1.5">
                <span className="min-w-0 break-words">
                  {nameOf(user)} <span className="text-slate-600">({ROLES[user.role] ?? user.role})</span>
                </span>
                <span className="text-slate-600">
                  {new Date(user.created_at).toLocaleDateString(undefined, { dateStyle: "medium" })}
                </span>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </QueryState>
  );
}

function AtAGlance() {
  const analytics = useAnalytics();
  return (
    <QueryState query={analytics}>
      {(a) => {
        const completions = a.completions_per_day.reduce((sum, day) => sum + day.completions, 0);
        const stats = [
          { label: "Users", value: a.users.total },
          { label: "Active in the last 7 days", value: a.users.active_7d },
          { label: "Tasks completed in 30 days", value: completions },
        ];
        return (
          <Section
            title="At a glance"
            action={
              <Link to="/admin/analytics" className={linkClass}>
                Analytics
              </Link>
            }
          >
            <dl className="grid gap-3 sm:grid-cols-3">
              {stats.map((stat) => (
                <div key={stat.label}>
                  <dt className="text-sm text-slate-600">{stat.label}</dt>
                  <dd className="text-2xl font-bold tabular-nums">{stat.value}</dd>
                </div>
              ))}
            </dl>
          </Section>
        );
      }}
    </QueryState>
  );
}

/** Revoking a credential happens on its verify page, the one place that shows what it says. */
function Credentials() {
  return (
    <Section
      title="Check or revoke a credential"
      action={
        <Link to="/verify" className={linkClass}>
          Check a credential
        </Link>
      }
    >
      <p className="text-sm text-slate-700">
        Paste a credential or open its verify link (/verify/…). For one of Optio's credentials you can revoke it there,
        with a reason the student is told.
      </p>
    </Section>
  );
}

/** Where an admin lands: what waits for them, who just joined, and how Optio is doing. */
export function AdminHomePage() {
  return (
    <>
      <PageHeader title="Admin home" subtitle="What needs you today, and how Optio is doing." />
      <div className="grid gap-6 lg:grid-cols-2">
        <WaitingSubmissions />
        <RecentSignups />
        <div className="lg:col-span-2">
          <AtAGlance />
        </div>
        <div className="lg:col-span-2">
          <Credentials />
        </div>
      </div>
    </>
  );
}
