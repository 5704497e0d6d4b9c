import { useState } from "react";
import { Link, Navigate } from "react-router-dom";
import { useAuth } from "../auth/context";
import { SelectField } from "../ui/Field";
import { PageHeader } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import { Empty, QueryState } from "../ui/States";
import { StudentOverview } from "./StudentOverview";
import { StudentSummary, studentName } from "./StudentSummary";
import { useStudents } from "./hooks";

function NoStudents() {
  return (
    <Empty title="No students linked yet">
      <Link to="/links" className="text-brand-700 underline">
        Invite a student or enter their code
      </Link>{" "}
      on the Links page.
    </Empty>
  );
}

/** An advisor's students, a page at a time. */
function StudentList() {
  const [page, setPage] = useState(1);
  const students = useStudents(page);
  return (
    <QueryState query={students} loadingLabel="Loading your students…">
      {(list) =>
        list.count === 0 ? (
          <NoStudents />
        ) : (
          <>
            <ul className="space-y-4" aria-label="Students">
              {list.data.map((s) => (
                <li key={s.id}>
                  <StudentSummary student={s} />
                </li>
              ))}
            </ul>
            <Pagination page={page} perPage={list.per_page} count={list.count} onPage={setPage} />
          </>
        )
      }
    </QueryState>
  );
}

/** A parent's children: pick one, see their overview. */
function ChildSwitcher() {
  const children = useStudents(1, 100);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <QueryState query={children} loadingLabel="Loading your children…">
      {(list) => {
        const current = list.data.find((c) => c.id === chosen) ?? list.data[0];
        if (!current) return <NoStudents />;
        return (
          <div className="space-y-6">
            {list.data.length > 1 && (
              <SelectField
                label="Child"
                className="max-w-sm"
                value={current.id}
                onChange={(e) => setChosen(e.target.value)}
              >
                {list.data.map((c) => (
                  <option key={c.id} value={c.id}>
                    {studentName(c)}
                  </option>
                ))}
              </SelectField>
            )}
            <StudentOverview key={current.id} studentId={current.id} />
          </div>
        );
      }}
    </QueryState>
  );
}

export function StudentsPage() {
  const { user } = useAuth();
  const parent = user?.role === "parent";
  // Students have their own side of links there.
  if (user?.role === "student") return <Navigate to="/links" replace />;
  return (
    <>
      <PageHeader
        title={parent ? "Your children" : "Students"}
        subtitle={
          parent
            ? "What your children are learning, as far as each of them shares it."
            : "The students you follow: their activity this week and the quests they are on."
        }
      />
      {parent ? <ChildSwitcher /> : <StudentList />}
    </>
  );
}
