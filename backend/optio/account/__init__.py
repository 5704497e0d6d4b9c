"""Data rights (issue 17): any user exports everything about them, or deletes their account.

service.py opens with the rules the database enforces; export.py builds exports, deletion.py
deletes accounts."""
