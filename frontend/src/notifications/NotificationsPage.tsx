import { useState } from "react";
import { Link } from "react-router-dom";
import type { Schemas } from "../api/client";
import { messageOf } from "../api/errors";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import { Empty, QueryState } from "../ui/States";
import { useMarkAllRead, useMarkRead, useNotifications } from "./hooks";
import { targetOf } from "./links";

type Notification = Schemas["NotificationPublic"];

function NotificationItem({ notification: n, markRead }: { notification: Notification; markRead: MarkRead }) {
  const target = targetOf(n);
  const unread = !n.read_at;

  return (
    <Card className={unread ? "border-brand-600" : ""}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="font-semibold">
            {unread && <span className="sr-only">Unread: </span>}
            {target ? (
              // Opening it is reading it: marked read on the way (the mutation outlives the page).
              <Link
                to={target}
                className="text-brand-700 underline-offset-2 hover:underline"
                onClick={() => unread && markRead.mutate(n.id)}
              >
                {n.title}
              </Link>
            ) : (
              n.title
            )}
          </h2>
          {n.body && <p className="mt-1 text-slate-700">{n.body}</p>}
          <p className="mt-1 text-xs text-slate-600">{new Date(n.created_at).toLocaleString()}</p>
        </div>
        {unread && (
          <Button
            variant="secondary"
            busy={markRead.isPending && markRead.variables === n.id}
            onClick={() => markRead.mutate(n.id)}
          >
            Mark read
          </Button>
        )}
      </div>
    </Card>
  );
}

type MarkRead = ReturnType<typeof useMarkRead>;

function MarkAllRead({ unread }: { unread: number }) {
  const markAll = useMarkAllRead();
  if (unread === 0 && !markAll.isSuccess) return null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      {markAll.isSuccess && (
        <span role="status" className="text-sm text-green-800">
          {markAll.data.marked === 1
            ? "1 notification marked read."
            : `${markAll.data.marked} notifications marked read.`}
        </span>
      )}
      {unread > 0 && (
        <Button variant="secondary" busy={markAll.isPending} onClick={() => markAll.mutate()}>
          Mark all read
        </Button>
      )}
      {markAll.error && <FormError message={messageOf(markAll.error)} />}
    </div>
  );
}

export function NotificationsPage() {
  const [page, setPage] = useState(1);
  const query = useNotifications(page);
  const markRead = useMarkRead();
  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle="Reviews of your quests, team-ups and more."
        actions={query.data && <MarkAllRead unread={query.data.unread_count} />}
      />
      <QueryState query={query}>
        {(list) =>
          list.data.length === 0 ? (
            <Empty title="Nothing yet">When something happens, you will find it here.</Empty>
          ) : (
            <>
              <ul className="space-y-3">
                {list.data.map((n) => (
                  <li key={n.id}>
                    <NotificationItem notification={n} markRead={markRead} />
                  </li>
                ))}
              </ul>
              <Pagination page={page} perPage={list.per_page} count={list.count} onPage={setPage} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
