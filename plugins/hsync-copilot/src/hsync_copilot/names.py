"""One name, one output: which item gets a name when several want it (Claude's precedence)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from hsync_core import Item

SCOPE_RANK = {"local": 0, "project": 1, "user": 2, "plugin": 3}
ItemT = TypeVar("ItemT", bound=Item)


def by_precedence(items: Iterable[ItemT]) -> list[ItemT]:
    return sorted(items, key=lambda i: SCOPE_RANK.get(i.scope, len(SCOPE_RANK)))


def describe(item: Item) -> str:
    kind = {"skills": "skill", "commands": "command", "agents": "agent", "mcp": "MCP server"}.get(
        item.kind, item.kind
    )
    return f"the {item.scope} {kind} {item.qualified_name}"


class Names:
    """Names already given out in one place (a directory, a JSON object)."""

    def __init__(self) -> None:
        self._holders: dict[str, Item] = {}

    def take(self, name: str, item: Item) -> Item | None:
        """Give ``name`` to ``item``; if it is taken, return the holder and give nothing."""
        if name in self._holders:
            return self._holders[name]
        self._holders[name] = item
        return None

    def holder(self, names: Sequence[str]) -> Item | None:
        return next((self._holders[n] for n in names if n in self._holders), None)
