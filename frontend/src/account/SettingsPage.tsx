import { useAuth } from "../auth/context";
import { PageHeader } from "../ui/Page";
import { ChangePassword } from "./ChangePassword";
import { DataExport } from "./DataExport";
import { DeleteAccount } from "./DeleteAccount";
import { MailPreferences } from "./MailPreferences";
import { ProfileDetails } from "./ProfileDetails";
import { ProgressSettings } from "./ProgressSettings";

/** My account: my profile and password, my progress settings, which e-mail I get, a copy of my data, and deleting the account. */
export function SettingsPage() {
  const { user } = useAuth();
  return (
    <>
      <PageHeader title="Settings" subtitle={user && <span className="break-all">Signed in as {user.email}</span>} />
      <div className="space-y-6">
        <ProfileDetails />
        <ChangePassword />
        <ProgressSettings />
        <MailPreferences />
        <DataExport />
        <DeleteAccount />
      </div>
    </>
  );
}
