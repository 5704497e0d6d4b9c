import type { Schemas } from "../api/client";

type Notification = Pick<Schemas["NotificationPublic"], "type" | "data">;

/** A non-empty string field of a notification's data (the database stores ids as strings). */
function text(data: Notification["data"], key: string): string | null {
  const value = data[key];
  return typeof value === "string" && value !== "" ? value : null;
}

const at = (path: string, id: string | null) => (id ? `${path}/${encodeURIComponent(id)}` : null);

/**
 * The path of the page a notification is about, from its kind and data (what each kind holds:
 * backend/optio/notifications/wording.py); null when it leads nowhere (a kind this app does not
 * know, or an older notice stored with its own words and no ids).
 */
export function targetOf({ type, data }: Notification): string | null {
  const quest = at("/quests", text(data, "quest_id"));
  switch (type) {
    case "quest_completed":
    case "quest_suggested":
    case "feedback_received": // the thread is under the task, on the quest's page
      return quest;
    case "team_request_received":
    case "team_request_accepted":
      return "/team";
    case "submission_approved":
      return quest ?? "/submissions";
    case "submission_rejected":
      return "/submissions";
    case "tier_changed":
    case "payment_failed":
      return "/billing";
    case "credential_revoked":
      return at("/verify", text(data, "credential_id"));
    case "link_invited":
      return "/links";
    case "link_created":
      // The supporter's copy names the student; the student's names the supporter.
      return text(data, "student_name") ? "/students" : "/links";
    case "feedback_reply": // to a parent or advisor: the student's page holds the thread
      return at("/students", text(data, "student_id"));
    case "consent_granted":
      return "/diploma";
    case "consent_revoked":
      return "/consent";
    case "achievement_unlocked":
      return "/achievements";
    default:
      return null;
  }
}
