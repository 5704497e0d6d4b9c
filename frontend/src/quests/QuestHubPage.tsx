import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { SelectField, TextField } from "../ui/Field";
import { PageHeader } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import { PILLARS, SOURCES } from "../ui/pillars";
import { Empty, ErrorState, Loading } from "../ui/States";
import { QuestCard } from "./QuestCard";
import { useQuests, type QuestFilters } from "./hooks";

const PER_PAGE = 12;

/** The hub's query string with `changes` applied (an empty value removes the key); a change
 * other than the page's own goes back to page 1. */
function withChanges(params: URLSearchParams, changes: Record<string, string>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  if (!("page" in changes)) next.delete("page");
  return next;
}

export function QuestHubPage() {
  const [params, setParams] = useSearchParams();
  const pillar = params.get("pillar") ?? "";
  const source = params.get("source") ?? "";
  const search = params.get("search") ?? "";
  const page = Number(params.get("page") ?? "1") || 1;
  const [draft, setDraft] = useState(search);

  function update(changes: Record<string, string>) {
    setParams(withChanges(params, changes), { replace: true });
  }

  // Search as the student types, once they pause.
  useEffect(() => {
    if (draft === search) return;
    const apply = () => setParams((current) => withChanges(current, { search: draft.trim() }), { replace: true });
    const timer = window.setTimeout(apply, 300);
    return () => window.clearTimeout(timer);
  }, [draft, search, setParams]);

  const filters: QuestFilters = {
    page,
    per_page: PER_PAGE,
    ...(pillar ? { pillar: pillar as QuestFilters["pillar"] } : {}),
    ...(source ? { source: source as QuestFilters["source"] } : {}),
    ...(search ? { search } : {}),
  };
  const quests = useQuests(filters);

  return (
    <>
      <PageHeader title="Quests" subtitle="Pick a quest, finish its tasks with evidence, earn XP in five pillars." />
      <form role="search" className="mb-6 grid gap-3 sm:grid-cols-3" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="Search"
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="Title or description"
        />
        <SelectField label="Pillar" value={pillar} onChange={(e) => update({ pillar: e.target.value })}>
          <option value="">All pillars</option>
          {PILLARS.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Source" value={source} onChange={(e) => update({ source: e.target.value })}>
          <option value="">All sources</option>
          {Object.entries(SOURCES).map(([key, name]) => (
            <option key={key} value={key}>
              {name}
            </option>
          ))}
        </SelectField>
      </form>
      {quests.isPending ? (
        <Loading label="Loading quests…" />
      ) : quests.error || !quests.data ? (
        <ErrorState error={quests.error} retry={() => void quests.refetch()} />
      ) : quests.data.data.length === 0 ? (
        <Empty title="No quests match">Try another pillar or source, or clear the search.</Empty>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-700" aria-live="polite">
            {quests.data.count} quest{quests.data.count === 1 ? "" : "s"}
          </p>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {quests.data.data.map((quest) => (
              <li key={quest.id}>
                <QuestCard quest={quest} />
              </li>
            ))}
          </ul>
          <Pagination
            page={page}
            perPage={PER_PAGE}
            count={quests.data.count}
            onPage={(p) => update({ page: String(p) })}
          />
        </>
      )}
    </>
  );
}
