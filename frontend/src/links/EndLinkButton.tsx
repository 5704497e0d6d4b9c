import { useState } from "react";
import { messageOf } from "../api/errors";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { useEndLink } from "./hooks";

/** Ending a link, asked twice: it cannot be undone (a new invitation or code is needed). */
export function EndLinkButton({ linkId, name, consequence }: { linkId: string; name: string; consequence: string }) {
  const [asking, setAsking] = useState(false);
  const end = useEndLink();
  if (!asking) {
    return (
      <Button variant="secondary" onClick={() => setAsking(true)} aria-label={`End link with ${name}`}>
        End link
      </Button>
    );
  }
  return (
    <div role="group" aria-label={`End link with ${name}?`} className="rounded-md border border-red-300 bg-red-50 p-3">
      <p className="text-sm text-red-900">
        End your link with {name}? {consequence}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button variant="danger" busy={end.isPending} onClick={() => end.mutate(linkId)}>
          Yes, end it
        </Button>
        <Button variant="secondary" disabled={end.isPending} onClick={() => setAsking(false)}>
          Keep the link
        </Button>
      </div>
      {end.error && <FormError message={messageOf(end.error)} />}
    </div>
  );
}
