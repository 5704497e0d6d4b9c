import { useState, type ReactNode } from "react";
import { Button } from "../ui/Button";

const BLOCKED = "Copying is blocked here: select the address and copy it yourself.";

/**
 * Copy the diploma's link, share it through the device's share sheet (where the browser has one)
 * and, on the diploma itself, print it. What happened is said in a live region (white text when
 * `onDark`, on the diploma's indigo banner); `children` join the row.
 */
export function ShareDiploma({
  url,
  title,
  print = false,
  onDark = false,
  children,
}: {
  url: string;
  title: string;
  print?: boolean;
  onDark?: boolean;
  children?: ReactNode;
}) {
  const [said, setSaid] = useState("");
  const canShare = typeof navigator.share === "function";

  async function copy() {
    setSaid("");
    try {
      await navigator.clipboard.writeText(url);
      setSaid("Link copied.");
    } catch {
      setSaid(BLOCKED);
    }
  }

  async function share() {
    setSaid("");
    try {
      await navigator.share({ title, url });
    } catch (error) {
      // Closing the share sheet is a choice, not a failure.
      if (!(error instanceof DOMException && error.name === "AbortError")) {
        setSaid("Sharing did not work here: copy the link instead.");
      }
    }
  }

  return (
    <div className="mt-5" data-print-hidden>
      <div role="group" aria-label="Share this diploma" className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void copy()}>
          Copy link
        </Button>
        {canShare && (
          <Button variant="secondary" onClick={() => void share()}>
            Share
          </Button>
        )}
        {print && (
          <Button variant="secondary" onClick={() => window.print()}>
            Print
          </Button>
        )}
        {children}
      </div>
      <p role="status" className={`mt-2 min-h-5 text-sm ${onDark ? "text-white" : "text-slate-700"}`}>
        {said}
      </p>
    </div>
  );
}
