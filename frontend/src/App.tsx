import { lazy, Suspense, type ReactNode } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import { AccountDeletedPage } from "./account/AccountDeletedPage";
import { SettingsPage } from "./account/SettingsPage";
import { AccountActions } from "./auth/AccountActions";
import { CheckEmailPage } from "./auth/CheckEmailPage";
import { ConfirmPage } from "./auth/ConfirmPage";
import { ForgotPasswordPage } from "./auth/ForgotPasswordPage";
import { LoginPage } from "./auth/LoginPage";
import { OAuthCallbackPage } from "./auth/OAuthCallbackPage";
import { RedirectIfSignedIn, RequireAuth } from "./auth/RequireAuth";
import { ResetPasswordPage } from "./auth/ResetPasswordPage";
import { SignupPage } from "./auth/SignupPage";
import { useAuth, type User } from "./auth/context";
import { CheckoutCancelPage, CheckoutSuccessPage } from "./billing/ReturnPages";
import { ChildrenPage } from "./consent/ChildrenPage";
import { ConsentPage } from "./consent/ConsentPage";
import { ParentConsentPage } from "./consent/ParentConsentPage";
import { SubscriptionPage } from "./billing/SubscriptionPage";
import { DashboardPage } from "./dashboard/DashboardPage";
import { LinksPage } from "./links/LinksPage";
import { DiplomaEditorPage } from "./diplomas/DiplomaEditorPage";
import { PublicDiplomaPage } from "./diplomas/PublicDiplomaPage";
import { UnsubscribePage } from "./mail/UnsubscribePage";
import { NotificationsPage } from "./notifications/NotificationsPage";
import { useUnreadCount } from "./notifications/hooks";
import { AchievementsPage } from "./progress/AchievementsPage";
import { QuestDetailPage } from "./quests/QuestDetailPage";
import { QuestHubPage } from "./quests/QuestHubPage";
import { StudentDetailPage } from "./students/StudentDetailPage";
import { StudentsPage } from "./students/StudentsPage";
import { SubmitQuestPage } from "./submissions/SubmitQuestPage";
import { TeamsPage } from "./teams/TeamsPage";
import { Layout, type NavItem } from "./ui/Layout";
import { NotFoundPage } from "./ui/NotFoundPage";
import { Loading } from "./ui/States";

// Pages most visitors never open load on demand.
const AdminRoutes = lazy(() => import("./admin/AdminRoutes"));
const VerifyCredentialPage = lazy(() =>
  import("./credentials/VerifyPage").then((m) => ({ default: m.VerifyCredentialPage })),
);
const VerifyPastedPage = lazy(() => import("./credentials/VerifyPage").then((m) => ({ default: m.VerifyPastedPage })));
const onDemand = (page: ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;

function Home() {
  const { user, status } = useAuth();
  if (status === "loading") return <Loading />;
  return <Navigate to={user ? "/dashboard" : "/quests"} replace />;
}

function navFor(user: User | null, unread: number): NavItem[] {
  if (!user) return [{ to: "/quests", label: "Quests" }];
  const items: NavItem[] = [
    { to: "/quests", label: "Quests" },
    { to: "/dashboard", label: "Dashboard" },
    { to: "/diploma", label: "Diploma" },
    { to: "/team", label: "Team" },
    { to: "/links", label: "Links" },
    { to: "/submissions", label: "Propose a quest" },
    { to: "/billing", label: "Plan" },
    {
      to: "/notifications",
      label: (
        <>
          Notifications{" "}
          {unread > 0 && (
            <span className="ml-1.5 rounded-full bg-brand-700 px-1.5 py-0.5 text-xs text-white">
              {unread}
              <span className="sr-only"> unread</span>
            </span>
          )}
        </>
      ),
    },
  ];
  if (user.role === "student") items.splice(2, 0, { to: "/achievements", label: "Achievements" });
  if (user.role === "parent" || user.role === "advisor") items.splice(2, 0, { to: "/students", label: "Students" });
  if (user.role === "parent") items.splice(3, 0, { to: "/children", label: "Children" });
  items.push({ to: "/settings", label: "Settings" });
  if (user.role === "admin") items.push({ to: "/admin", label: "Admin" });
  return items;
}

/** The shared page frame, given the links and account corner the signed-in user gets. */
function AppLayout() {
  const { user } = useAuth();
  const unread = useUnreadCount(Boolean(user));
  return <Layout nav={navFor(user, unread)} account={<AccountActions />} />;
}

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;
const signedOut = (page: ReactNode, home?: string) => <RedirectIfSignedIn home={home}>{page}</RedirectIfSignedIn>;

export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Home />} />
        <Route path="login" element={signedOut(<LoginPage />)} />
        <Route path="signup" element={signedOut(<SignupPage />, "/quests")} />
        <Route path="signup/check-email" element={<CheckEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="auth/confirm" element={<ConfirmPage />} />
        <Route path="auth/callback" element={<OAuthCallbackPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="quests" element={<QuestHubPage />} />
        <Route path="quests/:questId" element={<QuestDetailPage />} />
        <Route path="dashboard" element={signedIn(<DashboardPage />)} />
        <Route path="achievements" element={signedIn(<AchievementsPage />)} />
        <Route path="diploma" element={signedIn(<DiplomaEditorPage />)} />
        <Route path="diploma/:slug" element={<PublicDiplomaPage />} />
        <Route path="verify" element={onDemand(<VerifyPastedPage />)} />
        <Route path="verify/:credentialId" element={onDemand(<VerifyCredentialPage />)} />
        <Route path="submissions" element={signedIn(<SubmitQuestPage />)} />
        <Route path="team" element={signedIn(<TeamsPage />)} />
        <Route path="links" element={signedIn(<LinksPage />)} />
        <Route path="students" element={signedIn(<StudentsPage />)} />
        <Route path="students/:studentId" element={signedIn(<StudentDetailPage />)} />
        <Route path="children" element={signedIn(<ChildrenPage />)} />
        <Route path="consent" element={signedIn(<ConsentPage />)} />
        <Route path="consent/:token" element={<ParentConsentPage />} />
        <Route path="billing" element={signedIn(<SubscriptionPage />)} />
        <Route path="billing/success" element={signedIn(<CheckoutSuccessPage />)} />
        <Route path="billing/cancel" element={signedIn(<CheckoutCancelPage />)} />
        <Route path="subscription" element={<Navigate to="/billing" replace />} />
        <Route path="notifications" element={signedIn(<NotificationsPage />)} />
        <Route path="settings" element={signedIn(<SettingsPage />)} />
        <Route path="account-deleted" element={<AccountDeletedPage />} />
        <Route path="unsubscribe" element={<UnsubscribePage />} />
        <Route
          path="admin/*"
          element={
            <RequireAuth admin>
              <Suspense fallback={<Loading />}>
                <AdminRoutes />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
