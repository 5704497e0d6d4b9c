"""Platform analytics for admins."""
