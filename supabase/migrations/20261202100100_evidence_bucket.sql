-- The private bucket evidence files are stored in (STORAGE_BACKEND=supabase, optio/storage/
-- supabase.py; `evidence` is config.py's storage_bucket) and who may touch its objects.
-- Until now each project's bucket was made by hand, with whatever size limit and file types
-- the person chose, and nothing stated any right on storage.objects: the API's service role
-- bypasses RLS, but Supabase Storage's own HTTP API answers any client holding the anon key
-- and a user's token, and runs as that user under the policies on storage.objects.
--
-- The bucket holds at most what the API accepts (optio/storage/sniff.py): the bytes of the
-- largest kind (MAX_BYTES; the API holds images to their smaller limit) and the five types
-- sniffing recognises, the same list private.evidence_objects checks
-- (20261202000120_evidence_objects.sql). A signed-in user may read, write, replace and delete
-- only objects under their own folder, which is how new_key (optio/storage/base.py) names
-- them, <owner uuid>/<32 hex>.<extension>, and what private.evidence_objects.path requires.
-- A file a user writes here directly is not recorded in private.evidence_objects, so no
-- completion can name it as evidence. anon has no policy: it sees and writes nothing.
--
-- Only a database with Supabase's storage schema has these tables; on plain PostgreSQL (tests,
-- `make dev`: supabase/local/ emulates roles and auth only) this migration does nothing.
-- It states the whole bucket and its policies, so a bucket made by hand before is brought in
-- line. RLS on storage.objects is Storage's own (its migrations enable it; the table belongs
-- to supabase_storage_admin, so we do not alter it).
do $$
begin
  if to_regclass('storage.buckets') is null or to_regclass('storage.objects') is null then
    return;
  end if;

  insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
  values ('evidence', 'evidence', false, 25 * 1024 * 1024,
    array['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'])
  on conflict (id) do update set
    public = excluded.public,
    file_size_limit = excluded.file_size_limit,
    allowed_mime_types = excluded.allowed_mime_types;

  -- One policy per action. Dropped first so running this again (or over policies of the same
  -- name made by hand) leaves exactly these definitions.
  drop policy if exists evidence_bucket_select_own on storage.objects;
  create policy evidence_bucket_select_own on storage.objects
    for select to authenticated
    using (bucket_id = 'evidence'
      and (storage.foldername(name))[1] = (select auth.uid())::text);

  drop policy if exists evidence_bucket_insert_own on storage.objects;
  create policy evidence_bucket_insert_own on storage.objects
    for insert to authenticated
    with check (bucket_id = 'evidence'
      and (storage.foldername(name))[1] = (select auth.uid())::text);

  -- Both sides: an own object stays in the user's folder (no moving it to someone else's).
  drop policy if exists evidence_bucket_update_own on storage.objects;
  create policy evidence_bucket_update_own on storage.objects
    for update to authenticated
    using (bucket_id = 'evidence'
      and (storage.foldername(name))[1] = (select auth.uid())::text)
    with check (bucket_id = 'evidence'
      and (storage.foldername(name))[1] = (select auth.uid())::text);

  drop policy if exists evidence_bucket_delete_own on storage.objects;
  create policy evidence_bucket_delete_own on storage.objects
    for delete to authenticated
    using (bucket_id = 'evidence'
      and (storage.foldername(name))[1] = (select auth.uid())::text);
end
$$;
