import { Link, useNavigate } from "react-router-dom";
import { useAuth } from "./context";

/** The header's account corner: log in / sign up, or who is signed in and log out. */
export function AccountActions() {
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  if (!user) {
    return (
      <div className="flex gap-2">
        <Link to="/login" className="rounded-md px-3 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50">
          Log in
        </Link>
        <Link
          to="/signup"
          className="rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          Sign up
        </Link>
      </div>
    );
  }
  return (
    <div className="flex items-center gap-2">
      <span className="hidden text-sm text-slate-700 xl:inline">{user.display_name ?? user.email}</span>
      <button
        type="button"
        className="rounded-md px-3 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100"
        onClick={async () => {
          await signOut();
          navigate("/login");
        }}
      >
        Log out
      </button>
    </div>
  );
}
