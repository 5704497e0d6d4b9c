import { useEffect, useRef } from "react";

/**
 * A <dialog> shown as a modal while the component that holds it is mounted: focus moves in, the
 * page behind is inert, Escape fires its cancel event (a browser without showModal gets it open).
 */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (typeof element.showModal === "function") {
      if (!element.open) element.showModal();
    } else element.setAttribute("open", "");
    return () => element.close?.();
  }, []);
  return dialog;
}
