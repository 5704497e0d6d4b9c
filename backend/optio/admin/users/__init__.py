"""Account management for admins: find users, change role, tier and activity."""
