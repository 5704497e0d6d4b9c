import { Link } from "react-router-dom";
import { useAuth } from "../auth/context";

/** For an account waiting for a parent's consent: what is locked, and where to ask. */
export function ConsentBanner() {
  const { user } = useAuth();
  if (!user?.consent_pending) return null;
  return (
    <aside
      aria-label="Parental consent"
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950"
    >
      <p>
        A parent needs to consent before your diploma can be public or you can team up.{" "}
        <Link to="/consent" className="font-semibold underline">
          Ask a parent
        </Link>
      </p>
    </aside>
  );
}
