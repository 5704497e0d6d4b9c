import { useAuth } from "../auth/context";
import { Card, PageHeader } from "../ui/Page";
import { QueryState } from "../ui/States";
import { CodeMaker } from "./CodeMaker";
import { InvitationList } from "./InvitationList";
import { InviteForm } from "./InviteForm";
import { LinkList } from "./LinkList";
import { RedeemForm } from "./RedeemForm";
import { usePendingInvitations } from "./hooks";

function StudentInvitations() {
  const invitations = usePendingInvitations();
  return (
    <QueryState query={invitations}>
      {(list) => (
        <div className="grid gap-6 md:grid-cols-2">
          <Card>
            <h2 className="text-lg font-semibold">Invitations for you</h2>
            <InvitationList
              label="Invitations for you"
              invitations={list.data.filter((i) => i.direction === "incoming")}
              answers={["accept", "decline"]}
              empty="No invitations waiting for you."
            />
          </Card>
          <Card>
            <CodeMaker />
            <h3 className="mt-6 font-semibold">Your unused codes</h3>
            <InvitationList
              label="Your unused codes"
              invitations={list.data.filter((i) => i.kind === "code" && i.direction === "outgoing")}
              answers={["cancel"]}
              empty="None: a code you make stays here until it is used, cancelled or expires."
            />
          </Card>
        </div>
      )}
    </QueryState>
  );
}

function SupporterInvitations() {
  const invitations = usePendingInvitations();
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card>
        <InviteForm />
        <h3 className="mt-6 font-semibold">Sent invitations</h3>
        <QueryState query={invitations}>
          {(list) => (
            <InvitationList
              label="Sent invitations"
              invitations={list.data.filter((i) => i.direction === "outgoing")}
              answers={["cancel"]}
              empty="No invitations waiting for an answer."
            />
          )}
        </QueryState>
      </Card>
      <Card>
        <RedeemForm />
      </Card>
    </div>
  );
}

/** Links between a student and their parents and advisors, from either side. */
export function LinksPage() {
  const { user } = useAuth();
  const supporter = user?.role === "parent" || user?.role === "advisor";
  return (
    <>
      <PageHeader
        title="Links"
        subtitle={
          supporter
            ? "The students you follow: invite one, or enter the code they gave you."
            : "Parents and advisors who follow your learning, and what each of them sees."
        }
      />
      <div className="space-y-6">
        {supporter ? <SupporterInvitations /> : <StudentInvitations />}
        <section>
          <h2 className="mb-3 text-xl font-semibold">{supporter ? "Your students" : "Who follows you"}</h2>
          <LinkList student={!supporter} />
        </section>
      </div>
    </>
  );
}
