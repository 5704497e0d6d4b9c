"""Children under 13: a parent's consent, asked by e-mail or given by making the child's account."""
