"""Plans: what a subscription tier allows, read from `subscription_tiers.features`, and the one gate
that every tier-dependent feature goes through.

A feature's value is a boolean (included or not) or a limit: an integer, or null for no limit.
A key a tier lacks is not included. A route pipelines `plan_query(...)` with its other queries
(it costs no round trip of its own) and, when its guarded write did not happen, calls
`require(plan, feature)` to answer 403 `tier_limit` naming the cheapest tier that would allow it.
"""
