export const authKeys = {
  /** The signed-in user (or null); signing out keeps this query and forgets every other. */
  me: ["auth", "me"] as const,
};
