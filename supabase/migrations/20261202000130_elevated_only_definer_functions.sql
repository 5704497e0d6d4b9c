-- Two definer functions that act only on the caller's own row were still too much to hand a
-- client, who can call them directly through Supabase's Data API with any arguments:
--
-- * private.finish_ai_call records how the caller's pending AI request ended. An
--   upstream_error does not count against the daily quota, so a user could write off each of
--   their own requests as one and ask without limit.
-- * private.link_stripe_customer stores a Stripe customer id on the caller's row. Webhooks find
--   their user by customer id, so linking somebody else's customer would bring that
--   customer's subscription (and its tier) to this account.
--
-- Only the API calls them now, elevated (the connection's own role, with the caller's claims,
-- in optio.db.side_transaction(role="elevated")): auth.uid() still names the caller.
revoke execute on function
  private.finish_ai_call(uuid, text, integer, integer, integer, integer),
  private.link_stripe_customer(text)
  from public, anon, authenticated;
