import { useId, useState } from "react";
import { ConfirmDeletion } from "../account/ConfirmDeletion";
import { ExportList } from "../account/DataExport";
import { Button } from "../ui/Button";
import { useDeleteChild, type ManagedChild } from "./hooks";

/** A parent's copy of a child's data, and deleting the child's account, from their row. */
export function ChildActions({
  child,
  name,
  onDeleted,
}: {
  child: ManagedChild;
  name: string;
  onDeleted: (message: string) => void;
}) {
  const [exporting, setExporting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteChild(child.id);
  const panel = useId();
  return (
    <div className="mt-2 w-full">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          aria-expanded={exporting}
          aria-controls={panel}
          onClick={() => setExporting(!exporting)}
        >
          Download {name}&apos;s data
        </Button>
        <Button variant="danger" onClick={() => setDeleting(true)}>
          Delete {name}&apos;s account…
        </Button>
      </div>
      {exporting && (
        <div id={panel} className="mt-3 rounded-md border border-slate-200 p-3">
          <p className="text-sm text-slate-700">
            Get a zip file of everything Optio holds about {name}: their profile, quests, tasks and evidence files, XP,
            diploma, links, feedback and notifications. It takes a moment to prepare; this page shows when it is ready.
            The file is kept for 7 days.
          </p>
          <ExportList child={{ id: child.id, name }} />
        </div>
      )}
      {deleting && (
        <ConfirmDeletion
          title={`Delete ${name}'s account for good?`}
          text={`Everything about ${name} on Optio is deleted: their quests, evidence files, XP, diploma and links. They can no longer sign in. Enter your own password to confirm.`}
          action={`Delete ${name}'s account`}
          remove={remove.mutateAsync}
          busy={remove.isPending}
          onDeleted={() => {
            setDeleting(false);
            onDeleted(`Deleted ${name}'s account.`);
          }}
          onCancel={() => setDeleting(false)}
        />
      )}
    </div>
  );
}
