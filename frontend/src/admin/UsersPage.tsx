import { useState, type ReactNode } from "react";
import type { Schemas } from "../api/client";
import { messageOf } from "../api/errors";
import { useAuth } from "../auth/context";
import { Button } from "../ui/Button";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { SelectField, TextField } from "../ui/Field";
import { PageHeader } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import { Empty, QueryState } from "../ui/States";
import { useAdminUsers, useUpdateUser, type Role } from "./hooks";

type User = Schemas["AdminUserPublic"];
type Update = Schemas["AdminUserUpdate"];
type Tier = NonNullable<Update["subscription_tier"]>;

const ROLES = ["student", "parent", "advisor", "admin"] as const satisfies readonly Role[];
const TIERS = ["free", "supported", "academy"] as const satisfies readonly Tier[];
const A_ROLE: Record<Role, string> = {
  student: "a student",
  parent: "a parent",
  advisor: "an advisor",
  admin: "an admin",
};
const TIER_NAMES: Record<Tier, string> = { free: "Free", supported: "Supported", academy: "Academy" };

const nameOf = (user: User) => user.display_name ?? user.username ?? user.email;

/** A change the admin picked and is asked about before it is made. */
interface Pending {
  user: User;
  body: Update;
}

interface Question {
  title: string;
  text: ReactNode;
  confirm: string;
  danger: boolean;
  /** Said once the change is saved. */
  done: string;
}

/** What the change will do, in the words of the rules the database keeps (optio/admin/users). */
function questionOf({ user, body }: Pending): Question {
  const name = nameOf(user);
  if (body.role) {
    const role = body.role;
    if (role === "admin")
      return {
        title: `Make ${name} an admin?`,
        text: "Admins can see and change everything: every account, quest, submission and credential. This takes effect at once.",
        confirm: "Make admin",
        danger: true,
        done: `${name} is now an admin.`,
      };
    return {
      title: `Make ${name} ${A_ROLE[role]}?`,
      text:
        (user.role === "admin" ? `${name} loses admin access at once. ` : "") +
        `Their permissions become ${A_ROLE[role]}'s at once. Nothing they made is deleted.`,
      confirm: `Make ${role}`,
      danger: user.role === "admin",
      done: `${name} is now ${A_ROLE[role]}.`,
    };
  }
  if (body.subscription_tier) {
    const tier = TIER_NAMES[body.subscription_tier];
    return {
      title: `Move ${name} to the ${tier} tier?`,
      text: `The ${tier} tier's limits apply at once and ${name} is notified. Nothing is charged or refunded: if they pay through Stripe, that subscription is unchanged and its next update may set their tier again.`,
      confirm: `Move to ${tier}`,
      danger: false,
      done: `${name} is now on the ${tier} tier.`,
    };
  }
  if (body.is_active === false)
    return {
      title: `Deactivate ${name}?`,
      text: "They are signed out at once and cannot sign in until an admin reactivates the account. Nothing is deleted.",
      confirm: "Deactivate",
      danger: true,
      done: `${name} is deactivated.`,
    };
  return {
    title: `Reactivate ${name}?`,
    text: "They can sign in again with their usual password or sign-in link.",
    confirm: "Reactivate",
    danger: false,
    done: `${name} can sign in again.`,
  };
}

/**
 * One account. On a phone the row is a card: each control carries its column's name. The selects
 * show the saved value, or the one being asked about; Cancel puts the saved one back.
 */
function UserRow({
  user,
  pending,
  busy,
  onAsk,
}: {
  user: User;
  pending: Update | null;
  busy: boolean;
  onAsk: (body: Update) => void;
}) {
  const { user: me } = useAuth();
  const self = me?.id === user.id;
  const name = nameOf(user);
  const cell = "flex items-center justify-between gap-3 py-1 sm:table-cell sm:py-2 sm:pr-3";
  const column = "text-sm text-slate-600 sm:hidden";
  return (
    <tr className="block border-t border-slate-200 py-2 align-top first:border-t-0 sm:table-row sm:py-0 sm:first:border-t">
      <td className="block py-1 sm:table-cell sm:py-2 sm:pr-3">
        <p className="font-medium">{name}</p>
        <p className="break-all text-xs text-slate-600">{user.email}</p>
      </td>
      <td className={cell}>
        <span aria-hidden="true" className={column}>
          Role
        </span>
        <select
          aria-label={`Role of ${name}`}
          className="min-h-11 rounded border border-slate-300 p-1"
          value={pending?.role ?? user.role}
          disabled={self || busy}
          onChange={(e) => onAsk({ role: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </td>
      <td className={cell}>
        <span aria-hidden="true" className={column}>
          Tier
        </span>
        <select
          aria-label={`Tier of ${name}`}
          className="min-h-11 rounded border border-slate-300 p-1"
          value={pending?.subscription_tier ?? user.subscription_tier}
          disabled={busy}
          onChange={(e) => onAsk({ subscription_tier: e.target.value as Tier })}
        >
          {TIERS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </td>
      <td className={`${cell} sm:pr-0`}>
        <span aria-hidden="true" className={column}>
          Access
        </span>
        <Button
          variant={user.is_active ? "secondary" : "primary"}
          disabled={self || busy}
          onClick={() => onAsk({ is_active: !user.is_active })}
          aria-label={`${user.is_active ? "Deactivate" : "Reactivate"} ${name}`}
        >
          {user.is_active ? "Deactivate" : "Reactivate"}
        </Button>
      </td>
    </tr>
  );
}

export function UsersPage() {
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [page, setPage] = useState(1);
  const users = useAdminUsers(search.trim(), page, role || undefined);
  const update = useUpdateUser();
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const question = pending && questionOf(pending);

  function ask(user: User, body: Update) {
    update.reset();
    setDone(null);
    setPending({ user, body });
  }

  function confirm() {
    if (!pending || !question) return;
    update.mutate(
      { id: pending.user.id, body: pending.body },
      {
        onSuccess: () => {
          setPending(null);
          setDone(question.done);
        },
      },
    );
  }

  return (
    <>
      <PageHeader title="Users" subtitle="Roles, tiers and access; every change is asked about first and audited." />
      <div className="mb-4 flex flex-wrap items-start gap-3">
        <TextField
          className="w-full max-w-md"
          label="Search e-mail, username or name"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(e) => {
            setRole(e.target.value as Role | "");
            setPage(1);
          }}
        >
          <option value="">All roles</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
      </div>
      <div role="status" className="mb-4 empty:hidden">
        {done && <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">{done}</p>}
      </div>
      <QueryState query={users}>
        {(list) =>
          list.data.length === 0 ? (
            <Empty title="No users match" />
          ) : (
            <>
              <div className="rounded-xl border border-slate-200 bg-white p-3 sm:overflow-x-auto">
                <table className="block w-full text-left text-sm sm:table sm:min-w-[36rem]">
                  <caption className="sr-only">Users</caption>
                  <thead className="hidden sm:table-header-group">
                    <tr className="text-slate-600">
                      <th scope="col" className="pb-2">
                        User
                      </th>
                      <th scope="col" className="pb-2">
                        Role
                      </th>
                      <th scope="col" className="pb-2">
                        Tier
                      </th>
                      <th scope="col" className="pb-2">
                        Access
                      </th>
                    </tr>
                  </thead>
                  <tbody className="block sm:table-row-group">
                    {list.data.map((u) => (
                      <UserRow
                        key={u.id}
                        user={u}
                        pending={pending?.user.id === u.id ? pending.body : null}
                        busy={update.isPending && update.variables?.id === u.id}
                        onAsk={(body) => ask(u, body)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={page} perPage={list.per_page} count={list.count} onPage={setPage} />
            </>
          )
        }
      </QueryState>
      {pending && question && (
        <ConfirmDialog
          title={question.title}
          confirm={question.confirm}
          danger={question.danger}
          busy={update.isPending}
          error={update.error ? messageOf(update.error) : null}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        >
          {question.text}
        </ConfirmDialog>
      )}
    </>
  );
}
