-- Demo data for development, loaded by `optio db seed` (and `make dev`) after the migrations.
-- The demo accounts are created by `optio db seed` itself, through the auth provider, so their
-- passwords are hashed the same way as every other account's.
select 1;
