import { lazy, type ComponentType } from "react";

// Every page is its own chunk, loaded when its route is first visited, so a visitor's first page
// downloads React, the router and that page only (the size check in `make test` holds it there).
// The layout's <Suspense> shows the loading state meanwhile.

/** A page module's named export, loaded on first render. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

export const AccountDeletedPage = page(() => import("./account/AccountDeletedPage"), "AccountDeletedPage");
export const SettingsPage = page(() => import("./account/SettingsPage"), "SettingsPage");
export const CheckEmailPage = page(() => import("./auth/CheckEmailPage"), "CheckEmailPage");
export const ConfirmPage = page(() => import("./auth/ConfirmPage"), "ConfirmPage");
export const ForgotPasswordPage = page(() => import("./auth/ForgotPasswordPage"), "ForgotPasswordPage");
export const LoginPage = page(() => import("./auth/LoginPage"), "LoginPage");
export const OAuthCallbackPage = page(() => import("./auth/OAuthCallbackPage"), "OAuthCallbackPage");
export const ResetPasswordPage = page(() => import("./auth/ResetPasswordPage"), "ResetPasswordPage");
export const SignupPage = page(() => import("./auth/SignupPage"), "SignupPage");
export const CheckoutCancelPage = page(() => import("./billing/ReturnPages"), "CheckoutCancelPage");
export const CheckoutSuccessPage = page(() => import("./billing/ReturnPages"), "CheckoutSuccessPage");
export const SubscriptionPage = page(() => import("./billing/SubscriptionPage"), "SubscriptionPage");
export const ChildrenPage = page(() => import("./consent/ChildrenPage"), "ChildrenPage");
export const ConsentPage = page(() => import("./consent/ConsentPage"), "ConsentPage");
export const ParentConsentPage = page(() => import("./consent/ParentConsentPage"), "ParentConsentPage");
export const VerifyCredentialPage = page(() => import("./credentials/VerifyPage"), "VerifyCredentialPage");
export const VerifyPastedPage = page(() => import("./credentials/VerifyPage"), "VerifyPastedPage");
export const DashboardPage = page(() => import("./dashboard/DashboardPage"), "DashboardPage");
export const DiplomaEditorPage = page(() => import("./diplomas/DiplomaEditorPage"), "DiplomaEditorPage");
export const PublicDiplomaPage = page(() => import("./diplomas/PublicDiplomaPage"), "PublicDiplomaPage");
export const LinksPage = page(() => import("./links/LinksPage"), "LinksPage");
export const UnsubscribePage = page(() => import("./mail/UnsubscribePage"), "UnsubscribePage");
export const NotificationsPage = page(() => import("./notifications/NotificationsPage"), "NotificationsPage");
export const AchievementsPage = page(() => import("./progress/AchievementsPage"), "AchievementsPage");
export const QuestDetailPage = page(() => import("./quests/QuestDetailPage"), "QuestDetailPage");
export const QuestHubPage = page(() => import("./quests/QuestHubPage"), "QuestHubPage");
export const StudentDetailPage = page(() => import("./students/StudentDetailPage"), "StudentDetailPage");
export const StudentsPage = page(() => import("./students/StudentsPage"), "StudentsPage");
export const SubmitQuestPage = page(() => import("./submissions/SubmitQuestPage"), "SubmitQuestPage");
export const TeamsPage = page(() => import("./teams/TeamsPage"), "TeamsPage");
export const AdminRoutes = lazy(() => import("./admin/AdminRoutes"));
export const LandingPage = page(() => import("./landing/LandingPage"), "LandingPage");
export const WelcomePage = page(() => import("./onboarding/WelcomePage"), "WelcomePage");
