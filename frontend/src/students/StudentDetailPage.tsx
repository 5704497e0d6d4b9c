import { Link, useParams } from "react-router-dom";
import { StudentOverview } from "./StudentOverview";

export function StudentDetailPage() {
  const { studentId = "" } = useParams();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/students" className="text-brand-700 underline">
          ← All students
        </Link>
      </p>
      <StudentOverview studentId={studentId} asPage />
    </>
  );
}
