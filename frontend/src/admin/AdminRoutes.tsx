import { NavLink, Route, Routes } from "react-router-dom";
import { NotFoundPage } from "../ui/NotFoundPage";
import { AchievementsAdminPage } from "./AchievementsAdminPage";
import { AnalyticsPage } from "./AnalyticsPage";
import { QuestEditorPage } from "./QuestEditorPage";
import { QuestsAdminPage } from "./QuestsAdminPage";
import { SubmissionQueuePage } from "./SubmissionQueuePage";
import { UsersPage } from "./UsersPage";

const tab = ({ isActive }: { isActive: boolean }) =>
  "whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium " +
  (isActive ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-200");

export default function AdminRoutes() {
  return (
    <>
      <nav aria-label="Admin" className="-mx-1 mb-6 overflow-x-auto">
        <ul className="flex gap-1 px-1">
          <li>
            <NavLink end to="/admin" className={tab}>
              Analytics
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/submissions" className={tab}>
              Submissions
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/users" className={tab}>
              Users
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/quests" className={tab}>
              Quests
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/achievements" className={tab}>
              Achievements
            </NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<AnalyticsPage />} />
        <Route path="submissions" element={<SubmissionQueuePage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="quests" element={<QuestsAdminPage />} />
        <Route path="quests/:questId" element={<QuestEditorPage />} />
        <Route path="achievements" element={<AchievementsAdminPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
