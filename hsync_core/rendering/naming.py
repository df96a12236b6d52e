"""The naming policy: which item names can become file or directory names in a harness, and
which item gets a name when several want it (Claude Code's precedence; ``Names``).

Used by the readers (a name with ``..`` or ``/`` is not an item) and by every adapter (a name a
harness cannot take is renamed or skipped the same way everywhere).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TypeVar

from ..models import Item

#: the longest item name hsync writes a file for: file names end at 255 bytes, and adapters add
#: prefixes and suffixes
MAX_NAME_BYTES = 100


def unsafe_name_reason(name: str) -> str | None:
    """Why ``name`` cannot name a file or directory hsync writes, or None when it can."""
    if not name:
        return "the name is empty"
    if "\0" in name:
        return "the name contains a NUL byte"
    if "/" in name or "\\" in name:
        return f"the name {name!r} contains a path separator"
    if name in (".", "..") or ".." in name:
        return f"the name {name!r} contains '..'"
    if name.startswith("~"):
        return f"the name {name!r} starts with '~'"
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        return f"the name {name!r} contains a control character"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"the name is longer than {MAX_NAME_BYTES} bytes ({name[:40]!r}…)"
    return None


#: Claude Code's precedence when items of one name come from several scopes (first wins)
SCOPE_RANK = {"local": 0, "project": 1, "user": 2, "plugin": 3}
ItemT = TypeVar("ItemT", bound=Item)


def by_precedence(items: Iterable[ItemT]) -> list[ItemT]:
    """``items`` with the ones Claude Code prefers first (local > project > user > plugin),
    stable otherwise: give names out in this order so the item Claude Code uses wins."""
    return sorted(items, key=lambda i: SCOPE_RANK.get(i.scope, len(SCOPE_RANK)))


def describe_item(item: Item) -> str:
    """``the project skill release-notes``: an item as a reason names it."""
    kind = {"skills": "skill", "commands": "command", "agents": "agent", "mcp": "MCP server"}.get(
        item.kind, item.kind
    )
    return f"the {item.scope} {kind} {item.qualified_name}"


class Names:
    """Names already given out in one place (a directory, a config table): two items that map
    to one name are a collision, and the second is skipped with a reason naming the first."""

    def __init__(self) -> None:
        self._holders: dict[str, Item] = {}

    def take(self, names: str | Sequence[str], item: Item) -> Item | None:
        """Give ``names`` (one or several) to ``item``; if one is taken, return its holder and
        give nothing."""
        wanted = [names] if isinstance(names, str) else list(names)
        for name in wanted:
            if name in self._holders:
                return self._holders[name]
        for name in wanted:
            self._holders[name] = item
        return None

    def holder(self, names: Sequence[str]) -> Item | None:
        """Who holds any of ``names``, if anyone."""
        return next((self._holders[n] for n in names if n in self._holders), None)
