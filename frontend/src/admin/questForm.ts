/** What the admin quest endpoints take as a task's XP (XpValue in optio/admin/quests/schemas.py). */
export const ADMIN_XP = { min: 1, max: 10_000 };
