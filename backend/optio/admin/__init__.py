"""The admin workspace: analytics, accounts, and the quest catalog."""
