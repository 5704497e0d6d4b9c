import { Link } from "react-router-dom";
import { ApiError } from "../api/errors";

/** Under a refused publish or team-up: where a child without consent can ask a parent. */
export function ConsentRequiredHint({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || error.code !== "consent_required") return null;
  return (
    <p className="text-sm">
      <Link to="/consent" className="font-semibold text-brand-700 underline">
        Ask a parent for consent
      </Link>
    </p>
  );
}
