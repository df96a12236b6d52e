"""What Codex remembers about a hook: its position key, its trust hash, and the order that keeps both.

Codex (0.171) runs a hook from ``hooks.json`` only after the user approves it (``/hooks`` in the
TUI), and records the approval in the *user* ``config.toml``::

    [hooks.state."<hooks.json path>:<event_snake>:<group>:<handler>"]
    trusted_hash = "sha256:…"

The key is the hook's position; the hash is SHA-256 over compact, key-sorted JSON of
``{"event_name", "matcher"?, "hooks": [{"type": "command", "command", "timeout", "async",
"statusMessage"?}]}`` (checked against ``hooks/list``'s ``currentHash``). hsync never writes this
state; it reads it to say which hooks still wait for approval, and keeps every group where it was
in the file already written, so a re-sync does not move an approved hook to another key.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

DEFAULT_TIMEOUT = 600


def snake(event: str) -> str:
    """``PreToolUse`` → ``pre_tool_use`` (Codex's key spelling of an event)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", event).lower()


def hook_key(path: Path, event: str, group: int, handler: int) -> str:
    return f"{path}:{snake(event)}:{group}:{handler}"


def hook_hash(event: str, matcher: str | None, handler: dict[str, Any]) -> str:
    """The ``trusted_hash`` Codex expects for ``handler`` (a command hook as written)."""
    normal: dict[str, Any] = {
        "type": "command",
        "command": handler["command"],
        "timeout": max(int(handler.get("timeout", DEFAULT_TIMEOUT)), 1),
        "async": bool(handler.get("async", False)),
    }
    if handler.get("statusMessage") is not None:
        normal["statusMessage"] = handler["statusMessage"]
    identity: dict[str, Any] = {"event_name": snake(event), "hooks": [normal]}
    if matcher is not None:
        identity["matcher"] = matcher
    text = json.dumps(identity, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def approved_hashes(user_config: dict[str, Any]) -> dict[str, str]:
    """``hooks.state`` of the user config: key → the hash the user approved."""
    hooks = user_config.get("hooks")
    state = hooks.get("state") if isinstance(hooks, dict) else None
    if not isinstance(state, dict):
        return {}
    return {
        key: entry["trusted_hash"]
        for key, entry in state.items()
        if isinstance(entry, dict) and isinstance(entry.get("trusted_hash"), str)
    }


def written_groups(path: Path) -> dict[str, list[Any]]:
    """The groups per event of the ``hooks.json`` on disk (empty when absent or unreadable)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    hooks = document.get("hooks") if isinstance(document, dict) else None
    if not isinstance(hooks, dict):
        return {}
    return {event: groups for event, groups in hooks.items() if isinstance(groups, list)}


def keep_positions(old: list[Any], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``new`` ordered so that every group already in ``old`` keeps its index where it can.

    A group still rendered stays where it was. A place a group left free (it changed or went
    away) goes to the group that now follows the same neighbour in the source (an edited hook
    keeps its place), else to the first new group; groups left over go to the end, in source
    order. Only a removal with nothing to take its place moves the groups after it.
    """
    remaining = list(new)
    placed: list[dict[str, Any] | None] = []
    for group in old:
        if group in remaining:
            remaining.remove(group)
            placed.append(group)
        else:
            placed.append(None)
    result: list[dict[str, Any]] = []
    for group in placed:
        if group is not None:
            result.append(group)
            continue
        if not remaining:
            continue
        after = new.index(result[-1]) + 1 if result else 0
        follower = new[after] if after < len(new) else None
        pick = follower if follower is not None and follower in remaining else remaining[0]
        remaining.remove(pick)
        result.append(pick)
    return result + remaining
