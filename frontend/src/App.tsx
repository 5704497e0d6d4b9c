import { type ReactNode } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import { AccountActions } from "./auth/AccountActions";
import { homeOf, RedirectIfSignedIn, RequireAuth } from "./auth/RequireAuth";
import { useAuth, type User } from "./auth/context";
import { useUnreadCount } from "./notifications/hooks";
import {
  AccountDeletedPage,
  AchievementsPage,
  AdminRoutes,
  CheckEmailPage,
  CheckoutCancelPage,
  CheckoutSuccessPage,
  ChildrenPage,
  ConfirmPage,
  ConsentPage,
  DashboardPage,
  LandingPage,
  DiplomaEditorPage,
  ForgotPasswordPage,
  LinksPage,
  LoginPage,
  NotificationsPage,
  OAuthCallbackPage,
  ParentConsentPage,
  PublicDiplomaPage,
  QuestDetailPage,
  QuestHubPage,
  ResetPasswordPage,
  SettingsPage,
  SignupPage,
  StudentDetailPage,
  StudentsPage,
  SubmitQuestPage,
  SubscriptionPage,
  TeamsPage,
  UnsubscribePage,
  VerifyCredentialPage,
  VerifyPastedPage,
  WelcomePage,
} from "./pages";
import { Layout, type NavItem } from "./ui/Layout";
import { NotFoundPage } from "./ui/NotFoundPage";
import { Loading } from "./ui/States";

function Home() {
  const { user, status } = useAuth();
  if (status === "loading") return <Loading />;
  if (!user) return <LandingPage />;
  return <Navigate to={homeOf(user)} replace />;
}

function unreadLabel(unread: number): ReactNode {
  return (
    <>
      Notifications{" "}
      {unread > 0 && (
        <span className="ml-1.5 rounded-full bg-brand-700 px-1.5 py-0.5 text-xs text-white">
          {unread}
          <span className="sr-only"> unread</span>
        </span>
      )}
    </>
  );
}

/** Admins work in a space of their own: its home, the review queue, users, quests, analytics. */
const ADMIN_NAV: NavItem[] = [
  { to: "/admin", label: "Admin home", end: true },
  { to: "/admin/submissions", label: "Submissions" },
  { to: "/admin/users", label: "Users" },
  { to: "/admin/quests", label: "Quests" },
  { to: "/admin/achievements", label: "Achievements" },
  { to: "/admin/analytics", label: "Analytics" },
];

function navFor(user: User | null, unread: number): NavItem[] {
  if (!user) return [{ to: "/quests", label: "Quests" }];
  const notifications = { to: "/notifications", label: unreadLabel(unread) };
  if (user.role === "admin") return [...ADMIN_NAV, notifications];
  const items: NavItem[] = [
    { to: "/quests", label: "Quests" },
    { to: "/dashboard", label: "Dashboard" },
    { to: "/diploma", label: "Diploma" },
    { to: "/team", label: "Team" },
    { to: "/links", label: "Links" },
    { to: "/submissions", label: "Propose a quest" },
    notifications,
  ];
  if (user.role === "student") items.splice(2, 0, { to: "/achievements", label: "Achievements" });
  if (user.role === "parent" || user.role === "advisor") items.splice(2, 0, { to: "/students", label: "Students" });
  if (user.role === "parent") items.splice(3, 0, { to: "/children", label: "Children" });
  return items;
}

/** The shared page frame, given the links and account corner the signed-in user gets. */
function AppLayout() {
  const { user, status } = useAuth();
  const unread = useUnreadCount(Boolean(user));
  // While the session loads, no links: neither a signed-out visitor's nor a student's.
  return <Layout nav={status === "loading" ? [] : navFor(user, unread)} account={<AccountActions />} />;
}

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;
const signedOut = (page: ReactNode, home?: string) => <RedirectIfSignedIn home={home}>{page}</RedirectIfSignedIn>;

export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Home />} />
        <Route path="login" element={signedOut(<LoginPage />)} />
        <Route path="signup" element={signedOut(<SignupPage />, "/welcome")} />
        <Route path="welcome" element={signedIn(<WelcomePage />)} />
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
        <Route path="verify" element={<VerifyPastedPage />} />
        <Route path="verify/:credentialId" element={<VerifyCredentialPage />} />
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
              <AdminRoutes />
            </RequireAuth>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
