-- A quest's image is a web address or a path on the site (issue 19: the seeded art under
-- /quest-art/), so that whatever shows it (the web app's <img>, a credential's Image) gets a
-- URL: admins can write public.quests directly, past the API's stricter check (https only,
-- URL characters only). http stays allowed here for images set before the API required https.
-- An image that is neither was never shown; it goes before the check is added.
update public.quests set image_url = null
where image_url is not null
  and not (length(image_url) <= 2048
           and image_url ~ '^(https?://[A-Za-z0-9]|/[^/\\])'
           and image_url !~ '[[:space:][:cntrl:]\\"<>]');

alter table public.quests add constraint quests_image_url_check check (
  length(image_url) <= 2048
  and image_url ~ '^(https?://[A-Za-z0-9]|/[^/\\])'
  and image_url !~ '[[:space:][:cntrl:]\\"<>]');
