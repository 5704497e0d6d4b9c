"""Quest and task management for admins."""
