"""Fakes of the external services the app talks to over HTTP.

FakeSupabase plays hosted Supabase's Auth (GoTrue) and Storage APIs on a real HTTP server
(127.0.0.1, a free port, threads), so that the real `supabase` client (supabase-py 2.34:
supabase_auth, storage3, httpx) runs unchanged against it. It was written from the sources:

- supabase/auth at v2.196.0-2-gbc32168e (commit bc32168e13fdc928c98b449fc76bc3fdb9a293c5,
  2026-08-20): internal/api signup.go, token.go, verify.go, resend.go, recover.go,
  magic_link.go, invite.go, admin.go (adminUserCreate), user.go, logout.go, external.go,
  pkce.go, mail.go, errors.go, apierrors/errorcode.go, internal/tokens/service.go,
  internal/models (user, sessions, refresh_token, flow_state, identity, linking),
  internal/storage (UpdateOnly);
- supabase/storage at v1.70.6 (commit 4fa61fba9371c4bd40cbb81509f07bcb3af21683,
  2026-08-21): src/http/routes/object and bucket, src/storage/object.ts, uploader.ts,
  limits.ts, src/internal/errors (codes.ts, storage-error.ts) and src/http/error-handler.ts.

Like GoTrue, it keeps users in the app's own database: `auth.users` (bcrypt password hashes,
which fires the app's trigger that makes the public.users profile) and one `auth.sessions`
row per session (deleted again when the session ends, which the app's request context
checks). Refresh tokens (GoTrue's legacy 12-character tokens, rotated with the reuse
interval), one-time tokens, PKCE flows, identities and stored objects are kept in memory.

Errors are GoTrue's: the status, `code` and `message` of the 2024-01-01 API version that
supabase-py asks for (`{"code", "error_code", "msg"}` for clients that ask for none); Storage's
are `{"statusCode": "409", "code", "error": "Duplicate", "message"}` with HTTP status 400, as
Storage answers every refusal below 500.

Where the fake is simpler than Supabase: no phone, SMS, MFA, SSO, anonymous users or captcha;
every http(s) redirect_to is allowed (hosted Supabase checks an allow list); OAuth providers
answer at once with the identity the test queued (`next_oauth_identity`); Storage grants the
service role everything and refuses other roles; there is no API gateway rate limit.
"""

from .model import Mail
from .server import FakeSupabase

__all__ = ["FakeSupabase", "Mail"]
