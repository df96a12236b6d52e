"""The naming policy: which item names can become file or directory names in a harness, and
which item gets a name when several want it (Claude Code's precedence; ``Names``).

Used by the readers (a name with ``..`` or ``/`` is not an item) and by every adapter (a name a
harness cannot take is renamed or skipped the same way everywhere).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from ..models import Item, ReportEntry

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


def fit_name(
    name: str,
    *,
    allowed: str = "A-Za-z0-9_-",
    lower: bool = False,
    reserved: Iterable[str] = (),
    fallback: str = "item",
) -> str:
    """``name`` as a harness can take it: every run of characters outside ``allowed`` (a regex
    character-class body) becomes ``-``, ``-`` at either end goes, optionally lowercased; a
    reserved word gets ``-1`` appended; nothing left gives ``fallback``."""
    new = re.sub(f"[^{allowed}]+", "-", name.lower() if lower else name).strip("-") or fallback
    if new.casefold() in {r.casefold() for r in reserved}:
        new += "-1"
    return new


def renamed(item: Item, old: str, new: str, reason: str, **kw: Any) -> ReportEntry:
    """The one report line for a renamed item, the same in every adapter:
    ``renamed 'old' -> 'new': <reason>`` (a warning on the item's ``name`` field)."""
    return ReportEntry.for_item(
        item, f"renamed {old!r} -> {new!r}: {reason}", action="warning", field="name", **kw
    )


def name_taken(item: Item, holder: Item, name: str, where: str, **kw: Any) -> ReportEntry:
    """The one report line for the second of two items that map to one name: skipped, naming
    both sources."""
    mine = f" ({_origin(item)})" if item.origin else ""
    theirs = f" ({_origin(holder)})" if holder.origin else ""
    reason = f"{describe_item(holder)}{theirs} already takes the name {name!r} in {where}; {describe_item(item)}{mine} is not written"
    return ReportEntry.for_item(item, reason, **kw)


def _origin(item: Item) -> str:
    """Where ``item`` was read, short and the same on every machine: from the last ``.claude``
    folder or ``.claude.json`` on, else the file's name (``.mcp.json``)."""
    assert item.origin is not None
    parts = item.origin.parts
    marks = [i for i, part in enumerate(parts) if part.startswith(".claude")]
    return "/".join(parts[marks[-1] :]) if marks else parts[-1]


class Names:
    """Names already given out in one place (a directory, a config table): two items that map
    to one name are a collision, and the second is skipped with a reason naming the first.

    Names differing only in case collide too: the file systems of macOS and Windows fold case,
    so ``Review.md`` and ``review.md`` are one file there.
    """

    def __init__(self) -> None:
        self._holders: dict[str, Item] = {}

    def take(self, names: str | Sequence[str], item: Item) -> Item | None:
        """Give ``names`` (one or several) to ``item``; if one is taken, return its holder and
        give nothing."""
        wanted = [n.casefold() for n in ([names] if isinstance(names, str) else names)]
        for name in wanted:
            if name in self._holders:
                return self._holders[name]
        for name in wanted:
            self._holders[name] = item
        return None

    def claim(
        self, item: Item, name: str, where: str, *, also: Sequence[str] = (), **kw: Any
    ) -> ReportEntry | None:
        """Give ``name`` (and ``also``) to ``item``: None when it is free, else the report line
        that skips ``item`` (:func:`name_taken`)."""
        holder = self.take([name, *also], item)
        return None if holder is None else name_taken(item, holder, name, where, **kw)

    def holder(self, names: Sequence[str]) -> Item | None:
        """Who holds any of ``names``, if anyone."""
        return next((self._holders[n.casefold()] for n in names if n.casefold() in self._holders), None)
