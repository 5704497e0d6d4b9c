"""Helpers of the achievement tests: an achievement added as the database owner, completions."""

from __future__ import annotations

import json
from typing import Any


def add_achievement(
    conn, key: str, condition: dict[str, Any], xp_reward: int = 0, reward_pillar: str | None = None
) -> None:
    conn.execute(
        "insert into public.achievements (key, name, description, category, condition,"
        " xp_reward, reward_pillar) values (%s, %s, 'A test achievement.', 'quests', %s, %s, %s)",
        (key, key.replace("_", " ").title(), json.dumps(condition), xp_reward, reward_pillar),
    )


def complete(client, headers, task_id, kind: str = "text") -> Any:
    evidence = (
        {"type": "text", "text": "done"}
        if kind == "text"
        else {"type": "link", "url": "https://example.com/work"}
    )
    return client.post(f"/api/tasks/{task_id}/complete", json=evidence, headers=headers)
