import { useState } from "react";
import type { Schemas } from "../api/client";
import { messageOf } from "../api/errors";
import { useAuth } from "../auth/context";
import { Button } from "../ui/Button";
import { TextField } from "../ui/Field";
import { PageHeader } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import { Empty, QueryState } from "../ui/States";
import { useAdminUsers, useUpdateUser } from "./hooks";

const ROLES = ["student", "parent", "advisor", "admin"] as const;
const TIERS = ["free", "supported", "academy"] as const;

function UserRow({ user }: { user: Schemas["AdminUserPublic"] }) {
  const update = useUpdateUser();
  const { user: me } = useAuth();
  const self = me?.id === user.id;
  const name = user.display_name ?? user.username ?? user.email;
  return (
    <tr className="border-t border-slate-200 align-top">
      <td className="py-2 pr-3">
        <p className="font-medium">{name}</p>
        <p className="break-all text-xs text-slate-600">{user.email}</p>
        {update.error && (
          <p role="alert" className="text-xs text-red-700">
            {messageOf(update.error)}
          </p>
        )}
      </td>
      <td className="py-2 pr-3">
        <select
          aria-label={`Role of ${name}`}
          className="rounded border border-slate-300 p-1"
          value={user.role}
          disabled={self || update.isPending}
          onChange={(e) => update.mutate({ id: user.id, body: { role: e.target.value as (typeof ROLES)[number] } })}
        >
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </td>
      <td className="py-2 pr-3">
        <select
          aria-label={`Tier of ${name}`}
          className="rounded border border-slate-300 p-1"
          value={user.subscription_tier}
          disabled={update.isPending}
          onChange={(e) =>
            update.mutate({ id: user.id, body: { subscription_tier: e.target.value as (typeof TIERS)[number] } })
          }
        >
          {TIERS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </td>
      <td className="py-2">
        <Button
          variant={user.is_active ? "secondary" : "primary"}
          disabled={self}
          busy={update.isPending}
          onClick={() => update.mutate({ id: user.id, body: { is_active: !user.is_active } })}
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
  const [page, setPage] = useState(1);
  const users = useAdminUsers(search.trim(), page);
  return (
    <>
      <PageHeader title="Users" subtitle="Roles, tiers and access; every change is audited." />
      <TextField
        className="mb-4 max-w-md"
        label="Search e-mail, username or name"
        type="search"
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          setPage(1);
        }}
      />
      <QueryState query={users}>
        {(list) =>
          list.data.length === 0 ? (
            <Empty title="No users match" />
          ) : (
            <>
              <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-3">
                <table className="w-full min-w-[36rem] text-left text-sm">
                  <caption className="sr-only">Users</caption>
                  <thead>
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
                  <tbody>
                    {list.data.map((u) => (
                      <UserRow key={u.id} user={u} />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={page} perPage={list.per_page} count={list.count} onPage={setPage} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
