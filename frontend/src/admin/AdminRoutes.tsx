import { Route, Routes } from "react-router-dom";
import { NotFoundPage } from "../ui/NotFoundPage";
import { AchievementsAdminPage } from "./AchievementsAdminPage";
import { AdminHomePage } from "./AdminHomePage";
import { AnalyticsPage } from "./AnalyticsPage";
import { QuestDraftPage } from "./QuestDraftPage";
import { QuestEditorPage } from "./QuestEditorPage";
import { QuestsAdminPage } from "./QuestsAdminPage";
import { SubmissionQueuePage } from "./SubmissionQueuePage";
import { UsersPage } from "./UsersPage";

/** The admin space's pages (its navigation is the header's, see App.tsx's ADMIN_NAV). */
export default function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<AdminHomePage />} />
      <Route path="submissions" element={<SubmissionQueuePage />} />
      <Route path="users" element={<UsersPage />} />
      <Route path="quests" element={<QuestsAdminPage />} />
      <Route path="quests/new-draft" element={<QuestDraftPage />} />
      <Route path="quests/:questId" element={<QuestEditorPage />} />
      <Route path="achievements" element={<AchievementsAdminPage />} />
      <Route path="analytics" element={<AnalyticsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
