import { Link, useSearchParams } from "react-router-dom";
import { ApiError, messageOf } from "../api/errors";
import { useAuth } from "../auth/context";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { ErrorState, Loading } from "../ui/States";
import { MAIL_CATEGORIES } from "./categories";
import { useUnsubscribe, useUnsubscribeLink } from "./hooks";

// The API's token is 20 to 100 characters: anything else is a broken link, not worth asking about.
const plausible = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** Where an e-mail's unsubscribe link lands, signed in or not: what it stops, and a button to stop it. */
export function UnsubscribePage() {
  const [params] = useSearchParams();
  const raw = params.get("token") ?? "";
  const token = plausible(raw) ? raw : "";
  const link = useUnsubscribeLink(token);
  const unsubscribe = useUnsubscribe(token);

  let body;
  if (!token || (link.error instanceof ApiError && [404, 422].includes(link.error.status))) {
    body = <InvalidLink />;
  } else if (link.isPending) {
    body = <Loading label="Checking the link…" />;
  } else if (link.error || !link.data) {
    body = <ErrorState error={link.error} retry={() => void link.refetch()} />;
  } else {
    const { category, subscribed, email_hint } = link.data;
    const words = MAIL_CATEGORIES[category];
    body = (
      <Card aria-labelledby="unsubscribe-what">
        <h2 id="unsubscribe-what" className="font-semibold">
          {words.label}
        </h2>
        <p className="mt-1 text-slate-700">
          This link is for <span className="font-medium">{email_hint}</span>. It stops {words.stops}. Other e-mail from
          Optio is not affected.
        </p>
        {subscribed ? (
          <div className="mt-4 space-y-3">
            <FormError message={unsubscribe.error ? messageFor(unsubscribe.error) : null} />
            <Button busy={unsubscribe.isPending} onClick={() => unsubscribe.mutate()}>
              Unsubscribe
            </Button>
          </div>
        ) : (
          <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
            {unsubscribe.isSuccess ? "Done: you are unsubscribed." : "You are already unsubscribed."} Optio will not
            send {words.stops} to this address. <ChangeLater />
          </p>
        )}
      </Card>
    );
  }
  return (
    <>
      <PageHeader title="Unsubscribe" subtitle="Choose which e-mail Optio sends you." />
      {body}
    </>
  );
}

function messageFor(error: unknown): string {
  return error instanceof ApiError && error.status === 404
    ? "This unsubscribe link is no longer valid."
    : messageOf(error);
}

function ChangeLater() {
  const { user } = useAuth();
  return user ? (
    <>
      You can turn it back on in{" "}
      <Link to="/settings" className="font-medium underline">
        Settings
      </Link>
      .
    </>
  ) : (
    <>
      To turn it back on,{" "}
      <Link to="/login?next=%2Fsettings" className="font-medium underline">
        log in
      </Link>{" "}
      and open Settings.
    </>
  );
}

function InvalidLink() {
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p className="font-medium">This unsubscribe link does not work.</p>
      <p className="mt-1 text-sm">
        It may have been cut short when it was copied, or it is not from an Optio e-mail. Nothing was changed. You can
        also choose your e-mail in{" "}
        <Link to="/settings" className="font-medium underline">
          Settings
        </Link>{" "}
        once you log in.
      </p>
    </div>
  );
}
