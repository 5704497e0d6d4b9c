import { Suspense, useState, type ReactNode } from "react";
import { Link, NavLink, Outlet } from "react-router-dom";
import { Loading } from "./States";

/** One link of the main navigation. */
export interface NavItem {
  to: string;
  label: ReactNode;
  /** Active on this exact path only (a section's home, whose pages live below it). */
  end?: boolean;
}

const linkClass = ({ isActive }: { isActive: boolean }) =>
  "block rounded-md px-3 py-2 text-sm font-medium " +
  (isActive ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100");

function NavItems({ items, onNavigate }: { items: NavItem[]; onNavigate: () => void }) {
  return (
    <>
      {items.map(({ to, label, end }) => (
        <li key={to}>
          <NavLink to={to} end={end} className={linkClass} onClick={onNavigate}>
            {label}
          </NavLink>
        </li>
      ))}
    </>
  );
}

export interface LayoutProps {
  /** The main navigation's links, in order. */
  nav: NavItem[];
  /** The header's account corner (shown in the menu on small screens). */
  account: ReactNode;
}

export function Layout({ nav, account }: LayoutProps) {
  const [open, setOpen] = useState(false);
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
          <Link to="/" className="flex items-center gap-2 text-lg font-bold text-brand-800">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            Optio
          </Link>
          <nav aria-label="Main" className="hidden lg:block">
            <ul className="flex gap-1">
              <NavItems items={nav} onNavigate={() => undefined} />
            </ul>
          </nav>
          <div className="flex items-center gap-2">
            <div className="hidden lg:block">{account}</div>
            <button
              type="button"
              className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium lg:hidden"
              aria-expanded={open}
              aria-controls="mobile-nav"
              onClick={() => setOpen((o) => !o)}
            >
              Menu
            </button>
          </div>
        </div>
        {open && (
          <nav id="mobile-nav" aria-label="Main" className="border-t border-slate-200 px-4 py-3 lg:hidden">
            <ul className="space-y-1">
              <NavItems items={nav} onNavigate={() => setOpen(false)} />
            </ul>
            <div className="mt-3 border-t border-slate-200 pt-3">{account}</div>
          </nav>
        )}
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-8">
        {/* A page's chunk on its way: the document keeps a title meanwhile. */}
        <Suspense
          fallback={
            <>
              <title>Optio</title>
              <Loading />
            </>
          }
        >
          <Outlet />
        </Suspense>
      </main>
      <footer className="border-t border-slate-200 bg-white py-4 text-center text-sm text-slate-600">
        Optio · learn by doing, show what you did
      </footer>
    </div>
  );
}
