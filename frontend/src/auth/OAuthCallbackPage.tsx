import { useEffect, useRef, type ReactNode } from "react";
import { Link, Navigate, useSearchParams } from "react-router-dom";
import { messageOf } from "../api/errors";
import { Loading } from "../ui/States";
import { AuthCard } from "./AuthCard";
import { useOAuthCallback } from "./hooks";

/**
 * Where Supabase Auth sends the browser back after Google, Apple…: `?code=` to trade for a
 * session, or `?error=` when the person cancelled or the provider refused.
 */
export function OAuthCallbackPage() {
  const [params] = useSearchParams();
  const code = params.get("code");
  if (params.get("error")) {
    // error_description is the provider's text in the address bar: not shown, as anyone can write it.
    return <NotSignedIn>The sign-in was cancelled or refused, so you are not signed in.</NotSignedIn>;
  }
  if (!code) {
    return <NotSignedIn>This address is missing the sign-in's code. Start again from the log-in page.</NotSignedIn>;
  }
  return <FinishSignIn key={code} code={code} />;
}

function NotSignedIn({ children }: { children: ReactNode }) {
  return (
    <AuthCard title="You are not signed in">
      <p role="alert" className="text-slate-800">
        {children}
      </p>
      <p className="mt-4 text-sm">
        <Link className="text-brand-700 underline" to="/login">
          Back to log in
        </Link>
      </p>
    </AuthCard>
  );
}

function FinishSignIn({ code }: { code: string }) {
  const callback = useOAuthCallback();
  const { mutate } = callback;
  const sent = useRef(false);

  useEffect(() => {
    // A code works once: StrictMode's second run of this effect must not spend it again.
    if (sent.current) return;
    sent.current = true;
    mutate(code);
  }, [mutate, code]);

  if (callback.isSuccess) return <Navigate to="/dashboard" replace />;
  // 400 invalid_oauth_code / oauth_verifier_missing say in plain words to start again.
  if (callback.isError) return <NotSignedIn>{messageOf(callback.error)}</NotSignedIn>;
  return (
    <AuthCard title="Signing you in">
      <Loading label="Signing you in…" />
    </AuthCard>
  );
}
