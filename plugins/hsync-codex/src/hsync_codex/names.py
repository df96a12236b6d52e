"""One name, one output: which item gets a name when several want it.

Claude Code's precedence decides (local > project > user > plugin); the loser is skipped with a
reason naming the winner.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from hsync_core import Item

SCOPE_RANK = {"local": 0, "project": 1, "user": 2, "plugin": 3}
ItemT = TypeVar("ItemT", bound=Item)


def by_precedence(items: Iterable[ItemT]) -> list[ItemT]:
    """``items`` with the ones Claude Code prefers first (stable otherwise)."""
    return sorted(items, key=lambda i: SCOPE_RANK.get(i.scope, len(SCOPE_RANK)))


def describe(item: Item) -> str:
    """``the project skill release-notes``: an item as a reason names it."""
    kind = {"skills": "skill", "commands": "command", "agents": "agent", "mcp": "MCP server"}.get(
        item.kind, item.kind
    )
    return f"the {item.scope} {kind} {item.qualified_name}"


class Names:
    """Names already given out in one place (a directory, a config table)."""

    def __init__(self) -> None:
        self._holders: dict[str, Item] = {}

    def take(self, names: Sequence[str], item: Item) -> Item | None:
        """Give ``names`` to ``item``; if one is taken, return its holder and give nothing."""
        for name in names:
            if name in self._holders:
                return self._holders[name]
        for name in names:
            self._holders[name] = item
        return None
