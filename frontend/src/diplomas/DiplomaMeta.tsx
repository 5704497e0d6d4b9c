import type { Schemas } from "../api/client";

/** Open Graph and Twitter tags, so that a shared diploma link previews with its owner and XP. */
export function DiplomaMeta({ diploma, url }: { diploma: Schemas["DiplomaPublic"]; url: string }) {
  const title = `${diploma.display_name}'s diploma · Optio`;
  const description =
    diploma.headline ??
    `${diploma.display_name} has earned ${diploma.xp.total} XP and completed ${diploma.totals.completed_quests} quests on Optio.`;
  return (
    <>
      <title>{title}</title>
      <meta name="description" content={description} />
      <meta property="og:type" content="profile" />
      <meta property="og:site_name" content="Optio" />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
    </>
  );
}
