import { API_URL } from "../api/client";
import { buttonClass } from "../ui/Button";
import { useAuthSettings } from "./hooks";

// Supabase's provider keys whose brand is not the key capitalised.
const NAMES: Record<string, string> = {
  azure: "Microsoft",
  github: "GitHub",
  gitlab: "GitLab",
  linkedin_oidc: "LinkedIn",
  workos: "WorkOS",
};

export function providerName(provider: string): string {
  return NAMES[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1);
}

/**
 * "Continue with Google", "Continue with Apple"…: one link per provider the server offers, and
 * nothing at all (not even the divider) when it offers none or the settings did not load.
 */
export function OAuthButtons() {
  const settings = useAuthSettings();
  const providers = settings.data?.oauth_providers ?? [];
  if (providers.length === 0) return null;
  return (
    <div className="mb-6">
      <ul className="space-y-2">
        {providers.map((provider) => (
          <li key={provider}>
            {/* A full-page navigation: the API answers with a redirect to the provider. */}
            <a
              href={`${API_URL}/api/auth/oauth/${encodeURIComponent(provider)}`}
              className={buttonClass("secondary", "w-full")}
            >
              Continue with {providerName(provider)}
            </a>
          </li>
        ))}
      </ul>
      <div className="mt-6 flex items-center gap-3 text-sm text-slate-600">
        <span aria-hidden className="h-px flex-1 bg-slate-200" />
        or use your e-mail
        <span aria-hidden className="h-px flex-1 bg-slate-200" />
      </div>
    </div>
  );
}
