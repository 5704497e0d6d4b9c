"""Achievements: defined as data, unlocked by the database, listed here; admins add and retire."""
