"""Which e-mail a user gets: preferences by category, and unsubscribing from a link, signed out."""
