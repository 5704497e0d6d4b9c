import { useEffect, useRef } from "react";
import { Link, Navigate, useSearchParams } from "react-router-dom";
import type { Schemas } from "../api/client";
import { ApiError } from "../api/errors";
import { ErrorState, Loading } from "../ui/States";
import { AuthCard } from "./AuthCard";
import { useVerifyLink } from "./hooks";
import { NewPasswordForm } from "./ResetPasswordPage";

type LinkType = Schemas["VerifyIn"]["type"];

const TITLES: Record<LinkType, string> = {
  signup: "Confirming your e-mail",
  email: "Confirming your e-mail",
  magiclink: "Signing you in",
  invite: "Accepting your invitation",
  email_change: "Confirming your new e-mail",
};

function isLinkType(type: string | null): type is LinkType {
  return type !== null && Object.hasOwn(TITLES, type);
}

/**
 * Where every e-mail link lands (/auth/confirm?token_hash=…&type=…): a password reset link asks
 * for the new password; the others are verified at once and sign the person in.
 */
export function ConfirmPage() {
  const [params] = useSearchParams();
  const tokenHash = params.get("token_hash");
  const type = params.get("type");
  if (tokenHash && type === "recovery") return <NewPasswordForm token={tokenHash} />;
  if (tokenHash && isLinkType(type)) return <VerifyLink key={tokenHash} tokenHash={tokenHash} type={type} />;
  return (
    <AuthCard title="This link is incomplete">
      <p className="text-slate-700">
        Part of the address is missing. Open the link from your e-mail again, or copy the whole address into the
        browser.
      </p>
      <NextSteps />
    </AuthCard>
  );
}

function NextSteps() {
  return (
    <ul className="mt-4 space-y-2 text-sm">
      <li>
        <Link className="text-brand-700 underline" to="/login">
          Log in
        </Link>
      </li>
      <li>
        <Link className="text-brand-700 underline" to="/signup/check-email">
          Send the confirmation link again
        </Link>
      </li>
    </ul>
  );
}

function VerifyLink({ tokenHash, type }: { tokenHash: string; type: LinkType }) {
  const verify = useVerifyLink();
  const { mutate } = verify;
  const sent = useRef(false);

  useEffect(() => {
    // A link works once: StrictMode's second run of this effect must not spend it again.
    if (sent.current) return;
    sent.current = true;
    mutate({ token_hash: tokenHash, type });
  }, [mutate, tokenHash, type]);

  if (verify.isSuccess) {
    if ("user" in verify.data) return <Navigate to="/dashboard" replace />;
    return (
      <AuthCard title={TITLES[type]}>
        <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
          {verify.data.message}
        </p>
      </AuthCard>
    );
  }
  if (verify.isError) {
    // 422 invalid_link: expired or spent; a mangled token (400, 422 validation) is no better.
    const { error } = verify;
    const spent = error instanceof ApiError && [400, 422].includes(error.status);
    return (
      <AuthCard title={spent ? "This link has expired" : "We could not check this link"}>
        {spent ? (
          <p role="alert" className="text-slate-800">
            This link has expired or was already used.
          </p>
        ) : (
          <ErrorState error={error} retry={() => mutate({ token_hash: tokenHash, type })} />
        )}
        <NextSteps />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={TITLES[type]}>
      <Loading label="Confirming…" />
    </AuthCard>
  );
}
