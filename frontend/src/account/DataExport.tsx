import { apiAsset } from "../api/client";
import { buttonClass, Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card } from "../ui/Page";
import { QueryState } from "../ui/States";
import { useFormErrors } from "../ui/useFormErrors";
import { useExports, useRequestExport, type Export } from "./hooks";

const when = (at: string) => new Date(at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "Download your data": ask for a zip of everything about me, and fetch it once it is built. */
export function DataExport() {
  return (
    <Card aria-labelledby="data-export">
      <h2 id="data-export" className="text-lg font-semibold">
        Download your data
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Get a zip file of everything Optio holds about you: your profile, quests, tasks and evidence files, XP, diploma,
        links, feedback and notifications. It takes a moment to prepare; this page shows when it is ready. The file is
        kept for 7 days.
      </p>
      <ExportList />
    </Card>
  );
}

/**
 * The button that requests an export and the list of exports, polled while one is pending: mine,
 * or, given `child`, that child's (for the parent who consented from this account).
 */
export function ExportList({ child }: { child?: { id: string; name: string } }) {
  const exports = useExports(child?.id);
  const request = useRequestExport(child?.id);
  const errors = useFormErrors();
  const pending = exports.data?.data.some((e) => e.status === "pending") ?? false;
  const whose = child ? `${child.name}'s` : "your";

  async function start() {
    errors.reset();
    try {
      await request.mutateAsync();
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <>
      <div className="mt-4 space-y-3">
        <FormError message={errors.form} />
        <Button onClick={() => void start()} busy={request.isPending} disabled={pending}>
          {pending ? `Preparing ${whose} export…` : "Request an export"}
        </Button>
      </div>
      <QueryState query={exports} loadingLabel={`Loading ${whose} exports…`}>
        {(list) =>
          list.data.length === 0 ? (
            <p className="mt-4 text-sm text-slate-600">
              {child
                ? `You have not asked for an export of ${whose} data yet.`
                : "You have not asked for an export yet."}
            </p>
          ) : (
            <ul
              aria-label={child ? `${whose} exports` : "Your exports"}
              className="mt-4 divide-y divide-slate-200 border-y border-slate-200"
            >
              {list.data.map((item) => (
                <ExportRow key={item.id} item={item} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}

const STATUS: Record<Export["status"], { label: string; className: string }> = {
  pending: { label: "Being prepared", className: "bg-amber-100 text-amber-900" },
  ready: { label: "Ready", className: "bg-green-100 text-green-900" },
  failed: { label: "Failed", className: "bg-red-100 text-red-900" },
  expired: { label: "Expired", className: "bg-slate-100 text-slate-800" },
};

function ExportRow({ item }: { item: Export }) {
  const status = STATUS[item.status];
  return (
    <li data-testid="export" className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div>
        <p className="font-medium text-slate-900">
          Export of {when(item.created_at)}{" "}
          <span className={`ml-1 rounded-full px-2 py-0.5 text-xs font-semibold ${status.className}`}>
            {status.label}
          </span>
        </p>
        <p className="mt-1 text-sm text-slate-600">{detail(item)}</p>
      </div>
      {item.status === "ready" && item.download_url && (
        <a href={apiAsset(item.download_url)} download className={buttonClass("secondary")}>
          Download{item.size !== null && ` (zip, ${fileSize(item.size)})`}
        </a>
      )}
    </li>
  );
}

function detail(item: Export): string {
  switch (item.status) {
    case "pending":
      return "Preparing the file. This page updates by itself.";
    case "ready":
      if (!item.download_url) return "The file is no longer available. Request a new export.";
      return (
        (item.download_url_expires_at
          ? `This download link works until ${when(item.download_url_expires_at)}; a new one appears here after that. `
          : "") + (item.expires_at ? `The file is deleted on ${when(item.expires_at)}.` : "")
      );
    case "failed":
      return "Something went wrong while preparing it. Request a new export.";
    case "expired":
      return "The file was deleted after 7 days. Request a new export.";
  }
}
