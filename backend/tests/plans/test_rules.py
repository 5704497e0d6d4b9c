"""Python's allows() and SQL's private.tier_allows are one rule: they agree on any features."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.types.json import Jsonb

from optio.plans.rules import allows

from ..factories import make_user

VALUES = st.one_of(st.none(), st.booleans(), st.integers(min_value=-5, max_value=1_000_000))
FEATURES = st.dictionaries(st.sampled_from(["team_ups", "max_active_quests", "x"]), VALUES)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    features=FEATURES,
    feature=st.sampled_from(["team_ups", "max_active_quests", "x", "missing"]),
    used=st.integers(min_value=0, max_value=1_000_001),
)
def test_python_and_sql_agree(app, conn, features, feature, used):
    member = _member(app, conn)
    conn.execute(
        "update public.subscription_tiers set features = %s where tier_key = 'free'",
        (Jsonb(features),),
    )
    in_sql = conn.execute(
        "select private.tier_allows(%s, %s, %s)", (member, feature, used)
    ).fetchone()[0]
    assert in_sql == allows(features, feature, used)


_members: dict[int, object] = {}


def _member(app, conn):
    key = id(conn)
    if key not in _members:
        _members[key] = make_user(app)["id"]
    return _members[key]
