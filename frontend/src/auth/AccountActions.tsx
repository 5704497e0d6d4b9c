import { useEffect, useId, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { Avatar, nameOf } from "../ui/Avatar";
import { useAuth } from "./context";

const itemClass = "block w-full rounded-md px-3 py-2 text-left text-sm font-medium text-slate-800 hover:bg-slate-100";

/**
 * The header's account corner: log in / sign up; while the session loads, nothing (no flash of
 * the signed-out links); signed in, who it is, with their settings, plan and log out.
 */
export function AccountActions() {
  const { user, status, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const corner = useRef<HTMLDivElement>(null);
  const panel = useId();

  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const away = (event: MouseEvent) => {
      if (!corner.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", away);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", away);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  if (status === "loading") return <div aria-hidden className="h-10 w-24" />;
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
  const name = nameOf(user);
  return (
    <div ref={corner} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panel}
        onClick={() => setOpen((now) => !now)}
        className="flex max-w-full items-center gap-2 rounded-full py-1 pl-1 pr-3 text-sm font-medium text-slate-800 hover:bg-slate-100"
      >
        <Avatar name={name} src={user.avatar_url} />
        <span className="sr-only">Account: </span>
        <span className="max-w-[12rem] truncate">{name}</span>
      </button>
      {open && (
        <div
          id={panel}
          className="z-20 mt-1 w-56 rounded-lg border border-slate-200 bg-white p-1 shadow-lg lg:absolute lg:right-0"
        >
          <p className="truncate px-3 py-2 text-xs text-slate-600">{user.email}</p>
          <ul>
            <li>
              <Link to="/settings" className={itemClass}>
                Profile and settings
              </Link>
            </li>
            {user.role !== "admin" && (
              <li>
                <Link to="/billing" className={itemClass}>
                  Plan
                </Link>
              </li>
            )}
            <li>
              <button
                type="button"
                className={itemClass}
                onClick={async () => {
                  await signOut();
                  navigate("/login");
                }}
              >
                Log out
              </button>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}
