import { useState } from "react";
import { Button } from "../ui/Button";
import { Card, PageHeader } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import { Empty, QueryState } from "../ui/States";
import { useMarkRead, useNotifications } from "./hooks";

export function NotificationsPage() {
  const [page, setPage] = useState(1);
  const query = useNotifications(page);
  const markRead = useMarkRead();
  return (
    <>
      <PageHeader title="Notifications" subtitle="Reviews of your quests, team-ups and more." />
      <QueryState query={query}>
        {(list) =>
          list.data.length === 0 ? (
            <Empty title="Nothing yet">When something happens, you will find it here.</Empty>
          ) : (
            <>
              <ul className="space-y-3">
                {list.data.map((n) => (
                  <li key={n.id}>
                    <Card className={n.read_at ? "" : "border-brand-600"}>
                      <div className="flex flex-wrap items-start justify-between gap-3">
                        <div>
                          <h2 className="font-semibold">
                            {!n.read_at && <span className="sr-only">Unread: </span>}
                            {n.title}
                          </h2>
                          <p className="mt-1 text-slate-700">{n.body}</p>
                          <p className="mt-1 text-xs text-slate-600">{new Date(n.created_at).toLocaleString()}</p>
                        </div>
                        {!n.read_at && (
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
