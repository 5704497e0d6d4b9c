import { apiAsset, type Schemas } from "../api/client";
import { plural } from "../ui/plural";

/** The card the API draws for a diploma's link previews (1200×630 PNG), as an absolute URL. */
export function diplomaCardUrl(slug: string): string {
  return new URL(apiAsset(`/api/diplomas/${encodeURIComponent(slug)}/card.png`), window.location.origin).href;
}

/**
 * Open Graph and Twitter tags, so that a shared diploma link previews with its owner, XP and card
 * (the same as the server puts in the page for crawlers, optio/web.py).
 */
export function DiplomaMeta({ diploma, url }: { diploma: Schemas["DiplomaPublic"]; url: string }) {
  const title = `${diploma.display_name}'s diploma · Optio`;
  const description =
    diploma.headline ??
    `${diploma.display_name} has earned ${diploma.xp.total} XP and completed ${plural(diploma.totals.completed_quests, "quest")} on Optio.`;
  const card = diplomaCardUrl(diploma.slug);
  const alt = `${diploma.display_name}'s Optio diploma: ${diploma.xp.total} XP`;
  return (
    <>
      <title>{title}</title>
      <meta name="description" content={description} />
      <meta property="og:type" content="profile" />
      <meta property="og:site_name" content="Optio" />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta property="og:image" content={card} />
      <meta property="og:image:type" content="image/png" />
      <meta property="og:image:width" content="1200" />
      <meta property="og:image:height" content="630" />
      <meta property="og:image:alt" content={alt} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      <meta name="twitter:image" content={card} />
      <meta name="twitter:image:alt" content={alt} />
    </>
  );
}
