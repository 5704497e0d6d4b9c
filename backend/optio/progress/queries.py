"""SQL of progression: levels from public.level_at over the XP totals (user_skill_xp, kept from
the ledger by triggers), in one statement."""

from __future__ import annotations

from typing import Any

from ..db import Tx

# My overall level and each pillar's mastery (every pillar, zeros included).
_LEVELS = """
with mine as (
  select p.pillar, p.n, coalesce(x.xp_amount, 0)::bigint as xp
  from unnest(%(pillars)s::text[]) with ordinality p(pillar, n)
  left join public.user_skill_xp x
    on x.user_id = (select auth.uid()) and x.pillar = p.pillar
)
select 'overall' as scope, null::text as pillar, t.xp, l.level, l.xp_into_level, l.xp_to_next,
       0::bigint as n
from (select coalesce(sum(xp), 0)::bigint as xp from mine) t
cross join lateral public.level_at('overall', t.xp) l
union all
select 'pillar', m.pillar, m.xp, l.level, l.xp_into_level, l.xp_to_next, m.n
from mine m cross join lateral public.level_at('pillar', m.xp) l
order by n"""


def levels(tx: Tx, pillars: list[str]) -> list[dict[str, Any]]:
    return tx.all(_LEVELS, {"pillars": pillars})
