import type { Schemas } from "../api/client";

export type MailCategory = Schemas["UnsubscribePublic"]["category"];

/** Each category of e-mail in plain words: what it is called, and what it brings. */
export const MAIL_CATEGORIES: Record<MailCategory, { label: string; description: string; stops: string }> = {
  links: {
    label: "Invitations and new links",
    description: "When a parent or advisor invites you to link accounts, or a new link is made.",
    stops: "e-mail about invitations and new links with parents and advisors",
  },
  feedback: {
    label: "Feedback on work",
    description: "When someone leaves feedback on a completed task, or replies to it.",
    stops: "e-mail about feedback on work and replies to it",
  },
  digest: {
    label: "Weekly digest",
    description: "For parents: a summary each Monday of what your linked children did the week before.",
    stops: "the weekly digest of your children's work",
  },
};

export const CATEGORY_ORDER: MailCategory[] = ["links", "feedback", "digest"];
