import { Link as RouterLink } from "react-router-dom";
import { Card } from "../ui/Page";
import { Empty, QueryState } from "../ui/States";
import { EndLinkButton } from "./EndLinkButton";
import { ScopeChooser } from "./ScopeChooser";
import { useLinks, type Link } from "./hooks";
import { RELATIONS, nameOf, scopeOf } from "./scopes";

const since = (link: Link) => `Linked since ${new Date(link.created_at).toLocaleDateString()}`;

function StudentSide({ link }: { link: Link }) {
  const name = nameOf(link.supporter, "A supporter");
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 className="font-semibold">{name}</h3>
          <p className="text-sm text-slate-600">
            {RELATIONS[link.relation]} · {since(link)}
          </p>
        </div>
        <EndLinkButton linkId={link.id} name={name} consequence="They will no longer see anything of your work." />
      </div>
      <ScopeChooser link={link} />
    </>
  );
}

function SupporterSide({ link }: { link: Link }) {
  const name = nameOf(link.student, "A student");
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div>
        <h3 className="font-semibold">
          {link.student.id ? (
            <RouterLink to={`/students/${link.student.id}`} className="text-brand-800 underline">
              {name}
            </RouterLink>
          ) : (
            name
          )}
        </h3>
        <p className="text-sm text-slate-600">
          You are their {link.relation} · {since(link)}
        </p>
        <p className="mt-1 text-sm text-slate-700">What they share with you: {scopeOf(link.scope).shares}.</p>
      </div>
      <EndLinkButton linkId={link.id} name={name} consequence="You will no longer see their work." />
    </div>
  );
}

/** My links, from whichever side I am on. */
export function LinkList({ student }: { student: boolean }) {
  const links = useLinks();
  return (
    <QueryState query={links} loadingLabel="Loading your links…">
      {(list) =>
        list.data.length === 0 ? (
          <Empty title="No links yet">
            {student
              ? "When a parent or advisor links with you, they appear here and you choose what they see."
              : "Invite a student or enter the code they gave you, above."}
          </Empty>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2" aria-label="Links">
            {list.data.map((link) => (
              <li key={link.id} data-testid="link">
                <Card>{link.my_side === "student" ? <StudentSide link={link} /> : <SupporterSide link={link} />}</Card>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
